import type { StatusReason } from '../model.ts';

const DESCRIPTIONS: Record<string, (providerName: string) => string> = {
  token_expired: (p) => `The ${p} access token expired and could not be refreshed.`,
  access_revoked: (p) => `Access was revoked in ${p} (invalid_grant).`,
  insufficient_scopes: (p) => `The ${p} credentials lack the scopes needed to read employees.`,
  invalid_credentials: (p) => `${p} rejected the API key (401 Unauthorized).`,
  provider_unreachable: (p) => `${p} did not answer for 3 consecutive checks (503).`,
  disabled_by_user: () => 'The account was disabled from the dashboard.',
};

/** Default reason codes per status; StackOne documents no catalogue of codes. */
export const DEFAULT_REASON_CODE = { error: 'token_expired', inactive: 'disabled_by_user' } as const;

/** A status reason stamped now, with a readable description for the sandbox's known codes. */
export function statusReason(
  status: keyof typeof DEFAULT_REASON_CODE,
  providerName: string,
  code?: string,
  description?: string,
): StatusReason {
  const reasonCode = code ?? DEFAULT_REASON_CODE[status];
  return {
    code: reasonCode,
    description:
      description ??
      DESCRIPTIONS[reasonCode]?.(providerName) ??
      `Marked ${status} through the sandbox control API.`,
    timestamp: new Date().toISOString(),
  };
}
