import { randomBytes } from 'node:crypto';

/** A new signing secret. The `whsec_` prefix is the sandbox's own choice; StackOne's format is not documented. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
