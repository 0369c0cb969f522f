import type { AgentStore } from './agents.ts';
import type { AuditStore } from './audit.ts';
import type { ConversationStore } from './conversations.ts';
import type { DirectoryStore } from './directory.ts';
import type { EventStore } from './events.ts';
import type { MessageStore } from './messages.ts';
import type { RoutingStore } from './routing.ts';
import type { VisitorStore } from './visitors.ts';

/**
 * Everything the hub persists, independent of the database behind it. SQLite
 * (store/sqlite/) implements it today; a PostgreSQL backend for several hubs will
 * implement it too, so the contract is written for many writers at once: every
 * guarantee below must hold when several hubs call the same methods concurrently, and
 * no caller may rely on one writer (or on this process) to order or serialize
 * anything. The one exception is routing's state: routing decides claims and
 * assignments, and one routing writer applies its outcomes at a time (RoutingStore).
 * store/contract/ tests the contract; every backend must pass it.
 *
 * Methods are async for a networked backend. A write's promise settles only once it
 * is durable. A write that rejects has written nothing.
 */
export interface Store {
  directory: DirectoryStore;
  agents: AgentStore;
  visitors: VisitorStore;
  conversations: ConversationStore;
  messages: MessageStore;
  events: EventStore;
  routing: RoutingStore;
  /**
   * Resolves once the backend has taken (and committed) an empty write: the database
   * is there, migrated and writable now. Rejects when it is not. For /readyz.
   */
  writable(): Promise<void>;
  /** The admin changes the other parts recorded (their methods that take an AuditStamp). */
  audit: AuditStore;
  /** Completes the writes already asked for, then releases the database. */
  close(): Promise<void>;
}
