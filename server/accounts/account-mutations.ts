import type { Account } from '../../shared/schemas/account.ts';
import { accountView } from '../accounts-index/account-row.ts';
import { writeAccountDeleted, writeUpstreamAccounts } from '../account-state/account-writer.ts';
import type { AppDeps } from '../app-deps.ts';
import { accounts } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { AppError } from '../http/app-error.ts';
import { describeAttempts } from '../stackone/label-forms.ts';

async function indexedAccount(deps: AppDeps, id: string): Promise<Account> {
  const [row] = await deps.database.db.select().from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!row) throw new AppError('internal', `Account ${id} vanished from the index`);
  return accountView(row);
}

export interface LabelChange {
  account: Account;
  /** Every PATCH that reached StackOne and how it answered, for the audit row. */
  attempts: string;
}

/**
 * Sets or clears the label upstream (a raw PATCH, in whichever label form StackOne takes) and in the
 * index, for the signed-in user who asked.
 */
export async function updateAccountLabel(
  deps: AppDeps,
  userId: string,
  id: string,
  label: string | null,
): Promise<LabelChange> {
  const { account: updated, attempts } = await deps.stackOne
    .forUser(userId)
    .updateAccountLabel(id, label === '' ? null : label);
  await writeUpstreamAccounts({ db: deps.database.db, bus: deps.bus }, [updated], {
    lastEventAt: new Date().toISOString(),
    source: 'mutation',
  });
  return { account: await indexedAccount(deps, id), attempts: describeAttempts(attempts) };
}

export interface DeletedAccount {
  account: Account;
  /** For the audit summary, when how the delete was confirmed needs saying. */
  note: string | null;
}

/** Deletes the account at StackOne; the index keeps it marked deleted for its history. */
export async function deleteAccount(deps: AppDeps, userId: string, id: string): Promise<DeletedAccount> {
  const { confirmedByRetry404 } = await deps.stackOne.forUser(userId).deleteAccount(id);
  await writeAccountDeleted({ db: deps.database.db, bus: deps.bus }, id, 'mutation');
  return {
    account: await indexedAccount(deps, id),
    note: confirmedByRetry404
      ? 'confirmed by a 404 on retry: an earlier attempt got no answer, and StackOne had done it'
      : null,
  };
}
