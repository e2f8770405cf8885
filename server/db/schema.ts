import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  date,
  numeric,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export type StatusReasonRow = { code: string | null; description: string | null; timestamp: string };

/** The account index: a local mirror of StackOne's linked accounts, kept true by sync and webhooks. */
export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    providerName: text('provider_name'),
    status: text('status').notNull(),
    statusReasons: jsonb('status_reasons').$type<StatusReasonRow[]>().notNull().default([]),
    originOwnerId: text('origin_owner_id').notNull(),
    originOwnerName: text('origin_owner_name').notNull(),
    originUsername: text('origin_username'),
    label: text('label'),
    type: text('type'),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull(),
    deletedAt: tstz('deleted_at'),
    /**
     * Start of the full sync that last changed this row, or first saw it: a sync does not rewrite a row
     * whose values StackOne still answers (so this is not "last seen"; `sync_runs` says when the last
     * sync ran). Vanished accounts are found from the ids a run saw, not from this.
     */
    syncedAt: tstz('synced_at'),
    /** Time of the last event applied to this row (webhook, change made in the console, deletion). */
    lastEventAt: tstz('last_event_at'),
    /**
     * When a sync last asked StackOne about this account because a listing missed it (`GET
     * /accounts/{id}`), whatever the answer: the checks of a capped run start with the oldest (nulls
     * first), so the next run checks others.
     */
    missingCheckedAt: tstz('missing_checked_at'),
    /**
     * Lower-cased, accent-free id, owner, username, label, provider and status-reason codes, for `q`
     * (trigram-indexed).
     */
    searchText: text('search_text').notNull(),
  },
  (t) => [
    index('accounts_updated_at_idx').on(t.updatedAt),
    index('accounts_owner_idx').on(t.originOwnerId),
    index('accounts_status_idx').on(t.status),
    index('accounts_provider_idx').on(t.provider),
    // New entries wait in a pending list that every search reads through until it is merged: 4 MB by
    // default, which tripled the CPU of a search after a sync had changed 20k rows (PGlite); 512 kB
    // bounds that and cost no measurable write time (512 kB merged as cheaply as 4 MB; 256 kB +20%).
    index('accounts_search_trgm_idx')
      .using('gin', sql`${t.searchText} gin_trgm_ops`)
      .with({ gin_pending_list_limit: 512 }),
    // A list filtered by one status and one provider, newest first, reads its page straight off this
    // index (its facet counts come from account_facet_counts), and with several it still narrows.
    // The Reason facet counts only the live rows that have a first status-reason code, a minority.
    index('accounts_live_first_reason_idx')
      .on(sql`(${t.statusReasons}->0->>'code')`)
      .where(sql`${t.deletedAt} is null and (${t.statusReasons}->0->>'code') is not null`),
    index('accounts_live_status_provider_idx')
      .on(t.status, t.provider, t.updatedAt, t.id)
      .where(sql`${t.deletedAt} is null`),
    // The customers list (GET /api/customers): live accounts grouped by owner, by status, in name order.
    index('accounts_live_owner_status_idx')
      .on(t.originOwnerName, t.originOwnerId, t.status)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/**
 * How many live (not deleted) accounts hold each status × provider × type: the totals and facet
 * counts of a list without search text or owner, read from a few rows instead of scanning the index.
 * Kept exact by statement-level triggers on `accounts` (migration 0006), never written by the app.
 * A null type is its own key (two partial unique indexes, as Postgres before 15 has no NULLS NOT
 * DISTINCT); a key whose count fell to 0 keeps its row (`n > 0` when read).
 */
export const accountFacetCounts = pgTable(
  'account_facet_counts',
  {
    status: text('status').notNull(),
    provider: text('provider').notNull(),
    type: text('type'),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('account_facet_counts_typed_idx')
      .on(t.status, t.provider, t.type)
      .where(sql`${t.type} is not null`),
    uniqueIndex('account_facet_counts_untyped_idx')
      .on(t.status, t.provider)
      .where(sql`${t.type} is null`),
  ],
);

/**
 * Every verified webhook delivery, stored before it is answered, kept for inspection, and the queue
 * of what is still to apply: `pending` rows are applied asynchronously (coalesced per account), retried
 * with backoff, and taken over after a crash. A redelivery is a row of its own: applying re-reads the
 * account, so applying twice is harmless and dropping one is not.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** SHA-256 of the raw body: shows redeliveries, no longer unique. */
    bodyHash: text('body_hash').notNull(),
    event: text('event').notNull(),
    accountId: text('account_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    processedAt: tstz('processed_at'),
    /** pending | applied | ignored | failed */
    outcome: text('outcome').notNull().default('pending'),
    /** The last failure: of the delivery when `failed`, of the latest attempt while `pending`. */
    error: text('error'),
    /** Failed apply attempts so far (the re-read or the write). */
    attempts: integer('attempts').notNull().default(0),
    /** A pending row that failed is tried again from then on. */
    nextAttemptAt: tstz('next_attempt_at'),
    /** The console process applying a pending row, and its lease (renewed while it holds the row). */
    claimedBy: text('claimed_by'),
    claimedAt: tstz('claimed_at'),
  },
  (t) => [
    index('webhook_events_body_hash_idx').on(t.bodyHash),
    index('webhook_events_account_idx').on(t.accountId, t.receivedAt),
    index('webhook_events_pending_idx')
      .on(t.id)
      .where(sql`${t.outcome} = 'pending'`),
  ],
);

/** Full-sync runs; the newest finished one gives `syncedAt`. */
export const syncRuns = pgTable('sync_runs', {
  id: serial('id').primaryKey(),
  startedAt: tstz('started_at').notNull().defaultNow(),
  finishedAt: tstz('finished_at'),
  /** running | succeeded | failed */
  state: text('state').notNull(),
  seen: integer('seen').notNull().default(0),
  pages: integer('pages').notNull().default(0),
  /** Accounts missing from the listing that StackOne confirmed gone (404), marked deleted. */
  markedDeleted: integer('marked_deleted').notNull().default(0),
  /** Missing from the listing but not a 404 when asked for: kept. */
  keptAfterCheck: integer('kept_after_check').notNull().default(0),
  /** Missing from the listing and not asked about (over the cap, or the listing was incomplete): kept. */
  unconfirmed: integer('unconfirmed').notNull().default(0),
  /** Records of the listing the client could not read. */
  skipped: integer('skipped').notNull().default(0),
  /** A listing that looks wrong (far fewer accounts than the index holds), or one left incomplete. */
  warning: text('warning'),
  /** Set while the run waits out StackOne's `Retry-After`. */
  rateLimitedUntil: tstz('rate_limited_until'),
  error: text('error'),
});

/**
 * Every status change the console observed, once: written only by the account writer, in the same
 * transaction as the row it describes. `source` says what observed it; `baseline` rows record the state
 * an account was first seen in (the first sync of an installation), not a transition.
 */
export const accountStatusHistory = pgTable(
  'account_status_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: text('account_id').notNull(),
    provider: text('provider').notNull(),
    /** null for a baseline row or an account first seen by this change. */
    fromStatus: text('from_status'),
    /** active | error | inactive | deleted */
    toStatus: text('to_status').notNull(),
    statusReasons: jsonb('status_reasons').$type<StatusReasonRow[]>().notNull().default([]),
    observedAt: tstz('observed_at').notNull(),
    /** sync | webhook | detail | mutation | baseline */
    source: text('source').notNull(),
  },
  (t) => [
    index('account_status_history_account_idx').on(t.accountId, t.observedAt),
    index('account_status_history_observed_idx').on(t.observedAt),
    // The overview's broken-per-day works back from the moves into and out of `error` (index-only).
    index('account_status_history_error_moves_idx')
      .on(t.observedAt, t.toStatus, t.fromStatus)
      .where(sql`${t.toStatus} = 'error' or ${t.fromStatus} = 'error'`),
  ],
);

/**
 * One per break of an account: opened when it becomes `error` (kind `error`) or `inactive` (kind
 * `inactive`), resolved when it becomes active or is deleted. At most one unresolved incident per account.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    provider: text('provider').notNull(),
    originOwnerId: text('origin_owner_id').notNull(),
    originOwnerName: text('origin_owner_name').notNull(),
    label: text('label'),
    /** error | inactive */
    kind: text('kind').notNull(),
    /** open | acknowledged | waiting_on_customer | resolved */
    state: text('state').notNull(),
    reasonCode: text('reason_code'),
    reasonDescription: text('reason_description'),
    openedAt: tstz('opened_at').notNull(),
    /** The last time the break was observed (a re-read or a webhook still saying so). */
    lastSeenAt: tstz('last_seen_at').notNull(),
    resolvedAt: tstz('resolved_at'),
    /** active | deleted | kind_changed (how it resolved) */
    resolution: text('resolution'),
    assigneeId: text('assignee_id'),
    mutedUntil: tstz('muted_until'),
    noteCount: integer('note_count').notNull().default(0),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    /**
     * What `q` searches, lower-cased: account id, owner id, owner name and label, apart (U+0001
     * between them, so a search does not match across two fields). Kept by PostgreSQL itself, so
     * every writer of the row has it right; trigram-indexed.
     */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`lower(account_id || chr(1) || origin_owner_id || chr(1) || origin_owner_name || chr(1) || coalesce(label, ''))`,
      ),
  },
  (t) => [
    uniqueIndex('incidents_one_unresolved_idx')
      .on(t.accountId)
      .where(sql`${t.state} <> 'resolved'`),
    index('incidents_state_opened_idx').on(t.state, t.openedAt),
    index('incidents_account_idx').on(t.accountId, t.openedAt),
    index('incidents_provider_opened_idx').on(t.provider, t.openedAt),
    // The overview's open incidents by age and kind, and its mean time to repair (index-only).
    index('incidents_unresolved_opened_idx')
      .on(t.openedAt, t.kind)
      .where(sql`${t.state} <> 'resolved'`),
    index('incidents_resolved_idx')
      .on(t.resolvedAt, t.openedAt)
      .where(sql`${t.resolvedAt} is not null`),
    // The queue sorted by last seen (either way), read off in order instead of sorting every row.
    index('incidents_unresolved_last_seen_idx')
      .on(t.lastSeenAt, t.openedAt, t.id)
      .where(sql`${t.state} <> 'resolved'`),
    // Bounded pending list as on accounts: a sync moves last_seen_at of every broken account's
    // incident (at most once a minute), and each such update adds its row to this index again.
    index('incidents_search_trgm_idx')
      .using('gin', sql`${t.searchText} gin_trgm_ops`)
      .with({ gin_pending_list_limit: 512 }),
    // The queue's facet counts: the unresolved incidents grouped by every facet, read in order.
    index('incidents_unresolved_facets_idx')
      .on(t.state, t.kind, t.provider, t.reasonCode, t.assigneeId)
      .where(sql`${t.state} <> 'resolved'`),
    // A customer's incidents (its page lists the open ones).
    index('incidents_owner_idx').on(t.originOwnerId, t.openedAt),
  ],
);

/** Short notes on an incident: what was tried. Kept forever. */
export const incidentNotes = pgTable(
  'incident_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: text('incident_id').notNull(),
    authorId: text('author_id'),
    authorEmail: text('author_email'),
    body: text('body').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('incident_notes_incident_idx').on(t.incidentId, t.createdAt)],
);

/** One row per mutation through `/api` (and sign-ins). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tstz('at').notNull().defaultNow(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetOwner: text('target_owner'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    /** success | failure | denied */
    outcome: text('outcome').notNull(),
    upstreamStatus: integer('upstream_status'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('audit_at_idx').on(t.at),
    index('audit_target_idx').on(t.targetId, t.at),
    index('audit_action_idx').on(t.action),
  ],
);

/**
 * The link ledger: every re-link or new-account auth link the console made, behind its short URL
 * `/l/<code>`. `kind` is `relink` (an account) or `new_account` (a customer and, maybe, a provider).
 * `state`: sent | opened | completed | expired | superseded | revoked. The code is kept as it is, not
 * hashed: the ledger and a bulk job's CSV hand the link out again, and StackOne's `auth_link_url`
 * (which holds a token) sits beside it anyway.
 */
export const links = pgTable(
  'links',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    kind: text('kind').notNull(),
    accountId: text('account_id'),
    originOwnerId: text('origin_owner_id').notNull(),
    originOwnerName: text('origin_owner_name').notNull(),
    provider: text('provider'),
    label: text('label'),
    /** StackOne's hosted page (with its session token): only ever a redirect target, never in an answer. */
    authLinkUrl: text('auth_link_url').notNull(),
    state: text('state').notNull(),
    createdById: text('created_by_id'),
    createdByEmail: text('created_by_email'),
    createdAt: tstz('created_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    openedAt: tstz('opened_at'),
    lastOpenedAt: tstz('last_opened_at'),
    openCount: integer('open_count').notNull().default(0),
    completedAt: tstz('completed_at'),
    /** When it became expired, superseded or revoked. */
    endedAt: tstz('ended_at'),
    supersededBy: text('superseded_by'),
    jobId: text('job_id'),
  },
  (t) => [
    uniqueIndex('links_code_idx').on(t.code),
    index('links_account_idx').on(t.accountId, t.createdAt),
    index('links_state_idx').on(t.state, t.createdAt),
    index('links_created_at_idx').on(t.createdAt),
    index('links_owner_provider_idx').on(t.originOwnerId, t.provider),
  ],
);

/** Each step of a link's life, in order: sent, opened (the first open), completed, expired, superseded, revoked. */
export const linkEvents = pgTable(
  'link_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    linkId: text('link_id').notNull(),
    state: text('state').notNull(),
    at: tstz('at').notNull(),
    actorEmail: text('actor_email'),
  },
  (t) => [index('link_events_link_idx').on(t.linkId, t.at)],
);

/**
 * A bulk re-link job: its items are made by one worker at a time (the process holding the lease),
 * resumed by any process after a restart. state: running | finished.
 */
export const linkJobs = pgTable('link_jobs', {
  id: text('id').primaryKey(),
  state: text('state').notNull(),
  createdById: text('created_by_id'),
  createdByEmail: text('created_by_email'),
  createdAt: tstz('created_at').notNull(),
  finishedAt: tstz('finished_at'),
  expiresIn: integer('expires_in').notNull(),
  total: integer('total').notNull(),
  done: integer('done').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  /** The audit row of the job, completed with its items when the job finishes. */
  auditId: bigint('audit_id', { mode: 'number' }),
  leaseOwner: text('lease_owner'),
  leaseUntil: tstz('lease_until'),
});

/** One account of a bulk job. state: pending | done | failed. */
export const linkJobItems = pgTable(
  'link_job_items',
  {
    jobId: text('job_id').notNull(),
    position: integer('position').notNull(),
    accountId: text('account_id').notNull(),
    state: text('state').notNull(),
    linkId: text('link_id'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('link_job_items_pk_idx').on(t.jobId, t.position),
    index('link_job_items_state_idx').on(t.jobId, t.state),
  ],
);

export * from './auth-schema.ts';

/** Saved views of the accounts table: a name and the table's URL search state, private or shared. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id').notNull(),
    ownerName: text('owner_name').notNull(),
    name: text('name').notNull(),
    /** The accounts table's search object as the URL holds it; parsed again when the view is opened. */
    search: jsonb('search').$type<Record<string, unknown>>().notNull().default({}),
    shared: boolean('shared').notNull().default(false),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('saved_views_owner_idx').on(t.ownerId), index('saved_views_shared_idx').on(t.shared)],
);
export * from './alerts-schema.ts';
/**
 * The overview's summaries, kept exact by statement-level triggers (migration overview_summaries), so
 * that `GET /api/overview` reads a few rows instead of scanning what grows with broken accounts.
 */
/**
 * Live accounts by status and the code of their first status reason (null: none, or no code): the
 * overview's top reasons (status `error`) and the unfiltered accounts list's Reason facet.
 */
export const accountReasonCounts = pgTable(
  'account_reason_counts',
  { status: text('status').notNull(), code: text('code'), n: bigint('n', { mode: 'number' }).notNull() },
  (t) => [unique('account_reason_counts_status_code_key').on(t.status, t.code).nullsNotDistinct()],
);

/** Per UTC day of `observed_at`: history rows into `error` minus rows out of it. */
export const accountErrorMoves = pgTable('account_error_moves', {
  day: date('day', { mode: 'string' }).primaryKey(),
  net: bigint('net', { mode: 'number' }).notNull(),
});

/** Per UTC day of `resolved_at`: how many incidents resolved, and the sum of their repair times. */
export const incidentResolvedDays = pgTable('incident_resolved_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  n: bigint('n', { mode: 'number' }).notNull(),
  /** Sum of resolved_at − opened_at, in microseconds (exact). */
  repairMicros: numeric('repair_micros').notNull(),
});

/** Unresolved incidents (state <> 'resolved') by kind. */
export const incidentOpenCounts = pgTable(
  'incident_open_counts',
  { kind: text('kind').notNull(), n: bigint('n', { mode: 'number' }).notNull() },
  (t) => [primaryKey({ columns: [t.kind] })],
);
