-- switchboard: foreign-keys-off
-- Routing's state lives in the store, so a restart resumes queues and timers exactly
-- (docs/routing.md). A conversation is queued, assigned, pending (a message left) or
-- resolved; 'waiting' becomes 'queued'. SQLite cannot change a CHECK constraint, so
-- the table is rebuilt (https://sqlite.org/lang_altertable.html#otheralter): the
-- migration runs with foreign keys off and checks them before it commits.
CREATE TABLE conversations_new (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  visitor_id TEXT NOT NULL REFERENCES visitors (id),
  client_id TEXT NOT NULL,
  department_id TEXT NOT NULL REFERENCES departments (id),
  status TEXT NOT NULL CHECK (status IN ('queued', 'assigned', 'pending', 'resolved')),
  assignee_id TEXT REFERENCES agents (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- when it last entered a queue; null for a message left while closed
  queued_at INTEGER,
  assigned_at INTEGER,
  resolved_at INTEGER,
  -- VIP visitors are queued ahead of others of their department
  vip INTEGER NOT NULL DEFAULT 0,
  -- requeued, transferred in or reopened: ahead of ordinary arrivals of its class
  at_head INTEGER NOT NULL DEFAULT 0,
  last_agent_id TEXT,
  transferred_from TEXT,
  first_response_at INTEGER,
  -- SLA moments, stored so that a restart resumes them
  first_response_warn_at INTEGER,
  first_response_due_at INTEGER,
  resolution_due_at INTEGER,
  first_response_warned INTEGER NOT NULL DEFAULT 0,
  first_response_breached INTEGER NOT NULL DEFAULT 0,
  resolution_breached INTEGER NOT NULL DEFAULT 0,
  UNIQUE (visitor_id, client_id)
) WITHOUT ROWID;

INSERT INTO conversations_new
  (id, site_id, visitor_id, client_id, department_id, status, assignee_id, created_at,
   updated_at, queued_at, assigned_at, resolved_at, last_agent_id)
SELECT id, site_id, visitor_id, client_id, department_id,
       CASE status WHEN 'waiting' THEN 'queued' ELSE status END,
       assignee_id, created_at, updated_at, queued_at, assigned_at, resolved_at, assignee_id
FROM conversations;

DROP TABLE conversations;
ALTER TABLE conversations_new RENAME TO conversations;

CREATE INDEX conversations_assignee ON conversations (assignee_id, status, resolved_at)
  WHERE assignee_id IS NOT NULL;
CREATE INDEX conversations_open ON conversations (status, department_id)
  WHERE status != 'resolved';
-- An agent's recently resolved chats (their inbox): resolving clears the assignee.
CREATE INDEX conversations_last_agent ON conversations (last_agent_id, resolved_at)
  WHERE status = 'resolved';
-- Recent handle times per department, for the visitor's wait estimate.
CREATE INDEX conversations_resolved ON conversations (department_id, resolved_at)
  WHERE status = 'resolved';

-- The status an agent chose survives reloads, reconnects and restarts; when they were
-- last given a conversation breaks ties fairly even after they resolved it.
ALTER TABLE agents ADD COLUMN status TEXT NOT NULL DEFAULT 'offline'
  CHECK (status IN ('online', 'away', 'offline'));
ALTER TABLE agents ADD COLUMN last_assigned_at INTEGER;
UPDATE agents SET last_assigned_at =
  (SELECT max(assigned_at) FROM conversations WHERE assignee_id = agents.id);
