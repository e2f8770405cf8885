export const HOME_PATH = '/accounts';

/**
 * The `redirect` search param after sign-in: only a path on this site, never `//evil.example` or
 * `https://…`, so a crafted link cannot bounce a fresh session elsewhere.
 */
export function safeRedirect(value: unknown, fallback: string = HOME_PATH): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/setup')) return fallback;
  return value;
}
