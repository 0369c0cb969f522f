import { defineConfig } from 'vite';

// Served by the hub under /console/; the hub's static plugin maps that path to dist/.
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  server: {
    // `vite dev` against a hub running on :8080 (same-origin cookie and socket).
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
