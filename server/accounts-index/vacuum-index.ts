import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/**
 * PGlite has no autovacuum. Without statistics the list queries over a large index pick plans that
 * sort on disk, and a trigram index whose pending list is full makes every search recheck it. A sync
 * writes only the rows that changed (none on a quiet day, all of them on the first), so after each
 * one this vacuums and analyzes the table: cheap when little changed, about a second at 100k new
 * accounts, during which PGlite answers nothing else. Postgres's autovacuum does it on its own.
 */
export async function vacuumIndex(database: Database): Promise<void> {
  if (database.kind !== 'pglite') return;
  // Incidents too: a sync opens, resolves and moves them on, and the queue's facet counts are an
  // index-only scan, which reads the table for every page vacuum has not marked all-visible.
  await database.db.execute(sql`vacuum analyze accounts, incidents`);
}
