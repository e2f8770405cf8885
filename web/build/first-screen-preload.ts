/**
 * Build step (Vite plugin), not part of the SPA: `index.html` also modulepreloads the code of the
 * first screen, the signed-in layout and the accounts list (where `/` and a sign-in lead). Without it
 * a first visit downloads that code only after the entry has run and the router has matched the
 * route: a second round of requests after the first. With it both rounds download together. A
 * visitor who lands elsewhere (`/login`) downloads them too but does not run them; the screen's
 * dialogs, the Hub and other screens stay lazy.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

/** What the plugin reads of each output chunk (a subset of Rollup's OutputChunk). */
export interface ChunkInfo {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  isEntry?: boolean;
  imports?: readonly string[];
}

/** Route modules of the first screen, as the router plugin splits them (their component chunks). */
export const FIRST_SCREEN_ROUTES = ['routes/_app.tsx', 'routes/_app/accounts/index.tsx'] as const;

/** Whether a module is the component module the router plugin split off one of the first screen's routes. */
export function isFirstScreenRoute(moduleId: string | null | undefined, routes: readonly string[]): boolean {
  const id = moduleId?.replaceAll('\\', '/');
  return (
    id !== undefined &&
    id !== null &&
    id.includes('tsr-split=component') &&
    routes.some((route) => id.split('?')[0]!.endsWith(`/${route}`))
  );
}

const isFirstScreenChunk = (chunk: ChunkInfo, routes: readonly string[]) =>
  isFirstScreenRoute(chunk.facadeModuleId, routes);

/**
 * The files to modulepreload for the first screen: its route chunks and everything they import
 * statically, minus what the entry already loads (Vite preloads those itself), in a stable order.
 */
export function firstScreenFiles(
  bundle: Readonly<Record<string, ChunkInfo>>,
  routes: readonly string[] = FIRST_SCREEN_ROUTES,
): string[] {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const byFile = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (starts: readonly ChunkInfo[]) => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
    };
    starts.forEach((c) => visit(c.fileName));
    return seen;
  };
  const initial = closure(chunks.filter((c) => c.isEntry));
  const screen = closure(chunks.filter((c) => isFirstScreenChunk(c, routes)));
  return [...screen].filter((file) => !initial.has(file)).sort();
}

export function firstScreenPreload(routes: readonly string[] = FIRST_SCREEN_ROUTES): Plugin {
  let base = '/';
  return {
    name: 'switchboard:first-screen-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx): HtmlTagDescriptor[] {
        if (!ctx.bundle) return [];
        return firstScreenFiles(ctx.bundle as Record<string, ChunkInfo>, routes).map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
