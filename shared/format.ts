const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const toTime = (value: string | number | Date) =>
  typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime();

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A length of time as a person would say it: "12 s", "4 min", "5 h", "3 days". */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < MINUTE) return `${Math.floor(abs / SECOND)} s`;
  if (abs < HOUR) return `${Math.floor(abs / MINUTE)} min`;
  if (abs < DAY) return `${Math.floor(abs / HOUR)} h`;
  return plural(Math.floor(abs / DAY), 'day');
}

/** "just now", "12 s ago", "4 min ago", "3 days ago"; older than 30 days becomes a date. */
export function formatRelative(value: string | number | Date, now: number = Date.now()): string {
  const time = toTime(value);
  if (Number.isNaN(time)) return '—';
  const diff = now - time;
  if (Math.abs(diff) < 5 * SECOND) return 'just now';
  if (diff < 0) return `in ${formatDuration(-diff)}`;
  if (diff >= 30 * DAY) return formatDate(time);
  return `${formatDuration(diff)} ago`;
}

/**
 * "broken for 3 days" — how long an account has been in its current bad state. An inactive account
 * is not broken (it may have been disabled on purpose): "inactive for 3 days".
 */
export function formatBrokenFor(
  since: string | number | Date,
  now: number = Date.now(),
  status: string = 'error',
): string {
  const state = status === 'inactive' ? 'inactive' : 'broken';
  const time = toTime(since);
  if (Number.isNaN(time)) return state;
  return `${state} for ${formatDuration(now - time)}`;
}

// Dates and times are in the running side's time zone: the browser's in the SPA, the server's in its
// first paint of /accounts (whose "3 days ago" the SPA redraws in the browser's a moment later).
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "12 Mar 2025". */
export function formatDate(value: string | number | Date): string {
  const time = toTime(value);
  return Number.isNaN(time) ? '—' : dateFormat.format(time);
}

/** "12 Mar 2025, 14:03:07". */
export function formatDateTime(value: string | number | Date): string {
  const time = toTime(value);
  return Number.isNaN(time) ? '—' : dateTimeFormat.format(time);
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** "14:03:07". */
export function formatTime(value: string | number | Date): string {
  const time = toTime(value);
  return Number.isNaN(time) ? '—' : timeFormat.format(time);
}

const numberFormat = new Intl.NumberFormat('en-GB');
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}
