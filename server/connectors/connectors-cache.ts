import type { Connector } from '../../shared/schemas/connector.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';

const TTL_MS = 10 * 60_000;

/** Connector metadata changes rarely; one upstream read serves every picker for ten minutes. */
export function createConnectorsCache(stackOne: StackOneClient) {
  let cached: { at: number; value: Promise<Connector[]> } | null = null;
  let settled: { at: number; items: Connector[] } | null = null;
  return {
    /** A read of the last ten minutes, without asking StackOne: null when there is none. */
    known(): Connector[] | null {
      return settled && Date.now() - settled.at < TTL_MS ? settled.items : null;
    },
    list(): Promise<Connector[]> {
      if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
      const at = Date.now();
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
      cached = { at, value };
      value.then(
        (items) => {
          settled = { at, items };
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
