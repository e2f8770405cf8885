import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLog } from '../../../server/sandbox/model.ts';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';
import { expectErrorBody } from '../../support/stackone-error-body.ts';

type Entry = Record<string, unknown> & { request_id: string };
interface LogPage {
  data: Entry[];
  next: string | null;
}

let sandbox: RunningSandbox;

const logs = () => sandbox.context.store.logs;
const ids = (list: readonly { request_id: string }[]) => list.map((l) => l.request_id);

async function getJson<T = LogPage>(path: string): Promise<{ status: number; body: T }> {
  const response = await platformFetch(sandbox, path);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as T };
}

/** Follows `next` from `query` to the end and returns every request id served. */
async function walk(query: string): Promise<{ seen: string[]; pages: number }> {
  const seen: string[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const sep = query ? '&' : '';
    const { status, body }: { status: number; body: LogPage } = await getJson(
      `/requests/logs?${query}${next ? `${sep}next=${encodeURIComponent(next)}` : ''}`,
    );
    expect(status).toBe(200);
    seen.push(...ids(body.data));
    next = body.next;
    pages++;
  } while (next && pages < 100);
  return { seen, pages };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(() => sandbox.close());

describe('GET /requests/logs', () => {
  it('answers {data, next} with the 25 newest logs, without request, response or step logs', async () => {
    const { status, body } = await getJson('/requests/logs');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['data', 'next']);
    expect(ids(body.data)).toEqual(ids(logs().slice(0, 25)));
    expect(typeof body.next).toBe('string');
    const times = body.data.map((l) => l.event_datetime as string);
    expect(times).toEqual([...times].sort().reverse());
    for (const entry of body.data) {
      expect(entry).not.toHaveProperty('request');
      expect(entry).not.toHaveProperty('response');
      expect(entry.step_requests).toBeNull();
    }
  });

  it('adds partial step logs with include=step_logs', async () => {
    const { body } = await getJson('/requests/logs?include=step_logs&page_size=3');
    const step = (body.data[0]!.step_requests as Record<string, unknown>[])[0]!;
    const full = sandbox.context.store.getLog(body.data[0]!.request_id)!.step_requests[0]!;
    const { request: _request, response: _response, source_ip: _ip, ...partial } = full;
    expect(step).toEqual(partial);
  });

  it('walks the cursor over every log exactly once and ends with next null', async () => {
    const { seen, pages } = await walk('page_size=20');
    expect(seen).toEqual(ids(logs()));
    expect(pages).toBe(Math.ceil(logs().length / 20));
  });

  it('walks a filtered, ordered cursor over exactly the matching logs', async () => {
    const expected = logs()
      .filter((l) => l.success)
      .sort((a, b) => a.duration - b.duration);
    const { seen } = await walk('success=true&order_by=duration&order_direction=asc&page_size=7');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map((id) => sandbox.context.store.getLog(id)!.duration)).toEqual(
      expected.map((l) => l.duration),
    );
    expect(seen.sort()).toEqual(ids(expected).sort());
  });

  it('reads filters bare and as filter[key], the last occurrence winning', async () => {
    const accountId = logs()[0]!.account_id;
    const expected = ids(logs().filter((l) => l.account_id === accountId));
    const bare = await getJson(`/requests/logs?account_ids=${accountId}`);
    const deep = await getJson(`/requests/logs?filter[account_ids]=${accountId}`);
    const lastWins = await getJson(`/requests/logs?account_ids=nobody&filter[account_ids]=${accountId}`);
    const lastEmpty = await getJson(`/requests/logs?filter[account_ids]=${accountId}&account_ids=nobody`);
    expect(ids(bare.body.data)).toEqual(expected);
    expect(ids(deep.body.data)).toEqual(expected);
    expect(ids(lastWins.body.data)).toEqual(expected);
    expect(lastEmpty.body.data).toEqual([]);
  });

  it('lets the top-level order_by win over the one the SDK puts in the filter', async () => {
    const { body } = await getJson('/requests/logs?order_by=provider&order_by=duration&order_direction=desc');
    const durations = body.data.map((l) => l.duration as number);
    expect(durations).toEqual([...durations].sort((a, b) => b - a));
  });

  it('filters by comma lists, status codes, success and case-insensitive HTTP methods', async () => {
    const [a, b] = [logs()[0]!, logs().find((l) => l.provider !== logs()[0]!.provider)!];
    const providers = `${a.provider},${b.provider}`;
    const byProviders = await getJson(`/requests/logs?providers=${providers}&page_size=100`);
    expect(ids(byProviders.body.data)).toEqual(
      ids(logs().filter((l) => [a.provider, b.provider].includes(l.provider))).slice(0, 100),
    );

    const byStatus = await getJson('/requests/logs?status_codes=401,403&page_size=100');
    expect(ids(byStatus.body.data)).toEqual(ids(logs().filter((l) => [401, 403].includes(l.status))));
    expect(byStatus.body.data.length).toBeGreaterThan(0);

    const failed = await getJson('/requests/logs?success=false&http_methods=get,Post&page_size=100');
    expect(ids(failed.body.data)).toEqual(ids(logs().filter((l) => !l.success)));

    const none = await getJson('/requests/logs?http_methods=DELETE');
    expect(none.body).toEqual({ data: [], next: null });
  });

  it('filters by services, resources, actions, request ids and sources', async () => {
    const log = logs()[3]!;
    const query = [
      `services=${log.service}`,
      `resources=${log.resource}`,
      `actions=${log.action}`,
      `source_types=${log.source_type}`,
      `source_values=${log.source_value}`,
      `source_ids=${log.source_id}`,
      `request_ids=${log.request_id},other`,
    ].join('&');
    const { body } = await getJson(`/requests/logs?${query}`);
    expect(ids(body.data)).toEqual([log.request_id]);
  });

  it('filters by start_date and end_date, both inclusive', async () => {
    const sorted = [...logs()].sort((x, y) => (x.event_datetime < y.event_datetime ? -1 : 1));
    const from = sorted[10]!.event_datetime;
    const to = sorted[30]!.event_datetime;
    const expected = logs().filter((l) => l.event_datetime >= from && l.event_datetime <= to);
    const { body } = await getJson(
      `/requests/logs?start_date=${encodeURIComponent(from)}&end_date=${encodeURIComponent(to)}&page_size=100`,
    );
    expect(ids(body.data)).toEqual(ids(expected));
    expect(ids(body.data)).toContain(sorted[10]!.request_id);
    expect(ids(body.data)).toContain(sorted[30]!.request_id);
  });

  it('re-anchors the cursor when a newer log arrives between pages', async () => {
    const first = await getJson('/requests/logs?page_size=10');
    const newest: RequestLog = {
      ...structuredClone(logs()[0]!),
      request_id: 'fresh-log-between-pages',
      event_datetime: new Date().toISOString(),
    };
    sandbox.context.store.addLog(newest);
    const second = await getJson(`/requests/logs?page_size=10&next=${encodeURIComponent(first.body.next!)}`);
    expect(ids(second.body.data)).toEqual(ids(logs().slice(11, 21)));
    expect(ids(second.body.data)).not.toContain(first.body.data[9]!.request_id);
  });

  it('rejects a cursor used with a different filter, and a garbled cursor', async () => {
    const first = await getJson('/requests/logs?success=true&page_size=5');
    const other = await getJson(`/requests/logs?success=false&next=${encodeURIComponent(first.body.next!)}`);
    expect(other.status).toBe(400);
    expectErrorBody(other.body, 400, /different filter or order/);
    const garbled = await getJson('/requests/logs?next=not-a-cursor');
    expect(garbled.status).toBe(400);
    expectErrorBody(garbled.body, 400, /not a valid cursor/);
  });

  it('keeps a cursor valid when only page_size changes', async () => {
    const first = await getJson('/requests/logs?page_size=5');
    const second = await getJson(`/requests/logs?page_size=8&next=${encodeURIComponent(first.body.next!)}`);
    expect(second.status).toBe(200);
    expect(ids(second.body.data)).toEqual(ids(logs().slice(5, 13)));
  });

  it.each([
    ['page_size=0', /page_size must be between 1 and 100/],
    ['page_size=101', /page_size must be between 1 and 100/],
    ['page_size=many', /page_size must be an integer/],
    ['order_by=date', /order_by must be one of eventDatetime, provider, service, status, duration/],
    ['order_direction=up', /order_direction must be asc or desc/],
    ['success=yes', /success must be true or false/],
    ['status_codes=200,abc', /status_codes must be a comma list of HTTP statuses/],
    ['start_date=yesterday', /start_date must be an ISO-8601 date-time/],
    ['filter[end_date]=soon', /end_date must be an ISO-8601 date-time/],
  ])('rejects %s with 400 and the error body', async (query, message) => {
    const { status, body } = await getJson(`/requests/logs?${query}`);
    expect(status).toBe(400);
    expectErrorBody(body, 400, message);
  });
});

describe('GET /requests/logs/{id}', () => {
  it('answers {data} with the full log: request, response and full step logs', async () => {
    const log = logs().find((l) => !l.success)!;
    const { status, body } = await getJson<{ data: RequestLog }>(`/requests/logs/${log.request_id}`);
    expect(status).toBe(200);
    expect(body.data).toEqual(log);
    expect(body.data.response.provider_errors?.length).toBe(1);
    expect(body.data.step_requests[0]!.request.url.hostname).toEqual(expect.any(String));
  });

  it('answers 404 with the error body for an unknown id', async () => {
    const { status, body } = await getJson('/requests/logs/does-not-exist');
    expect(status).toBe(404);
    expectErrorBody(body, 404, /No request log/);
  });
});
