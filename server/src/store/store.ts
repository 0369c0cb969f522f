import { createAgentStore } from './agents.ts';
import { startCheckpointer } from './checkpointer.ts';
import { createConversationStore } from './conversations.ts';
import { openDb } from './db.ts';
import { createDirectoryStore } from './directory.ts';
import { createMessageStore } from './messages.ts';
import { createVisitorStore } from './visitors.ts';
import { createWriteQueue } from './write-queue.ts';

/**
 * Everything the hub persists. Methods are async so that a networked backend
 * (PostgreSQL) can implement the same interface; the SQLite one answers reads at
 * once and batches writes per tick (group commit).
 */
export interface Store {
  directory: ReturnType<typeof createDirectoryStore>;
  agents: ReturnType<typeof createAgentStore>;
  visitors: ReturnType<typeof createVisitorStore>;
  conversations: ReturnType<typeof createConversationStore>;
  messages: ReturnType<typeof createMessageStore>;
  /** Commits queued writes, stops the checkpointer and closes the database. */
  close(): Promise<void>;
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for unit tests. */
  filename: string;
  synchronous?: 'normal' | 'full';
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const onDisk = options.filename !== ':memory:';
  const db = openDb(options.filename, {
    synchronous: options.synchronous ?? 'normal',
    externalCheckpoints: onDisk,
  });
  const checkpointer = onDisk ? startCheckpointer(options.filename) : null;
  const writes = createWriteQueue(db);
  return {
    directory: createDirectoryStore(db),
    agents: createAgentStore(db),
    visitors: createVisitorStore(db),
    conversations: createConversationStore(db, writes),
    messages: createMessageStore(db, writes),
    async close() {
      writes.flush();
      await checkpointer?.stop();
      db.close();
    },
  };
}
