import { z } from 'zod';
import { queryList } from './query-list.ts';
import { AccountSchema } from './account.ts';

export const ACCOUNT_SORTS = ['updatedAt', 'createdAt', 'owner', 'provider', 'status', 'label'] as const;
export const AccountSortSchema = z.enum(ACCOUNT_SORTS);
export type AccountSort = z.infer<typeof AccountSortSchema>;

export const PAGE_SIZE_MAX = 200;

/** `GET /api/accounts` query. The server and the web's URL state both parse with it. */
export const AccountListQuerySchema = z.object({
  q: z.string().trim().max(200, 'Search text has at most 200 characters').optional(),
  // Beyond the three documented statuses, whatever StackOne answers (kept as it comes) can be filtered.
  status: queryList.pipe(
    z.array(
      z
        .string()
        .max(50)
        .regex(/^[A-Za-z0-9_.-]+$/, 'a status is letters, digits, _ . or -'),
    ),
  ),
  provider: queryList.pipe(z.array(z.string().max(100))),
  type: queryList.pipe(z.array(z.enum(['production', 'test']))),
  /** The first status-reason code (`token_expired`): what the Reason column shows. */
  reason: queryList.pipe(z.array(z.string().max(100))),
  ownerId: z.string().trim().max(200).optional(),
  sort: AccountSortSchema.default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').default(1),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1)
    .max(PAGE_SIZE_MAX, `pageSize is at most ${PAGE_SIZE_MAX}`)
    .default(50),
});
export type AccountListQuery = z.output<typeof AccountListQuerySchema>;
export type AccountListQueryInput = z.input<typeof AccountListQuerySchema>;

export const FacetCountsSchema = z.record(z.string(), z.number());

export const SyncStatusSchema = z.object({
  state: z.enum(['idle', 'running', 'failed']),
  seen: z.number(),
  pages: z.number(),
  total: z.number().optional(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  /** Records of the listing the client could not read, skipped. */
  skipped: z.number().optional(),
  /** Accounts missing from the listing that StackOne confirmed gone (`GET /accounts/{id}` 404). */
  confirmedDeleted: z.number().optional(),
  /** Accounts missing from the listing that StackOne did not confirm gone when asked: kept. */
  keptAfterCheck: z.number().optional(),
  /** Accounts missing from the listing not asked about (over the per-run cap, or an incomplete listing): kept. */
  unconfirmed: z.number().optional(),
  /** A listing that looks wrong or incomplete: nothing was deleted on its strength. */
  warning: z.string().nullable().optional(),
  /** While the sync waits out StackOne's `Retry-After`: until when (ISO time). */
  rateLimitedUntil: z.string().nullable().optional(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const AccountListResponseSchema = z.object({
  items: z.array(AccountSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({
    status: FacetCountsSchema,
    provider: FacetCountsSchema,
    type: FacetCountsSchema,
    // Optional so that a page built without reasons (a test double, an older server) still parses.
    reason: FacetCountsSchema.optional(),
  }),
  syncedAt: z.string().nullable(),
  sync: SyncStatusSchema,
});
export type AccountListResponse = z.infer<typeof AccountListResponseSchema>;
