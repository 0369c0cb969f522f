import { defineConfig } from 'vite';

// The loader is what host pages embed: one classic script, no framework, no exports
// (so the IIFE defines no global of its own; it only touches window.Switchboard).
export default defineConfig({
  // Host pages may be in GBK or Latin-1 and may load us without a charset: escape
  // every non-ASCII character so the Chinese strings survive any page encoding.
  esbuild: { charset: 'ascii' },
  build: {
    outDir: 'dist/loader',
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: 'src/loader.ts',
      formats: ['iife'],
      name: 'SwitchboardLoader',
      fileName: () => 'widget.js',
    },
  },
});
