import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../server/sandbox/start-sandbox.ts';
import { createHubSession } from '../../support/hub-host-page.ts';
import { platformFetch, startTestSandbox } from '../../support/sandbox.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

describe('hosted Hub pages', () => {
  it('renders the real Hub web component for the auth link of a connect session', async () => {
    const res = await platformFetch(sandbox, '/connect_sessions', {
      method: 'POST',
      body: JSON.stringify({ origin_owner_id: 'cust_link', origin_owner_name: 'Link Co' }),
    });
    expect(res.status).toBe(201);
    const { token, auth_link_url } = (await res.json()) as { token: string; auth_link_url: string };
    const page = await fetch(auth_link_url);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain('<meta charset="utf-8"');
    expect(body).toContain(
      `<stackone-hub token="${token}" base-url="${sandbox.url}" app-url="${sandbox.url}"`,
    );
    expect(body).toContain('<script src="/hub-assets/webcomponent.js"></script>');
  });

  it('serves the installed Hub bundle as UTF-8 JavaScript', async () => {
    const res = await fetch(`${sandbox.url}/hub-assets/webcomponent.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(await res.text()).toContain('customElements.define("stackone-hub"');
  });

  it('explains an expired link with 410 and an unknown one with 404', async () => {
    const expired = createHubSession(sandbox.context.store, { expires_in: 0 });
    const gone = await fetch(`${sandbox.url}/embedded/integrations?token=${expired.token}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This link has expired');

    const unknown = await fetch(`${sandbox.url}/embedded/integrations?token=nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This link is not valid');
  });

  it('serves a connection guide that lists the simulated provider errors', async () => {
    const res = await fetch(`${sandbox.url}/guides/bamboohr`);
    expect(res.status).toBe(200);
    const body = await res.text();
    for (const word of ['invalid', 'forbidden', 'timeout']) expect(body).toContain(`<code>${word}</code>`);
  });

  it('serves the legacy Connect library at /stackone/connect.js, defining window.Connect.start', async () => {
    const res = await fetch(`${sandbox.url}/stackone/connect.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const js = await res.text();
    expect(js).toContain('window.Connect = { start: start }');
    expect(js).toContain('/embedded/connect?');
    // The fallback origin is the sandbox's public URL, not the placeholder.
    expect(js).toContain(`var FALLBACK_ORIGIN = ${JSON.stringify(sandbox.url)};`);
  });

  it('frames the real Hub for connect.js and relays its events to the host origin only', async () => {
    const session = createHubSession(sandbox.context.store);
    const page = await fetch(
      `${sandbox.url}/embedded/connect?token=${session.token}&host_origin=${encodeURIComponent('http://127.0.0.1:5999')}`,
    );
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain(`token="${session.token}"`);
    expect(body).toContain(`base-url="${sandbox.url}"`);
    expect(body).toContain('data-host-origin="http://127.0.0.1:5999"');
    expect(body).toContain('<script src="/hub-assets/webcomponent.js"></script>');

    // Not an origin (a path, another scheme): the page posts to any origin rather than to that.
    for (const bad of ['http://127.0.0.1:5999/app', 'javascript:alert(1)', 'nope']) {
      const res = await fetch(
        `${sandbox.url}/embedded/connect?token=${session.token}&host_origin=${encodeURIComponent(bad)}`,
      );
      expect(await res.text()).toContain('data-host-origin=""');
    }
  });

  it('answers an unknown connect.js session with 404 and an expired one with 410', async () => {
    const expired = createHubSession(sandbox.context.store, { expires_in: 0 });
    const gone = await fetch(`${sandbox.url}/embedded/connect?token=${expired.token}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This session has expired');

    const unknown = await fetch(`${sandbox.url}/embedded/connect?token=nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This session is not valid');
  });
});
