import type { Refusal, RoutingErrorCode } from './model.ts';

export function refuse(code: RoutingErrorCode, message: string): Refusal {
  return { code, message };
}

type AgentRefusalCode =
  | 'agent_offline'
  | 'agent_away'
  | 'agent_not_in_department'
  | 'agent_at_capacity';

const ABOUT_THEM: Record<AgentRefusalCode, string> = {
  agent_offline: 'that agent is offline',
  agent_away: 'that agent is away',
  agent_not_in_department: 'that agent is not in the department',
  agent_at_capacity: 'that agent is at capacity',
};

const ABOUT_YOU: Record<AgentRefusalCode, string> = {
  agent_offline: 'you are offline',
  agent_away: 'you are away; go online to take chats',
  agent_not_in_department: 'you are not in this department',
  agent_at_capacity: 'you are at capacity',
};

/** A refusal from `refusalFor` (select-agent.ts), worded for whom it concerns. */
export function agentRefusal(code: AgentRefusalCode, self: boolean): Refusal {
  return refuse(code, (self ? ABOUT_YOU : ABOUT_THEM)[code]);
}
