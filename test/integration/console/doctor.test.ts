import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { DoctorReportSchema } from '../../../shared/schemas/doctor.ts';
import { freePort, startTestConsole, type TestConsole } from '../../support/console.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** `npm run doctor` in a process of its own, with only the environment given (and PATH). */
function runDoctorCli(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/doctor/main.ts'], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const output = (r: { stdout: string; stderr: string }) => (r.stdout + r.stderr).trim();
const lines = (r: { stdout: string; stderr: string }) => output(r).split('\n');
const STACK_FRAME = /^\s+at |\.ts:\d+|Error:/m;

describe('npm run doctor', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ accounts: 60 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const healthyEnv = () => ({
    STACKONE_API_KEY: sandbox.apiKey,
    STACKONE_BASE_URL: sandbox.url,
    STACKONE_WEBHOOK_SECRETS: 'whsec_doctor_test',
    PUBLIC_URL: 'https://switchboard.example.com',
  });

  it('reports every check ok against a healthy standalone sandbox, and exits 0', async () => {
    const result = await runDoctorCli(healthyEnv());
    expect(result.stderr).toBe('');
    const checks = lines(result).slice(1, -1);
    expect(checks.length).toBeGreaterThanOrEqual(11);
    expect(
      checks.filter((l) => !l.startsWith('ok  ')),
      result.stdout,
    ).toEqual([]);
    expect(result.stdout).toContain('Accounts: 60 accounts');
    expect(lines(result).at(-1)).toMatch(/^\d+ ok, 0 warn, 0 fail$/);
    expect(result.code).toBe(0);
  });

  it('says in one line, with no stack trace, that the key was refused, and exits non-zero', async () => {
    const result = await runDoctorCli({ ...healthyEnv(), STACKONE_API_KEY: 'v1.wrong-key' });
    expect(lines(result), output(result)).toHaveLength(1);
    expect(output(result)).toMatch(/^FAIL .*StackOne refused the API key \(401.*STACKONE_API_KEY/);
    expect(output(result)).not.toMatch(STACK_FRAME);
    expect(output(result)).not.toContain('v1.wrong-key');
    expect(result.code).not.toBe(0);
  });

  it('says in one line that an unreachable StackOne is unreachable, naming the URL, and exits non-zero', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await runDoctorCli({ ...healthyEnv(), STACKONE_BASE_URL: closed });
    expect(lines(result), output(result)).toHaveLength(1);
    expect(output(result)).toMatch(new RegExp(`^FAIL .*unreachable at ${closed}: .*ECONNREFUSED`));
    expect(output(result)).not.toMatch(STACK_FRAME);
    expect(result.code).not.toBe(0);
  });

  it('checks an embedded sandbox of its own when no STACKONE_API_KEY is set', async () => {
    const result = await runDoctorCli({ SANDBOX_ACCOUNTS: '30', SANDBOX_PORT: '0' });
    expect(result.stdout).toMatch(/^StackOne doctor: the embedded sandbox \(http:\/\/localhost:\d+\)/);
    expect(result.stdout).toContain('Accounts: 30 accounts');
    expect(result.stdout).toMatch(/\d+ ok, \d+ warn, 0 fail/);
    expect(result.code).toBe(0);
  });

  it('stops on bad configuration naming the variable, without a stack trace', async () => {
    const result = await runDoctorCli({ ...healthyEnv(), STACKONE_BASE_URL: 'not a url' });
    expect(output(result)).toContain('STACKONE_BASE_URL');
    expect(output(result)).not.toMatch(/^\s+at /m);
    expect(result.code).not.toBe(0);
  });
});

describe('GET /api/settings/stackone/doctor', () => {
  let t: TestConsole;
  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 20, webhookUrls: [] } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the doctor report of the console’s StackOne to an admin', async () => {
    const res = await t.api('/api/settings/stackone/doctor');
    expect(res.status).toBe(200);
    const report = DoctorReportSchema.parse(await res.json());
    expect(report).toMatchObject({ target: t.sandbox.url, sandbox: false });
    expect(report.checks.find((c) => c.id === 'api-key')?.level).toBe('ok');
    expect(report.checks.find((c) => c.id === 'accounts-count')?.detail).toMatch(/^20 accounts/);
    expect(report.checks.filter((c) => c.level === 'fail')).toEqual([]);
  });

  it('refuses everyone else', async () => {
    for (const role of ['viewer', 'support', 'manager'] as const) {
      const res = await t.api('/api/settings/stackone/doctor', { cookie: await t.userCookie(role) });
      expect(res.status, role).toBe(403);
    }
    expect((await t.api('/api/settings/stackone/doctor', { cookie: '' })).status).toBe(401);
  });
});
