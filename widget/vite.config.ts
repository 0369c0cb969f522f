import { defineConfig } from 'vite';

// The chat frame. The hub serves index.html at /widget/frame and the assets under
// /widget/assets/, so every asset URL is built against the /widget/ base.
export default defineConfig({
  root: 'src/frame',
  base: '/widget/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: '../../dist/frame',
    emptyOutDir: true,
    target: 'es2020',
    // One chunk, no dynamic imports and no <link rel="modulepreload">: the polyfill
    // Vite would inject for those is dead weight in every visitor's download.
    modulePreload: { polyfill: false },
  },
});
