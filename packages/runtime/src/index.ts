export {
  createProviderClient,
  type ProviderClient,
  type ProviderClientOptions,
  type CredentialOptions,
  type SessionAuthFactory,
} from './create-client.js';
export { descriptorSessionAuth } from './session-token-client.js';
export type { ProviderDescriptor, SessionDescriptor } from './descriptor.js';
export type { RuntimeOptions, CallOptions, RetryEvent } from './options.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, readEnv } from './options.js';
export * from './errors.js';
export { parseErrorBody, type ParsedErrorBody } from './error-body.js';
export { retryDelay, parseRetryAfter, defaultRetryDelay, type RetryDelayOptions } from './retry-delay.js';
export { redact } from './redact.js';
export type { AuthStrategy } from './auth.js';
