export type AccountOp = 'refresh' | 'delete';

interface Lane<R> {
  tail: Promise<unknown>;
  /** A refresh queued but not started: a later refresh request joins it instead of adding one. */
  queuedRefresh: Promise<R> | null;
}

/**
 * Runs one account's operations one after the other, so an older read of an account can never be
 * written over a newer one, nor revive it after a delete. Refresh requests that arrive while another
 * operation of the account runs share the next refresh: it starts after all of them arrived, so it
 * sees every change they announce. A burst of events for one account costs about two upstream reads.
 */
export function createAccountOpQueue<R>(run: (accountId: string, op: AccountOp) => Promise<R>) {
  const lanes = new Map<string, Lane<R>>();

  return function enqueue(accountId: string, op: AccountOp): Promise<R> {
    let lane = lanes.get(accountId);
    if (!lane) {
      lane = { tail: Promise.resolve(), queuedRefresh: null };
      lanes.set(accountId, lane);
    }
    if (op === 'refresh' && lane.queuedRefresh) return lane.queuedRefresh;
    const current = lane;
    const result: Promise<R> = current.tail.then(() => {
      if (current.queuedRefresh === result) current.queuedRefresh = null;
      return run(accountId, op);
    });
    current.queuedRefresh = op === 'refresh' ? result : null;
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    current.tail = tail;
    void tail.then(() => {
      if (lanes.get(accountId) === current && current.tail === tail) lanes.delete(accountId);
    });
    return result;
  };
}
