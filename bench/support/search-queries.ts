import type { UpstreamLinkedAccount } from '../../server/stackone/upstream-schemas.ts';
import { seededRandom } from './stats.ts';

// A type, not an interface: it is passed where a Record<string, string> is taken.
export type SearchQuery = {
  q: string;
  status: string;
  provider: string;
};

/**
 * The searches support staff type, the same in every run (seed 7): a fragment of a real customer
 * name (a word, cut; half lower-cased, some with accents), a status and a provider.
 */
export function searchQueries(
  accounts: readonly Pick<UpstreamLinkedAccount, 'origin_owner_name' | 'provider'>[],
  count: number,
): SearchQuery[] {
  const rng = seededRandom(7);
  const names = [...new Set(accounts.map((a) => a.origin_owner_name))];
  const providers = [...new Set(accounts.map((a) => a.provider))];
  const fragment = () => {
    const word = rng.pick(
      rng
        .pick(names)
        .split(/\s+/)
        .filter((w) => w.length >= 3),
    );
    const cut = word.slice(0, Math.max(3, Math.min(word.length, 3 + Math.floor(rng.next() * 4))));
    return rng.next() < 0.5 ? cut.toLowerCase() : cut;
  };
  return Array.from({ length: count }, () => ({
    q: fragment(),
    status: rng.pick(['active', 'error', 'inactive']),
    provider: rng.pick(providers),
  }));
}
