import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFetch, requestWhole } from '../../../../server/stackone/node-fetch.ts';

describe('nodeFetch', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/json': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
      res.end(JSON.stringify({ name: 'Café 😀' }));
    },
    '/missing': (_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"Not Found"}');
    },
    '/echo': (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method!, headers: req.headers, body });
        res.end('{}');
      });
    },
    '/hang': () => {},
    '/cut': (_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"partial":');
      setImmediate(() => res.socket?.destroy());
    },
    // In many writes, so that more of the answer arrives after the limit was passed.
    '/big': (_req, res) => {
      for (let i = 0; i < 9; i++) res.write('x'.repeat(1_000));
      res.end('x'.repeat(1_000));
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => routes[req.url!]!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (path: string, signal = AbortSignal.timeout(20_000)) =>
    nodeFetch(`${base}${path}`, { method: 'GET', headers: { accept: 'application/json' }, signal });

  it('answers the status, headers and the JSON body, read as UTF-8', async () => {
    const res = await get('/json');
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBe('req_1');
    expect(res.headers.get('retry-after')).toBeNull();
    expect(await res.json()).toEqual({ name: 'Café 😀' });
  });

  it('answers an error status as not ok, with its body', async () => {
    const res = await get('/missing');
    expect(res.ok).toBe(false);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('{"message":"Not Found"}');
  });

  it('sends the method, headers and body with its byte length', async () => {
    const body = JSON.stringify({ label: 'Ünïcode ✓' });
    await nodeFetch(`${base}/echo`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: 'Basic a2V5Og==' },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    const last = seen.at(-1)!;
    expect(last.method).toBe('PATCH');
    expect(last.body).toBe(body);
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(last.headers.authorization).toBe('Basic a2V5Og==');
  });

  it('ends a request when its signal aborts, as an AbortError', async () => {
    const controller = new AbortController();
    const pending = get('/hang', controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails an answer cut short instead of answering part of it', async () => {
    await expect(get('/cut')).rejects.toThrow();
  });

  it('refuses an answer larger than the limit', async () => {
    const init = { method: 'GET', headers: {}, signal: AbortSignal.timeout(20_000) };
    await expect(requestWhole(`${base}/big`, init, 1_000)).rejects.toThrow(/larger than 1000 bytes/);
    expect(await (await requestWhole(`${base}/big`, init, 10_000)).text()).toHaveLength(10_000);
  });
});
