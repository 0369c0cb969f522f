import AjvCompiler, { type BuildCompilerFromPool } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

const pool = AjvCompiler();

/**
 * Fastify's validators, except that JSON bodies are taken as sent. Fastify coerces
 * types everywhere by default, which query strings need ("5" is a number there) but
 * which turns a body's `null` into `0` or `false` inside a union: `maxQueue: null`
 * (no limit) became 0 (leave-a-message only), `enabled: null` became false.
 */
const buildValidator: BuildCompilerFromPool = (externalSchemas, options) => {
  const coercing = pool(externalSchemas, options);
  if (options?.mode === 'JTD') return coercing;
  const exact = pool(externalSchemas, {
    ...options,
    customOptions: { ...options?.customOptions, coerceTypes: false },
  });
  // Fastify calls a compiler with its route definition ({ schema, httpPart, … }), which
  // these types call the schema.
  return (definition) => (isBody(definition) ? exact : coercing)(definition);
};

function isBody(definition: unknown): boolean {
  return (
    typeof definition === 'object' &&
    definition !== null &&
    'httpPart' in definition &&
    definition.httpPart === 'body'
  );
}

/** The validation part of the hub's Fastify options. */
export const validation = {
  schemaController: { compilersFactory: { buildValidator } },
  // A field the schema does not know is refused, not silently dropped: a misspelt
  // `disabeld: true` must not look like success.
  ajv: { customOptions: { removeAdditional: false } },
} satisfies Pick<FastifyServerOptions, 'schemaController' | 'ajv'>;
