import { z } from 'zod';
import { AccountMetaSchema, AccountSchema } from './account.ts';
import { IncidentSchema } from './incident.ts';

export const TimelineEntrySchema = z.object({
  kind: z.enum(['webhook', 'audit']),
  at: z.string(),
  /** e.g. `account.updated`, `account.label_updated` */
  action: z.string(),
  actor: z.string().nullable(),
  outcome: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const AccountDetailSchema = z.object({
  /**
   * The account. When `stale`, its `syncedAt` is when the index's copy was last known to match
   * StackOne: the later of the sync that last changed or first saw the row, its last event, and the
   * end of the last successful sync that vouched for it (listed it, every missing account checked).
   */
  account: AccountSchema,
  meta: AccountMetaSchema.nullable(),
  /** True when StackOne could not be reached and the indexed copy is shown. */
  stale: z.boolean(),
  staleReason: z.string().nullable(),
  timeline: z.array(TimelineEntrySchema),
  /** The account's unresolved incident, or null. */
  openIncident: IncidentSchema.nullable(),
});
export type AccountDetail = z.infer<typeof AccountDetailSchema>;
