import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Connector } from '../../../shared/schemas/connector.ts';
import { connectorQueries } from '../../lib/queries/connectors.ts';

/** Connectors by provider key, for logos and display names; empty until loaded (or if it fails). */
export function useConnectorLookup(): ReadonlyMap<string, Connector> {
  const { data } = useQuery(connectorQueries.list());
  return useMemo(() => new Map((data?.items ?? []).map((c) => [c.provider, c])), [data]);
}
