import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../../server/doctor/format-report.ts';
import { hasFailure, runDoctor, type DoctorTarget } from '../../../../server/doctor/run-doctor.ts';
import { createStackOneView } from '../../../../server/doctor/stackone-view.ts';
import type { RawOutcome, RawRequest } from '../../../../server/stackone/raw-request.ts';

const target: DoctorTarget = {
  stackOne: { baseUrl: 'https://api.stackone.test', apiKey: 'k', timeoutMs: 1000 },
  isSandbox: false,
  publicUrl: 'https://switchboard.example.com',
  webhookSecretCount: 1,
};
const answer = (status: number, body: unknown, message = ''): RawOutcome => ({
  kind: 'answer',
  status,
  body,
  message,
  date: new Date().toUTCString(),
  localMidpointMs: Date.now(),
});
const account = (n: number) => ({
  id: `acc_${n}`,
  provider: 'hibob',
  status: 'active',
  origin_owner_id: 'o1',
  origin_owner_name: 'Org',
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
});

/** A StackOne of 130 accounts with 1-based pages, and the requests it was sent. */
function fakeStackOne(overrides: (req: RawRequest) => RawOutcome | undefined = () => undefined) {
  const sent: RawRequest[] = [];
  const all = Array.from({ length: 130 }, (_, i) => account(i));
  const raw = async (req: RawRequest): Promise<RawOutcome> => {
    sent.push(req);
    const overridden = overrides(req);
    if (overridden) return overridden;
    const q = req.query ?? {};
    if (req.method === 'PATCH') return answer(404, {}, 'Not found');
    if (req.path === '/accounts') {
      const page = Number(q.page);
      if (page < 1) return answer(400, {}, 'page must be at least 1');
      const size = Number(q.page_size);
      return answer(200, all.slice((page - 1) * size, page * size));
    }
    if (req.path === '/connectors/meta') return answer(200, [{ provider: 'hibob', active: true }]);
    if (req.path === '/requests/logs') {
      const id = q.account_ids as string | undefined;
      const entries = ['acc_1', 'acc_2', 'acc_1'].filter((a) => !id || a === id);
      return answer(200, {
        data: entries.map((account_id) => ({ request_id: 'r', account_id })),
        next: null,
      });
    }
    return answer(404, {}, 'Not found');
  };
  return { sent, view: createStackOneView(raw) };
}

describe('runDoctor', () => {
  it('reports every check ok against a StackOne that behaves as the SDK documents', async () => {
    const { view } = fakeStackOne();
    const report = await runDoctor(target, view);
    expect(report.checks.map((c) => [c.id, c.level])).toEqual([
      ['api-key', 'ok'],
      ['accounts-envelope', 'ok'],
      ['accounts-first-page', 'ok'],
      ['accounts-page-size', 'ok'],
      ['accounts-count', 'ok'],
      ['connectors', 'ok'],
      ['request-log-filter', 'ok'],
      ['label-form', 'ok'],
      ['webhook-secret', 'ok'],
      ['public-url', 'ok'],
      ['clock-skew', 'ok'],
    ]);
    expect(report.checks.find((c) => c.id === 'accounts-count')?.detail).toBe('130 accounts (130 active)');
    expect(hasFailure(report)).toBe(false);
  });

  it('changes nothing: GETs, each once, and one PATCH of an account id that cannot exist', async () => {
    const { view, sent } = fakeStackOne();
    await runDoctor(target, view);
    const patches = sent.filter((r) => r.method !== 'GET');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.path).toMatch(/^\/accounts\/switchboard-doctor-no-such-account-[0-9a-f-]{36}$/);
    const gets = view.calls().filter((c) => c.startsWith('GET'));
    expect(new Set(gets).size).toBe(gets.length);
    expect(sent.filter((r) => r.method === 'GET')).toHaveLength(gets.length);
  });

  it('is one failed check when the key is refused, and asks nothing more of StackOne', async () => {
    const { view, sent } = fakeStackOne(() => answer(401, {}, 'Unauthorized'));
    const report = await runDoctor(target, view);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ id: 'api-key', level: 'fail' });
    expect(sent).toHaveLength(1);
    expect(hasFailure(report)).toBe(true);
    const text = formatReport(report);
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(/^FAIL {2}StackOne and API key: StackOne refused the API key \(401 Unauthorized\)/);
  });

  it('turns a check that breaks into a failed line naming it, and runs the others', async () => {
    const { view } = fakeStackOne((req) => {
      if (req.path === '/connectors/meta') throw new Error('boom');
      return undefined;
    });
    const report = await runDoctor(target, view);
    expect(report.checks.find((c) => c.id === 'connectors')).toMatchObject({
      level: 'fail',
      detail: 'The check itself failed: boom',
    });
    expect(report.checks).toHaveLength(11);
  });

  it('detects pages from 0 and a silent cap of 25', async () => {
    const all = Array.from({ length: 60 }, (_, i) => account(i));
    const { view } = fakeStackOne((req) => {
      if (req.path !== '/accounts') return undefined;
      const page = Number(req.query!.page);
      return answer(200, all.slice(page * 25, (page + 1) * 25));
    });
    const report = await runDoctor(target, view);
    const level = (id: string) => report.checks.find((c) => c.id === id)?.level;
    expect(level('accounts-first-page')).toBe('warn');
    expect(level('accounts-page-size')).toBe('warn');
    expect(report.checks.find((c) => c.id === 'accounts-count')?.detail).toBe('60 accounts (60 active)');
  });
});

describe('formatReport', () => {
  it('prints a line per check, what to do under a warning, and a summary', () => {
    const text = formatReport({
      target: 'https://api.stackone.test',
      sandbox: false,
      checkedAt: new Date().toISOString(),
      checks: [
        { id: 'a', title: 'A', level: 'ok', detail: 'fine' },
        { id: 'b', title: 'B', level: 'warn', detail: 'odd', fix: 'do this' },
      ],
    });
    expect(text).toBe(
      [
        'StackOne doctor: https://api.stackone.test',
        'ok    A: fine',
        'warn  B: odd',
        '      → do this',
        '1 ok, 1 warn, 0 fail',
      ].join('\n'),
    );
  });
});
