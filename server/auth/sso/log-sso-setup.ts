import type { OidcConfig } from '../../config/config.ts';
import { probeIssuer } from './probe-issuer.ts';

/** Prints, at start, the callback URL to register at the IdP and anything wrong with the IdP. */
export async function logSsoSetup(oidc: OidcConfig, passwordSignIn: boolean): Promise<void> {
  console.log(`Single sign-on with ${oidc.issuer} (client ${oidc.clientId})`);
  console.log(`  register this redirect URI at the identity provider: ${oidc.callbackUrl}`);
  if (!passwordSignIn) console.log('  password sign-in is off (only SWITCHBOARD_ADMIN_EMAIL may use it)');
  const problem = await probeIssuer(oidc.issuer);
  if (problem) console.warn(`  single sign-on is unavailable until this is fixed: ${problem}`);
}
