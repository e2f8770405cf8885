import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../../../server/doctor/run-doctor.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import type { DoctorReport } from '../../../shared/schemas/doctor.ts';
import type { SandboxDialect } from '../../../shared/schemas/sandbox-dialect.ts';
import { setDialects, startTestSandbox } from '../../support/sandbox.ts';

/**
 * The doctor against each sandbox dialect it can see read-only: the check that names the deviation
 * warns and says what to do, and nothing fails (the console copes with every dialect).
 */
describe('npm run doctor against the sandbox dialects', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    // More accounts than a capped page of 25 and fewer than one page of 100.
    sandbox = await startTestSandbox({ accounts: 60 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const doctorUnder = async (dialects: SandboxDialect[]): Promise<DoctorReport> => {
    await setDialects(sandbox, dialects);
    return runDoctor({
      stackOne: { baseUrl: sandbox.url, apiKey: sandbox.apiKey, timeoutMs: 10_000 },
      isSandbox: false,
      publicUrl: 'https://switchboard.example.com',
      webhookSecretCount: 1,
    });
  };
  const check = (report: DoctorReport, id: string) => report.checks.find((c) => c.id === id)!;
  const notOk = (report: DoctorReport) =>
    report.checks.filter((c) => c.level !== 'ok').map((c) => `${c.id}: ${c.level}`);

  it('page-zero: warns that pages start at 0, and still counts every account', async () => {
    const report = await doctorUnder(['page-zero']);
    expect(check(report, 'accounts-first-page')).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('Pages start at 0'),
      fix: expect.any(String),
    });
    expect(check(report, 'accounts-count').detail).toMatch(/^60 accounts/);
    expect(notOk(report)).toEqual(['accounts-first-page: warn']);
  });

  it('page-size-25: warns that a page of 100 came back as 25 with more after it', async () => {
    const report = await doctorUnder(['page-size-25']);
    expect(check(report, 'accounts-page-size')).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('page of 25'),
      fix: expect.any(String),
    });
    expect(check(report, 'accounts-count').detail).toMatch(/^60 accounts/);
    expect(notOk(report)).toEqual(['accounts-page-size: warn']);
  });

  it('page-zero and page-size-25 together: both, and the count still complete', async () => {
    const report = await doctorUnder(['page-zero', 'page-size-25']);
    expect(notOk(report)).toEqual(['accounts-first-page: warn', 'accounts-page-size: warn']);
    expect(check(report, 'accounts-count').detail).toMatch(/^60 accounts/);
  });

  it('envelope: warns that /accounts answers {"data": [...]}', async () => {
    const report = await doctorUnder(['envelope']);
    expect(check(report, 'accounts-envelope')).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('{"data": [...]}'),
      fix: expect.any(String),
    });
    expect(check(report, 'accounts-count').detail).toMatch(/^60 accounts/);
    expect(notOk(report)).toEqual(['accounts-envelope: warn']);
  });

  it('logs-filter-bracket: warns that only filter[account_ids] filters request logs', async () => {
    const report = await doctorUnder(['logs-filter-bracket']);
    expect(check(report, 'request-log-filter')).toMatchObject({
      level: 'warn',
      detail: expect.stringMatching(/^account_ids: ignored .*filter\[account_ids\]: honoured/),
      fix: expect.stringContaining('filter[account_ids]'),
    });
    expect(notOk(report)).toEqual(['request-log-filter: warn']);
  });

  it('extra-fields: names the status StackOne does not document, without failing a record', async () => {
    const report = await doctorUnder(['extra-fields']);
    expect(check(report, 'accounts-count').detail).toMatch(
      /^60 accounts .*statuses StackOne does not document: suspended/,
    );
    expect(notOk(report)).toEqual([]);
  });

  it('label-object: the probe on an id that cannot exist is refused for its string label, so it warns', async () => {
    // The sandbox validates the body before it looks the account up, so nothing is edited.
    const report = await doctorUnder(['label-object']);
    expect(check(report, 'label-form')).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('StackOne refuses a string label'),
    });
    expect(notOk(report)).toEqual(['label-form: warn']);
  });

  it('the default dialect: every check ok', async () => {
    expect(notOk(await doctorUnder([]))).toEqual([]);
  });
});
