// Runs in a worker thread: checkpoints the WAL once a second so that the event loop
// that writes never pays for copying pages back into the database file.
//
// PASSIVE never blocks the writer. Under a sustained write load it may not catch up
// with the end of the WAL, which then grows; past workerData.maxWalBytes one RESTART
// checkpoint (which does make writers wait) brings it back. The writing connection's
// journal_size_limit shrinks the file once the WAL restarts.
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.filename);
db.pragma('busy_timeout = 5000');

function walBytes() {
  try {
    return statSync(`${workerData.filename}-wal`).size;
  } catch {
    return 0;
  }
}

const timer = setInterval(() => {
  try {
    const mode = walBytes() > workerData.maxWalBytes ? 'RESTART' : 'PASSIVE';
    db.pragma(`wal_checkpoint(${mode})`);
  } catch {
    // A busy database just means the next tick tries again.
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message === 'stop') {
    clearInterval(timer);
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
      parentPort.close();
    }
  }
});
