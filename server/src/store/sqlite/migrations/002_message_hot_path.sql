-- A message no longer rewrites its conversation row (one dirty page per conversation
-- per commit): its seq comes from the (conversation_id, seq) index, and a list's
-- preview is read from the conversation's newest visible message.
ALTER TABLE conversations DROP COLUMN last_seq;
ALTER TABLE conversations DROP COLUMN preview_seq;
ALTER TABLE conversations DROP COLUMN preview_author;
ALTER TABLE conversations DROP COLUMN preview_body;
ALTER TABLE conversations DROP COLUMN preview_at;
