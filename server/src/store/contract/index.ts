import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { accountsContract } from './accounts.ts';
import { adminContract } from './admin.ts';
import { auditContract } from './audit.ts';
import { concurrencyContract } from './concurrency.ts';
import { conversationsContract } from './conversations.ts';
import { eventsContract } from './events.ts';
import { messagesContract } from './messages.ts';
import { routingContract } from './routing.ts';

/** How the contract gets stores of the backend under test. */
export interface StoreBackend {
  /** A new, empty store of its own. */
  open(): Promise<Store>;
  /**
   * Another store over the same data as `store`: a second hub while `store` is open,
   * or the same hub after a restart once `store` is closed.
   */
  peer(store: Store): Promise<Store>;
}

/** What each part of the contract is given: stores that are closed after each test. */
export interface ContractContext {
  open(): Promise<Store>;
  peer(store: Store): Promise<Store>;
}

/**
 * The behaviour every Store backend must have, as the hub relies on it. Run it from
 * the backend's own test file: `describeStoreContract('SQLite', backend)`.
 */
export function describeStoreContract(name: string, backend: StoreBackend): void {
  describe(`Store contract: ${name}`, () => {
    // Each store handed out is closed once, after its test, unless the test did it.
    const open: { store: Store; close: () => Promise<void> }[] = [];
    const originals = new WeakMap<Store, Store>();
    const track = (original: Store): Store => {
      let closing: Promise<void> | null = null;
      const close = () => {
        closing ??= original.close();
        return closing;
      };
      const store: Store = { ...original, close };
      originals.set(store, original);
      open.push({ store, close });
      return store;
    };
    const ctx: ContractContext = {
      open: async () => track(await backend.open()),
      peer: async (store) => track(await backend.peer(originals.get(store) ?? store)),
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    it('is writable once open, and says so', async () => {
      const store = await ctx.open();
      await expect(store.writable()).resolves.toBeUndefined();
    });

    accountsContract(ctx);
    adminContract(ctx);
    auditContract(ctx);
    conversationsContract(ctx);
    messagesContract(ctx);
    concurrencyContract(ctx);
    eventsContract(ctx);
    routingContract(ctx);
  });
}
