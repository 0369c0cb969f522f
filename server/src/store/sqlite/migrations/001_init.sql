-- Departments a conversation is routed to; names per locale.
CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name_en TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- A website that embeds the widget. allowed_origins is a JSON array of origins that
-- may frame the chat (CSP frame-ancestors) and receive its postMessages.
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  allowed_origins TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent', 'qa')),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE agent_departments (
  agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  department_id TEXT NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
  PRIMARY KEY (agent_id, department_id)
) WITHOUT ROWID;

-- Console sessions; only a hash of the cookie's token is kept.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Visitors are identified by a random token kept in the widget; only its hash is kept.
CREATE TABLE visitors (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  name TEXT,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  site_id TEXT NOT NULL REFERENCES sites (id),
  visitor_id TEXT NOT NULL REFERENCES visitors (id),
  -- the visitor's clientId for conversation:start, so a retried start is idempotent
  client_id TEXT NOT NULL,
  department_id TEXT NOT NULL REFERENCES departments (id),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'assigned', 'resolved')),
  assignee_id TEXT REFERENCES agents (id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  assigned_at INTEGER,
  resolved_at INTEGER,
  last_seq INTEGER NOT NULL DEFAULT 0,
  -- preview of the newest visitor-visible message, kept here so lists need no join
  preview_seq INTEGER,
  preview_author TEXT,
  preview_body TEXT,
  preview_at INTEGER,
  UNIQUE (visitor_id, client_id)
) WITHOUT ROWID;

-- An agent's own conversations, open and recently resolved (the console's list).
CREATE INDEX conversations_assignee ON conversations (assignee_id, status, resolved_at)
  WHERE assignee_id IS NOT NULL;

-- Open conversations by department (the console's lists, routing state on restart).
CREATE INDEX conversations_open ON conversations (status, department_id)
  WHERE status != 'resolved';

-- Messages keep an integer rowid so a full-text index can point at them later.
-- (conversation_id, seq) orders a transcript and answers "everything after seq";
-- (conversation_id, client_id) turns a retried send into the original row.
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id),
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  author TEXT NOT NULL CHECK (author IN ('visitor', 'agent')),
  author_id TEXT,
  -- the agent's name as it was when they wrote, so transcripts never change
  author_name TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'note')),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);
