import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSeed } from '../../../server/sandbox/state/seed.ts';
import { SandboxStore } from '../../../server/sandbox/state/store.ts';

const NOW = new Date('2025-06-01T00:00:00.000Z');

/** What the sandbox serves from a seed, byte for byte: accounts in list order, logs newest first. */
function seededDigest(seed: number, accounts: number): string {
  const store = new SandboxStore(buildSeed({ seed, accounts, now: NOW }));
  return createHash('sha256')
    .update(JSON.stringify({ accounts: store.listAccounts(), logs: store.logs }))
    .digest('hex');
}

describe('the seed', () => {
  // Pinned so that making the seed cheaper provably changes nothing a client can see. Sizes cover no
  // fixed stories (< 4), logs for every account (≤ 3,000) and logs for a sample (> 3,000).
  it.each([
    [7, 3, 'c34b7c9210ac4f305c592a24ba82fa079f18451481ee6e7bdf19e7c94f87bd63'],
    [7, 60, '853ef881398708b312c459b8eefea1ffad127446f26e120c71c56651e6a1ed22'],
    [42, 250, '2c7e0427e99beb6943a0ee3b38c1877e8985b345eb9dca556fd0c0ae7a0a695a'],
    [42, 10_000, 'df20a725544c86305ca6b36bf4d1a6a32ce037672a4faf54e4d1e7868a7d2d0b'],
  ])('seed %i with %i accounts builds exactly the pinned accounts and logs', (seed, accounts, digest) => {
    expect(seededDigest(seed, accounts)).toBe(digest);
  });

  it('builds the seeded logs from the accounts as seeded, whatever changed before they were first read', () => {
    const seeded = new SandboxStore(buildSeed({ seed: 7, accounts: 60, now: NOW }));
    const changed = new SandboxStore(buildSeed({ seed: 7, accounts: 60, now: NOW }));
    const [first, second] = changed.listAccounts().filter((a) => a.status === 'active');
    changed.updateAccount(first!.id, {
      status: 'error',
      provider: 'jira',
      status_reasons: [{ code: 'token_expired', description: null, timestamp: NOW.toISOString() }],
    });
    changed.deleteAccount(second!.id);
    expect(changed.logs).toEqual(seeded.logs);
  });

  it('gives the same data for the same seed and other data for another seed', () => {
    expect(seededDigest(3, 100)).toBe(seededDigest(3, 100));
    expect(seededDigest(4, 100)).not.toBe(seededDigest(3, 100));
  });
});
