-- Every admin change, written in the same transaction as the change it records
-- (docs/protocol.md#audit-log). The rowid orders entries and is the page cursor.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent', 'operator')),
  actor_id TEXT,
  actor_name TEXT,
  actor_role TEXT,
  action TEXT NOT NULL,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('agent', 'department')),
  target_id TEXT NOT NULL,
  -- JSON { field: { from, to } }; never a password or its hash
  changes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_action ON audit_log (action, id);

-- A password someone else chose for the agent (an invite, a reset) is temporary: the
-- agent chooses their own before doing anything else.
ALTER TABLE agents ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
