import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging.ts';

/** A hub logger writing into an array of parsed lines. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const options = loggerOptions({ logLevel: 'trace', logFormat: 'json' });
  const app = Fastify({ logger: { ...(typeof options === 'object' ? options : {}), stream } });
  return { log: app.log, lines };
}

describe('the hub log', () => {
  it('never carries message text, passwords, tokens, cookies or secrets', () => {
    const { log, lines } = capture();
    log.info({ body: 'visitor text', password: 'hunter22', token: 'tok' }, 'top level');
    log.info({ payload: { body: 'visitor text', conversationId: 'c1' } }, 'one level down');
    log.info({ call: { auth: { token: 'tok', siteKey: 'demo' } } }, 'two levels down');
    log.info({ req: { headers: { cookie: 'sb_session=abc', authorization: 'Bearer x' } } }, 'req');
    log.error({ err: Object.assign(new Error('refused'), { data: { secret: 's' } }) }, 'error');
    const text = JSON.stringify(lines);
    for (const secret of [
      'visitor text',
      'hunter22',
      'tok"',
      'sb_session=abc',
      'Bearer x',
      '"s"',
    ]) {
      expect(text).not.toContain(secret);
    }
    // What is not secret stays, so the line still says what happened.
    expect(lines[1]).toMatchObject({ payload: { conversationId: 'c1', body: '[redacted]' } });
    expect(lines[2]).toMatchObject({ call: { auth: { siteKey: 'demo' } } });
    expect(lines[4]).toMatchObject({ err: { message: 'refused' } });
  });
});
