import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sameOriginOnly } from '../../../../server/auth/same-origin.ts';
import { onError } from '../../../../server/http/on-error.ts';

const app = new Hono();
app.onError(onError);
app.use(sameOriginOnly('https://console.example.test/'));
app.all('/x', (c) => c.json({ ran: true }));

const call = (method: string, headers: Record<string, string> = {}) => app.request('/x', { method, headers });

describe('sameOriginOnly', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('lets %s through from the console origin', async (method) => {
    const res = await call(method, { origin: 'https://console.example.test' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['another site', { origin: 'https://evil.example.test' }],
    ['the same host over http', { origin: 'http://console.example.test' }],
    ['another port', { origin: 'https://console.example.test:8443' }],
    ['a sandboxed frame (Origin: null)', { origin: 'null' }],
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
    [
      'a foreign Origin despite Sec-Fetch-Site same-origin',
      { origin: 'https://evil.example.test', 'sec-fetch-site': 'same-origin' },
    ],
  ])('refuses a POST from %s with 403', async (_name, headers) => {
    const res = await call('POST', headers);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'forbidden', message: expect.stringContaining('Cross-origin request refused') },
    });
  });

  it('accepts a POST without Origin when Sec-Fetch-Site says same-origin', async () => {
    expect((await call('POST', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])(
    'lets a %s through from anywhere, since it changes nothing',
    async (method) => {
      expect((await call(method, { origin: 'https://evil.example.test' })).status).toBe(200);
    },
  );
});
