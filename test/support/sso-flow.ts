import type { TestConsole } from './console.ts';

/** Cookies by name, as a browser keeps them for one site (path and expiry ignored). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface SsoFlowOptions {
  /** Changes the IdP authorization URL the console answered before the browser follows it. */
  authorizationUrl?: (url: URL) => void;
  /** Changes the callback URL the IdP redirected to before the browser follows it. */
  callbackUrl?: (url: URL) => void;
  /** Where to land after signing in (the `redirect` of the sign-in page). */
  redirect?: string;
}

export interface SsoFlowResult {
  /** The console's answer to the callback: a redirect to the landing page or to /sso-error. */
  status: number;
  location: string;
  /** The `error` of a redirect to /sso-error, else null. */
  error: string | null;
  /** The session cookie for `api()` (empty when the sign-in failed). */
  cookie: string;
}

/**
 * A browser signing in with SSO, over real HTTP: asks the console to start, follows the IdP's
 * redirects, submits the IdP's login form as `login`, and brings the IdP's answer back to the
 * console's callback, as the browser would.
 */
export async function signInWithSso(
  t: TestConsole,
  login: string,
  options: SsoFlowOptions = {},
): Promise<SsoFlowResult> {
  const consoleJar = new CookieJar();
  const idpJar = new CookieJar();
  const start = await t.api('/api/auth/sso', {
    method: 'POST',
    cookie: '',
    body: JSON.stringify({ redirect: options.redirect ?? '/accounts' }),
  });
  if (!start.ok) throw new Error(`starting SSO failed: ${start.status} ${await start.text()}`);
  consoleJar.take(start);
  const authorizationUrl = new URL(((await start.json()) as { url: string }).url);
  options.authorizationUrl?.(authorizationUrl);

  const publicCallback = `${new URL(t.console.deps.config.publicUrl).origin}/api/auth/callback/`;
  let next: URL = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    if (next.href.startsWith(publicCallback)) break;
    const res = await fetch(next, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: idpJar.header() },
    });
    idpJar.take(res);
    init = {};
    const location = res.headers.get('location');
    if (location) {
      next = new URL(location, next);
      continue;
    }
    const html = await res.text();
    if (res.status === 200 && /name="login"/.test(html)) {
      // The IdP's sign-in form: any password is accepted for a known login.
      init = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any-password' }).toString(),
      };
      continue;
    }
    throw new Error(`the IdP answered ${res.status} at ${next.href}: ${html.slice(0, 300)}`);
  }
  options.callbackUrl?.(next);
  const path = next.pathname + next.search;
  const res = await t.api(path, { cookie: consoleJar.header(), redirect: 'manual' });
  consoleJar.take(res);
  const location = res.headers.get('location') ?? '';
  const target = new URL(location, t.console.deps.config.publicUrl);
  const error = target.pathname === '/sso-error' ? target.searchParams.get('error') : null;
  const cookie = res.headers
    .getSetCookie()
    .filter((c) => c.includes('session_token='))
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: res.status, location, error, cookie };
}
