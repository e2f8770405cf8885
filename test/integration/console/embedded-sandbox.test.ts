import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SANDBOX_API_KEY } from '../../../server/sandbox/config.ts';
import { freePort, TEST_ADMIN } from '../../support/console.ts';
import { spawnConsole, type ConsoleProcess } from '../../support/console-process.ts';
import { basicAuthHeader } from '../../support/sandbox.ts';

// A demo on a remote host: `npm start` with no StackOne key, the embedded sandbox told where browsers
// reach it and given its own key.
describe('the embedded sandbox of npm start', () => {
  const root = mkdtempSync(join(tmpdir(), 'sb-embedded-'));
  let proc: ConsoleProcess | undefined;

  afterAll(async () => {
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGTERM');
    await proc?.exited;
    rmSync(root, { recursive: true, force: true });
  });

  it('puts SANDBOX_PUBLIC_URL in every link browsers get and accepts only SANDBOX_API_KEY, while the console calls it locally', async () => {
    const port = await freePort();
    const sandboxPort = await freePort();
    const publicUrl = 'https://sandbox.demo.example';
    const apiKey = 'v1.demo.remote-host-key';
    const consoleUrl = `http://127.0.0.1:${port}`;
    proc = spawnConsole({
      PORT: String(port),
      PUBLIC_URL: consoleUrl,
      DATA_DIR: join(root, 'data'),
      SYNC_INTERVAL: '0',
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_ACCOUNTS: '12',
      SANDBOX_PUBLIC_URL: `${publicUrl}/`,
      SANDBOX_API_KEY: apiKey,
      SWITCHBOARD_ADMIN_EMAIL: TEST_ADMIN.email,
      SWITCHBOARD_ADMIN_PASSWORD: TEST_ADMIN.password,
    });
    await proc.listening;
    expect(proc.output()).toContain(
      `StackOne sandbox on ${publicUrl} (no STACKONE_API_KEY set; key ${apiKey})`,
    );

    // The sandbox takes the configured key and no other (the published default included).
    const sandbox = `http://127.0.0.1:${sandboxPort}`;
    const withKey = (key: string) =>
      fetch(`${sandbox}/accounts`, { headers: { authorization: basicAuthHeader(key) } });
    expect((await withKey(apiKey)).status).toBe(200);
    expect((await withKey(DEFAULT_SANDBOX_API_KEY)).status).toBe(401);

    const signIn = await fetch(`${consoleUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: consoleUrl },
      body: JSON.stringify(TEST_ADMIN),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${consoleUrl}/api${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', origin: consoleUrl, cookie },
      });

    // The start-up sync reached the sandbox on localhost with that key (the public name resolves nowhere).
    await expect
      .poll(async () => ((await (await api('/accounts')).json()) as { total: number }).total, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);

    // Every URL a browser is given points at the public host.
    const res = await api('/connect-sessions', {
      method: 'POST',
      body: JSON.stringify({ originOwnerId: 'cust_demo', originOwnerName: 'Demo Co', provider: 'ashby' }),
    });
    expect(res.status).toBe(201);
    const session = (await res.json()) as {
      token: string;
      authLinkUrl: string;
      hub: { baseUrl: string; appUrl: string };
    };
    expect(session.hub).toEqual({ baseUrl: publicUrl, appUrl: publicUrl });
    expect(session.authLinkUrl).toBe(`${publicUrl}/embedded/integrations?token=${session.token}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${publicUrl.replace(/\./g, '\\.')}`));

    const connectors = await fetch(`${sandbox}/hub/connectors`, {
      headers: { 'x-hub-session-token': session.token },
    });
    const { integrations } = (await connectors.json()) as { integrations: { logo_url: string }[] };
    expect(integrations[0]!.logo_url.startsWith(`${publicUrl}/`)).toBe(true);

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  }, 180_000);
});
