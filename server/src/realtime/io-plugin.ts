import { LIMITS } from '@switchboard/shared';
import fp from 'fastify-plugin';
import { Server } from 'socket.io';
import { type Namespaces, namespaces } from './namespaces.ts';

declare module 'fastify' {
  interface FastifyInstance {
    io: Server;
    /** /visitor and /agent, each typed with its own event maps. */
    namespaces: Namespaces;
  }
}

/**
 * Socket.IO on Fastify's own HTTP server, closed with it. (The fastify-socket.io
 * package is unmaintained; this is all it needs to do.)
 */
export const ioPlugin = fp(
  async (app) => {
    const io = new Server(app.server, {
      serveClient: false,
      // DESIGN.md: compression costs 3.5x CPU and ~16x memory per socket.
      perMessageDeflate: false,
      maxHttpBufferSize: LIMITS.maxFrameBytes,
      pingInterval: 20_000,
      pingTimeout: 20_000,
    });
    app.decorate('io', io);
    app.decorate('namespaces', namespaces(io));
    // Open connections would keep the HTTP server from closing. Closing at the engine
    // level reaches every namespace (io.local covers only '/').
    app.addHook('preClose', (done) => {
      io.engine.close();
      done();
    });
    app.addHook('onClose', (_app, done) => {
      // io.close() also closes the HTTP server Fastify is closing; its "not running"
      // complaint is expected.
      io.close(() => done());
    });
  },
  { name: 'socket-io' },
);
