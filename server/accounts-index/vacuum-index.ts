import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/**
 * PGlite has no autovacuum. Without statistics the list queries over a large index pick plans that
 * sort on disk, and without a visibility map the facet counts cannot be answered from
 * `accounts_facets_idx` alone: both several times slower at 100k accounts. A full sync rewrites
 * every row, so after each one this vacuums and analyzes the table (about a second at 100k
 * accounts, during which PGlite answers nothing else). Postgres's autovacuum does it on its own.
 */
export async function vacuumIndex(database: Database): Promise<void> {
  if (database.kind !== 'pglite') return;
  await database.db.execute(sql`vacuum analyze accounts`);
}
