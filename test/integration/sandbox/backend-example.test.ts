import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { freePort } from '../../support/console.ts';
import { hubFetch } from '../../support/hub-host-page.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';

const DOC = new URL('../../../docs/sandbox.md', import.meta.url);

/** The first ```js block under "## Use the sandbox from your own backend" in docs/sandbox.md, verbatim. */
function exampleFromDocs(): string {
  const doc = readFileSync(DOC, 'utf8');
  const section = doc.slice(doc.indexOf('## Use the sandbox from your own backend'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!code) throw new Error('no js example under "Use the sandbox from your own backend"');
  return code;
}

let sandbox: RunningSandbox;
let backend: ChildProcess;
let backendUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'backend-example-'));

// The example as a user runs it: its own folder (with express resolvable), `node server.mjs`, and
// nothing but STACKONE_BASE_URL and STACKONE_API_KEY pointing it at the sandbox.
beforeAll(async () => {
  sandbox = await startTestSandbox();
  writeFileSync(join(dir, 'server.mjs'), exampleFromDocs());
  const expressManifest = createRequire(import.meta.url).resolve('express/package.json');
  symlinkSync(dirname(dirname(expressManifest)), join(dir, 'node_modules'), 'dir');
  const port = await freePort();
  backendUrl = `http://127.0.0.1:${port}`;
  backend = spawn(process.execPath, ['server.mjs'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      STACKONE_BASE_URL: sandbox.url,
      STACKONE_API_KEY: sandbox.apiKey,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`backend listening on http://localhost:${port}`)) resolve();
    };
    backend.stdout!.on('data', onData);
    backend.stderr!.on('data', onData);
    backend.once('exit', (code) => reject(new Error(`the example exited (${code}):\n${output}`)));
  });
});

afterAll(async () => {
  if (backend && backend.exitCode === null) {
    const exited = new Promise((resolve) => backend.once('exit', resolve));
    backend.kill('SIGTERM');
    await exited;
  }
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const askForSession = (body: Record<string, unknown>) =>
  fetch(`${backendUrl}/stackone_connect_sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** What the Hub does when the user connects Ashby with an API key: answers the new account's id. */
async function linkAshby(token: string): Promise<string> {
  const res = await hubFetch(sandbox.url, token, '/hub/accounts', {
    method: 'POST',
    body: JSON.stringify({
      integration_id: 'int_ashby_apikey',
      credentials: { api_key: 'ashby_backend_key' },
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

describe('the backend example in docs/sandbox.md, against the sandbox', () => {
  it('creates a connect session with the owner fields set server-side, and the account linked with it carries them', async () => {
    const res = await askForSession({ provider: 'ashby', label: 'UK entity' });
    expect(res.status).toBe(201);
    const { token, authLinkUrl } = (await res.json()) as { token: string; authLinkUrl: string };
    expect(authLinkUrl).toBe(`${sandbox.url}/embedded/integrations?token=${token}`);

    const check = await platformFetch(sandbox, '/connect_sessions/authenticate', {
      method: 'POST',
      body: JSON.stringify({ token }),
    });
    expect(check.status).toBe(201);
    expect(await check.json()).toMatchObject({
      origin_owner_id: 'customer-123',
      origin_owner_name: 'Acme Inc',
      origin_username: 'jane@acme.example',
      provider: 'ashby',
      label: 'UK entity',
    });

    const id = await linkAshby(token);
    const account = await platformFetch(sandbox, `/accounts/${id}`);
    expect(await account.json()).toMatchObject({
      id,
      provider: 'ashby',
      status: 'active',
      origin_owner_id: 'customer-123',
      label: 'UK entity',
    });
  });

  it('adds a second account for the same customer and provider with multiple: true', async () => {
    const sessions = await Promise.all(
      [{ label: 'First' }, { label: 'Second', multiple: true }].map(async (body) => {
        const res = await askForSession({ provider: 'ashby', ...body });
        expect(res.status).toBe(201);
        return ((await res.json()) as { token: string }).token;
      }),
    );
    const first = await linkAshby(sessions[0]!);
    const second = await linkAshby(sessions[1]!);
    expect(second).not.toBe(first);

    const list = await platformFetch(sandbox, '/accounts?origin_owner_id=customer-123&providers=ashby');
    const labels = ((await list.json()) as { label: string | null }[]).map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['First', 'Second']));
  });

  it("passes StackOne's error on: an unknown provider is a 400 with its message", async () => {
    const res = await askForSession({ provider: 'no-such-provider' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Unknown provider "no-such-provider"' });
  });
});
