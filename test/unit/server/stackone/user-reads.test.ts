import { describe, expect, it } from 'vitest';
import { createStackOneClient } from '../../../../server/stackone/stackone-client.ts';

const account = { id: 'a1', provider: 'hibob', status: 'active', origin_owner_id: 'o', origin_owner_name: 'O',
  created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };

describe('live reads refused by the per-user limit', () => {
  it('are rejections, not synchronous throws, so a caller`s .catch sees them', async () => {
    const fetch = (async (url: string) =>
      new Response(JSON.stringify(url.endsWith('/meta') ? { provider: 'hibob', category: 'hris' } : account), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })) as typeof globalThis.fetch;
    const client = createStackOneClient({
      baseUrl: 'http://stackone.test',
      apiKey: 'k',
      timeoutMs: 1000,
      userReadsPerMinute: 1,
      fetch,
    });
    const user = client.forUser('u1');
    await user.getAccount('a1'); // the user's one token
    let meta: Promise<unknown> | undefined;
    expect(() => {
      meta = user.getAccountMeta('a1').catch(() => null);
    }).not.toThrow();
    await expect(meta).resolves.toBeNull();
    let again: Promise<unknown> | undefined;
    expect(() => {
      again = user.getAccount('a1');
    }).not.toThrow();
    await expect(again).rejects.toMatchObject({ code: 'rate_limited' });
  });
});
