import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  status: string;
  status_reasons?: { code: string | null }[] | null;
}

describe('sandbox demo actions through /api/sandbox', () => {
  let t: TestConsole;
  let accounts: WireAccount[];

  beforeAll(async () => {
    t = await startTestConsole({ autoSync: false, sandbox: { accounts: 20, rateLimitPerMinute: 100_000 } });
    await t.console.deps.sync.runFull();
    accounts = (await (await platformFetch(t.sandbox, '/accounts?page_size=100')).json()) as WireAccount[];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says the console runs on the sandbox, with its docs on the console’s own origin', async () => {
    const res = await t.api('/api/sandbox');
    expect(await res.json()).toEqual({ enabled: true, docsUrl: '/sandbox-docs' });
    const docs = await t.api('/sandbox-docs', { cookie: '' });
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/plain');
    expect(await docs.text()).toMatch(/sandbox/i);
  });

  it('breaks an account at StackOne for an admin, and audits it', async () => {
    const account = accounts.find((a) => a.status === 'active')!;
    const res = await t.api(`/api/sandbox/accounts/${account.id}/break`, {
      method: 'POST',
      body: JSON.stringify({ status: 'error', code: 'insufficient_scopes' }),
    });
    expect(res.status).toBe(200);
    const upstream = (await (
      await platformFetch(t.sandbox, `/accounts/${account.id}`)
    ).json()) as WireAccount;
    expect(upstream.status).toBe('error');
    expect(upstream.status_reasons?.[0]?.code).toBe('insufficient_scopes');

    const detail = await t.client.accounts[':id'].$get({ param: { id: account.id } });
    const body = await detail.json();
    expect('account' in body && body.account.status).toBe('error');
    const audit = (await (await t.api('/api/audit')).json()) as {
      items: { action: string; targetId: string }[];
    };
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'sandbox.account_broken', targetId: account.id }),
    );
  });

  it('rejects a bad break request before reaching the sandbox', async () => {
    const res = await t.api(`/api/sandbox/accounts/${accounts[0]!.id}/break`, {
      method: 'POST',
      body: JSON.stringify({ status: 'exploded' }),
    });
    expect(res.status).toBe(400);
  });

  it('injects a StackOne fault that the next calls meet, and clears it', async () => {
    const id = accounts[1]!.id;
    const inject = await t.api('/api/sandbox/faults', {
      method: 'POST',
      body: JSON.stringify({ status: 500, path: '/requests/logs', times: 5 }),
    });
    expect(inject.status).toBe(201);
    const faults = (await (await platformFetch(t.sandbox, '/_sandbox/faults')).json()) as {
      data: { status: number; path: string }[];
    };
    expect(faults.data).toEqual([expect.objectContaining({ status: 500, path: '/requests/logs' })]);
    const failing = await t.api(`/api/accounts/${id}/logs`);
    expect(failing.status).toBeGreaterThanOrEqual(500);

    expect((await t.api('/api/sandbox/faults', { method: 'DELETE' })).status).toBe(200);
    expect((await t.api(`/api/accounts/${id}/logs`)).status).toBe(200);
  });
});
