import type { AccountDetail } from '../../shared/schemas/account-detail.ts';
import { accountView, rowFromUpstream, type AccountRow } from '../accounts-index/account-row.ts';
import { writeAccountDeleted, writeUpstreamAccounts } from '../account-state/account-writer.ts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../http/app-error.ts';
import type { UpstreamLinkedAccount } from '../stackone/upstream-schemas.ts';
import { lastConfirmedAt } from './last-confirmed.ts';
import { readLocalAccount } from './account-local.ts';
import { findOpenIncident } from '../incidents/find-incident.ts';

/**
 * StackOne could not answer (its own rate limit included): the indexed copy is shown, marked stale.
 * The console's own per-user limit is no such case (no upstream status): that is the user's 429.
 */
const isUnreachable = (err: unknown) =>
  err instanceof AppError &&
  ['upstream_unavailable', 'upstream_timeout', 'upstream_error', 'rate_limited'].includes(err.code) &&
  (err.code !== 'rate_limited' || err.options.upstream !== undefined);

const iso = (s: string) => new Date(s).toISOString();
// jsonb reorders object keys, so reasons are compared field by field.
const reasonsKey = (reasons: AccountRow['statusReasons']) =>
  JSON.stringify(reasons.map((r) => [r.code, r.description, iso(r.timestamp)]));

/** True when the index row already holds what StackOne answered, so that reading it writes nothing. */
function isUpToDate(row: AccountRow | undefined, live: UpstreamLinkedAccount): row is AccountRow {
  if (!row || row.deletedAt) return false;
  const next = rowFromUpstream(live);
  return (
    row.provider === next.provider &&
    row.providerName === next.providerName &&
    row.status === next.status &&
    reasonsKey(row.statusReasons) === reasonsKey(next.statusReasons ?? []) &&
    row.originOwnerId === next.originOwnerId &&
    row.originOwnerName === next.originOwnerName &&
    row.originUsername === next.originUsername &&
    row.label === next.label &&
    row.type === next.type &&
    iso(row.createdAt) === next.createdAt &&
    iso(row.updatedAt) === next.updatedAt &&
    row.searchText === next.searchText
  );
}

/**
 * The live account from StackOne (refreshing its index row) with meta and timeline. When StackOne
 * cannot be reached, the indexed copy is answered marked stale rather than failing the page.
 */
export async function getAccountDetail(deps: AppDeps, userId: string, id: string): Promise<AccountDetail> {
  const { db } = deps.database;
  const stackOne = deps.stackOne.forUser(userId);
  const reads = deps.accountReads;
  const readIndexed = () =>
    reads.local.read(
      id,
      () => readLocalAccount(db, id),
      (found) => found !== null,
    );
  // The index row and the timeline do not depend on StackOne's answer: read them while it is asked.
  const local = readIndexed();
  local.catch(() => {}); // awaited below; this only keeps an early throw from leaving it unhandled

  let stale = false;
  let staleReason: string | null = null;
  let meta: AccountDetail['meta'] = null;
  let live: UpstreamLinkedAccount | null = null;
  try {
    const [account, liveMeta] = await Promise.all([
      stackOne.getAccount(id),
      reads.meta.read(
        id,
        () => stackOne.getAccountMeta(id).catch(() => null),
        (found) => found !== null,
      ),
    ]);
    live = account;
    meta = liveMeta;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') {
      await local.catch(() => {});
      await writeAccountDeleted({ db, bus: deps.bus }, id, 'detail');
      await reads.touch(id);
      // A deleted account stays readable with its history (read-only: the web offers no action on it).
      const kept = await readIndexed();
      if (kept)
        return {
          account: accountView(kept.row),
          meta: null,
          stale: false,
          staleReason: null,
          timeline: kept.timeline,
          openIncident: null,
        };
      throw new AppError('not_found', `No account with id ${id}`, { upstream: err.options.upstream });
    }
    if (!isUnreachable(err)) throw err;
    stale = true;
    staleReason = (err as AppError).message;
  }

  let indexed = await local;
  if (live && !isUpToDate(indexed?.row, live)) {
    // The writer publishes the change (which also drops this account's cached reads everywhere).
    await writeUpstreamAccounts({ db, bus: deps.bus }, [live], { source: 'detail' });
    await reads.touch(id);
    indexed = await readIndexed();
  }
  if (!indexed || (stale && indexed.row.deletedAt)) {
    if (stale)
      throw new AppError('upstream_unavailable', `${staleReason} — and the account is not in the index`);
    throw new AppError('not_found', `No account with id ${id}`);
  }
  const account = accountView(indexed.row);
  // The stale copy's age (the banner's "last confirmed"): see AccountDetailSchema.
  if (stale) account.syncedAt = await lastConfirmedAt(db, indexed.row);
  const openIncident = await findOpenIncident(db, id);
  return { account, meta, stale, staleReason, timeline: indexed.timeline, openIncident };
}
