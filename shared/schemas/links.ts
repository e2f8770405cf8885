import { z } from 'zod';
import { queryList } from './query-list.ts';
import { AccountListQuerySchema } from './account-filters.ts';
import { EXPIRES_IN_MAX } from './connect-session.ts';

/** A link's life: `sent` → `opened` → `completed`, or it ends `expired`, `superseded` or `revoked`. */
export const LINK_STATES = ['sent', 'opened', 'completed', 'expired', 'superseded', 'revoked'] as const;
export const LinkStateSchema = z.enum(LINK_STATES);
export type LinkState = z.infer<typeof LinkStateSchema>;
/** States in which the short link still redirects to StackOne. */
export const LIVE_LINK_STATES = ['sent', 'opened'] as const satisfies readonly LinkState[];

/** `relink`: an existing account; `new_account`: a customer (and maybe a provider) adding one. */
export const LinkKindSchema = z.enum(['relink', 'new_account']);

export const LinkSchema = z.object({
  id: z.string(),
  kind: LinkKindSchema,
  /** The console's short link, `PUBLIC_URL/l/<code>`: what is handed to the customer. */
  url: z.string(),
  /** null for a new-account link until the account it made is seen. */
  accountId: z.string().nullable(),
  originOwnerId: z.string(),
  originOwnerName: z.string(),
  provider: z.string().nullable(),
  label: z.string().nullable(),
  state: LinkStateSchema,
  /** The creator's email (null if the user is gone). */
  createdBy: z.string().nullable(),
  createdById: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  openedAt: z.string().nullable(),
  lastOpenedAt: z.string().nullable(),
  openCount: z.number(),
  completedAt: z.string().nullable(),
  /** When it became expired, superseded or revoked. */
  endedAt: z.string().nullable(),
  jobId: z.string().nullable(),
});
export type Link = z.infer<typeof LinkSchema>;

/** `GET /api/links` query; the Links page's URL state parses with it too. */
export const LinkListQuerySchema = z.object({
  state: queryList.pipe(z.array(LinkStateSchema)),
  provider: queryList.pipe(z.array(z.string().max(100))),
  accountId: z.string().trim().max(200).optional(),
  ownerId: z.string().trim().max(200).optional(),
  /** A user id; `me` is the caller. */
  createdBy: z.string().trim().max(200).optional(),
  page: z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, 'pageSize is at most 200').default(50),
});
export type LinkListQuery = z.output<typeof LinkListQuerySchema>;
export type LinkListQueryInput = z.input<typeof LinkListQuerySchema>;

export const LinkListResponseSchema = z.object({
  items: z.array(LinkSchema),
  total: z.number(),
  /** Counts by state and by provider under the other filters. */
  facets: z.object({ state: z.record(z.string(), z.number()), provider: z.record(z.string(), z.number()) }),
});
export type LinkListResponse = z.infer<typeof LinkListResponseSchema>;

export const LinkIdParamSchema = z.object({ id: z.string().min(1).max(100) });

/** One step of a link's life, for an account's timeline. */
export const LinkEventSchema = z.object({
  linkId: z.string(),
  state: LinkStateSchema,
  at: z.string(),
  actorEmail: z.string().nullable(),
});
export type LinkEvent = z.infer<typeof LinkEventSchema>;

export const BULK_LINKS_MAX = 1_000;

const bulkExpiresIn = z
  .number()
  .int('expiresIn must be a whole number of seconds')
  .min(60, 'expiresIn is at least 60 seconds')
  .max(EXPIRES_IN_MAX, 'expiresIn is at most 30 days');

/** The accounts list query without paging and sorting: which accounts a bulk job is for. */
export const BulkLinkFilterSchema = AccountListQuerySchema.omit({
  page: true,
  pageSize: true,
  sort: true,
  order: true,
});

/** `POST /api/links/bulk`: explicit account ids, or every account matching the accounts list's filter. */
export const BulkLinkRequestSchema = z
  .strictObject({
    accountIds: z
      .array(z.string().trim().min(1).max(200))
      .min(1, 'choose at least one account')
      .max(BULK_LINKS_MAX, `a job takes at most ${BULK_LINKS_MAX} accounts`)
      .optional(),
    filter: BulkLinkFilterSchema.optional(),
    expiresIn: bulkExpiresIn,
  })
  .refine((r) => (r.accountIds === undefined) !== (r.filter === undefined), {
    message: 'give either accountIds or filter',
    path: ['accountIds'],
  });
export type BulkLinkRequest = z.input<typeof BulkLinkRequestSchema>;

export const BulkLinkCreatedSchema = z.object({ jobId: z.string(), total: z.number() });

export const BulkJobItemSchema = z.object({
  accountId: z.string(),
  /** The customer and provider of the link made (null when none was). */
  originOwnerName: z.string().nullable(),
  provider: z.string().nullable(),
  state: z.enum(['pending', 'done', 'failed']),
  linkId: z.string().nullable(),
  url: z.string().nullable(),
  error: z.string().nullable(),
});
export type BulkJobItem = z.infer<typeof BulkJobItemSchema>;

export const BulkJobSchema = z.object({
  id: z.string(),
  state: z.enum(['running', 'finished']),
  total: z.number(),
  /** Links made. */
  done: z.number(),
  /** Accounts StackOne refused (each item says why). */
  failed: z.number(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresIn: z.number(),
  items: z.array(BulkJobItemSchema).optional(),
});
export type BulkJob = z.infer<typeof BulkJobSchema>;

export const BulkJobParamSchema = z.object({ jobId: z.string().min(1).max(100) });
export const BulkJobQuerySchema = z.object({
  items: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v !== 'false'),
});
