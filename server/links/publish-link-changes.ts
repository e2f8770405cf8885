import type { LedgerDeps } from './ledger-deps.ts';

export interface LinkChange {
  id: string;
  accountId: string | null;
  state: string;
}

/** One `link.changed` per changed link, to every open browser (and every console process). */
export async function publishLinkChanges(deps: Pick<LedgerDeps, 'bus'>, changes: LinkChange[]) {
  const at = new Date().toISOString();
  for (const change of changes) {
    await deps.bus.publish({
      type: 'link.changed',
      linkId: change.id,
      accountId: change.accountId,
      state: change.state,
      at,
    });
  }
}
