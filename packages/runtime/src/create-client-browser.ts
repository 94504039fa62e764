import type { ProviderDescriptor } from './descriptor.js';
import { installedLog } from './log-hook.js';
import { makeProviderClient, type ProviderClient, type ProviderClientOptions, type SessionAuthFactory } from './provider-client.js';

/**
 * The browser build's createProviderClient: the same client, without the log module unless the page
 * called enableLogging() from '@assetkit/runtime/log' (a GET's bundle carries no logging code).
 */
export function createProviderClient<Paths extends {}>(
  descriptor: ProviderDescriptor,
  options: ProviderClientOptions = {},
  session?: SessionAuthFactory,
): ProviderClient<Paths> {
  return makeProviderClient<Paths>(descriptor, options, session, installedLog());
}
