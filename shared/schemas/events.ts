import { z } from 'zod';

/** Server-Sent Events of `GET /api/events`. */
export const AccountChangedEventSchema = z.object({
  type: z.literal('account.changed'),
  accountId: z.string(),
  change: z.enum(['created', 'updated', 'deleted']),
  status: z.string().nullable(),
  at: z.string(),
});
export type AccountChangedEvent = z.infer<typeof AccountChangedEventSchema>;

export const SyncProgressEventSchema = z.object({
  type: z.literal('sync.progress'),
  state: z.enum(['idle', 'running', 'failed']),
  seen: z.number(),
  pages: z.number(),
  at: z.string(),
});
export type SyncProgressEvent = z.infer<typeof SyncProgressEventSchema>;

export const ConsoleEventSchema = z.discriminatedUnion('type', [
  AccountChangedEventSchema,
  SyncProgressEventSchema,
]);
export type ConsoleEvent = z.infer<typeof ConsoleEventSchema>;
