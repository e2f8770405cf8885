import { createHmac, timingSafeEqual } from 'node:crypto';

const stripPadding = (s: string) => s.replace(/=+$/, '');

/**
 * Whether `x-stackone-signature` is base64url(HMAC-SHA256(secret, raw body)) for one of the secrets
 * (several during a rotation). StackOne's own example sends it unpadded, other senders pad with `=`:
 * padding is ignored on both sides. Every secret is tried, with no early exit, and each comparison is
 * constant-time, so the answer's timing tells nothing about how much of a forgery matched.
 */
export function verifySignature(
  rawBody: Uint8Array | string,
  header: string | null | undefined,
  secrets: readonly string[],
): boolean {
  if (!header) return false;
  const received = Buffer.from(stripPadding(header.trim()), 'utf8');
  let matched = false;
  for (const secret of secrets) {
    const expected = Buffer.from(
      stripPadding(createHmac('sha256', secret).update(rawBody).digest('base64url')),
      'utf8',
    );
    // timingSafeEqual throws on unequal lengths; the expected length is public (43 characters).
    if (expected.length === received.length && timingSafeEqual(expected, received)) matched = true;
  }
  return matched;
}
