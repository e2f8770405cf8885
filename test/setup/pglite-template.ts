import { ensureMigratedTemplate } from '../support/pglite-template.ts';

/** Builds the migrated PGlite template once, before the workers that load it start (together). */
export default async function buildPgliteTemplate(): Promise<void> {
  await ensureMigratedTemplate();
}
