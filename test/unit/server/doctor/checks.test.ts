import { describe, expect, it } from 'vitest';
import { readAccountsPage } from '../../../../server/doctor/accounts-pages.ts';
import { judgeAccountCount, tallyAccounts } from '../../../../server/doctor/checks/accounts-count.ts';
import { judgeAccountsEnvelope } from '../../../../server/doctor/checks/accounts-envelope.ts';
import { judgeFirstPage, judgePageSize } from '../../../../server/doctor/checks/accounts-paging.ts';
import { judgeApiKey } from '../../../../server/doctor/checks/api-key.ts';
import { judgeClockSkew } from '../../../../server/doctor/checks/clock-skew.ts';
import { judgeConnectors } from '../../../../server/doctor/checks/connectors.ts';
import { judgeLabelProbe } from '../../../../server/doctor/checks/label-form.ts';
import {
  accountWithLogs,
  judgeFilterAnswer,
  judgeLogFilter,
} from '../../../../server/doctor/checks/request-log-filter.ts';
import { judgePublicUrl, judgeWebhookSecret } from '../../../../server/doctor/checks/webhook-setup.ts';
import type { RawOutcome } from '../../../../server/stackone/raw-request.ts';

const answer = (status: number, body: unknown, message = '', extra: Partial<RawOutcome> = {}): RawOutcome =>
  ({ kind: 'answer', status, body, message, date: null, localMidpointMs: 0, ...extra }) as RawOutcome;
const unreachable: RawOutcome = {
  kind: 'unreachable',
  timedOut: false,
  message: 'connect ECONNREFUSED 127.0.0.1:9',
};
const where = { baseUrl: 'https://api.stackone.com', isSandbox: false };
const account = (id: string, status = 'active') => ({
  id,
  provider: 'hibob',
  status,
  origin_owner_id: 'o1',
  origin_owner_name: 'Org',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

describe('the API key check', () => {
  it('fails and ends the report when StackOne cannot be reached, naming the URL and the cause', () => {
    const check = judgeApiKey(readAccountsPage(unreachable), where);
    expect(check).toMatchObject({ level: 'fail', fatal: true });
    expect(check.detail).toContain('https://api.stackone.com');
    expect(check.detail).toContain('ECONNREFUSED');
    expect(check.fix).toContain('STACKONE_BASE_URL');
  });

  it.each([401, 403])('fails and ends the report on a %i, saying to set STACKONE_API_KEY', (status) => {
    const check = judgeApiKey(readAccountsPage(answer(status, {}, 'Unauthorized')), where);
    expect(check).toMatchObject({ level: 'fail', fatal: true });
    expect(check.detail).toMatch(/refused the API key/);
    expect(check.fix).toContain('STACKONE_API_KEY');
  });

  it('passes on a list, and on a 400 (the key was accepted; the paging checks say more)', () => {
    expect(judgeApiKey(readAccountsPage(answer(200, [])), where)).toMatchObject({
      level: 'ok',
      fatal: false,
    });
    expect(judgeApiKey(readAccountsPage(answer(400, {}, 'page_size')), where)).toMatchObject({ level: 'ok' });
  });
});

describe('the envelope check', () => {
  it('passes on a bare array and warns, with what to do, on {data: [...]}', () => {
    expect(judgeAccountsEnvelope(readAccountsPage(answer(200, [])))).toMatchObject({ level: 'ok' });
    const check = judgeAccountsEnvelope(readAccountsPage(answer(200, { data: [] })));
    expect(check.level).toBe('warn');
    expect(check.fix).toBeTruthy();
  });
  it('fails on a body that is neither', () => {
    expect(judgeAccountsEnvelope(readAccountsPage(answer(200, { items: [] })))).toMatchObject({
      level: 'fail',
    });
  });
});

describe('the paging checks', () => {
  it('pass when pages start at 1 and warn, with what to do, when they start at 0', () => {
    expect(judgeFirstPage({ start: 1, how: 'page=0 is refused (400)' }).level).toBe('ok');
    const zero = judgeFirstPage({ start: 0, how: 'page=0 and page=1 hold different accounts' });
    expect(zero.level).toBe('warn');
    expect(zero.fix).toBeTruthy();
  });
  it('warn on a page shorter than asked for with more after it, naming the size', () => {
    const check = judgePageSize({ kind: 'short', size: 25 }, 100);
    expect(check.level).toBe('warn');
    expect(check.detail).toContain('25');
    expect(check.fix).toBeTruthy();
    expect(judgePageSize({ kind: 'as-requested', size: 100 }, 100).level).toBe('ok');
    expect(judgePageSize({ kind: 'all-on-one-page', count: 60 }, 100).level).toBe('ok');
  });
});

describe('the accounts count', () => {
  it('counts distinct accounts by status', () => {
    const tally = tallyAccounts([
      { items: [account('a'), account('b', 'error')] },
      { items: [account('b', 'error')] },
    ]);
    expect(tally).toMatchObject({ count: 2, byStatus: { active: 1, error: 1 }, invalidCount: 0 });
    expect(judgeAccountCount({ ...tally, stoppedEarly: null, failedPage: null })).toMatchObject({
      level: 'ok',
      detail: '2 accounts (1 active, 1 error)',
    });
  });

  it('counts a record of the wrong shape without failing, and warns naming it and the field', () => {
    const tally = tallyAccounts([{ items: [account('a'), { ...account('bad'), created_at: 'yesterday' }] }]);
    const check = judgeAccountCount({ ...tally, stoppedEarly: null, failedPage: null });
    expect(check.level).toBe('warn');
    expect(check.detail).toContain('bad: created_at');
  });

  it('names statuses StackOne does not document, and says a capped count is a floor', () => {
    const tally = tallyAccounts([{ items: [account('a', 'suspended')] }]);
    const check = judgeAccountCount({ ...tally, stoppedEarly: 'cap', failedPage: null });
    expect(check.detail).toContain('At least 1 accounts');
    expect(check.detail).toContain('suspended');
  });

  it('warns when a later page only repeats accounts (page ignored)', () => {
    const tally = tallyAccounts([{ items: [account('a')] }]);
    expect(judgeAccountCount({ ...tally, stoppedEarly: 'repeating', failedPage: null }).level).toBe('warn');
  });
});

describe('the connectors check', () => {
  it('counts connectors and enabled ones, in either envelope', () => {
    const list = [
      { provider: 'a', active: true },
      { provider: 'b', active: false },
    ];
    expect(judgeConnectors(answer(200, list))).toMatchObject({
      level: 'ok',
      detail: '2 connectors, 1 enabled',
    });
    expect(judgeConnectors(answer(200, { data: list })).detail).toContain('envelope');
  });
  it('fails when StackOne refuses the list', () => {
    expect(judgeConnectors(answer(403, {}, 'Forbidden'))).toMatchObject({ level: 'fail' });
  });
});

describe('the request-log filter check', () => {
  const logs = (...accountIds: (string | undefined)[]) =>
    answer(200, { data: accountIds.map((account_id) => ({ request_id: 'r', account_id })), next: null });

  it('judges each answer by its entries’ own account_id', () => {
    expect(judgeFilterAnswer(logs('a', 'a'), 'a')).toEqual({ kind: 'honoured', entries: 2 });
    expect(judgeFilterAnswer(logs('a', 'b', 'c'), 'a')).toEqual({ kind: 'ignored', others: 2, entries: 3 });
    expect(judgeFilterAnswer(logs(), 'a')).toMatchObject({ kind: 'untestable' });
    expect(judgeFilterAnswer(logs('a', undefined), 'a')).toMatchObject({ kind: 'untestable' });
    expect(judgeFilterAnswer(answer(400, {}, 'bad filter'), 'a')).toMatchObject({ kind: 'failed' });
  });

  it('picks an account the unfiltered log names, so the filter has entries to keep', () => {
    expect(accountWithLogs(logs(undefined, 'b', 'a'))).toEqual({ accountId: 'b' });
    expect(accountWithLogs(logs())).toMatchObject({ failed: false });
    expect(accountWithLogs(answer(403, {}, 'Forbidden'))).toMatchObject({ failed: true });
  });

  it('passes when account_ids filters, and warns with what to do when only filter[account_ids] does', () => {
    const honoured = { kind: 'honoured', entries: 3 } as const;
    const ignored = { kind: 'ignored', others: 2, entries: 3 } as const;
    expect(judgeLogFilter(honoured, honoured).level).toBe('ok');
    const bracket = judgeLogFilter(ignored, honoured);
    expect(bracket.level).toBe('warn');
    expect(bracket.detail).toMatch(/account_ids: ignored.*filter\[account_ids\]: honoured/);
    expect(bracket.fix).toContain('filter[account_ids]');
    expect(judgeLogFilter(ignored, ignored).level).toBe('warn');
  });
});

describe('the label form check', () => {
  it('warns, with what to do, when a string label is refused by name', () => {
    const check = judgeLabelProbe(answer(400, {}, 'label must be an object'));
    expect(check.level).toBe('warn');
    expect(check.detail).toContain('object');
    expect(check.fix).toBeTruthy();
  });
  it('reports unknown, as ok, when StackOne looks the account up first (404)', () => {
    expect(judgeLabelProbe(answer(404, {}, 'Not found'))).toMatchObject({
      level: 'ok',
      detail: expect.stringContaining('Unknown (the console detects it at the first label edit)'),
    });
  });
  it('warns when the key may not PATCH at all', () => {
    expect(judgeLabelProbe(answer(403, {}, 'Forbidden')).level).toBe('warn');
  });
});

describe('webhook secret and PUBLIC_URL', () => {
  it('warns without a webhook secret against a real StackOne, naming the variable', () => {
    expect(judgeWebhookSecret(2, false)).toMatchObject({ level: 'ok' });
    expect(judgeWebhookSecret(0, false)).toMatchObject({
      level: 'warn',
      fix: expect.stringContaining('STACKONE_WEBHOOK_SECRETS'),
    });
    expect(judgeWebhookSecret(1, true).level).toBe('ok');
  });
  it('passes on https and warns on http', () => {
    expect(judgePublicUrl('https://switchboard.example.com', false).level).toBe('ok');
    expect(judgePublicUrl('http://switchboard.example.com', false)).toMatchObject({
      level: 'warn',
      fix: expect.stringContaining('PUBLIC_URL'),
    });
  });
});

describe('the clock skew check', () => {
  const at = (localMs: number, date: string | null) =>
    answer(200, [], '', { date, localMidpointMs: localMs } as Partial<RawOutcome>);
  const t = Date.parse('2026-12-01T03:00:00.000Z');

  it('passes within the tolerance, whichever way', () => {
    expect(judgeClockSkew(at(t + 700, new Date(t).toUTCString())).level).toBe('ok');
    expect(judgeClockSkew(at(t - 10_000, new Date(t).toUTCString())).level).toBe('ok');
  });
  it('warns past it, saying by how much and which way', () => {
    const check = judgeClockSkew(at(t + 120_500, new Date(t).toUTCString()));
    expect(check.level).toBe('warn');
    expect(check.detail).toBe("This clock is 120 s ahead of StackOne's");
    expect(judgeClockSkew(at(t - 300_000, new Date(t).toUTCString())).detail).toContain('behind');
  });
  it('warns that it is unknown without a Date header', () => {
    expect(judgeClockSkew(at(t, null))).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('Unknown'),
    });
  });
});
