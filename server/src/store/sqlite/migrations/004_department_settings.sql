-- Department settings that routing decides by, and each agent's capacity and whether
-- an admin disabled them. The defaults are what every department and agent already in
-- the database gets, the three seeded departments included: automatic assignment,
-- open around the clock (hours NULL), no queue limit, leave-a-message offered, and SLA
-- targets of 3 minutes to first response and 2 hours to resolution. Those targets are
-- starting values for admins to change, not a recommendation; new departments get the
-- same through DEFAULT_DEPARTMENT_SETTINGS (shared/src/protocol/model.ts).
ALTER TABLE departments ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1
  CHECK (enabled IN (0, 1));
ALTER TABLE departments ADD COLUMN mode TEXT NOT NULL DEFAULT 'auto'
  CHECK (mode IN ('auto', 'manual'));
-- Both targets or neither: NULL and NULL means no SLA is tracked.
ALTER TABLE departments ADD COLUMN sla_first_response_ms INTEGER DEFAULT 180000
  CHECK (sla_first_response_ms > 0);
ALTER TABLE departments ADD COLUMN sla_resolution_ms INTEGER DEFAULT 7200000
  CHECK (sla_resolution_ms > 0);
-- BusinessHours as JSON (time zone, weekly intervals, dated exceptions); NULL: always open.
ALTER TABLE departments ADD COLUMN hours TEXT;
-- Most conversations queued at once; NULL: no limit.
ALTER TABLE departments ADD COLUMN max_queue INTEGER CHECK (max_queue >= 0);
ALTER TABLE departments ADD COLUMN leave_message INTEGER NOT NULL DEFAULT 1
  CHECK (leave_message IN (0, 1));

-- Most open conversations at once.
ALTER TABLE agents ADD COLUMN capacity INTEGER NOT NULL DEFAULT 5 CHECK (capacity >= 1);
-- A disabled agent cannot sign in and is given nothing; their sessions are deleted.
ALTER TABLE agents ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));

-- SQLite cannot add a table CHECK to an existing table; these keep "both SLA targets or
-- neither" for every write.
CREATE TRIGGER departments_sla_insert BEFORE INSERT ON departments
WHEN (NEW.sla_first_response_ms IS NULL) != (NEW.sla_resolution_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'SLA targets: both or neither');
END;

CREATE TRIGGER departments_sla_update BEFORE UPDATE ON departments
WHEN (NEW.sla_first_response_ms IS NULL) != (NEW.sla_resolution_ms IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'SLA targets: both or neither');
END;
