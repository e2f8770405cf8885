import { Hono } from 'hono';
import {
  SsoStartRequestSchema,
  type SignInMethods,
  type SsoSettings,
} from '../../shared/schemas/sign-in-methods.ts';
import { requirePermission } from '../auth/session-middleware.ts';
import type { AppDeps } from '../app-deps.ts';
import { SSO_ERROR_PATH } from '../auth/create-auth.ts';
import { OIDC_PROVIDER_ID } from '../auth/sso/oidc-provider-id.ts';
import { probeIssuer } from '../auth/sso/probe-issuer.ts';
import { settleSsoSignIn } from '../auth/sso/settle-sso-sign-in.ts';
import { withSsoAttempt } from '../auth/sso/sso-attempt.ts';
import { AppError } from '../http/app-error.ts';
import { validate } from '../http/validate.ts';

const PROBE_CACHE_MS = 15_000;
const HOME_PATH = '/accounts';

/** A path on this site to land on after signing in; anything else (`//evil.example`) lands home. */
const landingPath = (value: string | undefined) =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : HOME_PATH;

/**
 * Single sign-on, beside better-auth's own routes: which methods the sign-in page offers, the start
 * of an IdP sign-in, what is wrong with the IdP when it cannot start, and the IdP's callback.
 */
export function ssoRoutes(deps: AppDeps) {
  const { config } = deps;
  const oidc = config.oidc;
  // Anyone can open the error page: the IdP is asked at most once per PROBE_CACHE_MS for them all.
  let probe: { at: number; problem: Promise<string | null> } | null = null;
  const problem = () => {
    if (!oidc) return Promise.resolve(null);
    if (!probe || Date.now() - probe.at > PROBE_CACHE_MS)
      probe = { at: Date.now(), problem: probeIssuer(oidc.issuer) };
    return probe.problem;
  };
  const requireOidc = () => {
    if (!oidc) throw new AppError('not_found', 'Single sign-on is not configured');
    return oidc;
  };

  return (
    new Hono()
      .get('/methods', (c) =>
        c.json(
          {
            password: config.auth.passwordSignIn,
            breakGlass: !config.auth.passwordSignIn && config.auth.breakGlassEmail !== null,
            sso: oidc !== null,
          } satisfies SignInMethods,
          200,
        ),
      )
      .get('/sso/status', async (c) => {
        requireOidc();
        return c.json({ problem: await problem() }, 200);
      })
      // Admins: what to register at the IdP (the callback URL) and how groups map to roles.
      .get('/sso/settings', requirePermission('users:manage'), async (c) =>
        c.json(
          {
            configured: oidc !== null,
            issuer: oidc?.issuer ?? null,
            clientId: oidc?.clientId ?? null,
            callbackUrl: oidc?.callbackUrl ?? null,
            scopes: oidc?.scopes ?? [],
            roleClaim: oidc?.roleClaim ?? null,
            roleMap: oidc?.roleMap ?? [],
            allowedDomains: oidc?.allowedDomains ?? [],
            passwordSignIn: config.auth.passwordSignIn,
            problem: await problem(),
          } satisfies SsoSettings,
          200,
        ),
      )
      .post('/sso', validate('json', SsoStartRequestSchema), async (c) => {
        requireOidc();
        const { redirect } = c.req.valid('json');
        const response = await deps.auth.api.signInSocial({
          body: {
            provider: OIDC_PROVIDER_ID,
            callbackURL: `${config.publicUrl}${landingPath(redirect)}`,
            errorCallbackURL: `${config.publicUrl}${SSO_ERROR_PATH}`,
            disableRedirect: true,
          },
          headers: c.req.raw.headers,
          asResponse: true,
        });
        const body = response.ok ? ((await response.json()) as { url?: unknown }) : null;
        if (typeof body?.url !== 'string') {
          // better-auth logs its own reason; the person at the sign-in page gets one they can pass on.
          probe = null;
          const why =
            (await problem()) ?? `the identity provider could not be used (HTTP ${response.status})`;
          throw new AppError('upstream_unavailable', `Single sign-on is unavailable: ${why}`);
        }
        const answer = c.json({ url: body.url }, 200);
        for (const cookie of response.headers.getSetCookie()) answer.headers.append('set-cookie', cookie);
        return answer;
      })
      .get(`/callback/${OIDC_PROVIDER_ID}`, async (c) => {
        requireOidc();
        const { result, attempt } = await withSsoAttempt(() => deps.auth.handler(c.req.raw));
        await settleSsoSignIn(deps, c, attempt, result);
        if (!attempt.refused) return result;
        // better-auth only knows that a hook said no: the error page gets our reason instead.
        const headers = new Headers(result.headers);
        headers.set('location', `${config.publicUrl}${SSO_ERROR_PATH}?error=${attempt.refused}`);
        return new Response(null, { status: 302, headers });
      })
  );
}
