/**
 * Build step (Vite plugin), not part of the SPA: writes a `.br` and a `.gz` beside each built
 * JavaScript, CSS and SVG asset, so the server sends them as they are (`serveStatic`'s
 * `precompressed`) instead of compressing every asset again on every first visit.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|svg)$/;

export function precompressAssets(): Plugin {
  let outDir = '';
  return {
    name: 'switchboard-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      const assets = join(outDir, 'assets');
      const files = (await readdir(assets)).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (file) => {
          const raw = await readFile(join(assets, file));
          const [br, gzipped] = await Promise.all([
            brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            gz(raw, { level: 9 }),
          ]);
          await writeFile(join(assets, `${file}.br`), br);
          await writeFile(join(assets, `${file}.gz`), gzipped);
        }),
      );
    },
  };
}
