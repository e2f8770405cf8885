import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstScreenChunks } from './web/build/first-screen-chunks.ts';
import { firstScreenPreload } from './web/build/first-screen-preload.ts';
import { precompressAssets } from './web/build/precompress.ts';

const root = fileURLToPath(new URL('./web', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  plugins: [
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      routesDirectory: fileURLToPath(new URL('./web/routes', import.meta.url)),
      generatedRouteTree: fileURLToPath(new URL('./web/route-tree.gen.ts', import.meta.url)),
    }),
    react(),
    tailwindcss(),
    firstScreenChunks(),
    firstScreenPreload(),
    precompressAssets(),
  ],
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
      '@web': root,
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/webhooks': 'http://localhost:3000',
    },
  },
});
