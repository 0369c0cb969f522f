/**
 * A whole run of the hub at the chattiest log level, greped for what must never be
 * logged: passwords (right and wrong), message text (sent, refused, too long), the
 * visitor's token, the session cookie and the metrics token.
 */
import { rm } from 'node:fs/promises';
import type { Message } from '@switchboard/shared';
import { describe, expect, it } from 'vitest';
import { call, connectVisitor, expectOk, nanoid, tempDir } from '../harness.ts';
import { spawnHub } from '../hub-process.ts';

const PASSWORD = 'log-test-admin-password';
const WRONG = 'log-test-wrong-password';
const METRICS = 'log-test-metrics-token-0123';
const BODY = 'log-test-message-text-对话内容';

describe('the hub log', () => {
  it('holds no message text, password or token after a run that saw them all', async () => {
    const dataDir = await tempDir();
    const hub = await spawnHub({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'trace',
      SWITCHBOARD_ADMIN_PASSWORD: PASSWORD,
      METRICS_TOKEN: METRICS,
    });
    try {
      const login = (password: string) =>
        fetch(`${hub.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@switchboard.local', password }),
        });
      expect((await login(WRONG)).status).toBe(401);
      const signedIn = await login(PASSWORD);
      expect(signedIn.status).toBe(200);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const session = cookie.split('=')[1] ?? '';
      expect(session.length).toBeGreaterThan(10);
      await fetch(`${hub.url}/api/agents`, { headers: { cookie } });

      const visitor = await connectVisitor(hub);
      const started = expectOk(
        await call<{ conversation: { id: string }; message: Message }>(
          visitor.socket,
          'conversation:start',
          { clientId: nanoid(), department: 'technical', body: `${BODY} 1` },
        ),
      );
      const conversationId = started.conversation.id;
      expectOk(
        await call(visitor.socket, 'message:send', {
          conversationId,
          clientId: nanoid(),
          body: `${BODY} 2`,
        }),
      );
      // Refused sends: an unknown field, a conversation that is not theirs, too long.
      for (const payload of [
        { conversationId, clientId: nanoid(), body: `${BODY} 3`, extra: true },
        { conversationId: 'nope', clientId: nanoid(), body: `${BODY} 4` },
        { conversationId, clientId: nanoid(), body: `${BODY} 5 ${'长'.repeat(10_000)}` },
      ]) {
        const ack = await call(visitor.socket, 'message:send', payload);
        expect(ack.ok).toBe(false);
      }
      visitor.socket.close();
      for (const authorization of [`Bearer ${METRICS}`, 'Bearer guess-guess-guess-guess']) {
        await fetch(`${hub.url}/metrics`, { headers: { authorization } });
      }

      expect(await hub.kill('SIGTERM')).toBe(0);
      const output = hub.output();
      expect(output).toContain('Switchboard stopped.');
      for (const secret of [PASSWORD, WRONG, METRICS, BODY, visitor.token, session]) {
        expect(output).not.toContain(secret);
      }
    } finally {
      await hub.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
