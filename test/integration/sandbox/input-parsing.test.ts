import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { createHubSession, hubFetch } from '../../support/hub-host-page.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { expectErrorBody } from '../../support/stackone-error-body.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

interface Answer {
  status: number;
  body: unknown;
}

const answer = async (response: Promise<Response>): Promise<Answer> => {
  const res = await response;
  return { status: res.status, body: await res.json() };
};

/** One POST with a raw body to each API: platform, control and Hub. */
function postToEveryApi(body: string | undefined): Promise<Answer[]> {
  const init = { method: 'POST', ...(body === undefined ? {} : { body }) };
  const token = createHubSession(sandbox.context.store).token;
  return Promise.all([
    answer(platformFetch(sandbox, '/connect_sessions', init)),
    answer(platformFetch(sandbox, '/_sandbox/faults', init)),
    answer(hubFetch(sandbox.url, token, '/hub/accounts', init)),
  ]);
}

const getJson = (path: string) => answer(platformFetch(sandbox, path));

describe('JSON bodies are read the same way by the platform, control and Hub APIs', () => {
  it('answers 400 "Request body must be valid JSON" to a body that is not JSON', async () => {
    for (const { status, body } of await postToEveryApi('{"origin_owner_id":')) {
      expect(status).toBe(400);
      expectErrorBody(body, 400, /^Request body must be valid JSON$/);
    }
  });

  it('answers 400 "Request body must be a JSON object" to JSON that is not an object', async () => {
    for (const raw of ['[]', 'null', '"text"', '42']) {
      for (const { status, body } of await postToEveryApi(raw)) {
        expect(status).toBe(400);
        expectErrorBody(body, 400, /^Request body must be a JSON object$/);
      }
    }
  });

  it('reads an empty body as {} and names every missing field, not only the first', async () => {
    const [platform, control, hub] = await postToEveryApi(undefined);
    expectErrorBody(platform!.body, 400, /origin_owner_id is required; origin_owner_name is required/);
    expectErrorBody(control!.body, 400, /give latencyMs, status or both/);
    expectErrorBody(hub!.body, 400, /^integration_id: /);
  });

  it('lets a bodiless POST take its defaults', async () => {
    const account = sandbox.context.store.listAccounts().find((a) => a.status === 'active')!;
    const broken = await answer(
      platformFetch(sandbox, `/_sandbox/accounts/${account.id}/break`, { method: 'POST' }),
    );
    expect(broken).toMatchObject({ status: 200, body: { status: 'error' } });
    const token = createHubSession(sandbox.context.store).token;
    const attempt = await answer(
      hubFetch(sandbox.url, token, '/hub/connection_attempts', { method: 'POST' }),
    );
    expect(attempt).toMatchObject({ status: 201, body: { id: expect.any(String) } });
  });

  it('prefixes a field name to a message that does not start with it', async () => {
    const { status, body } = await answer(
      platformFetch(sandbox, '/_sandbox/webhooks', {
        method: 'POST',
        body: JSON.stringify({ url: 'ftp://x' }),
      }),
    );
    expect(status).toBe(400);
    expectErrorBody(body, 400, /^url: must be an http\(s\) URL$/);
  });
});

describe('queries are read the same way on every route', () => {
  it('names the key and the value given in every query error', async () => {
    const cases: [string, RegExp][] = [
      ['/accounts?page=x', /^page must be an integer, got "x"$/],
      ['/requests/logs?order_direction=up', /^order_direction must be asc or desc, got "up"$/],
      [
        '/_sandbox/webhooks/deliveries?state=lost',
        /^state must be one of pending, delivered, failed, got "lost"$/,
      ],
      ['/_sandbox/webhooks/deliveries?limit=0', /^limit must be between 1 and 1000, got 0$/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await getJson(path);
      expect(status, path).toBe(400);
      expectErrorBody(body, 400, message);
    }
  });

  it('reports every bad parameter at once', async () => {
    const { body } = await getJson('/accounts?page=0&page_size=ten');
    expectErrorBody(body, 400, /page must be between 1 and 1000000000, got 0; page_size must be an integer/);
  });

  it('takes the last value of a repeated scalar key on the accounts list as on the request logs', async () => {
    const accounts = await getJson('/accounts?page_size=5&page_size=7');
    expect(accounts.body).toHaveLength(7);
    const logs = await getJson('/requests/logs?page_size=5&page_size=7');
    expect((logs.body as { data: unknown[] }).data).toHaveLength(7);
  });
});
