const PROBE_TIMEOUT_MS = 5_000;

function describeFailure(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if ((err as Error).name === 'TimeoutError') return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/**
 * What is wrong with the issuer's discovery document, in words for the sign-in error page and the
 * start-up log; null when it looks usable. Only a diagnosis: better-auth fetches and uses discovery
 * itself. Checks what OpenID Connect Discovery requires of it: reachable, JSON, the same issuer, an
 * authorization and a token endpoint, and signing keys.
 */
export async function probeIssuer(issuer: string): Promise<string | null> {
  const url = `${issuer}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    return `The identity provider at ${issuer} could not be reached (${describeFailure(err)})`;
  }
  if (!res.ok) return `The identity provider's discovery document ${url} answered HTTP ${res.status}`;
  let doc: Record<string, unknown>;
  try {
    doc = (await res.json()) as Record<string, unknown>;
    if (!doc || typeof doc !== 'object') throw new Error('not an object');
  } catch {
    return `The identity provider's discovery document ${url} is not valid JSON`;
  }
  if (typeof doc.issuer !== 'string' || doc.issuer.replace(/\/+$/, '') !== issuer) {
    return `The discovery document ${url} names the issuer ${JSON.stringify(doc.issuer)}, not ${issuer} (check OIDC_ISSUER)`;
  }
  const missing = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'].filter(
    (key) => typeof doc[key] !== 'string',
  );
  if (missing.length) return `The discovery document ${url} has no ${missing.join(', ')}`;
  return null;
}
