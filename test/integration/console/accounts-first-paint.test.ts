import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstPaintData } from '../../../shared/schemas/first-paint-data.ts';
import { startTestConsole, type TestConsole } from '../../support/console.ts';
import { platformFetch } from '../../support/sandbox.ts';

// As Vite builds it: the entry script in the head.
const SHELL =
  '<!doctype html><html lang="en"><head><title>Switchboard</title>' +
  '<script type="module" src="/assets/index-abc123.js"></script></head>' +
  '<body><div id="root"></div></body></html>';
const HOSTILE_NAME = '<img src=x onerror="alert(1)"> & Ünïcødé 😀';

/** `GET /accounts` sends the first page of rows drawn into the SPA shell, for signed-in readers only. */
describe('the first paint of /accounts', () => {
  let t: TestConsole;

  const page = (path: string, cookie?: string) =>
    fetch(`${t.console.url}${path}`, { headers: cookie === undefined ? {} : { cookie } });
  const adminCookie = () => t.signIn('admin@switchboard.test', 'admin-password-1');
  const dataBlock = (html: string) =>
    html.match(/<script type="application\/json" id="first-paint-data">(.*?)<\/script>/s)![1]!;
  /** The rows of the picture: each one's account link. */
  const rowLinks = (html: string) => [...html.matchAll(/<a\s+href="\/accounts\/([^"]+)"/g)].map((m) => m[1]);

  beforeAll(async () => {
    const spaDir = mkdtempSync(join(tmpdir(), 'switchboard-first-paint-'));
    writeFileSync(join(spaDir, 'index.html'), SHELL);
    t = await startTestConsole({ autoSync: false, spaDir, sandbox: { accounts: 60 } });
    for (const [id, name, status] of [
      ['fp_hostile', HOSTILE_NAME, 'error'],
      ['fp_calm', 'Calm Customer Ltd', 'active'],
    ] as const) {
      const res = await platformFetch(t.sandbox, '/_sandbox/accounts', {
        method: 'POST',
        body: JSON.stringify({ id, provider: 'hibob', origin_owner_id: id, origin_owner_name: name, status }),
      });
      expect(res.status).toBe(201);
    }
    await t.console.deps.sync.runFull();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('draws the URL’s page of rows before the SPA root, kept out of every cache', async () => {
    const res = await page('/accounts?pageSize=10', await adminCookie());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const picture = html.match(/<div\s+id="first-paint"[^>]*>/);
    expect(picture?.index).toBeGreaterThan(0);
    expect(picture!.index).toBeLessThan(html.indexOf('<div id="root"></div>'));
    // A picture: out of reach of the keyboard and pointer, and of assistive technology.
    expect(picture![0]).toMatch(/\sinert\s/);
    expect(picture![0]).toContain('aria-hidden="true"');
    expect(html).toContain('<script type="module" src="/assets/index-abc123.js"></script>');
    expect(rowLinks(html)).toHaveLength(10);
    // Compressed when the client takes it (fetch asks for gzip and decodes it), plain when not.
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${t.console.url}/accounts?pageSize=10`, {
      headers: { cookie: await adminCookie(), 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    // The same rows (their times, "12 s ago", may have moved on between the two answers).
    expect(rowLinks(await plain.text())).toEqual(rowLinks(html));
  });

  it('reads filters, sort and page from the URL as the SPA does', async () => {
    const cookie = await adminCookie();
    const errors = await (await page('/accounts?status=error&pageSize=100', cookie)).text();
    const { items } = (await (await t.api('/api/accounts?status=error&pageSize=100')).json()) as {
      items: { id: string }[];
    };
    expect(rowLinks(errors)).toEqual(items.map((a) => encodeURIComponent(a.id)));
    expect(rowLinks(errors)).toContain('fp_hostile');
    expect(rowLinks(errors)).not.toContain('fp_calm');
    // Values the SPA would fall back on are read the same way: the defaults, not an error.
    const fallback = await page('/accounts?pageSize=lots&sort=drop%20table&order=sideways', cookie);
    expect(fallback.status).toBe(200);
    const defaults = (await (await t.api('/api/accounts')).json()) as { items: { id: string }[] };
    expect(rowLinks(await fallback.text())).toEqual(defaults.items.map((a) => encodeURIComponent(a.id)));
  });

  it('escapes what StackOne sends: a name cannot become markup', async () => {
    const html = await (await page('/accounts?q=fp_hostile', await adminCookie())).text();
    expect(rowLinks(html)).toEqual(['fp_hostile']);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Ünïcødé 😀');
    expect(html).not.toContain('<img src=x');
    // In the data block too: no text can close it.
    expect(dataBlock(html)).toContain('\\u003cimg src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('hands the SPA the answers its first screen asks for, as the API gives them', async () => {
    const cookie = await adminCookie();
    const html = await (await page('/accounts?status=error&sort=owner&order=asc&pageSize=20', cookie)).text();
    const data = JSON.parse(dataBlock(html)) as FirstPaintData;
    expect(data.search).toMatchObject({
      status: ['error'],
      sort: 'owner',
      order: 'asc',
      page: 1,
      pageSize: 20,
    });
    const api = async (path: string) => (await t.api(path, { cookie })).json();
    const list = (await api(
      '/api/accounts?status=error&sort=owner&order=asc&pageSize=20',
    )) as typeof data.list;
    // The sync state is read again for each answer; the page itself is the API's, row for row.
    expect({ ...data.list, sync: undefined }).toEqual({ ...list, sync: undefined });
    expect(data.me).toEqual(await api('/api/me'));
    expect(data.setup).toEqual(await api('/api/setup'));
    expect(rowLinks(html)).toEqual(list.items.map((a) => encodeURIComponent(a.id)));
  });

  it('sends the head at once, and the rest without a picture when the rows are too slow to read', async () => {
    const sync = t.console.deps.sync;
    const syncedAt = sync.syncedAt;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The list answer waits on the sync state: held, it holds the picture.
    sync.syncedAt = async () => {
      await held;
      return syncedAt.call(sync);
    };
    try {
      const res = await page('/accounts', await adminCookie());
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      const first = await reader.read();
      expect(first.value).toContain('<script type="module" src="/assets/index-abc123.js"></script>');
      expect(first.value).not.toContain('first-paint');
      let html = first.value!;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) html += chunk.value;
      // Past the deadline the page ends as the plain shell: the SPA's scripts need not wait longer.
      expect(html).toBe(SHELL);
    } finally {
      sync.syncedAt = syncedAt;
      release();
    }
  });

  it('sends the plain shell when there is nobody to draw for or nothing to draw', async () => {
    const anonymous = await page('/accounts');
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('cache-control')).toBe('no-cache');
    expect(await anonymous.text()).toBe(SHELL);
    expect(await (await page('/accounts', 'better-auth.session_token=forged')).text()).toBe(SHELL);
    // No rows: the SPA's own empty states say why.
    expect(await (await page('/accounts?q=no-such-customer-anywhere', await adminCookie())).text()).toBe(
      SHELL,
    );
    // Other screens are the SPA's alone.
    expect(await (await page('/customers', await adminCookie())).text()).toBe(SHELL);
  });

  it('draws the checkbox column only for a role that may pick rows, as the SPA does', async () => {
    const checkbox = 'class="fp-box"';
    const viewer = await (await page('/accounts?pageSize=5', await t.userCookie('viewer'))).text();
    expect(rowLinks(viewer)).toHaveLength(5);
    expect(viewer).not.toContain(checkbox);
    const support = await (await page('/accounts?pageSize=5', await t.userCookie('support'))).text();
    expect(support).toContain(checkbox);
  });
});
