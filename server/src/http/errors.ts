import { type ErrorCode, HTTP_STATUS } from '@switchboard/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HubError } from '../errors.ts';

/** A plugin's own 4xx keeps its meaning; any other 4xx is the request's fault. */
const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'too_large',
  429: 'rate_limited',
};

/** The answer for a path nothing serves. */
export function noRoute(request: FastifyRequest, reply: FastifyReply): void {
  reply
    .status(404)
    .send({ ok: false, error: { code: 'not_found', message: `no route ${request.url}` } });
}

/** Every HTTP error is `{ ok: false, error: { code, message } }` with the code's status. */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | HubError, request, reply) => {
      let code: ErrorCode;
      let message = error.message;
      if (error instanceof HubError) {
        code = error.code;
      } else if ('validation' in error && error.validation) {
        code = 'invalid_payload';
      } else if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        code = 'too_large';
      } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        code = CODE_FOR_STATUS[error.statusCode] ?? 'invalid_payload';
      } else {
        request.log.error({ err: error }, 'request failed');
        code = 'unavailable';
        message = 'the hub could not complete this; try again';
      }
      reply.status(HTTP_STATUS[code]).send({ ok: false, error: { code, message } });
    });
    app.setNotFoundHandler(noRoute);
  },
  { name: 'errors' },
);
