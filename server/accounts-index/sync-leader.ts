import type pg from 'pg';
import type { Database } from '../db/client.ts';

/** Advisory lock key of the scheduled sync (any fixed int8; advisory locks are per database). */
export const SYNC_LOCK_KEY = 7_340_917_201;

export interface SyncLeader {
  /** True when this process runs the scheduled sync: it holds, or has just taken, the lock. */
  tryLead(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * On Postgres, one process among all those sharing the database runs the scheduled sync: the one
 * holding a session advisory lock on a dedicated connection. The lock is kept for the life of that
 * connection, so leadership moves only when the leader stops or its connection dies. PGlite is
 * embedded in a single process, which always leads.
 */
export function createSyncLeader(database: Database): SyncLeader {
  const pool = database.pool;
  if (!pool) return { tryLead: async () => true, release: async () => {} };

  let held: { client: pg.PoolClient; onError: (err: Error) => void } | null = null;

  const letGo = (err?: Error) => {
    if (!held) return;
    const { client, onError } = held;
    held = null;
    client.off('error', onError);
    client.release(err);
  };

  return {
    async tryLead() {
      if (held) {
        try {
          await held.client.query('select 1');
          return true;
        } catch (err) {
          letGo(err as Error);
        }
      }
      const client = await pool.connect();
      let locked: boolean;
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          'select pg_try_advisory_lock($1) as locked',
          [SYNC_LOCK_KEY],
        );
        locked = rows[0]?.locked === true;
      } catch (err) {
        client.release(err as Error);
        throw err;
      }
      if (!locked) {
        client.release();
        return false;
      }
      // A dead connection has lost the lock with it; without a listener its error would crash the process.
      const onError = (err: Error) => letGo(err);
      client.on('error', onError);
      held = { client, onError };
      return true;
    },
    async release() {
      if (!held) return;
      try {
        await held.client.query('select pg_advisory_unlock($1)', [SYNC_LOCK_KEY]);
        letGo();
      } catch (err) {
        letGo(err as Error);
      }
    },
  };
}
