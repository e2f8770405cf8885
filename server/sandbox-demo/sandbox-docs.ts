import { readFile } from 'node:fs/promises';
import type { Context } from 'hono';

const DOCS = new URL('../../docs/sandbox.md', import.meta.url);

/**
 * The sandbox's documentation (docs/sandbox.md) on the console's own origin, where the sandbox badge
 * links: as plain text (markdown reads well as it is; no renderer to ship), so it works offline too.
 */
export async function sandboxDocs(c: Context) {
  const text = await readFile(DOCS, 'utf8').catch(() => null);
  if (text === null) return c.notFound();
  return c.body(text, 200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
}
