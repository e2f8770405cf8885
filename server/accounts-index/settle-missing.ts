import type { Db } from '../db/client.ts';
import { AppError } from '../http/app-error.ts';
import type { StackOneClient } from '../stackone/stackone-client.ts';
import {
  BULK_ANNOUNCE_LIMIT,
  writeUpstreamAccounts,
  writeVanished,
} from '../account-state/account-writer.ts';
import type { EventBus } from '../events/event-bus.ts';
import { CONFIRM_CAP, confirmVanished, noteChecked, vanishedIds } from './mark-vanished.ts';
import type { PagingResult } from './page-through-accounts.ts';

/**
 * A listing "looks wrong" when the index holds more live accounts missing from it than it listed
 * (it listed under half of them), and at least this many are missing: a few deletions in a small
 * index are not a warning.
 */
const LOOKS_WRONG_MIN_MISSING = 10;
/** Accounts named in a log line; the rest are counted. */
const LOG_IDS = 10;

export interface MissingOutcome {
  /** Confirmed gone by StackOne and marked deleted. */
  marked: string[];
  keptAfterCheck: number;
  unconfirmed: number;
  warning: string | null;
}

const named = (ids: readonly string[]) =>
  ids.slice(0, LOG_IDS).join(', ') + (ids.length > LOG_IDS ? ` and ${ids.length - LOG_IDS} more` : '');

/**
 * Settles the live index rows a listing did not contain. None is deleted on the listing's word: an
 * incomplete listing checks none of them, a complete one has each checked with `GET /accounts/{id}`
 * (up to CONFIRM_CAP per run) and only a 404 marks it deleted. A listing far smaller than the index
 * is reported as a warning (status and log) whatever the checks find.
 */
export async function settleMissing(
  deps: {
    db: Db;
    bus?: EventBus;
    stackOne: Pick<StackOneClient, 'getAccount'>;
    call: <T>(fn: () => Promise<T>) => Promise<T>;
    /** Accounts checked at most per run (CONFIRM_CAP); tests lower it. */
    confirmCap?: number;
  },
  listing: PagingResult,
  run: { startedAt: string; aborted: () => boolean },
): Promise<MissingOutcome> {
  const { db } = deps;
  const cap = deps.confirmCap ?? CONFIRM_CAP;
  const { missing, live } = await vanishedIds(db, listing.seenIds);
  const seen = listing.seenIds.size;

  if (!listing.complete) {
    const why =
      listing.stoppedBy === 'page_cap'
        ? `StackOne still had records after ${listing.lastPage + 1} pages of GET /accounts (the most a sync reads)`
        : `StackOne repeated page ${listing.lastPage} of GET /accounts (it seems to ignore page)`;
    const warning = `${why}: the listing is incomplete, so no account was marked deleted (${missing.length} not listed, kept)`;
    console.warn(`[sync] ${warning}`);
    return { marked: [], keptAfterCheck: 0, unconfirmed: missing.length, warning };
  }

  let warning: string | null = null;
  if (missing.length > seen && missing.length >= LOOKS_WRONG_MIN_MISSING) {
    warning =
      `StackOne listed ${seen} accounts where the index holds ${live}: the listing looks wrong. ` +
      `No account is deleted on its word; the ${missing.length} not listed are checked one by one ` +
      `(up to ${cap} a run)`;
    console.warn(`[sync] ${warning}`);
  }

  const confirmation = await confirmVanished(deps.stackOne, missing, {
    cap,
    call: deps.call,
    stopAsking: (err) => run.aborted() || (err instanceof AppError && err.code === 'rate_limited'),
    aborted: run.aborted,
  });
  // Stopped (a shutdown) while checking: the run fails and nothing is marked deleted on half the checks.
  if (run.aborted()) throw new AppError('upstream_unavailable', 'The sync was stopped');
  if (confirmation.found.length)
    await writeUpstreamAccounts(deps, confirmation.found, {
      syncedAt: run.startedAt,
      bulkLimit: BULK_ANNOUNCE_LIMIT,
    });
  const checkedAt = new Date().toISOString();
  // Every account asked about, whatever the answer: the next run over the cap starts with the others.
  await noteChecked(
    db,
    [...confirmation.found.map((a) => a.id), ...confirmation.gone, ...confirmation.failed.map((f) => f.id)],
    checkedAt,
  );
  const vanished = await writeVanished(deps, confirmation.gone, run.startedAt, {
    bulkLimit: BULK_ANNOUNCE_LIMIT,
  });
  const marked = vanished.accounts.map((a) => a.accountId);

  if (confirmation.failed.length) {
    const first = confirmation.failed[0]!;
    console.warn(
      `[sync] kept ${confirmation.failed.length} accounts not listed that StackOne did not confirm gone ` +
        `(${named(confirmation.failed.map((f) => f.id))}); first answer: ${first.error}`,
    );
  }
  if (confirmation.unconfirmed.length) {
    console.warn(
      `[sync] kept ${confirmation.unconfirmed.length} accounts not listed without checking them ` +
        `(at most ${cap} are checked a run); the next runs check them first`,
    );
  }
  return {
    marked,
    // Still upstream, not a 404, or a 404 for a row that changed during the run (markVanished's guard).
    keptAfterCheck:
      confirmation.found.length + confirmation.failed.length + (confirmation.gone.length - marked.length),
    unconfirmed: confirmation.unconfirmed.length,
    warning,
  };
}
