import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestLogDetailSchema, RequestLogPageSchema } from '../../../shared/schemas/request-log.ts';
import { startTestConsole, TEST_DATABASES, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

interface WireAccount {
  id: string;
  status: string;
}

describe.each(TEST_DATABASES)(
  'request log detail, failed-only logs and the raw account on $name',
  ({ kind }) => {
    let t: TestConsole;
    let broken: WireAccount;
    let healthy: WireAccount;

    beforeAll(async () => {
      t = await startTestConsole({
        database: kind,
        autoSync: false,
        sandbox: { accounts: 30, webhookUrls: [], rateLimitPerMinute: 100_000 },
      });
      await t.console.deps.sync.runFull();
      const seeded = (await (
        await platformFetch(t.sandbox, '/accounts?page_size=100')
      ).json()) as WireAccount[];
      broken = seeded.find((a) => a.status === 'error')!;
      healthy = seeded.find((a) => a.status === 'active')!;
    });
    afterAll(async () => {
      await t?.close();
    });

    const logsOf = async (id: string, query = '') =>
      RequestLogPageSchema.parse(await (await t.api(`/api/accounts/${id}/logs?pageSize=100${query}`)).json());

    it('answers only the failed requests when asked', async () => {
      const all = await logsOf(broken.id);
      const failed = await logsOf(broken.id, '&failedOnly=true');
      expect(failed.items.length).toBeGreaterThan(0);
      expect(failed.items.length).toBeLessThan(all.items.length);
      expect(failed.items.every((l) => l.success === false)).toBe(true);
    });

    it('opens one failed request with its request, response and provider errors, as StackOne logged it', async () => {
      const [failed] = (await logsOf(broken.id, '&failedOnly=true')).items;
      const res = await t.api(`/api/accounts/${broken.id}/logs/${failed!.requestId}`);
      expect(res.status).toBe(200);
      const detail = RequestLogDetailSchema.parse(await res.json());
      const upstream = (await (
        await platformFetch(t.sandbox, `/requests/logs/${failed!.requestId}`)
      ).json()) as {
        data: { status: number; response: { body: unknown; provider_errors?: unknown[] } };
      };
      expect(detail.status).toBe(upstream.data.status);
      expect(detail.response?.body).toEqual(upstream.data.response.body);
      expect(detail.providerErrors.length).toBe(upstream.data.response.provider_errors?.length ?? 0);
      expect(detail.request?.method).toMatch(/^[A-Z]+$/);
      for (const [name, value] of Object.entries(detail.request?.headers ?? {})) {
        if (/authorization|api[-_]?key|token/i.test(name)) expect(value).toBe('[redacted]');
      }
    });

    it('does not open another account’s request log through this account', async () => {
      const [other] = (await logsOf(broken.id)).items;
      const res = await t.api(`/api/accounts/${healthy.id}/logs/${other!.requestId}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    });

    it('answers the account exactly as StackOne sends it', async () => {
      const res = await t.api(`/api/accounts/${broken.id}/raw`);
      expect(res.status).toBe(200);
      const upstream = await (await platformFetch(t.sandbox, `/accounts/${broken.id}`)).text();
      expect(await res.text()).toBe(JSON.stringify(JSON.parse(upstream)));
    });
  },
);
