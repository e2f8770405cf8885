import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, type DatabaseConfig } from '../../server/db/client.ts';

/*
 * A fresh PGlite spends most of its start in initdb, then in the migrations: seconds on a quiet
 * machine, tens of seconds on a loaded one. Tests instead load a data directory dumped once after
 * the migrations (`{ kind: 'memory', template }`); openDatabase still migrates on top, which finds
 * nothing to do. The dump is cached on disk under a key of what it is built from, so that each test
 * worker and each later run loads it rather than rebuilding it.
 */

const migrationsDir = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const pglitePackage = fileURLToPath(
  new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url),
);
const cacheDir = join(tmpdir(), 'switchboard-test');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** The template's file: named by a hash of the PGlite version and every migration file. */
function templatePath(): string {
  const hash = createHash('sha256');
  const { version } = JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string };
  hash.update(`pglite ${version}\n`);
  for (const file of filesUnder(migrationsDir)) {
    hash.update(`${file.slice(migrationsDir.length)}\n`);
    hash.update(readFileSync(file));
  }
  return join(cacheDir, `pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** Builds the migrated template unless it is already on disk; answers its path. */
export async function ensureMigratedTemplate(): Promise<string> {
  const path = templatePath();
  if (existsSync(path)) return path;
  const database = await openDatabase({ kind: 'memory' });
  try {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const dump = await client.dumpDataDir('gzip');
    mkdirSync(cacheDir, { recursive: true });
    // Written aside then renamed: a worker building it at the same time never reads half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await database.close();
  }
  return path;
}

let template: Promise<Blob> | null = null;

/** The migrated template as a tar (unzipped once per process), for `{ kind: 'memory', template }`. */
export function migratedTemplate(): Promise<Blob> {
  template ??= ensureMigratedTemplate().then(
    (path) => new Blob([gunzipSync(readFileSync(path))], { type: 'application/x-tar' }),
  );
  return template;
}

/** An in-memory PGlite that opens already migrated. */
export async function migratedMemoryDatabase(): Promise<DatabaseConfig & { kind: 'memory' }> {
  return { kind: 'memory', template: await migratedTemplate() };
}
