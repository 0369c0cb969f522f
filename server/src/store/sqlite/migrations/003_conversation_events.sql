-- The conversation event log: every routing event (queued, assigned, transferred,
-- requeued, SLA warning and breach, resolved, reopened, …) with its time and actor,
-- written in the transaction of the change it records. The timeline reads it by
-- conversation in seq order; metrics read it by type and time.
CREATE TABLE conversation_events (
  -- the log's order across conversations, which events.since pages by
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  -- 1, 2, 3 … within the conversation
  seq INTEGER NOT NULL,
  -- no CHECK on the type: SQLite cannot alter one, and each feature brings new types
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL CHECK (actor_kind IN ('visitor', 'agent', 'system')),
  actor_id TEXT,
  actor_name TEXT,
  -- the type's own fields (ConversationEventData in shared/), as JSON
  data TEXT NOT NULL,
  UNIQUE (conversation_id, seq)
);

CREATE INDEX conversation_events_type_at ON conversation_events (type, at);

-- Conversations from before the log get the events their rows still tell: queued when
-- started, assigned, resolved. Who assigned or resolved them was never kept, so those
-- are recorded as done by the system, and every assignment as automatic.
INSERT INTO conversation_events
  (conversation_id, seq, type, at, actor_kind, actor_id, actor_name, data)
SELECT c.id, 1, 'queued', c.queued_at, 'visitor', c.visitor_id, v.name,
       json_object('department', c.department_id)
FROM conversations c JOIN visitors v ON v.id = c.visitor_id
ORDER BY c.created_at, c.id;

INSERT INTO conversation_events
  (conversation_id, seq, type, at, actor_kind, actor_id, actor_name, data)
SELECT c.id, 2, 'assigned', c.assigned_at, 'system', NULL, NULL,
       json_object('agentId', c.assignee_id, 'agentName', a.name, 'by', 'auto')
FROM conversations c JOIN agents a ON a.id = c.assignee_id
WHERE c.assigned_at IS NOT NULL
ORDER BY c.assigned_at, c.id;

INSERT INTO conversation_events
  (conversation_id, seq, type, at, actor_kind, actor_id, actor_name, data)
SELECT c.id, CASE WHEN c.assigned_at IS NULL THEN 2 ELSE 3 END, 'resolved', c.resolved_at,
       'system', NULL, NULL, json_object('assigneeId', c.assignee_id)
FROM conversations c
WHERE c.status = 'resolved'
ORDER BY c.resolved_at, c.id;
