import { z } from 'zod';

export const OVERVIEW_DAYS = 30;

/** Open incidents by how long ago they opened; the buckets do not overlap. */
export const INCIDENT_AGE_BUCKETS = ['underHour', 'underDay', 'underWeek', 'older'] as const;
export type IncidentAgeBucket = (typeof INCIDENT_AGE_BUCKETS)[number];

const StatusCountsSchema = z.object({
  active: z.number(),
  error: z.number(),
  inactive: z.number(),
  /** Live accounts in any other status StackOne answered (kept as it comes, as the accounts facets do). */
  other: z.number(),
  total: z.number(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** `GET /api/overview`: the health figures of the index, read in one statement. */
export const OverviewSchema = z.object({
  /** Live accounts by status: the same numbers as the status facet of an unfiltered `GET /api/accounts`. */
  byStatus: StatusCountsSchema,
  /** Per provider, most accounts first; each total is that provider's unfiltered facet count. */
  byProvider: z.array(
    StatusCountsSchema.extend({ provider: z.string(), providerName: z.string().nullable() }),
  ),
  /** The first status reason's code of accounts now in `error`, most frequent first (null: no code). */
  topReasons: z.array(z.object({ code: z.string().nullable(), count: z.number() })),
  /** Unresolved incidents (state <> 'resolved', as `GET /api/incidents` counts them by default). */
  openIncidents: z.object({
    total: z.number(),
    byKind: z.object({ error: z.number(), inactive: z.number() }),
    byAge: z.object({
      underHour: z.number(),
      underDay: z.number(),
      underWeek: z.number(),
      older: z.number(),
    }),
  }),
  /** Mean resolvedAt − openedAt over incidents resolved in the last 30 days; null when none were. */
  mttrSeconds: z.number().nullable(),
  /** How many incidents that mean is over. */
  resolvedLast30Days: z.number(),
  /**
   * Accounts in `error` at the end of each UTC day, oldest first, the last entry today (its count is
   * the current one), worked back from the status history.
   */
  brokenPerDay: z.array(z.object({ day: z.string(), count: z.number() })),
  generatedAt: z.string(),
});
export type Overview = z.infer<typeof OverviewSchema>;
