import type { Db } from './db.ts';

/**
 * Group commit: every write asked for in the same tick runs in one transaction, so a
 * burst of messages costs one commit instead of one each. A write's promise settles
 * only after that transaction has committed: the caller acks after, never before.
 *
 * If the batch fails as a whole (one write throws), it is rolled back and each write
 * is re-run alone, so one bad write never fails its neighbours.
 */
export interface WriteQueue {
  run<T>(write: () => T): Promise<T>;
  /** Commits whatever is queued now, synchronously (used on shutdown). */
  flush(): void;
}

/** Marks an error thrown by a write itself, as opposed to by the transaction. */
class WriteFailed extends Error {
  constructor(readonly original: unknown) {
    super('a write in the batch failed');
  }
}

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Told of each batch committed: how many writes it held and how long it took. */
export type CommitObserver = (writes: number, seconds: number) => void;

export function createWriteQueue(db: Db, onCommit?: CommitObserver): WriteQueue {
  let queue: Pending[] = [];
  let scheduled = false;

  const runBatch = db.transaction((batch: Pending[]) =>
    batch.map((p) => {
      try {
        return p.write();
      } catch (error) {
        throw new WriteFailed(error);
      }
    }),
  );

  function flush(): void {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    let results: unknown[];
    try {
      // IMMEDIATE takes the write lock up front, where the busy timeout applies; a
      // deferred BEGIN upgrading mid-transaction gets SQLITE_BUSY at once instead.
      const started = onCommit ? performance.now() : 0;
      results = runBatch.immediate(batch);
      onCommit?.(batch.length, (performance.now() - started) / 1000);
    } catch (error) {
      // One write threw: run each alone so only that one fails. Anything else (the
      // database busy, full or broken) would fail them alone too, so fail the batch.
      if (error instanceof WriteFailed) for (const p of batch) runAlone(p);
      else for (const p of batch) p.reject(error);
      return;
    }
    for (const [i, p] of batch.entries()) p.resolve(results[i]);
  }

  function runAlone(p: Pending): void {
    try {
      p.resolve(db.transaction(p.write).immediate());
    } catch (error) {
      p.reject(error);
    }
  }

  return {
    run<T>(write: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          // setImmediate runs after the I/O callbacks of this turn, so every message
          // that arrived in the same poll phase joins one batch.
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
