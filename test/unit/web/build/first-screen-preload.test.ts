import { describe, expect, it } from 'vitest';
import { firstScreenFiles, type ChunkInfo } from '../../../../web/build/first-screen-preload.ts';

const chunk = (fileName: string, rest: Partial<ChunkInfo> = {}): ChunkInfo => ({
  type: 'chunk',
  fileName,
  imports: [],
  ...rest,
});
const bundleOf = (...chunks: ChunkInfo[]) => Object.fromEntries(chunks.map((c) => [c.fileName, c]));

const ROOT = '/repo/web/';

describe('first screen preload', () => {
  const bundle = bundleOf(
    chunk('assets/index.js', { isEntry: true, imports: ['assets/react.js', 'assets/router.js'] }),
    chunk('assets/react.js'),
    chunk('assets/router.js', { imports: ['assets/react.js'] }),
    chunk('assets/_app.js', {
      facadeModuleId: `${ROOT}routes/_app.tsx?tsr-split=component`,
      imports: ['assets/react.js', 'assets/shell.js'],
    }),
    chunk('assets/_app-error.js', { facadeModuleId: `${ROOT}routes/_app.tsx?tsr-split=errorComponent` }),
    chunk('assets/shell.js', { imports: ['assets/icons.js'] }),
    chunk('assets/icons.js'),
    chunk('assets/accounts.js', {
      facadeModuleId: `${ROOT}routes/_app/accounts/index.tsx?tsr-split=component`,
      imports: ['assets/table.js', 'assets/router.js'],
    }),
    chunk('assets/table.js', { imports: ['assets/icons.js'] }),
    // Lazy from the screen (a dialog) and other screens: not preloaded.
    chunk('assets/dialog.js', {
      facadeModuleId: `${ROOT}features/accounts/actions/delete-account-dialog.tsx`,
    }),
    chunk('assets/account.js', {
      facadeModuleId: `${ROOT}routes/_app/accounts/$accountId.tsx?tsr-split=component`,
      imports: ['assets/tabs.js'],
    }),
    chunk('assets/tabs.js'),
    chunk('assets/audit.js', { facadeModuleId: `${ROOT}routes/_app/audit.tsx?tsr-split=component` }),
    { type: 'asset', fileName: 'assets/index.css' },
  );

  it('lists the layout and accounts route chunks with their static imports, beyond what the entry loads', () => {
    expect(firstScreenFiles(bundle)).toEqual([
      'assets/_app.js',
      'assets/accounts.js',
      'assets/icons.js',
      'assets/shell.js',
      'assets/table.js',
    ]);
  });

  it('lists nothing when the route chunks are not found (no code splitting)', () => {
    expect(firstScreenFiles(bundleOf(chunk('assets/index.js', { isEntry: true })))).toEqual([]);
  });

  it('matches Windows module ids too', () => {
    const win = bundleOf(
      chunk('assets/index.js', { isEntry: true }),
      chunk('assets/_app.js', { facadeModuleId: 'C:\\repo\\web\\routes\\_app.tsx?tsr-split=component' }),
    );
    expect(firstScreenFiles(win)).toEqual(['assets/_app.js']);
  });
});
