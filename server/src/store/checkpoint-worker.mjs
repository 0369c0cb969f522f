// Runs in a worker thread: checkpoints the WAL once a second so that the event loop
// that writes never pays for copying pages back into the database file.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.filename);
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(RESTART)');
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
