import type { Store } from '../store.ts';
import { createAgentStore } from './agents.ts';
import { createAuditLog } from './audit.ts';
import { startCheckpointer } from './checkpointer.ts';
import { conversationReader, createConversationStore } from './conversations.ts';
import { type Db, openDb } from './db.ts';
import { createDirectoryStore } from './directory.ts';
import { createEventLog } from './events.ts';
import { createMessageStore } from './messages.ts';
import { createRoutingStore } from './routing.ts';
import { createVisitorStore } from './visitors.ts';
import { type CommitObserver, createWriteQueue, type WriteQueue } from './write-queue.ts';

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for unit tests. */
  filename: string;
  synchronous?: 'normal' | 'full';
  /** Told of each group commit, for /metrics. */
  onCommit?: CommitObserver;
}

/**
 * The Store over one SQLite file: reads answer at once, writes are batched per tick
 * (group commit, write-queue.ts). SQLite has one writer at a time, which makes each
 * batch serializable; the code still takes no advantage of it that the Store contract
 * does not grant every backend (see the comments at each write).
 */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const onDisk = options.filename !== ':memory:';
  const db = openDb(options.filename, {
    synchronous: options.synchronous ?? 'normal',
    externalCheckpoints: onDisk,
  });
  const checkpointer = onDisk ? startCheckpointer(options.filename) : null;
  const writes = createWriteQueue(db, options.onCommit);
  return {
    ...storeParts(db, writes),
    async close() {
      writes.flush();
      await checkpointer?.stop();
      db.close();
    },
  };
}

/** The Store's parts over an open database; tests that also need the database use it. */
export function storeParts(db: Db, writes: WriteQueue): Omit<Store, 'close'> {
  const log = createEventLog(db);
  const audit = createAuditLog(db);
  const directory = createDirectoryStore(db, audit);
  return {
    directory,
    agents: createAgentStore(db, audit),
    audit: audit.store,
    visitors: createVisitorStore(db),
    conversations: createConversationStore(db),
    messages: createMessageStore(db, writes),
    events: log.store,
    routing: createRoutingStore(db, writes, log, directory, conversationReader(db)),
    // BEGIN IMMEDIATE takes the write lock: a read-only, locked or broken file refuses it.
    writable: () => writes.run(() => undefined),
  };
}
