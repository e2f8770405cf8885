import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { makePrivate } from './private-dir.ts';
import * as schema from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string }
  /** `template`: a `dumpDataDir()` tarball to start from (tests load one migrated once instead of initdb). */
  | { kind: 'memory'; template?: Blob };

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Postgres only: a pool client for LISTEN/NOTIFY and advisory locks. */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Advisory lock key of the migrations (any fixed int8 other than the sync leader's). */
export const MIGRATION_LOCK_KEY = 7_340_917_202;

/**
 * Processes started together on an empty database would each create the extension and the tables
 * (and all but one die on a duplicate key): the first to take the lock migrates, the others wait for
 * it and then find nothing to do. The lock lives on a connection of its own, closed after rather than
 * returned to the pool, so the lock goes with it whatever happened.
 */
async function migratePgLocked(pool: pg.Pool, db: NodePgDatabase<typeof schema>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(db, { migrationsFolder });
  } finally {
    client.release(true);
  }
}

export interface OpenDatabaseOptions {
  /** DATA_DIR already locked by the caller (the entry point locks it before anything else starts). */
  dataDirLock?: DataDirLock;
}

/**
 * Opens PGlite (embedded, a folder or memory) or Postgres, and applies the migrations. A PGlite
 * folder is locked for this process and private to its user; the lock goes when the database closes.
 */
export async function openDatabase(
  config: DatabaseConfig,
  options: OpenDatabaseOptions = {},
): Promise<Database> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: 10 });
    // An idle connection that the server ends (restart, failover, admin) must not crash the
    // process: the pool drops it and opens a new one on the next query.
    pool.on('error', (err) => console.warn(`[db] idle PostgreSQL connection lost: ${err.message}`));
    const db = drizzlePg({ client: pool, schema });
    try {
      await migratePgLocked(pool, db);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return { db: db as unknown as Db, kind: 'postgres', pool, close: () => pool.end() };
  }
  if (config.kind === 'memory') return openPglite(undefined, null, config.template);
  const lock = options.dataDirLock ?? (await lockDataDir(config.dataDir));
  try {
    const database = await openPglite(lock.dir, lock);
    makePrivate(lock.dir);
    return database;
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function openPglite(
  dataDir: string | undefined,
  lock: DataDirLock | null,
  template?: Blob,
): Promise<Database> {
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir: template });
  const db = drizzlePglite({ client, schema });
  try {
    await migratePglite(db, { migrationsFolder });
  } catch (err) {
    await client.close();
    throw err;
  }
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    pool: null,
    close: async () => {
      await client.close();
      await lock?.release();
    },
  };
}
