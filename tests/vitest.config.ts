import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives in tests/ so the repository's top level stays as DESIGN.md lays it out; every
// path below is relative to the repository root.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{shared,server,widget,console,scripts}/src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: two cores are shared with the hub under test.
          fileParallelism: false,
        },
      },
    ],
  },
});
