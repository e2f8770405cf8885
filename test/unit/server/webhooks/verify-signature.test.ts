import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../../../server/webhooks/verify-signature.ts';

const SECRET = 'whsec_current';
const OLD_SECRET = 'whsec_previous';
const body = JSON.stringify({ event: 'account.updated', account_id: '42', sent_at: '2025-01-01T00:00:00Z' });

// Computed independently of the module under test: base64 → base64url by hand, keeping the padding.
const padded = (raw: string, secret: string) =>
  createHmac('sha256', secret).update(raw).digest('base64').replace(/\+/g, '-').replace(/\//g, '_');
const unpadded = (raw: string, secret: string) => padded(raw, secret).replace(/=+$/, '');

describe('verifySignature', () => {
  it('accepts the unpadded base64url HMAC-SHA256 of the raw body', () => {
    expect(unpadded(body, SECRET)).toHaveLength(43);
    expect(verifySignature(body, unpadded(body, SECRET), [SECRET])).toBe(true);
  });

  it('accepts the same signature with its = padding', () => {
    expect(padded(body, SECRET).endsWith('=')).toBe(true);
    expect(verifySignature(body, padded(body, SECRET), [SECRET])).toBe(true);
  });

  it('verifies the raw bytes as well as a string', () => {
    expect(verifySignature(Buffer.from(body), unpadded(body, SECRET), [SECRET])).toBe(true);
  });

  it('refuses a signature made with another secret', () => {
    expect(verifySignature(body, unpadded(body, 'whsec_attacker'), [SECRET])).toBe(false);
  });

  it('accepts a signature made with the second of two secrets during a rotation', () => {
    expect(verifySignature(body, unpadded(body, OLD_SECRET), [SECRET, OLD_SECRET])).toBe(true);
    expect(verifySignature(body, unpadded(body, SECRET), [SECRET, OLD_SECRET])).toBe(true);
  });

  it('refuses a signature made with a secret rotated out', () => {
    expect(verifySignature(body, unpadded(body, OLD_SECRET), [SECRET])).toBe(false);
  });

  it('refuses a missing or empty signature header', () => {
    expect(verifySignature(body, undefined, [SECRET])).toBe(false);
    expect(verifySignature(body, null, [SECRET])).toBe(false);
    expect(verifySignature(body, '', [SECRET])).toBe(false);
  });

  it('refuses a body changed after signing', () => {
    const tampered = body.replace('account.updated', 'account.deleted');
    expect(verifySignature(tampered, unpadded(body, SECRET), [SECRET])).toBe(false);
  });

  it('refuses a signature of the wrong length without throwing', () => {
    const good = unpadded(body, SECRET);
    expect(verifySignature(body, good.slice(0, -1), [SECRET])).toBe(false);
    expect(verifySignature(body, `${good}A`, [SECRET])).toBe(false);
    expect(verifySignature(body, 'x'.repeat(500), [SECRET])).toBe(false);
  });

  it('refuses the hex or standard base64 encodings of the right digest', () => {
    const hmac = () => createHmac('sha256', SECRET).update(body);
    expect(verifySignature(body, hmac().digest('hex'), [SECRET])).toBe(false);
    const base64 = hmac().digest('base64');
    // Only a digest containing + or / differs between base64 and base64url.
    if (/[+/]/.test(base64)) expect(verifySignature(body, base64, [SECRET])).toBe(false);
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifySignature(body, unpadded(body, SECRET), [])).toBe(false);
  });
});
