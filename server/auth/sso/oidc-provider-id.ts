/** better-auth's id of the company's OpenID provider: it names the callback route. */
export const OIDC_PROVIDER_ID = 'oidc';
/** Where the IdP sends the browser back; register `PUBLIC_URL` + this at the IdP. */
export const OIDC_CALLBACK_PATH = `/api/auth/callback/${OIDC_PROVIDER_ID}`;
