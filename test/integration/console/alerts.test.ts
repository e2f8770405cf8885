import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createAlerts,
  DEFAULT_ALERT_OPTIONS,
  type AlertOptions,
  type Alerts,
} from '../../../server/alerts/alerts.ts';
import {
  alertDeliveries,
  alertDestinations,
  alertIncidentStates,
  incidents,
} from '../../../server/db/schema.ts';
import { startConsole } from '../../../server/start-console.ts';
import type { AlertMessage } from '../../../shared/schemas/alerts.ts';
import { insertIncident, resolveIncident, secondsFromNow } from '../../support/alert-incidents.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver.ts';
import {
  isValidSignature,
  startWebhookReceiver,
  waitUntil,
  type WebhookReceiver,
} from '../../support/webhook-receiver.ts';

const GRACE = 60;
const THRESHOLD = 5;
/** Ticks are driven by the tests; retries come quickly. */
const ALERTS: Partial<AlertOptions> = {
  tickMs: 3_600_000,
  retry: { baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 6 },
};

/** Quoted-printable as nodemailer writes it: soft line breaks and =XX bytes. */
const decodeQp = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe.each(TEST_DATABASES)('alerts, on $name', ({ kind }) => {
  let t: TestConsole;
  let slack: WebhookReceiver;
  let hook: WebhookReceiver;
  let smtp: SmtpReceiver;
  let secret: string;
  let publicUrl: string;
  const db = () => t.console.deps.database.db;
  let replaced: Alerts | null = null;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    t = await startTestConsole({
      database: kind,
      autoSync: false,
      sandbox: { accounts: 0, webhookUrls: [] },
      env: {
        ALERT_GRACE_SECONDS: String(GRACE),
        ALERT_GROUP_THRESHOLD: String(THRESHOLD),
        SMTP_URL: smtp.url,
        SMTP_FROM: 'Alerts <alerts@switchboard.test>',
      },
      alerts: ALERTS,
    });
    publicUrl = t.console.deps.config.publicUrl;
  }, 120_000);
  afterAll(async () => {
    await replaced?.close();
    await t?.close();
    await smtp?.close();
  });

  beforeEach(async () => {
    slack = await startWebhookReceiver();
    hook = await startWebhookReceiver();
    smtp.mails.length = 0;
    // Each test starts from no destinations and no incidents.
    await db().delete(alertDestinations);
    await db().delete(alertIncidentStates);
    await db().delete(incidents);
    const slackRes = await t.client['alert-destinations'].$post({
      json: { type: 'slack', name: 'Team channel', url: slack.url },
    });
    expect(slackRes.status).toBe(201);
    const hookRes = await t.client['alert-destinations'].$post({
      json: { type: 'webhook', name: 'Pager', url: hook.url },
    });
    expect(hookRes.status).toBe(201);
    secret = (await hookRes.json()).secret!;
    const mailRes = await t.client['alert-destinations'].$post({
      json: { type: 'email', name: 'On-call', addresses: ['oncall@switchboard.test'] },
    });
    expect(mailRes.status).toBe(201);
  });
  afterEach(async () => {
    await slack.close();
    await hook.close();
  });

  /** The messages the webhook destination accepted, signature checked, one per message id. */
  const hookMessages = (): AlertMessage[] => {
    const accepted = hook.accepted();
    for (const r of accepted) {
      const header = r.headers['x-switchboard-signature'];
      expect(isValidSignature(r.body, typeof header === 'string' ? header : undefined, [secret])).toBe(true);
      expect(header).not.toMatch(/=/);
      expect(r.headers['x-switchboard-delivery']).toBe((r.json as AlertMessage).id);
    }
    const byId = new Map(accepted.map((r) => [(r.json as AlertMessage).id, r.json as AlertMessage]));
    return [...byId.values()];
  };
  const pendingDeliveries = async () =>
    (await db().select().from(alertDeliveries)).filter((d) => d.status === 'pending').length;
  /** Ticks until nothing is left to send (retries included). */
  const settle = async () => {
    await t.console.deps.alerts.tick();
    await waitUntil(
      async () => {
        await t.console.deps.alerts.tick();
        return (await pendingDeliveries()) === 0;
      },
      { timeoutMs: 30_000, what: 'every alert delivery to finish' },
    );
  };

  it('scans again the moment an incident’s grace ends, not at the next regular tick', async () => {
    // Regular ticks are an hour apart here: only the scan scheduled at the end of the grace can send it.
    await insertIncident(db(), { provider: 'hibob', openedAt: secondsFromNow(-GRACE + 2) });
    await t.console.deps.alerts.tick();
    expect(hookMessages()).toHaveLength(0);
    await waitUntil(() => hookMessages().length === 1, {
      timeoutMs: 30_000,
      what: 'the message sent when its grace ends',
    });
    expect(hookMessages()[0]).toMatchObject({ kind: 'opened', provider: 'hibob', count: 1 });
    // Every destination has it before the next test (the email may still be on its way).
    await waitUntil(async () => (await pendingDeliveries()) === 0 && smtp.mails.length === 1, {
      timeoutMs: 30_000,
      what: 'the message delivered everywhere',
    });
  });

  it('announces an incident still open after the grace period to Slack, a signed webhook and email, then its resolve', async () => {
    const incident = await insertIncident(db(), {
      provider: 'hibob',
      openedAt: secondsFromNow(-GRACE - 5),
      customer: 'Acme Corp',
    });
    await settle();

    const [opened] = hookMessages();
    expect(hookMessages()).toHaveLength(1);
    expect(opened).toMatchObject({
      kind: 'opened',
      grouped: false,
      provider: 'hibob',
      count: 1,
      url: `${publicUrl}/accounts/${incident.accountId}`,
    });
    expect(opened!.text).toContain('Acme Corp');
    expect(opened!.text).toContain(incident.accountId);
    expect(opened!.incidents[0]).toMatchObject({ id: incident.id, customer: 'Acme Corp', provider: 'hibob' });

    expect(slack.accepted()).toHaveLength(1);
    const slackBody = slack.accepted()[0]!.json as { text: string; blocks: { type: string }[] };
    expect(slackBody.text).toContain('Acme Corp');
    expect(slackBody.text).toContain('hibob');
    expect(JSON.stringify(slackBody.blocks)).toContain(`${publicUrl}/accounts/${incident.accountId}`);
    expect(JSON.stringify(slackBody.blocks)).toContain(incident.accountId);

    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]!.to).toEqual(['oncall@switchboard.test']);
    const mail = decodeQp(smtp.mails[0]!.raw);
    expect(mail).toContain("Subject: Acme Corp's hibob account is broken");
    expect(mail).toContain(incident.accountId);
    expect(mail).toContain(`${publicUrl}/accounts/${incident.accountId}`);

    await resolveIncident(db(), incident.id, secondsFromNow(-GRACE - 1));
    await settle();
    const messages = hookMessages();
    expect(messages.map((m) => m.kind)).toEqual(['opened', 'resolved']);
    expect(messages[1]!.title).toContain('[Resolved]');
    expect(slack.accepted()).toHaveLength(2);
    expect(smtp.mails).toHaveLength(2);

    // Nothing more to say about it.
    await settle();
    expect(hook.requests).toHaveLength(2);
  });

  it('sends nothing for a flap that recovers inside the grace period, nor for one still inside it', async () => {
    const flap = await insertIncident(db(), { provider: 'hibob', openedAt: secondsFromNow(-GRACE + 20) });
    await resolveIncident(db(), flap.id, secondsFromNow(-GRACE + 30));
    await insertIncident(db(), { provider: 'hibob', openedAt: secondsFromNow(-10) });
    // Announced: shows the scan ran and would have sent the others.
    const control = await insertIncident(db(), {
      provider: 'bamboohr',
      openedAt: secondsFromNow(-GRACE - 5),
    });
    await settle();
    expect(hookMessages().map((m) => m.incidents[0]!.id)).toEqual([control.id]);
    expect(slack.accepted()).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
  });

  it('decides in one tick about 30,000 incidents first seen at once (more ids than one statement has parameters)', async () => {
    // An installation whose first sync backfilled many old incidents: each is skipped, in one tick,
    // and a fresh break is still announced by that same tick.
    await db().execute(sql`
      insert into incidents (id, account_id, provider, origin_owner_id, origin_owner_name, kind, state,
        opened_at, last_seen_at)
      select 'old_' || n, 'acc_old_' || n, 'hibob', 'cust_' || n, 'Customer ' || n, 'error', 'open',
        now() - interval '3 days', now() - interval '3 days'
      from generate_series(1, 30000) n`);
    const fresh = await insertIncident(db(), { provider: 'workday', openedAt: secondsFromNow(-GRACE - 5) });
    await settle();

    const [decided] = (
      (await db().execute(
        sql`select count(*)::int as n from alert_incident_states where open_status = 'skipped'`,
      )) as unknown as { rows: { n: number }[] }
    ).rows;
    expect(decided!.n).toBe(30_000);
    const messages = hookMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.incidents.map((i) => i.id)).toEqual([fresh.id]);
  });

  it('sends one grouped message when 8 accounts of one provider break at once, and one grouped resolve', async () => {
    const outage = [];
    for (let i = 0; i < 8; i++) {
      outage.push(
        await insertIncident(db(), {
          provider: 'workday',
          openedAt: secondsFromNow(-GRACE - 10 + i),
          reasonCode: i < 6 ? 'provider_unavailable' : 'invalid_credentials',
        }),
      );
    }
    const lone = await insertIncident(db(), { provider: 'hibob', openedAt: secondsFromNow(-GRACE - 5) });
    await settle();

    const messages = hookMessages();
    expect(messages).toHaveLength(2);
    const grouped = messages.find((m) => m.grouped)!;
    expect(grouped).toMatchObject({
      kind: 'opened',
      provider: 'workday',
      count: 8,
      url: `${publicUrl}/incidents?provider=workday`,
      topReasons: [
        { code: 'provider_unavailable', count: 6 },
        { code: 'invalid_credentials', count: 2 },
      ],
    });
    expect(grouped.incidents.map((i) => i.id).sort()).toEqual(outage.map((o) => o.id).sort());
    expect(messages.find((m) => !m.grouped)!.incidents[0]!.id).toBe(lone.id);
    expect(slack.accepted()).toHaveLength(2);
    expect(JSON.stringify(slack.accepted().map((r) => r.json))).toContain(
      `${publicUrl}/incidents?provider=workday`,
    );
    expect(smtp.mails).toHaveLength(2);

    for (const [i, o] of outage.entries()) await resolveIncident(db(), o.id, secondsFromNow(-GRACE - 5 + i));
    await settle();
    const resolves = hookMessages().filter((m) => m.kind === 'resolved');
    expect(resolves).toHaveLength(1);
    expect(resolves[0]).toMatchObject({ grouped: true, provider: 'workday', count: 8 });
    expect(slack.accepted()).toHaveLength(3);
  });

  it('sends nothing about a muted incident, opened or resolved', async () => {
    const muted = await insertIncident(db(), {
      provider: 'hibob',
      openedAt: secondsFromNow(-GRACE - 5),
      mutedUntil: secondsFromNow(3600),
    });
    const control = await insertIncident(db(), {
      provider: 'bamboohr',
      openedAt: secondsFromNow(-GRACE - 5),
    });
    await settle();
    expect(hookMessages().map((m) => m.incidents[0]!.id)).toEqual([control.id]);
    await resolveIncident(db(), muted.id, secondsFromNow(-GRACE - 1));
    await settle();
    expect(hookMessages().map((m) => m.incidents[0]!.id)).toEqual([control.id]);
    expect(smtp.mails).toHaveLength(1);
  });

  it('delivers to a receiver that fails twice, once, and logs the attempts', async () => {
    hook.failNext(2, 503);
    const incident = await insertIncident(db(), { provider: 'hibob', openedAt: secondsFromNow(-GRACE - 5) });
    await settle();
    expect(hook.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    // Every attempt carried the same message id: a receiver deduplicating on it gets it once.
    expect(new Set(hook.requests.map((r) => (r.json as AlertMessage).id)).size).toBe(1);
    expect(hookMessages()).toHaveLength(1);
    expect(hookMessages()[0]!.incidents[0]!.id).toBe(incident.id);

    const list = await (await t.client['alert-destinations'].$get()).json();
    const pager = list.items.find((d) => d.name === 'Pager')!;
    expect(pager.lastDelivery?.status).toBe('delivered');
    const log = await (
      await t.client['alert-destinations'][':id'].deliveries.$get({ param: { id: pager.id } })
    ).json();
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({
      kind: 'opened',
      status: 'delivered',
      attempts: 3,
      responseStatus: 200,
    });
  });

  it('keeps pending deliveries in the database: a new alerts instance (a restart) sends them', async () => {
    hook.failAlways(503);
    await insertIncident(db(), { provider: 'hibob', openedAt: secondsFromNow(-GRACE - 5) });
    await t.console.deps.alerts.tick();
    await waitUntil(() => hook.requests.length >= 1, { what: 'a first failed attempt' });
    // The process goes away with the delivery still pending.
    await t.console.deps.alerts.close();
    expect(await pendingDeliveries()).toBe(1);
    hook.failAlways(null);
    const restarted = createAlerts(
      { database: t.console.deps.database, config: t.console.deps.config },
      { ...DEFAULT_ALERT_OPTIONS, ...ALERTS },
    );
    // The console carries on with the new instance (its routes read deps.alerts when called).
    t.console.deps.alerts = restarted;
    replaced = restarted;
    await waitUntil(
      async () => {
        await restarted.tick();
        return hookMessages().length === 1;
      },
      { timeoutMs: 30_000, what: 'the pending delivery to be sent after the restart' },
    );
    expect(hook.accepted()).toHaveLength(1);
  });

  it('sends a test alert to one destination and logs it', async () => {
    const list = await (await t.client['alert-destinations'].$get()).json();
    const pager = list.items.find((d) => d.name === 'Pager')!;
    const res = await t.client['alert-destinations'][':id'].test.$post({ param: { id: pager.id } });
    expect(res.status).toBe(202);
    await waitUntil(() => hook.accepted().length === 1, { what: 'the test alert' });
    expect(hookMessages()[0]).toMatchObject({ kind: 'test', title: 'Test alert from Switchboard' });
    expect(slack.requests).toHaveLength(0);
    const log = await waitUntil(async () => {
      const body = await (
        await t.client['alert-destinations'][':id'].deliveries.$get({ param: { id: pager.id } })
      ).json();
      return body.items[0]?.status === 'delivered' ? body : null;
    });
    expect(log.items[0]).toMatchObject({ kind: 'test', attempts: 1 });
  });

  it('returns a webhook secret and a Slack URL only when created, and refuses non-http URLs', async () => {
    const created = await t.client['alert-destinations'].$post({
      json: { type: 'slack', name: 'Secret channel', url: 'https://hooks.slack.com/services/T0/B0/s3cr3t' },
    });
    const body = await created.json();
    expect(body).toMatchObject({ url: 'https://hooks.slack.com/services/T0/B0/s3cr3t', secret: null });
    const listed = JSON.stringify(await (await t.client['alert-destinations'].$get()).json());
    expect(listed).not.toContain('s3cr3t');
    expect(listed).not.toContain(secret);
    expect(listed).toContain('https://hooks.slack.com/…');

    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:6379/_x', 'https://user:pw@example.com/x']) {
      const res = await t.api('/api/alert-destinations', {
        method: 'POST',
        body: JSON.stringify({ type: 'webhook', name: 'Bad', url }),
      });
      expect(res.status, url).toBe(400);
      expect(
        ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.url,
      ).toBeTruthy();
    }
    const badMail = await t.api('/api/alert-destinations', {
      method: 'POST',
      body: JSON.stringify({ type: 'email', name: 'Bad', addresses: ['not-an-address'] }),
    });
    expect(badMail.status).toBe(400);

    const del = await t.client['alert-destinations'][':id'].$delete({ param: { id: body.id } });
    expect(del.status).toBe(200);
    const after = await (await t.client['alert-destinations'].$get()).json();
    expect(after.items.map((d) => d.id)).not.toContain(body.id);
    const audit = await (
      await t.client.audit.$get({ query: { action: 'alert_destination.created', page: '1', pageSize: '50' } })
    ).json();
    expect(JSON.stringify(audit)).not.toContain('s3cr3t');
  });

  it.runIf(kind === 'postgres')(
    'sends each alert once with two console processes on one database',
    async () => {
      const second = await startConsole(
        { ...t.console.deps.config, port: 0 },
        { database: t.database, autoSync: false, alerts: ALERTS },
      );
      try {
        for (let i = 0; i < 7; i++)
          await insertIncident(db(), { provider: 'personio', openedAt: secondsFromNow(-GRACE - 10 + i) });
        for (let i = 0; i < 4; i++)
          await insertIncident(db(), { provider: `solo${i}`, openedAt: secondsFromNow(-GRACE - 5) });
        hook.failNext(1, 500);
        await Promise.all([t.console.deps.alerts.tick(), second.deps.alerts.tick()]);
        await waitUntil(
          async () => {
            await Promise.all([t.console.deps.alerts.tick(), second.deps.alerts.tick()]);
            return (await pendingDeliveries()) === 0;
          },
          { timeoutMs: 30_000, what: 'every delivery to finish' },
        );
        // One grouped message and four single ones, each accepted once by each destination.
        const ids = hook.accepted().map((r) => (r.json as AlertMessage).id);
        expect(ids).toHaveLength(5);
        expect(new Set(ids).size).toBe(5);
        expect(slack.accepted()).toHaveLength(5);
        expect(smtp.mails).toHaveLength(5);
      } finally {
        await second.close();
      }
    },
  );
});
