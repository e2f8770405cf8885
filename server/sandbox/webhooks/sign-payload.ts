import { createHmac } from 'node:crypto';

/**
 * `x-stackone-signature`: HMAC-SHA256 of the exact body bytes keyed with the secret's UTF-8 bytes,
 * as unpadded base64url (Node's `base64url`), which is what StackOne's own receiver example compares
 * against (stackone-api.md §8).
 */
export function signPayload(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}
