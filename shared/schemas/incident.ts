import { z } from 'zod';
import { queryList } from './query-list.ts';
import { PAGE_SIZE_MAX } from './account-filters.ts';

export const INCIDENT_STATES = ['open', 'acknowledged', 'waiting_on_customer', 'resolved'] as const;
export const IncidentStateSchema = z.enum(INCIDENT_STATES);
export type IncidentState = z.infer<typeof IncidentStateSchema>;

export const IncidentKindSchema = z.enum(['error', 'inactive']);
export type IncidentKind = z.infer<typeof IncidentKindSchema>;

/** How an incident resolved: the account turned active, was deleted, or broke the other way. */
export const IncidentResolutionSchema = z.enum(['active', 'deleted', 'kind_changed']);

export const IncidentAssigneeSchema = z.object({ id: z.string(), email: z.string() });

export const IncidentSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  originOwnerId: z.string(),
  originOwnerName: z.string(),
  provider: z.string(),
  label: z.string().nullable(),
  kind: IncidentKindSchema,
  state: IncidentStateSchema,
  reasonCode: z.string().nullable(),
  reasonDescription: z.string().nullable(),
  openedAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: IncidentResolutionSchema.nullable(),
  assignee: IncidentAssigneeSchema.nullable(),
  mutedUntil: z.string().nullable(),
  noteCount: z.number(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const INCIDENT_SORTS = ['openedAt', 'lastSeenAt', 'owner', 'provider', 'state', 'reason'] as const;
export const IncidentSortSchema = z.enum(INCIDENT_SORTS);
export type IncidentSort = z.infer<typeof IncidentSortSchema>;

/**
 * `GET /api/incidents` query; the web's URL state of the queue parses with it too. No `state`: the
 * unresolved ones. `assignee`: `me`, `none` or a user id. `q`: the customer (owner name or id),
 * account id or label. `ownerId`: exactly one customer.
 */
export const IncidentListQuerySchema = z.object({
  state: queryList.pipe(z.array(IncidentStateSchema)),
  kind: queryList.pipe(z.array(IncidentKindSchema)),
  provider: queryList.pipe(z.array(z.string().max(100))),
  reason: queryList.pipe(z.array(z.string().max(200))),
  assignee: z.string().trim().max(200).optional(),
  q: z.string().trim().max(200, 'Search text has at most 200 characters').optional(),
  /** One customer's incidents (its origin owner id), as its page lists them. */
  ownerId: z.string().trim().min(1).max(200).optional(),
  sort: IncidentSortSchema.default('openedAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int('page must be a whole number').min(1, 'page starts at 1').default(1),
  pageSize: z.coerce
    .number()
    .int('pageSize must be a whole number')
    .min(1)
    .max(PAGE_SIZE_MAX, `pageSize is at most ${PAGE_SIZE_MAX}`)
    .default(50),
});
export type IncidentListQuery = z.output<typeof IncidentListQuerySchema>;
export type IncidentListQueryInput = z.input<typeof IncidentListQuerySchema>;

/** The reason facet's key for incidents without a reason code. */
export const NO_REASON = 'none';
/** The assignee facet's key for unassigned incidents. */
export const UNASSIGNED = 'none';

const Counts = z.record(z.string(), z.number());

export const IncidentListResponseSchema = z.object({
  items: z.array(IncidentSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Each facet counts the incidents matching every other filter (its own left out). */
  facets: z.object({ state: Counts, provider: Counts, reason: Counts, assignee: Counts, kind: Counts }),
});
export type IncidentListResponse = z.infer<typeof IncidentListResponseSchema>;

export const IncidentIdParamSchema = z.object({ id: z.string().min(1).max(200) });

export const IncidentNoteSchema = z.object({
  id: z.number(),
  body: z.string(),
  author: z.object({ id: z.string().nullable(), email: z.string().nullable() }),
  createdAt: z.string(),
});
export type IncidentNote = z.infer<typeof IncidentNoteSchema>;

export const StatusHistoryEntrySchema = z.object({
  id: z.number(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  statusReasons: z.array(
    z.object({ code: z.string().nullable(), description: z.string().nullable(), timestamp: z.string() }),
  ),
  observedAt: z.string(),
  /** sync | webhook | detail | mutation | baseline */
  source: z.string(),
});
export type StatusHistoryEntry = z.infer<typeof StatusHistoryEntrySchema>;

export const IncidentDetailSchema = z.object({
  incident: IncidentSchema,
  notes: z.array(IncidentNoteSchema),
  /** The account's status history from the incident's opening until it resolved (or now). */
  history: z.array(StatusHistoryEntrySchema),
});
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

/**
 * `PATCH /api/incidents/:id`: any of the three. `state` cannot be `resolved` (an incident resolves when
 * its account does); `assigneeId` null unassigns; `mutedUntil` null unmutes.
 */
export const IncidentPatchSchema = z
  .object({
    state: z.enum(['open', 'acknowledged', 'waiting_on_customer']).optional(),
    assigneeId: z.string().min(1).max(200).nullable().optional(),
    mutedUntil: z.iso
      .datetime({ offset: true, message: 'mutedUntil is an ISO date-time' })
      .nullable()
      .optional(),
  })
  .refine((p) => p.state !== undefined || p.assigneeId !== undefined || p.mutedUntil !== undefined, {
    message: 'Give at least one of state, assigneeId, mutedUntil',
  });
export type IncidentPatch = z.infer<typeof IncidentPatchSchema>;

export const IncidentNoteInputSchema = z.object({
  body: z.string().trim().min(1, 'Write a note').max(2000, 'A note has at most 2000 characters'),
});
export type IncidentNoteInput = z.infer<typeof IncidentNoteInputSchema>;
