import type { ProviderDescriptor } from './descriptor.js';
import { createLog } from './log.js';
import { makeProviderClient, type ProviderClient, type ProviderClientOptions, type SessionAuthFactory } from './provider-client.js';

export type { CredentialOptions, ProviderClient, ProviderClientOptions, SessionAuthFactory } from './provider-client.js';

/**
 * Creates the typed client of one provider: openapi-fetch over the spec's paths,
 * with auth, retries, timeouts and typed errors from the runtime, and logging
 * (logLevel, logger, debug, ASSETKIT_LOG_LEVEL / ASSETKIT_DEBUG).
 */
export function createProviderClient<Paths extends {}>(
  descriptor: ProviderDescriptor,
  options: ProviderClientOptions = {},
  session?: SessionAuthFactory,
): ProviderClient<Paths> {
  return makeProviderClient<Paths>(descriptor, options, session, createLog);
}
