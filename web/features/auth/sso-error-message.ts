/**
 * What went wrong with a sign-in at the identity provider, by the `error` code on the error page.
 * Only known codes are worded: the page never shows text taken from its URL.
 */
const MESSAGES: Record<string, string> = {
  sso_unavailable: 'Single sign-on could not start: the identity provider cannot be used right now.',
  no_role:
    'Your identity provider groups give you no role in Switchboard. Ask your administrator to add you to a Switchboard group.',
  email_domain_not_allowed: 'Your email domain may not sign in to Switchboard.',
  user_disabled: 'Your Switchboard user is disabled. Ask an administrator to enable it.',
  account_not_linked:
    'A Switchboard user with your email signs in with a password. Ask an administrator to remove it, then sign in with SSO again.',
  access_denied: 'The sign-in was cancelled at the identity provider.',
  state_mismatch: 'This sign-in was started elsewhere or has expired. Start again from the sign-in page.',
  state_not_found: 'This sign-in was started elsewhere or has expired. Start again from the sign-in page.',
  please_restart_the_process:
    'This sign-in was started elsewhere or has expired. Start again from the sign-in page.',
  unable_to_get_user_info:
    "The identity provider's answer could not be verified (its ID token was not for this console, expired, or not signed by it).",
  invalid_code: 'The identity provider did not accept the sign-in code. Start again from the sign-in page.',
  email_not_found: 'The identity provider did not send an email address (is the email scope granted?).',
  issuer_mismatch: 'The answer came from another identity provider than the one configured.',
};

export function ssoErrorMessage(code: string | undefined): string {
  return (
    (code && MESSAGES[code]) ||
    'Signing in with the identity provider failed. Try again, or ask your administrator.'
  );
}
