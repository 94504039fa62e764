import type { ProviderDescriptor, RuntimeOptions } from '@assetkit/runtime';
import type { Asset, AssetKind, Provider } from '../asset.js';

export interface Capabilities {
  get: boolean;
  list: boolean;
  /** Filters the provider applies server-side when listing. */
  listFilters: { kinds: boolean; ids: boolean };
  /** Largest page the provider serves. */
  maxPageSize: number;
  /** Kinds of asset the provider can hold. */
  kinds: readonly AssetKind[];
}

export interface PageRequest {
  page: number;
  pageSize: number;
  kinds?: readonly AssetKind[] | undefined;
  ids?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
}

export interface Page<P extends Provider> {
  assets: Asset<P>[];
  /** Pages in the whole listing, as the server reports it now. */
  totalPages: number;
}

/** Everything the unified layer knows about one provider; one file each, beside this one. */
export interface ProviderAdapter<P extends Provider, Client, Options extends RuntimeOptions> {
  provider: P;
  /** The generated client's descriptor (servers, credential headers and their environment variables). */
  descriptor: ProviderDescriptor;
  capabilities: Capabilities;
  createClient(options: Options): Client;
  get(client: Client, id: string, signal?: AbortSignal): Promise<Asset<P>>;
  /** Absent when the provider cannot list. */
  listPage?(client: Client, request: PageRequest): Promise<Page<P>>;
  /** Maps the provider's object; never throws. */
  toAsset(raw: unknown, fallbackId?: string): Asset<P>;
}
