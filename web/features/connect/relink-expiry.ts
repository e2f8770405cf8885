const HOUR = 3600;
const DAY = 24 * HOUR;

/** The re-link link lifetimes offered, in seconds (StackOne allows up to 30 days). */
export const RELINK_EXPIRY_OPTIONS = [
  { label: '1 hour', seconds: HOUR },
  { label: '1 day', seconds: DAY },
  { label: '7 days', seconds: 7 * DAY },
  { label: '30 days', seconds: 30 * DAY },
] as const;

export const DEFAULT_RELINK_EXPIRY = 7 * DAY;

const whenFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "in 7 days": rounded, because a link made a second ago for 7 days has 6.99 days left. */
function timeLeft(ms: number): string {
  if (ms <= 0) return 'expired';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `in ${plural(Math.max(1, minutes), 'minute')}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return `in ${plural(hours, 'hour')}`;
  return `in ${plural(Math.round(ms / 86_400_000), 'day')}`;
}

/** "Expires 29 Nov, 14:02 (in 7 days)", in the browser's time zone. */
export function formatLinkExpiry(expiresAt: string, now: number = Date.now()): string {
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return 'Expiry unknown';
  return `Expires ${whenFormat.format(at)} (${timeLeft(at - now)})`;
}
