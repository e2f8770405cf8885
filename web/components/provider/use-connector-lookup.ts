import { useQuery } from '@tanstack/react-query';
import type { Connector, ConnectorList } from '../../../shared/schemas/connector.ts';
import { connectorQueries } from '../../lib/queries/connectors.ts';

const EMPTY: ReadonlyMap<string, Connector> = new Map();
// One lookup per loaded catalogue, shared by every caller: a table renders this once per row.
const lookups = new WeakMap<ConnectorList, ReadonlyMap<string, Connector>>();

function lookupOf(list: ConnectorList | undefined): ReadonlyMap<string, Connector> {
  if (!list) return EMPTY;
  let lookup = lookups.get(list);
  if (!lookup) {
    lookup = new Map(list.items.map((c) => [c.provider, c]));
    lookups.set(list, lookup);
  }
  return lookup;
}

/** Connectors by provider key, for logos and display names; empty until loaded (or if it fails). */
export function useConnectorLookup(): ReadonlyMap<string, Connector> {
  return lookupOf(useQuery(connectorQueries.list()).data);
}
