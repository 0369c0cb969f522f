export * from './client/request.ts';
export * from './client/transcript.ts';
export * from './embed/bridge.ts';
export * from './locale.ts';
export * from './protocol/errors.ts';
export type * from './protocol/events.ts';
export * from './protocol/limits.ts';
export * from './protocol/model.ts';
export type * from './protocol/schemas.ts';
