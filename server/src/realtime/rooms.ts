/** Every room name the hub uses. Visitor rooms live on /visitor, the rest on /agent. */
export const rooms = {
  /** All sockets (tabs) of one visitor: everything the visitor may see. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Staff following one conversation: its assignee and anyone who opened it. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Staff of one department: lifecycle updates and messages of waiting chats. */
  department: (departmentId: string) => `department:${departmentId}`,
  /** Supervisors and admins: the live board and SLA alerts. */
  supervisors: () => 'supervisors',
  /** All sockets of one agent. */
  agent: (agentId: string) => `agent:${agentId}`,
  /** All sockets opened with one console session, closed when it signs out. */
  session: (tokenHash: string) => `session:${tokenHash}`,
} as const;
