import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// main: ESM (lowdb, electron-store, zod are ESM-only); preload: CommonJS (a sandboxed preload
// cannot be ESM); renderer: React, relative base so the same bundle loads from app:// in
// Electron and from the browser host on loopback.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve(__dirname, 'main/electron/index.ts') },
        output: { format: 'es' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require 'electron' and a few built-ins: bundle the rest.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // One local bundle loaded from disk: chunk size matters little, and the warning is noise.
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
        // Mantine marks its modules "use client" for React Server Components; irrelevant here.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
