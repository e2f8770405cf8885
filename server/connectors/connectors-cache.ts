import type { Connector } from '../../shared/schemas/connector.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';

const TTL_MS = 10 * 60_000;

/** Connector metadata changes rarely; one upstream read serves every picker for ten minutes. */
export function createConnectorsCache(stackOne: StackOneClient) {
  let cached: { at: number; value: Promise<Connector[]> } | null = null;
  let settled: Connector[] | null = null;
  return {
    /** What the last successful read returned, without asking StackOne: null before one has. */
    known(): Connector[] | null {
      return settled;
    },
    list(): Promise<Connector[]> {
      if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
      const value = stackOne.listConnectors().then((items) =>
        items
          .map((c) => ({
            provider: c.provider,
            name: c.provider_name,
            category: c.category,
            logoUrl: c.resources?.images?.logo_url ?? null,
            active: c.active ?? true,
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
      cached = { at: Date.now(), value };
      value.then(
        (items) => {
          settled = items;
        },
        // A failed read must not be served from the cache.
        () => {
          if (cached?.value === value) cached = null;
        },
      );
      return value;
    },
  };
}
export type ConnectorsCache = ReturnType<typeof createConnectorsCache>;
