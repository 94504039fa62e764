import { ConfigurationError, InvalidRequestError, readEnv, type CallOptions } from '@assetkit/runtime';
import type { RenderNetClientOptions } from '@assetkit/rendernet';
import type { TenovosClientOptions } from '@assetkit/tenovos';
import type { TwelveLabsClientOptions } from '@assetkit/twelvelabs';
import { PROVIDERS, type Asset, type Provider } from './asset.js';
import { listAssets, type AssetListing, type ListOptions } from './list.js';
import { adapters, type Capabilities } from './providers/index.js';
import { parseRef, type AssetRef } from './ref.js';

export interface AssetClientConfig {
  twelvelabs?: TwelveLabsClientOptions;
  rendernet?: RenderNetClientOptions;
  tenovos?: TenovosClientOptions;
}

export interface GetOptions {
  signal?: AbortSignal;
}

export interface AssetClient {
  /** The providers this client was configured for. */
  readonly providers: readonly Provider[];
  /** Fetches one asset by `"provider:id"` or `{ provider, id }`. */
  get(ref: string | AssetRef, options?: GetOptions): Promise<Asset>;
  /** Lists assets across providers; see ListOptions. */
  list(options?: ListOptions): AssetListing;
  /** What a provider supports (listing, filters, page size). */
  capabilities(provider: Provider): Capabilities;
}

/** A structural view of a provider client that the unified layer needs. */
export interface AnyProviderClient {
  withOptions(options: CallOptions): AnyProviderClient;
}

/** Providers whose API-key variable is set: the configuration of `createAssetClient()` with no argument. */
function fromEnvironment(): AssetClientConfig {
  return Object.fromEntries(PROVIDERS.filter((p) => readEnv(adapters[p].descriptor.apiKey.env)).map((p) => [p, {}]));
}

/**
 * One client over any subset of providers. Each entry takes the provider's
 * credentials (falling back to its environment variables) and the runtime
 * options (`baseUrl`, `maxRetries`, `timeoutMs`, `fetch`, ...). With no argument,
 * every provider whose `<PROVIDER>_API_KEY` variable is set is configured.
 */
export function createAssetClient(config: AssetClientConfig = fromEnvironment()): AssetClient {
  const clients = new Map<Provider, AnyProviderClient>();
  const retryHooks = new Map<Provider, CallOptions['onRetry']>();
  // A half-configured provider (say TENOVOS_API_KEY without TENOVOS_USERNAME) fails only when it is used.
  const unusable = new Map<Provider, ConfigurationError>();
  for (const provider of PROVIDERS) {
    const options = config[provider];
    if (options === undefined) continue;
    // Each adapter's createClient takes its own provider's options.
    const create = adapters[provider].createClient as (o: typeof options) => AnyProviderClient;
    try {
      clients.set(provider, create(options));
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      unusable.set(provider, error);
    }
    retryHooks.set(provider, options.onRetry);
  }
  if (clients.size === 0 && unusable.size === 0) {
    throw new ConfigurationError(
      'No provider configured: pass { twelvelabs, rendernet, tenovos } options or set TWELVELABS_API_KEY, RENDERNET_API_KEY or TENOVOS_API_KEY.',
    );
  }

  const clientOf = (provider: Provider): AnyProviderClient => {
    const client = clients.get(provider);
    const failure = unusable.get(provider);
    if (failure) throw failure;
    if (!client) {
      throw new ConfigurationError(`${provider} is not configured in this client (configured: ${[...clients.keys()].join(', ')})`, { provider });
    }
    return client;
  };

  return {
    providers: PROVIDERS.filter((p) => clients.has(p) || unusable.has(p)),
    async get(ref, options = {}) {
      const { provider, id } = parseRef(ref);
      const adapter = adapters[provider] as unknown as { get(c: AnyProviderClient, id: string, s?: AbortSignal): Promise<Asset> };
      return adapter.get(clientOf(provider), id, options.signal);
    },
    list(options = {}) {
      return listAssets(options, retryHooks, clientOf, (provider) => retryHooks.get(provider));
    },
    capabilities(provider) {
      if (!PROVIDERS.includes(provider)) throw new InvalidRequestError(`Unknown provider ${JSON.stringify(provider)}`);
      return adapters[provider].capabilities;
    },
  };
}

