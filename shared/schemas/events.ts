import { z } from 'zod';
import { SyncStatusSchema } from './account-filters.ts';

/** Server-Sent Events of `GET /api/events`. */
export const AccountChangedEventSchema = z.object({
  type: z.literal('account.changed'),
  accountId: z.string(),
  change: z.enum(['created', 'updated', 'deleted']),
  status: z.string().nullable(),
  at: z.string(),
});
export type AccountChangedEvent = z.infer<typeof AccountChangedEventSchema>;

/** The sync's status as `GET /api/accounts` answers it in `sync`, as of `at`. */
export const SyncProgressEventSchema = SyncStatusSchema.extend({
  type: z.literal('sync.progress'),
  at: z.string(),
});
export type SyncProgressEvent = z.infer<typeof SyncProgressEventSchema>;

/** An incident opened, resolved, or was worked on (state, assignee, mute, a note). */
export const IncidentChangedEventSchema = z.object({
  type: z.literal('incident.changed'),
  incidentId: z.string(),
  accountId: z.string(),
  change: z.enum(['opened', 'updated', 'resolved', 'noted']),
  state: z.string(),
  at: z.string(),
});
export type IncidentChangedEvent = z.infer<typeof IncidentChangedEventSchema>;
/** A ledger entry was made or changed state (or was opened again). */
export const LinkChangedEventSchema = z.object({
  type: z.literal('link.changed'),
  linkId: z.string(),
  accountId: z.string().nullable(),
  state: z.string(),
  at: z.string(),
});
export type LinkChangedEvent = z.infer<typeof LinkChangedEventSchema>;

/** Progress of a bulk re-link job. */
export const LinkJobProgressEventSchema = z.object({
  type: z.literal('links.job'),
  jobId: z.string(),
  state: z.enum(['running', 'finished']),
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  at: z.string(),
});
export type LinkJobProgressEvent = z.infer<typeof LinkJobProgressEventSchema>;

export const ConsoleEventSchema = z.discriminatedUnion('type', [
  AccountChangedEventSchema,
  SyncProgressEventSchema,
  IncidentChangedEventSchema,
  LinkChangedEventSchema,
  LinkJobProgressEventSchema,
]);
export type ConsoleEvent = z.infer<typeof ConsoleEventSchema>;
