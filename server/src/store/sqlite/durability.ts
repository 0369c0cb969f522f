/**
 * The store's durability machinery on its own (connection pragmas, group commit,
 * checkpoints off the event loop), for the benchmark's floor relay: a bare relay that
 * commits each message the way the hub does, and does nothing else the hub does.
 */
export { startCheckpointer } from './checkpointer.ts';
export { connect, type Db } from './db.ts';
export { createWriteQueue } from './write-queue.ts';
