/**
 * Build step (Vite plugin), not part of the SPA: the code a first visit runs is cut into few files.
 * Left to itself the bundler splits the entry and the first screen along every module that some lazy
 * screen shares, about 70 files for the accounts table; each is a request, a module record and an
 * evaluation step before the first row shows. Here the entry's static closure is one chunk (`app`) and
 * what the first screen's routes add to it is another (`first-screen`); other screens stay lazy and
 * import what they share from those two.
 */
import type { Plugin } from 'vite';
import { FIRST_SCREEN_ROUTES, isFirstScreenRoute } from './first-screen-preload.ts';

/** What the plan reads of one module of the build's graph (a subset of Rolldown's ModuleInfo). */
export interface ModuleNode {
  id: string;
  isEntry: boolean;
  importedIds: readonly string[];
  code: string | null;
}

export interface FirstScreenPlan {
  app: ReadonlySet<string>;
  firstScreen: ReadonlySet<string>;
}

/** The package a module belongs to (`@scope/name` or `name`), from its last `node_modules` segment. */
export function packageOf(id: string): string | null {
  const path = id.replaceAll('\\', '/').split('?')[0]!;
  const at = path.lastIndexOf('/node_modules/');
  if (at < 0) return null;
  const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
  if (!first) return null;
  return first.startsWith('@') && second ? `${first}/${second}` : first;
}

/**
 * A namespace barrel (radix-ui's index: `import * as Dialog from "@radix-ui/react-dialog"` for every
 * primitive, re-exported) as export name → package; null when the module is not one. Following such
 * a module whole would pull every primitive into the first screen for the one or two it uses.
 */
export function namespaceBarrel(code: string | null): Map<string, string> | null {
  if (!code) return null;
  const names = new Map<string, string>();
  for (const match of code.matchAll(/import\s*\*\s*as\s+([\w$]+)\s+from\s*["']([^"']+)["']/g)) {
    names.set(match[1]!, match[2]!);
  }
  return names.size >= 5 ? names : null;
}

/** The names a module imports by name from `specifier` (`import { A as B, C } from '…'`). */
export function namesImportedFrom(code: string | null, specifier: string): string[] {
  if (!code) return [];
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const pattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']${quoted}["']`, 'g');
  return [...code.matchAll(pattern)].flatMap((match) =>
    match[1]!
      .split(',')
      .map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)[0]!
          .trim(),
      )
      .filter(Boolean),
  );
}

/**
 * Which modules go in `app` (the entry's static closure) and which in `first-screen` (what the
 * first screen's route components add, without the route modules themselves: the router loads those
 * lazily, so they stay the small chunks it asks for).
 */
export function planFirstScreen(
  modules: readonly ModuleNode[],
  routes: readonly string[] = FIRST_SCREEN_ROUTES,
): FirstScreenPlan {
  const byId = new Map(modules.map((m) => [m.id, m]));
  const closure = (starts: readonly ModuleNode[], skip: ReadonlySet<string>) => {
    const seen = new Set<string>();
    const stack = starts.map((m) => m.id);
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id) || skip.has(id) || id.startsWith('\0')) continue;
      const node = byId.get(id);
      if (!node) continue;
      seen.add(id);
      for (const dep of node.importedIds) {
        const barrel = namespaceBarrel(byId.get(dep)?.code ?? null);
        const pkg = packageOf(dep);
        if (!barrel || !pkg) {
          stack.push(dep);
          continue;
        }
        // Through a barrel, only the primitives this module names.
        const wanted = new Set(namesImportedFrom(node.code, pkg).map((name) => barrel.get(name)));
        for (const reexported of byId.get(dep)!.importedIds) {
          if (wanted.has(packageOf(reexported) ?? '')) stack.push(reexported);
        }
      }
    }
    return seen;
  };
  const app = closure(
    modules.filter((m) => m.isEntry),
    new Set(),
  );
  const routeModules = modules.filter((m) => isFirstScreenRoute(m.id, routes));
  const skip = new Set([...app, ...routeModules.map((m) => m.id)]);
  const firstScreen = closure(
    routeModules.flatMap((m) => m.importedIds.map((dep) => byId.get(dep)).filter((d) => d !== undefined)),
    skip,
  );
  return { app, firstScreen };
}

export function firstScreenChunks(routes: readonly string[] = FIRST_SCREEN_ROUTES): Plugin {
  let plan: FirstScreenPlan = { app: new Set(), firstScreen: new Set() };
  return {
    name: 'switchboard:first-screen-chunks',
    apply: 'build',
    config: () => ({
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                { name: 'app', test: (id: string) => plan.app.has(id), priority: 2 },
                { name: 'first-screen', test: (id: string) => plan.firstScreen.has(id), priority: 1 },
              ],
            },
          },
        },
      },
    }),
    buildEnd() {
      const modules: ModuleNode[] = [];
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        if (info) modules.push({ id, isEntry: info.isEntry, importedIds: info.importedIds, code: info.code });
      }
      plan = planFirstScreen(modules, routes);
    },
  };
}
