import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** Where alerts go: a Slack incoming webhook, any signed webhook, or email addresses. */
export const alertDestinations = pgTable('alert_destinations', {
  id: text('id').primaryKey(),
  /** slack | webhook | email */
  type: text('type').notNull(),
  name: text('name').notNull(),
  /** slack and webhook: where to POST (a secret in itself for Slack: never returned after creation). */
  url: text('url'),
  /** email: the recipients. */
  addresses: jsonb('addresses').$type<string[]>(),
  /** webhook: the HMAC key of `x-switchboard-signature`, returned once at creation. */
  secret: text('secret'),
  createdBy: text('created_by'),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/**
 * One message the rules decided to send (an opening, a resolve, grouped or not, or a test): its id is
 * what receivers deduplicate on, since delivery is at least once.
 */
export const alertAnnouncements = pgTable('alert_announcements', {
  id: text('id').primaryKey(),
  /** opened | resolved | test */
  kind: text('kind').notNull(),
  provider: text('provider'),
  grouped: boolean('grouped').notNull().default(false),
  incidentIds: jsonb('incident_ids').$type<string[]>().notNull().default([]),
  /** The rendered AlertMessage (shared/schemas/alerts.ts), fixed when decided. */
  message: jsonb('message').$type<Record<string, unknown>>().notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
});

/** What the rules decided about each incident, so nothing is announced twice (kept off `incidents`). */
export const alertIncidentStates = pgTable('alert_incident_states', {
  incidentId: text('incident_id').primaryKey(),
  /** announced | skipped (resolved inside the grace period, or before it was seen) */
  openStatus: text('open_status').notNull(),
  openAnnouncementId: text('open_announcement_id'),
  /** null while the incident is unresolved or its resolve is not yet decided; announced | skipped */
  resolveStatus: text('resolve_status'),
  resolveAnnouncementId: text('resolve_announcement_id'),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** One announcement to one destination: pending until delivered or given up, claimed by one process. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    destinationId: text('destination_id')
      .notNull()
      .references(() => alertDestinations.id, { onDelete: 'cascade' }),
    announcementId: text('announcement_id')
      .notNull()
      .references(() => alertAnnouncements.id, { onDelete: 'cascade' }),
    /** pending | delivered | failed */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at').notNull().defaultNow(),
    /** The last failure (of the latest attempt while pending). */
    error: text('error'),
    /** The receiver's HTTP status of the latest attempt (null for email or no answer). */
    responseStatus: integer('response_status'),
    claimedBy: text('claimed_by'),
    claimedAt: tstz('claimed_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    uniqueIndex('alert_deliveries_once_idx').on(t.destinationId, t.announcementId),
    index('alert_deliveries_destination_idx').on(t.destinationId, t.createdAt),
    index('alert_deliveries_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
