import type { Author, Conversation, ConversationStatus } from '@switchboard/shared';
import type { ConversationFacts, ConversationStore } from '../conversations.ts';
import { preview } from '../preview.ts';
import type { Db } from './db.ts';

interface ConversationRow {
  id: string;
  department_id: string;
  status: ConversationStatus;
  visitor_id: string;
  visitor_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: number;
  updated_at: number;
  resolved_at: number | null;
  vip: number;
  queued_at: number | null;
  first_response_due_at: number | null;
  resolution_due_at: number | null;
  first_response_at: number | null;
  last_seq: number;
  shown_seq: number | null;
  shown_author: Author | null;
  shown_body: string | null;
  shown_at: number | null;
}

// A message never touches its conversation row, so what a list shows of its messages
// is read from the end of their (conversation_id, seq) index. The newest text message
// is the preview (notes never are); updated_at counts messages as well as the
// conversation's own changes. A resolved conversation names who held it last, as
// people expect of a transcript; routing itself keeps no holder once it is resolved.
export const HOLDER = `CASE WHEN c.status = 'resolved' THEN c.last_agent_id ELSE c.assignee_id END`;
const SELECT = `
  SELECT c.id, c.department_id, c.status, c.visitor_id, v.name AS visitor_name,
         ${HOLDER} AS assignee_id, a.name AS assignee_name, c.created_at, c.resolved_at, c.vip,
         c.queued_at, c.first_response_due_at, c.resolution_due_at, c.first_response_at,
         max(c.updated_at, coalesce(newest.created_at, c.updated_at)) AS updated_at,
         coalesce(newest.seq, 0) AS last_seq,
         shown.seq AS shown_seq, shown.author AS shown_author, shown.body AS shown_body,
         shown.created_at AS shown_at
  FROM conversations c
  JOIN visitors v ON v.id = c.visitor_id
  LEFT JOIN agents a ON a.id = ${HOLDER}
  LEFT JOIN messages newest ON newest.id =
    (SELECT id FROM messages WHERE conversation_id = c.id ORDER BY seq DESC LIMIT 1)
  LEFT JOIN messages shown ON shown.id =
    (SELECT id FROM messages WHERE conversation_id = c.id AND kind = 'text'
     ORDER BY seq DESC LIMIT 1)`;

/** Reads one conversation as clients see it; usable inside a write. */
export function conversationReader(db: Db): (id: string) => Conversation | null {
  const byId = db.prepare<[string], ConversationRow>(`${SELECT} WHERE c.id = ?`);
  return (id) => {
    const row = byId.get(id);
    return row ? toConversation(row) : null;
  };
}

export function createConversationStore(db: Db): ConversationStore {
  const get = conversationReader(db);
  const factsById = db.prepare<
    [string],
    Pick<ConversationRow, 'id' | 'visitor_id' | 'department_id' | 'status' | 'assignee_id'>
  >(
    `SELECT c.id, c.visitor_id, c.department_id, c.status, ${HOLDER} AS assignee_id
     FROM conversations c WHERE c.id = ?`,
  );
  const byClientId = db.prepare<[string, string], ConversationRow>(
    `${SELECT} WHERE c.visitor_id = ? AND c.client_id = ?`,
  );
  const forVisitor = db.prepare<[string, number], ConversationRow>(
    `${SELECT} WHERE c.visitor_id = ? ORDER BY c.created_at DESC LIMIT ?`,
  );
  // Ordered by the SELECT's updated_at, which counts messages, not the column. A
  // resolved conversation has no assignee (routing clears it); last_agent_id says who
  // held it last.
  const forAgent = db.prepare<
    [{ agent: string; departments: string; resolvedLimit: number }],
    ConversationRow
  >(
    `${SELECT}
     WHERE (c.status != 'resolved'
            AND (c.assignee_id = @agent
                 OR (c.status IN ('queued', 'pending')
                     AND c.department_id IN (SELECT value FROM json_each(@departments)))))
        OR c.id IN (SELECT id FROM conversations
                    WHERE last_agent_id = @agent AND status = 'resolved'
                    ORDER BY resolved_at DESC LIMIT @resolvedLimit)
     ORDER BY updated_at DESC`,
  );

  return {
    async get(id) {
      return get(id);
    },
    async byClientId(visitorId, clientId) {
      const row = byClientId.get(visitorId, clientId);
      return row ? toConversation(row) : null;
    },
    async facts(id): Promise<ConversationFacts | null> {
      const row = factsById.get(id);
      if (!row) return null;
      return {
        id: row.id,
        visitorId: row.visitor_id,
        department: row.department_id,
        status: row.status,
        assigneeId: row.assignee_id,
      };
    },
    async listForVisitor(visitorId, limit = 20) {
      return forVisitor.all(visitorId, limit).map(toConversation);
    },
    async listForAgent(agentId, departments, resolvedLimit = 20) {
      return forAgent
        .all({ agent: agentId, departments: JSON.stringify(departments), resolvedLimit })
        .map(toConversation);
    },
  };
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    department: row.department_id,
    status: row.status,
    visitorId: row.visitor_id,
    visitorName: row.visitor_name,
    visitorHandle: row.visitor_id.slice(0, 4),
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    lastSeq: row.last_seq,
    vip: row.vip === 1,
    queuedAt: row.queued_at,
    // Met targets no longer count down.
    firstResponseDueAt: row.first_response_at === null ? row.first_response_due_at : null,
    resolutionDueAt: row.resolved_at === null ? row.resolution_due_at : null,
    lastMessage:
      row.shown_seq === null || row.shown_author === null || row.shown_at === null
        ? null
        : {
            seq: row.shown_seq,
            author: row.shown_author,
            body: preview(row.shown_body ?? ''),
            createdAt: row.shown_at,
          },
  };
}
