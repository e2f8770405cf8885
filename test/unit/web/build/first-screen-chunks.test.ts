import { describe, expect, it } from 'vitest';
import {
  namesImportedFrom,
  namespaceBarrel,
  packageOf,
  planFirstScreen,
  type ModuleNode,
} from '../../../../web/build/first-screen-chunks.ts';

const NM = '/app/node_modules';
const RADIX = `${NM}/radix-ui/dist/index.mjs`;
const barrelCode = ['dialog', 'popover', 'tabs', 'select', 'label']
  .map((name) => `import * as ${name[0]!.toUpperCase()}${name.slice(1)} from "@radix-ui/react-${name}";`)
  .join('\n');

const node = (id: string, importedIds: string[] = [], code = '', isEntry = false): ModuleNode => ({
  id,
  isEntry,
  importedIds,
  code,
});

/** An entry, the accounts route (first screen) and the users route (not), sharing a barrel. */
const graph: ModuleNode[] = [
  node('/app/web/main.tsx', ['/app/web/router.ts', `${NM}/react/index.js`], '', true),
  node('/app/web/router.ts'),
  node(`${NM}/react/index.js`),
  node('/app/web/routes/_app/accounts/index.tsx?tsr-split=component', ['/app/web/features/table.tsx']),
  node(
    '/app/web/features/table.tsx',
    [RADIX, `${NM}/react/index.js`, '/app/web/lib/format.ts'],
    `import { Dialog as DialogPrimitive } from 'radix-ui';\nimport React from 'react';`,
  ),
  node('/app/web/lib/format.ts'),
  node(
    RADIX,
    ['dialog', 'popover', 'tabs', 'select', 'label'].map((n) => `${NM}/@radix-ui/react-${n}/dist/index.mjs`),
    barrelCode,
  ),
  ...['dialog', 'popover', 'tabs', 'select', 'label'].map((n) =>
    node(`${NM}/@radix-ui/react-${n}/dist/index.mjs`),
  ),
  node('/app/web/routes/_app/users.tsx?tsr-split=component', ['/app/web/features/users.tsx']),
  node('/app/web/features/users.tsx', [RADIX], `import { Tabs } from "radix-ui";`),
];

describe('planFirstScreen', () => {
  const plan = planFirstScreen(graph, ['routes/_app/accounts/index.tsx']);

  it('puts the entry and its static imports in app', () => {
    expect([...plan.app].sort()).toEqual(
      ['/app/web/main.tsx', '/app/web/router.ts', `${NM}/react/index.js`].sort(),
    );
  });

  it('puts what the first screen adds in first-screen, without the route module or what app holds', () => {
    expect([...plan.firstScreen].sort()).toEqual(
      [
        '/app/web/features/table.tsx',
        '/app/web/lib/format.ts',
        `${NM}/@radix-ui/react-dialog/dist/index.mjs`,
      ].sort(),
    );
  });

  it('follows a namespace barrel only to the primitives the screen names, and leaves other screens lazy', () => {
    expect(plan.firstScreen.has(`${NM}/@radix-ui/react-tabs/dist/index.mjs`)).toBe(false);
    expect(plan.firstScreen.has(`${NM}/@radix-ui/react-popover/dist/index.mjs`)).toBe(false);
    expect(plan.firstScreen.has(RADIX)).toBe(false);
    expect(plan.firstScreen.has('/app/web/features/users.tsx')).toBe(false);
  });
});

describe('module helpers', () => {
  it('names the package of a module, scoped or not', () => {
    expect(packageOf(`${NM}/@radix-ui/react-dialog/dist/index.mjs`)).toBe('@radix-ui/react-dialog');
    expect(packageOf(`${NM}/a/node_modules/radix-ui/dist/index.mjs?x`)).toBe('radix-ui');
    expect(packageOf('/app/web/main.tsx')).toBeNull();
  });

  it('reads a namespace barrel and the names imported from a package', () => {
    expect(namespaceBarrel(barrelCode)?.get('Dialog')).toBe('@radix-ui/react-dialog');
    expect(namespaceBarrel('import * as A from "a";')).toBeNull();
    expect(
      namesImportedFrom(
        `import { Dialog as D, Slot } from 'radix-ui';\nimport { x } from 'other';`,
        'radix-ui',
      ),
    ).toEqual(['Dialog', 'Slot']);
  });
});
