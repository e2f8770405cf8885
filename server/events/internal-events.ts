import { z } from 'zod';

/**
 * Events between console processes, never streamed to browsers: the bus keeps them apart from
 * `ConsoleEvent` (no envelope id, no replay buffer, not given to `subscribe`).
 */
export const AuthChangedEventSchema = z.object({
  type: z.literal('auth.changed'),
  /** A user whose role, disabled flag, password or sessions changed. */
  userId: z.string(),
});

export const AccountTouchedEventSchema = z.object({
  type: z.literal('account.touched'),
  /** An account whose index row, timeline (webhook events, audit rows) or meta may have changed. */
  accountId: z.string(),
});

export const InternalEventSchema = z.discriminatedUnion('type', [
  AuthChangedEventSchema,
  AccountTouchedEventSchema,
]);
export type InternalEvent = z.infer<typeof InternalEventSchema>;

const INTERNAL_TYPES: ReadonlySet<string> = new Set(
  InternalEventSchema.options.map((o) => o.shape.type.value),
);

export const isInternalEvent = (event: { type: string }): event is InternalEvent =>
  INTERNAL_TYPES.has(event.type);
