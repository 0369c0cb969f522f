/**
 * A write refused because a value that must be unique is taken (an email, an id).
 * Nothing was written. Every backend rejects with this, so callers can tell a taken
 * value from a failure without knowing the database.
 */
export class StoreConflict extends Error {
  constructor(
    /** What is taken, e.g. 'email' or 'id'. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreConflict';
  }
}

/** An audit-log cursor the store did not hand out. Nothing was read. */
export class StoreInvalidCursor extends Error {
  constructor() {
    super('not a cursor of this log');
    this.name = 'StoreInvalidCursor';
  }
}
