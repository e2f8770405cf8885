import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Takes group and other permissions off a directory and everything in it. PGlite copies its initial
 * files in world-writable (0666) whatever the umask. Symbolic links are left alone: chmod would
 * follow them out of the directory.
 */
export function makePrivate(dir: string): void {
  const paths = [
    dir,
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() || entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name)),
  ];
  for (const path of paths) {
    const { mode } = lstatSync(path);
    if (mode & 0o077) chmodSync(path, mode & 0o700);
  }
}
