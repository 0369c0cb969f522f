import type { AgentStatus, Conversation, Message, Role } from '@switchboard/shared';
import type { Conversation as Routed } from '../../routing/model.ts';
import type { DirectoryStore } from '../directory.ts';
import type { RoutedRecord, RoutingStore } from '../routing.ts';
import type { Db } from './db.ts';
import type { EventLog } from './events.ts';
import { messageInserter, stored } from './messages.ts';
import type { WriteQueue } from './write-queue.ts';

interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  capacity: number;
  disabled: number;
  must_change_password: number;
  status: AgentStatus;
  last_assigned_at: number | null;
  departments: string | null;
}

interface RoutedRow {
  id: string;
  department_id: string;
  status: Routed['state'];
  visitor_id: string;
  visitor_name: string | null;
  vip: number;
  created_at: number;
  queued_at: number | null;
  at_head: number;
  assignee_id: string | null;
  assigned_at: number | null;
  last_agent_id: string | null;
  transferred_from: string | null;
  first_response_at: number | null;
  first_response_warn_at: number | null;
  first_response_due_at: number | null;
  resolution_due_at: number | null;
  first_response_warned: number;
  first_response_breached: number;
  resolution_breached: number;
  resolved_at: number | null;
}

const ROUTED = `
  SELECT c.id, c.department_id, c.status, c.visitor_id, v.name AS visitor_name, c.vip,
         c.created_at, c.queued_at, c.at_head, c.assignee_id, c.assigned_at, c.last_agent_id,
         c.transferred_from, c.first_response_at, c.first_response_warn_at,
         c.first_response_due_at, c.resolution_due_at, c.first_response_warned,
         c.first_response_breached, c.resolution_breached, c.resolved_at
  FROM conversations c JOIN visitors v ON v.id = c.visitor_id`;

/**
 * What routing loads on every event: the open conversations and those it names (a
 * resolved one written to again). Two halves, so the open half reads the partial index
 * of open conversations: an OR of the two scans every conversation ever held.
 */
export const OPEN_AND_NAMED = `
  ${ROUTED} WHERE c.status != 'resolved'
  UNION ALL
  ${ROUTED} WHERE c.id IN (SELECT value FROM json_each(?)) AND c.status = 'resolved'`;

export function createRoutingStore(
  db: Db,
  writes: WriteQueue,
  log: EventLog,
  directory: DirectoryStore,
  read: (id: string) => Conversation | null,
): RoutingStore {
  const agents = db.prepare<[], AgentRow>(
    `SELECT a.id, a.email, a.name, a.role, a.capacity, a.disabled, a.must_change_password, a.status, a.last_assigned_at,
            (SELECT group_concat(department_id) FROM agent_departments d WHERE d.agent_id = a.id)
              AS departments
     FROM agents a ORDER BY a.id`,
  );
  const open = db.prepare<[string], RoutedRow>(OPEN_AND_NAMED);
  const insertConversation = db.prepare(
    `INSERT INTO conversations
       (id, site_id, visitor_id, client_id, department_id, status, created_at, updated_at)
     VALUES (@id, @siteId, @visitorId, @clientId, @department, 'queued', @now, @now)`,
  );
  // The first message of a new conversation: seq 1 by definition, so no seq lookup.
  const insertFirstMessage = db.prepare(
    `INSERT INTO messages
       (conversation_id, seq, client_id, author, author_id, author_name, kind, body, created_at)
     VALUES (@conversationId, 1, @clientId, @author, @authorId, @authorName, @kind, @body, @now)`,
  );
  const update = db.prepare(
    `UPDATE conversations SET
       department_id = @department, status = @state, vip = @vip, queued_at = @queuedAt,
       at_head = @atHead, assignee_id = @assigneeId, assigned_at = @assignedAt,
       last_agent_id = @lastAgentId, transferred_from = @transferredFrom,
       first_response_at = @firstResponseAt, first_response_warn_at = @firstResponseWarnAt,
       first_response_due_at = @firstResponseDueAt, resolution_due_at = @resolutionDueAt,
       first_response_warned = @firstResponseWarned,
       first_response_breached = @firstResponseBreached,
       resolution_breached = @resolutionBreached, resolved_at = @resolvedAt, updated_at = @now
     WHERE id = @id`,
  );
  const insertMessage = messageInserter(db);
  const updateAgent = db.prepare('UPDATE agents SET status = ?, last_assigned_at = ? WHERE id = ?');
  const statusOf = db.prepare<[string], { status: AgentStatus }>(
    'SELECT status FROM agents WHERE id = ?',
  );
  const handleTimes = db.prepare<[string, number], { ms: number }>(
    `SELECT resolved_at - assigned_at AS ms FROM conversations
     WHERE department_id = ? AND status = 'resolved' AND assigned_at IS NOT NULL
     ORDER BY resolved_at DESC LIMIT ?`,
  );

  return {
    async load(named) {
      return {
        departments: await directory.departments(),
        agents: agents.all().map((r) => ({
          profile: {
            id: r.id,
            email: r.email,
            name: r.name,
            role: r.role,
            departments: r.departments ? r.departments.split(',').sort() : [],
            capacity: r.capacity,
            disabled: r.disabled === 1,
            mustChangePassword: r.must_change_password === 1,
          },
          status: r.status,
          lastAssignedAt: r.last_assigned_at,
        })),
        conversations: open.all(JSON.stringify(named)).map(toRecord),
      };
    },
    apply(write, now) {
      // One writer applies routing outcomes at a time (see RoutingStore), so the rows
      // are written as routing computed them. A concurrent backend must hold the
      // department's routing lease for the whole transaction.
      return writes.run(() => {
        let message: Message | null = null;
        if (write.created) {
          const { conversation: c, message: m } = write.created;
          insertConversation.run({ ...c, now });
          insertFirstMessage.run({ ...m, conversationId: c.id, now });
          message = stored({ ...m, conversationId: c.id }, 1, now);
        }
        if (write.appended) {
          const m = write.appended;
          const seq = insertMessage(m, now);
          if (seq === null) throw new Error(`clientId ${m.clientId} taken in ${m.conversationId}`);
          message = stored(m, seq, now);
        }
        // A row that is not there means routing decided over state the store does not
        // hold: fail the outcome rather than write part of it.
        for (const c of write.conversations) {
          if (update.run(toRow(c, now)).changes !== 1) throw new Error(`no conversation ${c.id}`);
        }
        for (const a of write.agents) {
          if (updateAgent.run(a.status, a.lastAssignedAt, a.id).changes !== 1) {
            throw new Error(`no agent ${a.id}`);
          }
        }
        for (const { conversationId, event } of write.events) {
          log.append(conversationId, [event], now);
        }
        const conversations: Conversation[] = [];
        for (const c of write.conversations) {
          const shown = read(c.id);
          if (shown) conversations.push(shown);
        }
        return { conversations, message };
      });
    },
    async status(agentId) {
      return statusOf.get(agentId)?.status ?? 'offline';
    },
    async recentHandleTimes(department, limit) {
      return handleTimes.all(department, limit).map((r) => r.ms);
    },
  };
}

function toRecord(r: RoutedRow): RoutedRecord {
  return {
    visitorId: r.visitor_id,
    visitorName: r.visitor_name,
    conversation: {
      id: r.id,
      department: r.department_id,
      state: r.status,
      vip: r.vip === 1,
      createdAt: r.created_at,
      queuedAt: r.queued_at,
      atHead: r.at_head === 1,
      assigneeId: r.assignee_id,
      assignedAt: r.assigned_at,
      lastAgentId: r.last_agent_id,
      transferredFrom: r.transferred_from,
      firstResponseAt: r.first_response_at,
      firstResponseWarnAt: r.first_response_warn_at,
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      firstResponseWarned: r.first_response_warned === 1,
      firstResponseBreached: r.first_response_breached === 1,
      resolutionBreached: r.resolution_breached === 1,
      resolvedAt: r.resolved_at,
    },
  };
}

function toRow(c: Routed, now: number) {
  return {
    id: c.id,
    department: c.department,
    state: c.state,
    vip: c.vip ? 1 : 0,
    queuedAt: c.queuedAt,
    atHead: c.atHead ? 1 : 0,
    assigneeId: c.assigneeId,
    assignedAt: c.assignedAt,
    lastAgentId: c.lastAgentId,
    transferredFrom: c.transferredFrom,
    firstResponseAt: c.firstResponseAt,
    firstResponseWarnAt: c.firstResponseWarnAt,
    firstResponseDueAt: c.firstResponseDueAt,
    resolutionDueAt: c.resolutionDueAt,
    firstResponseWarned: c.firstResponseWarned ? 1 : 0,
    firstResponseBreached: c.firstResponseBreached ? 1 : 0,
    resolutionBreached: c.resolutionBreached ? 1 : 0,
    resolvedAt: c.resolvedAt,
    now,
  };
}
