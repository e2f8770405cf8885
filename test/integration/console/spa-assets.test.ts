import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestConsole, type TestConsole } from '../../support/console.ts';

/** How the console serves the built SPA's hashed assets: as built, precompressed, cached for good. */
describe('the SPA assets', () => {
  const script = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
  let t: TestConsole;

  beforeAll(async () => {
    const spaDir = mkdtempSync(join(tmpdir(), 'switchboard-spa-'));
    mkdirSync(join(spaDir, 'assets'));
    writeFileSync(join(spaDir, 'index.html'), '<!doctype html><title>Switchboard</title>');
    writeFileSync(join(spaDir, 'assets', 'app-abc123.js'), script);
    // Marked so the test can tell the build's own file from one compressed per request.
    writeFileSync(
      join(spaDir, 'assets', 'app-abc123.js.br'),
      brotliCompressSync(`${script}// from the build\n`),
    );
    writeFileSync(join(spaDir, 'assets', 'plain-abc123.js'), script);
    t = await startTestConsole({ autoSync: false, spaDir });
  });
  afterAll(async () => {
    await t?.close();
  });

  const get = (path: string, encoding: string) =>
    fetch(`${t.console.url}${path}`, { headers: { 'accept-encoding': encoding } });

  it('sends the .br the build wrote beside an asset, cached for good', async () => {
    const res = await get('/assets/app-abc123.js', 'br, gzip');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe(`${script}// from the build\n`);
  });

  it('compresses an asset the build left uncompressed, and sends it plain to a client that takes neither', async () => {
    // node:http, not fetch: fetch would decode it, and the test must see the encoding really applied.
    const gz = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      http
        .get(`${t.console.url}/assets/plain-abc123.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    });
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/app-abc123.js', 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('answers 404 for a missing asset, not the SPA shell', async () => {
    expect((await get('/assets/missing-abc123.js', 'br')).status).toBe(404);
  });
});
