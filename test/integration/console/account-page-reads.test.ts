import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountDetail } from '../../../shared/schemas/account-detail.ts';
import type { InternalEvent } from '../../../server/events/internal-events.ts';
import type { ConsoleEvent } from '../../../shared/schemas/events.ts';
import { startConsole, type RunningConsole } from '../../../server/start-console.ts';
import {
  startTestConsole,
  TEST_ADMIN,
  TEST_DATABASES,
  TEST_WEBHOOK_SECRET,
  type TestConsole,
} from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

const sign = (body: string) => createHmac('sha256', TEST_WEBHOOK_SECRET).update(body).digest('base64url');

/** Resolves with the first bus event of the console that matches. */
function nextEvent(running: RunningConsole, match: (event: ConsoleEvent) => boolean): Promise<ConsoleEvent> {
  return new Promise((resolve) => {
    const stop = running.deps.bus.subscribe(({ event }) => {
      if (!match(event)) return;
      stop();
      resolve(event);
    });
  });
}

function nextInternal(
  running: RunningConsole,
  match: (event: InternalEvent) => boolean,
): Promise<InternalEvent> {
  return new Promise((resolve) => {
    const stop = running.deps.bus.internal!.subscribe((event) => {
      if (!match(event)) return;
      stop();
      resolve(event);
    });
  });
}

/**
 * The account page keeps an account's index row, timeline and meta between reads; whatever changes
 * the account must show on the very next read.
 */
describe.each(TEST_DATABASES)('the account page’s kept reads on $name', ({ kind }) => {
  let t: TestConsole;
  let ids: string[];
  let next = 0;
  const anAccount = () => ids[next++]!;

  beforeAll(async () => {
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 20, rateLimitPerMinute: 100_000 },
    });
    await t.console.deps.sync.runFull();
    const seeded = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as {
      id: string;
    }[];
    ids = seeded.map((a) => a.id);
  });
  afterEach(async () => {
    await platformFetch(t.sandbox, '/_sandbox/faults', { method: 'DELETE' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const detail = async (id: string, api = t.api) => {
    const res = await api(`/api/accounts/${id}`);
    expect(res.status).toBe(200);
    return (await res.json()) as AccountDetail;
  };
  const actions = (d: AccountDetail) => d.timeline.map((e) => `${e.kind}:${e.action}:${e.outcome}`);
  const patchLabel = (id: string, label: string) =>
    t.api(`/api/accounts/${id}`, { method: 'PATCH', body: JSON.stringify({ label }) });

  it('shows a label change and its audit row on the next read', async () => {
    const id = anAccount();
    await detail(id);
    await detail(id);
    expect((await patchLabel(id, 'Kept reads')).status).toBe(200);
    const after = await detail(id);
    expect(after.account.label).toBe('Kept reads');
    expect(actions(after)).toContain('audit:account.label_updated:success');
  });

  it('shows the audit row of a change StackOne refused on the next read', async () => {
    const id = anAccount();
    await detail(id);
    const fault = await platformFetch(t.sandbox, '/_sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ path: '/accounts', method: 'PATCH', status: 500 }),
    });
    expect(fault.status).toBe(201);
    expect((await patchLabel(id, 'Refused')).status).toBeGreaterThanOrEqual(500);
    const after = await detail(id);
    expect(after.account.label).not.toBe('Refused');
    expect(actions(after)).toContain('audit:account.label_updated:failure');
  });

  it('shows a webhook that changed the account on the next read', async () => {
    const id = anAccount();
    await detail(id);
    const changed = nextEvent(t.console, (e) => e.type === 'account.changed' && e.accountId === id);
    const res = await platformFetch(t.sandbox, `/_sandbox/accounts/${id}/break`, {
      method: 'POST',
      body: JSON.stringify({ status: 'error', code: 'token_expired', description: 'Kept reads expired' }),
    });
    expect(res.ok).toBe(true);
    await changed;
    const after = await detail(id);
    expect(after.account.status).toBe('error');
    expect(actions(after)).toContain('webhook:account.updated:applied');
  });

  it('shows a stored webhook that changed nothing on the next read', async () => {
    const id = anAccount();
    const before = await detail(id);
    const body = JSON.stringify({ event: 'account.kept_reads_unknown', account_id: id });
    const res = await fetch(`${t.console.url}/webhooks/stackone`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-stackone-signature': sign(body) },
      body,
    });
    expect(res.status).toBe(200);
    const after = await detail(id);
    expect(after.timeline.length).toBe(before.timeline.length + 1);
    expect(after.timeline[0]).toMatchObject({ kind: 'webhook', action: 'account.kept_reads_unknown' });
  });
});

// Only where there is a Postgres: PGlite is one process by construction.
describe.each(TEST_DATABASES.filter((d) => d.kind === 'postgres'))(
  'the account page’s kept reads across console processes on $name',
  () => {
    let t: TestConsole;
    let second: RunningConsole;
    let id: string;

    beforeAll(async () => {
      t = await startTestConsole({
        database: 'postgres',
        autoSync: false,
        sandbox: { accounts: 3, webhookUrls: [], rateLimitPerMinute: 100_000 },
      });
      await t.console.deps.sync.runFull();
      const { config } = t.console.deps;
      second = await startConsole({ ...config, port: 0 }, { database: t.database, autoSync: false });
      const seeded = (await (await platformFetch(t.sandbox, '/accounts')).json()) as { id: string }[];
      id = seeded[0]!.id;
    });
    afterAll(async () => {
      await second?.close();
      await t?.close();
    });

    it('shows a change made through another process on the next read', async () => {
      const cookie = await t.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const read = async () => {
        const res = await fetch(`${second.url}/api/accounts/${id}`, { headers: { cookie } });
        return (await res.json()) as AccountDetail;
      };
      await read();
      await read();
      const touched = nextInternal(second, (e) => e.type === 'account.touched' && e.accountId === id);
      const res = await t.api(`/api/accounts/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ label: 'Changed elsewhere' }),
      });
      expect(res.status).toBe(200);
      await touched;
      const after = await read();
      expect(after.account.label).toBe('Changed elsewhere');
      expect(after.timeline.map((e) => e.action)).toContain('account.label_updated');
    });
  },
);
