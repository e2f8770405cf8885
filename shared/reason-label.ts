// Readable names for the status-reason codes seen from StackOne and its sandbox. StackOne documents no
// catalogue of codes, so any other code reads as its own words ("quota_exceeded" → "Quota exceeded").
const REASON_LABELS: Record<string, string> = {
  token_expired: 'Token expired',
  access_revoked: 'Access revoked',
  access_denied: 'Access denied',
  insufficient_scopes: 'Missing permissions',
  invalid_credentials: 'Invalid credentials',
  provider_unreachable: 'Provider unreachable',
  disabled_by_user: 'Disabled by a user',
  account_not_found: 'Account not found at the provider',
  invalid_request: 'Invalid request',
};

/** The label of a status-reason code, e.g. `token_expired` → "Token expired". */
export function reasonLabel(code: string): string {
  const known = REASON_LABELS[code];
  if (known) return known;
  const words = code.replace(/[_.-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}
