/**
 * The defaults and limits of every API input of the sandbox, in one place. StackOne's own are marked
 * so (stackone-api.md); the limits StackOne does not document are the emulator's.
 */

/** `page_size` of `GET /accounts` and `GET /requests/logs`: StackOne's default is 25 (§2.1, §5.1). */
export const PAGE_SIZE = { fallback: 25, min: 1, max: 100 } as const;

/** `page` of `GET /accounts`, 1-based (StackOne leaves the base undocumented, §2.1). */
export const PAGE = { fallback: 1, min: 1, max: 1_000_000_000 } as const;

/** `expires_in` of a connect session, in seconds: StackOne's default (§3.1); a year keeps `expires_at` a valid date. */
export const EXPIRES_IN = { fallback: 1800, max: 365 * 24 * 3600 } as const;

/** `limit` of the control API's webhook delivery log. */
export const DELIVERIES_LIMIT = { fallback: 100, min: 1, max: 1000 } as const;
