import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from '../contract/index.ts';
import type { Store } from '../store.ts';
import { openSqliteStore } from './open.ts';

// Real files, as the hub uses them (WAL, checkpoints in a worker), one per store.
let dir: string | null = null;
let count = 0;
const files = new WeakMap<Store, string>();

function openFile(filename: string): Store {
  const store = openSqliteStore({ filename });
  files.set(store, filename);
  return store;
}

describeStoreContract('SQLite', {
  async open() {
    dir ??= await mkdtemp(join(tmpdir(), 'switchboard-contract-'));
    return openFile(join(dir, `${++count}.db`));
  },
  async peer(store) {
    const filename = files.get(store);
    if (!filename) throw new Error('not a store this backend opened');
    return openFile(filename);
  },
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});
