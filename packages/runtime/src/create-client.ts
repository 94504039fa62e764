import type { ProviderDescriptor } from './descriptor.js';
import { createLog } from './log.js';
import { makeProviderClient, type ProviderClient, type ProviderClientOptions, type SessionAuthFactory } from './provider-client.js';
import { followRedirect } from './redirect.js';
import { RUNTIME_VERSION } from './version.js';

export type { CredentialOptions, ProviderClient, ProviderClientOptions, SessionAuthFactory } from './provider-client.js';

/** "assetkit-twelvelabs[/version] assetkit-runtime/0.1.0"; browsers do not let a page set it, so only elsewhere. */
function userAgent(descriptor: ProviderDescriptor): Record<string, string> {
  if ((globalThis as { document?: unknown }).document !== undefined) return {};
  const pkg = `assetkit-${descriptor.provider}${descriptor.version ? `/${descriptor.version}` : ''}`;
  return { 'user-agent': `${pkg} assetkit-runtime/${RUNTIME_VERSION}` };
}

/**
 * Creates the typed client of one provider: openapi-fetch over the spec's paths,
 * with auth, retries, timeouts and typed errors from the runtime, logging
 * (logLevel, logger, debug, ASSETKIT_LOG_LEVEL / ASSETKIT_DEBUG), a User-Agent,
 * and redirects followed without credentials to another origin.
 */
export function createProviderClient<Paths extends {}>(
  descriptor: ProviderDescriptor,
  options: ProviderClientOptions = {},
  session?: SessionAuthFactory,
): ProviderClient<Paths> {
  return makeProviderClient<Paths>(descriptor, options, session, createLog, { userAgent, follow: followRedirect });
}
