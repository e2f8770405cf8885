import type { IncidentAgeBucket, Overview } from '../../../shared/schemas/overview.ts';

export const STATUS_SERIES = ['active', 'error', 'inactive', 'other'] as const;
export type StatusSeries = (typeof STATUS_SERIES)[number];

export const STATUS_LABELS: Record<StatusSeries, string> = {
  active: 'Active',
  error: 'Error',
  inactive: 'Inactive',
  other: 'Other',
};

/** Light-mode colours with enough contrast against the card (error red, active green). */
export const STATUS_COLORS: Record<StatusSeries, string> = {
  active: 'var(--success)',
  error: 'var(--destructive)',
  inactive: 'oklch(0.65 0 0)',
  other: 'oklch(0.8 0 0)',
};

export const AGE_LABELS: Record<IncidentAgeBucket, string> = {
  underHour: 'Under 1 hour',
  underDay: '1 hour to 1 day',
  underWeek: '1 to 7 days',
  older: 'Over 7 days',
};

export const providerLabel = (p: Overview['byProvider'][number]) => p.providerName ?? p.provider;
export const reasonLabel = (code: string | null) => code ?? 'No reason code';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
/** "3 Nov" for a `YYYY-MM-DD` UTC day. */
export const dayLabel = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** The statuses a provider's bar shows: the three StackOne documents, and "other" only when some exist. */
export function statusSeries(overview: Overview): StatusSeries[] {
  return overview.byStatus.other > 0 ? [...STATUS_SERIES] : ['active', 'error', 'inactive'];
}

/** The accounts table's filter value for a series ("other" has none: the unfiltered provider list). */
export const statusFilter = (s: StatusSeries) => (s === 'other' ? undefined : s);
