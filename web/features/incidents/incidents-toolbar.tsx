import { XIcon } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { IncidentListResponse } from '../../../shared/schemas/incident.ts';
import { NO_REASON, UNASSIGNED } from '../../../shared/schemas/incident.ts';
import {
  DataTableFacetedFilter,
  type FacetOption,
} from '../../components/data-table/data-table-faceted-filter.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Input } from '../../components/ui/input.tsx';
import { useMe } from '../../lib/use-me.ts';
import { INCIDENT_STATE_LABELS, stateLabel } from './incident-labels.ts';
import {
  hasActiveFilters,
  resetFilters,
  setAssignee,
  setFacet,
  setSearchText,
  type IncidentsSearch,
} from './incidents-search.ts';

const SEARCH_DEBOUNCE_MS = 250;

/** Options of a facet: every value the server counted, plus the selected ones it did not. */
function optionsOf(
  counts: Record<string, number> | undefined,
  selected: readonly string[],
  label: (value: string) => string = (v) => v,
): FacetOption[] {
  const values = new Set([...Object.keys(counts ?? {}), ...selected]);
  return [...values]
    .sort((a, b) => (counts?.[b] ?? 0) - (counts?.[a] ?? 0) || a.localeCompare(b))
    .map((value) => ({ value, label: label(value), count: counts?.[value] ?? 0 }));
}

function CustomerSearch({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const [last, setLast] = useState(value);
  if (value !== last) {
    setLast(value);
    setText(value);
  }
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChangeRef.current(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <Input
      type="search"
      aria-label="Search by customer"
      placeholder="Search by customer…"
      className="h-8 w-64"
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

export function IncidentsToolbar({
  search,
  facets,
  emails,
  onSearchChange,
}: {
  search: IncidentsSearch;
  facets: IncidentListResponse['facets'] | undefined;
  /** Assignee id → email, from the rows on screen (the facet counts by id). */
  emails: ReadonlyMap<string, string>;
  onSearchChange: (next: IncidentsSearch) => void;
}) {
  const me = useMe();
  const assigneeLabel = (v: string) =>
    v === UNASSIGNED ? 'Unassigned' : v === 'me' || v === me?.user.id ? 'Me' : (emails.get(v) ?? v);
  // The assignee filter is one value (me, none, or a user): the last one picked wins.
  const assigneeOptions = optionsOf(facets?.assignee, [], assigneeLabel).map((o) =>
    o.value === me?.user.id ? { ...o, value: 'me' } : o,
  );
  const selectedAssignee = search.assignee ? [search.assignee] : [];
  return (
    <div role="toolbar" aria-label="Filter incidents" className="flex flex-wrap items-center gap-2">
      <CustomerSearch value={search.q ?? ''} onChange={(q) => onSearchChange(setSearchText(search, q))} />
      <DataTableFacetedFilter
        title="State"
        options={optionsOf(
          { ...Object.fromEntries(Object.keys(INCIDENT_STATE_LABELS).map((s) => [s, 0])), ...facets?.state },
          search.state,
          stateLabel,
        )}
        selected={search.state}
        onChange={(values) => onSearchChange(setFacet(search, 'state', values))}
      />
      <DataTableFacetedFilter
        title="Provider"
        options={optionsOf(facets?.provider, search.provider)}
        selected={search.provider}
        onChange={(values) => onSearchChange(setFacet(search, 'provider', values))}
      />
      <DataTableFacetedFilter
        title="Reason"
        options={optionsOf(facets?.reason, search.reason, (v) => (v === NO_REASON ? 'No reason' : v))}
        selected={search.reason}
        onChange={(values) => onSearchChange(setFacet(search, 'reason', values))}
      />
      <DataTableFacetedFilter
        title="Assignee"
        options={assigneeOptions}
        selected={selectedAssignee}
        onChange={(values) =>
          onSearchChange(setAssignee(search, values.find((v) => !selectedAssignee.includes(v)) ?? undefined))
        }
      />
      {hasActiveFilters(search) && (
        <Button
          variant="ghost"
          size="sm"
          className="h-8 px-2"
          onClick={() => onSearchChange(resetFilters(search))}
        >
          Reset
          <XIcon aria-hidden />
        </Button>
      )}
    </div>
  );
}
