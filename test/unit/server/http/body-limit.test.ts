import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from '../../../../server/http/body-limit.ts';
import { onError } from '../../../../server/http/on-error.ts';

const app = new Hono();
app.onError(onError);
app.post('/echo', limitBody(16, 'Test body'), async (c) => c.text(await c.req.text()));

const streamOf = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  app.request('/echo', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('limitBody', () => {
  it('refuses a declared length over the cap with a 413 AppError body, closing the connection', async () => {
    const res = await post('x'.repeat(17), { 'content-length': '17' });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.json()).toEqual({
      error: { code: 'payload_too_large', message: 'Test body is larger than 16 bytes' },
    });
  });

  it('refuses a streamed body once it passes the cap', async () => {
    const res = await post(streamOf('x'.repeat(10), 'x'.repeat(10)), { 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(413);
  });

  it('passes a body at the cap through whole', async () => {
    const res = await post(streamOf('x'.repeat(8), 'y'.repeat(8)), { 'transfer-encoding': 'chunked' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`${'x'.repeat(8)}${'y'.repeat(8)}`);
  });
});
