import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../../shared/schemas/alerts.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { basicAuthHeader, platformFetch } from '../../support/sandbox.ts';
import { startWebhookReceiver, waitUntil, type WebhookReceiver } from '../../support/webhook-receiver.ts';

/**
 * The whole chain, nothing inserted by hand: the sandbox breaks accounts and sends its signed webhooks,
 * the console's writer opens incidents, the alert rules wait out the grace period and a webhook
 * destination receives what a team channel would. The rules' clock is moved past the grace once all
 * eight incidents are open (and again once all are resolved) rather than waited out: the test sees
 * that nothing is sent within the grace, and takes seconds, not two grace periods.
 */
const GRACE_SECONDS = 60;
const OUTAGE = 8;

interface WireAccount {
  id: string;
  status: string;
  provider: string;
}

describe.each(TEST_DATABASES)('alerts from sandbox breaks, on $name', ({ kind }) => {
  let t: TestConsole;
  let receiver: WebhookReceiver;
  let clockAhead = 0;

  const control = (path: string, body: unknown = {}) =>
    fetch(`${t.sandbox.url}/_sandbox${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: basicAuthHeader(t.sandbox.apiKey) },
    }).then((res) => expect(res.ok, `${path}: ${res.status}`).toBe(true));
  const messages = () => {
    const byId = new Map(
      receiver.accepted().map((r) => [(r.json as AlertMessage).id, r.json as AlertMessage]),
    );
    return [...byId.values()];
  };

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 200 },
      env: { ALERT_GRACE_SECONDS: String(GRACE_SECONDS), ALERT_GROUP_THRESHOLD: '5' },
      alerts: { tickMs: 250, now: () => Date.now() + clockAhead },
    });
    await t.console.deps.sync.runFull();
    const res = await t.client['alert-destinations'].$post({
      json: { type: 'webhook', name: 'Team channel', url: receiver.url },
    });
    expect(res.status).toBe(201);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('sends one grouped message when a provider breaks 8 accounts, and one grouped resolve when they recover', async () => {
    const upstream: WireAccount[] = [];
    for (let page = 1; page <= 2; page++)
      upstream.push(
        ...((await (
          await platformFetch(t.sandbox, `/accounts?page_size=100&page=${page}`)
        ).json()) as WireAccount[]),
      );
    const byProvider = new Map<string, WireAccount[]>();
    for (const a of upstream.filter((a) => a.status === 'active'))
      byProvider.set(a.provider, [...(byProvider.get(a.provider) ?? []), a]);
    const [provider, accounts] = [...byProvider].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(accounts.length).toBeGreaterThanOrEqual(OUTAGE);
    const broken = accounts.slice(0, OUTAGE);

    const incidents = async (state: string) => {
      const res = await t.api(`/api/incidents?provider=${encodeURIComponent(provider)}&state=${state}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return ((await res.json()) as { total: number }).total;
    };
    const passGrace = async () => {
      // One tick inside the grace decides nothing; then the clock moves past it.
      const ticked = receiver.accepted().length;
      await t.console.deps.alerts.tick();
      expect(receiver.accepted().length).toBe(ticked);
      clockAhead = (GRACE_SECONDS + 1) * 1000;
    };

    // The seeded sandbox has broken accounts of its own (too old to be announced).
    const openBefore = await incidents('open');
    const resolvedBefore = await incidents('resolved');
    await Promise.all(
      broken.map((a) => control(`/accounts/${a.id}/break`, { status: 'error', code: 'token_expired' })),
    );
    await waitUntil(async () => (await incidents('open')) === openBefore + OUTAGE, {
      timeoutMs: 120_000,
      what: 'eight open incidents',
    });
    await passGrace();
    await waitUntil(() => messages().some((m) => m.kind === 'opened'), {
      timeoutMs: 120_000,
      what: 'the outage announced',
    });
    const opened = messages().filter((m) => m.kind === 'opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ grouped: true, provider, count: OUTAGE });
    expect(opened[0]!.topReasons).toEqual([{ code: 'token_expired', count: OUTAGE }]);
    expect(opened[0]!.url).toContain(`/incidents?provider=${encodeURIComponent(provider)}`);

    // Back to the real time: the repairs that follow are inside their grace period again.
    clockAhead = 0;
    await Promise.all(broken.map((a) => control(`/accounts/${a.id}/repair`)));
    await waitUntil(async () => (await incidents('resolved')) === resolvedBefore + OUTAGE, {
      timeoutMs: 120_000,
      what: 'eight resolved incidents',
    });
    await passGrace();
    await waitUntil(() => messages().some((m) => m.kind === 'resolved'), {
      timeoutMs: 120_000,
      what: 'the recovery announced',
    });
    const resolved = messages().filter((m) => m.kind === 'resolved');
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ grouped: true, provider, count: OUTAGE });
    // One message each way, not sixteen.
    expect(messages()).toHaveLength(2);
  }, 300_000);
});
