import type { Account } from '../../shared/schemas/account.ts';
import { accountView } from '../accounts-index/account-row.ts';
import { markAccountDeleted, upsertAccounts } from '../accounts-index/upsert-accounts.ts';
import type { AppDeps } from '../app-deps.ts';
import { accounts } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { AppError } from '../http/app-error.ts';

async function indexedAccount(deps: AppDeps, id: string): Promise<Account> {
  const [row] = await deps.database.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!row) throw new AppError('internal', `Account ${id} vanished from the index`);
  return accountView(row);
}

/** Sets or clears the label upstream (a raw string PATCH) and in the index. */
export async function updateAccountLabel(deps: AppDeps, id: string, label: string | null): Promise<Account> {
  const updated = await deps.stackOne.updateAccountLabel(id, label === '' ? null : label);
  const now = new Date().toISOString();
  await upsertAccounts(deps.database.db, [updated], { lastEventAt: now });
  await deps.bus.publish({
    type: 'account.changed',
    accountId: id,
    change: 'updated',
    status: updated.status,
    at: now,
  });
  return indexedAccount(deps, id);
}

export interface DeletedAccount {
  account: Account;
  /** For the audit summary, when how the delete was confirmed needs saying. */
  note: string | null;
}

/** Deletes the account at StackOne; the index keeps it marked deleted for its history. */
export async function deleteAccount(deps: AppDeps, id: string): Promise<DeletedAccount> {
  const { confirmedByRetry404 } = await deps.stackOne.deleteAccount(id);
  const now = new Date().toISOString();
  await markAccountDeleted(deps.database.db, id, now);
  await deps.bus.publish({
    type: 'account.changed',
    accountId: id,
    change: 'deleted',
    status: null,
    at: now,
  });
  return {
    account: await indexedAccount(deps, id),
    note: confirmedByRetry404
      ? 'confirmed by a 404 on retry: an earlier attempt got no answer, and StackOne had done it'
      : null,
  };
}
