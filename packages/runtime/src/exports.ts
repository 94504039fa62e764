// Everything the package entry exports besides createProviderClient, shared by the Node (index.ts) and browser (browser.ts) entries.
export type { ProviderClient, ProviderClientOptions, CredentialOptions, SessionAuthFactory } from './provider-client.js';
export { descriptorSessionAuth } from './session-token-client.js';
export type { ProviderDescriptor, SessionDescriptor } from './descriptor.js';
export type { RuntimeOptions, CallOptions, RetryEvent } from './options.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, readEnv } from './options.js';
export * from './errors.js';
export { parseErrorBody, type ParsedErrorBody } from './error-body.js';
export { retryDelay, parseRetryAfter, defaultRetryDelay, type RetryDelayOptions } from './retry-delay.js';
export { redact } from './redact.js';
export type { AuthStrategy } from './auth.js';
