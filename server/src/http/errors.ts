import { type ErrorCode, HTTP_STATUS, type HttpErrorCode } from '@switchboard/shared';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
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

/**
 * The message of a request that fails its schema, naming the field the way Ajv's paths
 * do ("body/capacity must be <= 50"), including the fields Ajv's own messages leave
 * out: the unknown one and the missing one. Set as Fastify's schemaErrorFormatter.
 */
export const describeInvalid: NonNullable<FastifyServerOptions['schemaErrorFormatter']> = (
  errors,
  dataVar,
) => {
  const first = errors[0];
  if (!first) return new Error(`${dataVar} is invalid`);
  const at = `${dataVar}${first.instancePath}`;
  const { additionalProperty, missingProperty } = first.params;
  if (first.keyword === 'additionalProperties' && typeof additionalProperty === 'string') {
    return new Error(`${at}/${additionalProperty} is not allowed here`);
  }
  if (first.keyword === 'required' && typeof missingProperty === 'string') {
    return new Error(`${at}/${missingProperty} is required`);
  }
  return new Error(`${at} ${first.message ?? 'is invalid'}`);
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
      let code: HttpErrorCode;
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
