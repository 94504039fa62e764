import type { ProviderDescriptor, RuntimeOptions } from '@assetkit/runtime';
import type { Asset, AssetKind, AssetState, Provider } from '../asset.js';

/** Where a list filter runs: sent to the provider, or applied to each page as it arrives. */
export type FilterSide = 'server' | 'client';
export type ListFilter = 'kinds' | 'ids' | 'nameContains' | 'createdAfter' | 'createdBefore';

export interface Capabilities {
  get: boolean;
  list: boolean;
  /**
   * How listing pages: `pages` (numbered pages, fetched concurrently after the first),
   * `sequential-pages` (numbered pages one after another: the total is not trusted),
   * `cursor` (each page names the next: sequential). Undefined when `list` is false.
   */
  paging?: 'pages' | 'sequential-pages' | 'cursor';
  /** Largest page the provider serves (0 when it cannot list). */
  maxPageSize: number;
  /** Filter by filter: run by the provider or by this client (a client-side filter still pages through everything). */
  listFilters: Record<ListFilter, FilterSide>;
  /** Kinds of asset the provider can hold. */
  kinds: readonly AssetKind[];
  /** Polls get() until ready or failed. */
  waitUntilReady: boolean;
  /**
   * `hard`: the asset is gone (get answers not found). `soft`: it stays, in `state`
   * (`archived` / `deleted`). `force`: whether `delete(ref, { force })` means anything.
   */
  delete: false | { mode: 'hard' | 'soft'; state?: AssetState; force: boolean };
  /** `set` / `unset` of user metadata; `options` names the provider options a call may override. */
  updateMetadata: false | { set: boolean; unset: boolean; options: readonly string[] };
  /** `presigned`: a short-lived URL from the provider; `asset-url`: the asset's own URL, when it has one. */
  downloadUrl: false | 'presigned' | 'asset-url';
  /** What upload() takes at this provider; false when it cannot upload. */
  upload: false | UploadCapabilities;
}

/** A source kind upload() takes: a file path, a Blob/File, a ReadableStream, bytes (Uint8Array/ArrayBuffer), or `{ url }` for the provider to fetch. */
export type UploadSourceKind = 'path' | 'blob' | 'stream' | 'bytes' | 'url';

export interface UploadCapabilities {
  sources: readonly UploadSourceKind[];
  /** Large files go in parts (several PUTs in flight, `concurrency`). */
  multipart: boolean;
  /** A multipart upload hands out a resume state (onStateChange) that a later upload({ resumeState }) finishes. */
  resumable: boolean;
  /** Whether an abort or failure cancels the provider's upload session (TwelveLabs has no cancel; it stays resumable). */
  cancels: boolean;
  /** Whether upload({ metadata }) is stored with the asset. */
  metadata: boolean;
  /** Largest file per kind in bytes (by the largest route, multipart where there is one). */
  maxBytes: Partial<Record<AssetKind, number>>;
  /** upload({ wait: true }) waits until the asset is ready. */
  wait: boolean;
  /** Keys of `upload({ <provider>: { ... } })` this provider takes. */
  options: readonly string[];
}

/** What the unified layer hands an adapter's upload (checked against the capabilities already). */
export interface UploadRequest {
  source: unknown;
  name?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
  /** true: in parts even when small; false: one request; undefined: the provider decides by size. */
  multipart?: boolean | undefined;
  concurrency?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: { bytesSent: number; totalBytes: number | undefined; partsDone: number; totalParts: number | undefined; bytesPerSecond: number }) => void) | undefined;
  /** The provider helper's own resume state. */
  onStateChange?: ((state: unknown) => void | Promise<void>) | undefined;
  resumeState?: unknown;
  /** The provider's options: the client config's, overridden by this call's. */
  options: Record<string, unknown>;
}

/** Filters as sent to an adapter (ids already narrowed to this provider). */
export interface ListFilters {
  kinds?: readonly AssetKind[] | undefined;
  ids?: readonly string[] | undefined;
  nameContains?: string | undefined;
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
}

export interface PageRequest extends ListFilters {
  page: number;
  pageSize: number;
  signal?: AbortSignal | undefined;
}

export interface Page<P extends Provider> {
  assets: Asset<P>[];
  /** Pages in the whole listing, as the server reports it now. */
  totalPages: number;
}

export interface ChunkRequest extends ListFilters {
  /** Where to continue: undefined for the first page, then the previous chunk's `next`. */
  token: string | undefined;
  pageSize: number;
  signal?: AbortSignal | undefined;
}

export interface Chunk<P extends Provider> {
  assets: Asset<P>[];
  /** Resumes after this chunk; undefined when it was the last. Opaque, goes into the list cursor. */
  next: string | undefined;
}

export interface DeleteRequest {
  force?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

export interface MetadataPatch {
  set: Record<string, unknown>;
  unset: string[];
  /** Provider options of this call, over the client's (already merged). */
  options: Record<string, unknown>;
  signal?: AbortSignal | undefined;
}

/** Everything the unified layer knows about one provider; one file (or folder) each, beside this one. */
export interface ProviderAdapter<P extends Provider, Client, Options extends RuntimeOptions> {
  provider: P;
  /** The generated client's descriptor (servers, credential headers and their environment variables). */
  descriptor: ProviderDescriptor;
  capabilities: Capabilities;
  /** Config keys that are unified options of this provider (not the generated client's), e.g. Tenovos templates. */
  ownOptions?: readonly string[];
  createClient(options: Options): Client;
  get(client: Client, id: string, signal?: AbortSignal): Promise<Asset<P>>;
  /** Numbered pages with a total (capabilities.paging `pages`). */
  listPage?(client: Client, request: PageRequest): Promise<Page<P>>;
  /** One page after another (`sequential-pages` or `cursor`). */
  listChunk?(client: Client, request: ChunkRequest): Promise<Chunk<P>>;
  /** Maps the provider's object; never throws. */
  toAsset(raw: unknown, fallbackId?: string): Asset<P>;
}

/**
 * A provider's write operations, apart from its adapter so that they load (import()) on the first write:
 * a page that only reads does not carry them. Each is absent when the capability is false.
 */
export interface ProviderWrites<P extends Provider, Client> {
  /** Absent when capabilities.delete is false. */
  delete?(client: Client, id: string, request: DeleteRequest): Promise<void>;
  updateMetadata?(client: Client, id: string, patch: MetadataPatch): Promise<void>;
  /** Uploads one file through the provider package's upload helper; absent when capabilities.upload is false. */
  upload?(client: Client, request: UploadRequest): Promise<{ assetId: string; asset?: Asset<P> }>;
  /** The provider helper's readiness rule, where it differs from polling get() (Tenovos: file and a rendition). */
  waitUntilReady?(client: Client, id: string, options: { deadlineMs?: number | undefined; intervalMs?: number | undefined; signal?: AbortSignal | undefined }): Promise<Asset<P>>;
  /** A URL to fetch the original file from; absent when the provider has none. */
  downloadUrl?(client: Client, id: string, signal?: AbortSignal): Promise<string>;
}
