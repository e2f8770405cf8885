import type { IncidentAgeBucket } from '../../../shared/schemas/overview.ts';
import { stringifySearch } from '../../../shared/search-params.ts';
import { compactAccountsSearch } from '../accounts/accounts-search.ts';
import { ACCOUNTS_SEARCH_DEFAULTS } from '../../../shared/schemas/accounts-search.ts';

/** The accounts table filtered to a status and/or provider, as its own URL state writes it. */
export function accountsHref(filter: { status?: string; provider?: string } = {}): string {
  const search = compactAccountsSearch({
    ...ACCOUNTS_SEARCH_DEFAULTS,
    status: filter.status ? [filter.status] : [],
    provider: filter.provider ? [filter.provider] : [],
  });
  return `/accounts${stringifySearch(search)}`;
}

/** The incident queue (`/incidents`): by default unresolved, oldest first. */
export function incidentsHref(
  filter: {
    state?: string;
    kind?: string;
    provider?: string;
    reason?: string;
    sort?: string;
    order?: string;
  } = {},
): string {
  return `/incidents${stringifySearch(filter)}`;
}

/** The queue for a bucket of open incidents: the youngest are easiest to find newest first. */
export function incidentAgeHref(bucket: IncidentAgeBucket): string {
  return bucket === 'underHour' || bucket === 'underDay'
    ? incidentsHref({ sort: 'openedAt', order: 'desc' })
    : incidentsHref();
}

/** The rows behind a reason code: the queue of incidents with it, or the accounts in error when none. */
export function reasonHref(code: string | null): string {
  return code === null ? accountsHref({ status: 'error' }) : incidentsHref({ kind: 'error', reason: code });
}
