/**
 * Leave-a-message (留言): the form's fields and problems, and sending it. The hub
 * stores it as a pending conversation an agent answers later, in the transcript the
 * visitor sees the next time they open the widget.
 */
import { batch, signal } from '@preact/signals';
import type { Conversation, ErrorCode, Message } from '@switchboard/shared';
import { request } from '@switchboard/shared';
import { nanoid } from 'nanoid';
import type { VisitorSocket } from '../socket.ts';
import { checkFields, cleanFields, type FieldProblems, type LeaveFields } from './leave-form.ts';

/** Where the message goes: a new pending conversation, or the queued one it replaces. */
export interface LeaveTarget {
  department: string;
  conversationId: string | null;
}

export interface LeaveMessageDeps {
  socket: VisitorSocket;
  /** Shows the pending conversation the hub made of it. */
  adopt: (conversation: Conversation, messages: readonly Message[]) => void;
}

const EMPTY: LeaveFields = { name: '', email: '', body: '' };

export function createLeaveMessageModel({ socket, adopt }: LeaveMessageDeps) {
  /** The form the visitor opened themselves; null when they did not (or it was sent). */
  const chosen = signal<LeaveTarget | null>(null);
  const fields = signal<LeaveFields>(EMPTY);
  const problems = signal<FieldProblems>({});
  const sending = signal(false);
  const failed = signal<ErrorCode | null>(null);
  // Problems show from the first attempt to send on, then follow every edit.
  let tried = false;
  // Kept until the hub has it, so a retry after a lost ack is not stored twice.
  let clientId = nanoid();

  return {
    chosen,
    fields,
    problems,
    sending,
    failed,

    open(target: LeaveTarget): void {
      batch(() => {
        chosen.value = target;
        failed.value = null;
      });
    },

    close(): void {
      chosen.value = null;
    },

    /** Text the visitor wrote for a chat that turned out closed: it becomes the message. */
    prefill(body: string): void {
      fields.value = { ...fields.value, body };
    },

    edit(field: keyof LeaveFields, value: string): void {
      fields.value = { ...fields.value, [field]: value };
      if (tried) problems.value = checkFields(fields.value);
    },

    /** Sends it; resolves with the problems found first (empty when it went to the hub). */
    async submit(target: LeaveTarget): Promise<FieldProblems> {
      tried = true;
      const found = checkFields(fields.value);
      problems.value = found;
      if (Object.keys(found).length > 0 || sending.value) return found;
      batch(() => {
        sending.value = true;
        failed.value = null;
      });
      const { name, email, body } = cleanFields(fields.value);
      try {
        const ack = await request(socket, 'conversation:leave-message', {
          department: target.department,
          ...(target.conversationId ? { conversationId: target.conversationId } : {}),
          clientId,
          name,
          email,
          body,
        });
        if (ack.ok) {
          clientId = nanoid();
          tried = false;
          batch(() => {
            // Name and email stay for another message; the text was sent.
            fields.value = { ...fields.value, body: '' };
            problems.value = {};
            chosen.value = null;
            adopt(ack.conversation, [ack.message]);
          });
        } else {
          failed.value = ack.error.code;
        }
      } catch {
        failed.value = 'unavailable';
      } finally {
        sending.value = false;
      }
      return {};
    },
  };
}

export type LeaveMessageModel = ReturnType<typeof createLeaveMessageModel>;
