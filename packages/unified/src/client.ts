import { ConfigurationError, InvalidRequestError, readEnv, type CallOptions } from '@assetkit/runtime';
import type { RenderNetClientOptions } from '@assetkit/rendernet';
import type { TenovosClientOptions } from '@assetkit/tenovos';
import type { TwelveLabsClientOptions } from '@assetkit/twelvelabs';
import { PROVIDERS, type Asset, type Provider } from './asset.js';
import { listAssets, type AssetListing, type ListOptions } from './list.js';
import { adapters, type Capabilities, type TenovosOptions } from './providers/index.js';
import { checkTenovosOptions } from './providers/tenovos/options.js';
import { parseRef, type AssetRef } from './ref.js';
import type { UploadOptions } from './upload.js';
import type { WaitOptions } from './wait.js';
import type { WriteContext } from './client-writes.js';
import type { MetadataUpdate } from './writes.js';

export interface AssetClientConfig {
  twelvelabs?: TwelveLabsClientOptions;
  rendernet?: RenderNetClientOptions;
  /** The client's options plus Tenovos' own (templates, metadata definition ids), overridable per call. */
  tenovos?: TenovosClientOptions & TenovosOptions;
}

export interface DeleteOptions {
  /** TwelveLabs: delete even when indexed assets reference the asset. Elsewhere an UnsupportedError. */
  force?: boolean;
  signal?: AbortSignal;
}

export interface UpdateMetadataOptions extends MetadataUpdate {
  /** Tenovos options of this call, over the client config's (only for Tenovos refs). */
  tenovos?: TenovosOptions;
  signal?: AbortSignal;
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
  /** Polls until the asset is ready; failed -> AssetFailedError with the provider's reason. */
  waitUntilReady(ref: string | AssetRef, options?: WaitOptions): Promise<Asset>;
  /**
   * Uploads one file (path, Blob, stream, bytes, or a URL where the provider imports) and resolves with
   * the new asset (processing, or ready with `wait`). Checked against capabilities(provider).upload and the
   * runtime's write validation before anything is sent; resumable through onStateChange / resumeState.
   */
  upload(options: UploadOptions): Promise<Asset>;
  /** Deletes as the provider does: hard (TwelveLabs) or soft (RenderNet archive, Tenovos recycle bin); see capabilities().delete. */
  delete(ref: string | AssetRef, options?: DeleteOptions): Promise<void>;
  /** Sets and removes user-metadata keys (one meaning everywhere); resolves with the asset as it now is. */
  updateMetadata(ref: string | AssetRef, options: UpdateMetadataOptions): Promise<Asset>;
  /** A URL the original file can be fetched from, where the provider has one. */
  downloadUrl(ref: string | AssetRef, options?: GetOptions): Promise<string>;
  /** What a provider supports, per operation and option. */
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
  /** Each provider's unified options (not the generated client's), e.g. Tenovos templates. */
  const own = new Map<Provider, Record<string, unknown>>();
  for (const provider of PROVIDERS) {
    const options = config[provider];
    if (options === undefined) continue;
    const ownKeys: readonly string[] = adapters[provider].ownOptions ?? [];
    const clientOptions = Object.fromEntries(Object.entries(options).filter(([k]) => !ownKeys.includes(k)));
    const ownOptions = Object.fromEntries(Object.entries(options).filter(([k]) => ownKeys.includes(k)));
    if (provider === 'tenovos') checkTenovosOptions(ownOptions);
    own.set(provider, ownOptions);
    // Each adapter's createClient takes its own provider's options.
    const create = adapters[provider].createClient as (o: typeof clientOptions) => AnyProviderClient;
    try {
      clients.set(provider, create(clientOptions));
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

  type Dyn = { get(c: AnyProviderClient, id: string, s?: AbortSignal): Promise<Asset>; capabilities: Capabilities };
  const adapterOf = (provider: Provider) => adapters[provider] as unknown as Dyn;
  const get = (ref: string | AssetRef, signal?: AbortSignal) => {
    const { provider, id } = parseRef(ref);
    return adapterOf(provider).get(clientOf(provider), id, signal);
  };
  const context: WriteContext = {
    clientOf,
    get: (client, provider, id, signal) => adapterOf(provider).get(client, id, signal),
    capabilities: (provider) => adapterOf(provider).capabilities,
    own: (provider) => own.get(provider) ?? {},
  };
  // Writes load on first use (import()): a page that only reads does not download them.
  const writes = () => import('./client-writes.js');

  return {
    providers: PROVIDERS.filter((p) => clients.has(p) || unusable.has(p)),
    async get(ref, options = {}) {
      return get(ref, options.signal);
    },
    list(options = {}) {
      return listAssets(options, retryHooks, clientOf, (provider) => retryHooks.get(provider));
    },
    async waitUntilReady(ref, options = {}) {
      return (await writes()).waitAsset(context, ref, options);
    },
    async upload(options) {
      return (await writes()).uploadAsset(context, options);
    },
    async delete(ref, options = {}) {
      return (await writes()).deleteAsset(context, ref, options);
    },
    async updateMetadata(ref, options) {
      return (await writes()).updateAssetMetadata(context, ref, options);
    },
    async downloadUrl(ref, options = {}) {
      return (await writes()).assetDownloadUrl(context, ref, options);
    },
    capabilities(provider) {
      if (!PROVIDERS.includes(provider)) throw new InvalidRequestError(`Unknown provider ${JSON.stringify(provider)}`);
      return adapters[provider].capabilities;
    },
  };
}
