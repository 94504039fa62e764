import type * as Validate from '@assetkit/runtime/validate';
import { InvalidRequestError, UnsupportedError } from '@assetkit/runtime/errors';
import type { Asset, Provider } from './asset.js';
import type { RenderNetUploadOptions } from './providers/rendernet/upload.js';
import type { TenovosOptions } from './providers/tenovos/options.js';
import type { TenovosUploadOptions } from './providers/tenovos/upload.js';
import type { TwelveLabsUploadOptions } from './providers/twelvelabs/upload.js';
import type { UploadCapabilities, UploadRequest, UploadSourceKind } from './providers/types.js';
import type { WaitOptions } from './wait.js';

/** A file path (Node), Blob/File, ReadableStream<Uint8Array>, Uint8Array, ArrayBuffer, or `{ url }` for the provider to fetch. */
export type UploadSource = string | Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer | { url: string };

/** One progress shape for every provider. */
export interface UploadProgress {
  bytesSent: number;
  /** Undefined for a stream of unknown length until it ends. */
  totalBytes: number | undefined;
  /** Parts finished and in all (1 for a single request). */
  partsDone?: number;
  totalParts?: number | undefined;
  /** Average over this run (parts finished before a resume are not counted). */
  bytesPerSecond: number;
}

/**
 * What onStateChange hands out and `resumeState` takes back: plain JSON, tagged with the
 * provider. `state` is the provider helper's own (it holds presigned URLs: keep it private).
 */
export interface UploadResumeState<P extends Provider = Provider> {
  kind: 'assetkit-upload';
  version: 1;
  provider: P;
  state: unknown;
}

export interface UploadOptions {
  provider: Provider;
  source: UploadSource;
  /** The file name the provider keeps; default the path's or File's name. Needed for bytes and streams. */
  name?: string;
  /** User metadata, name -> value (TwelveLabs and Tenovos; RenderNet has none: an UnsupportedError). */
  metadata?: Record<string, unknown>;
  onProgress?: (progress: UploadProgress) => void;
  /** Aborts the upload; the helper cancels the session where the provider can (see capabilities().upload.cancels). */
  signal?: AbortSignal;
  /** Wait until the asset is ready (or failed: AssetFailedError) before resolving; options as waitUntilReady's. */
  wait?: boolean | Omit<WaitOptions, 'signal'>;
  /** A state saved from onStateChange: finishes that upload without sending its finished parts again. */
  resumeState?: UploadResumeState;
  /** The resume state after each change (multipart uploads of resumable providers). */
  onStateChange?: (state: UploadResumeState) => void | Promise<void>;
  /** Parts in flight at once (multipart). */
  concurrency?: number;
  /** true: in parts even when small (resumable); false: one request where it fits; default: by size. */
  multipart?: boolean;
  /** Options of one provider, for an upload to that provider; Tenovos' over the client config's. */
  twelvelabs?: TwelveLabsUploadOptions;
  rendernet?: RenderNetUploadOptions;
  tenovos?: TenovosOptions & TenovosUploadOptions;
}

const isBlob = (s: unknown): s is Blob => typeof Blob !== 'undefined' && s instanceof Blob;

/** Which kind of source this is, or undefined when it is none of them. */
export function sourceKind(source: unknown): UploadSourceKind | undefined {
  if (typeof source === 'string') return 'path';
  if (isBlob(source)) return 'blob';
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return 'bytes';
  if (typeof source === 'object' && source !== null) {
    if (typeof (source as { getReader?: unknown }).getReader === 'function') return 'stream';
    if ('url' in source) return 'url';
  }
  return undefined;
}

const SOURCE_WORDS: Record<UploadSourceKind, string> = { path: 'a file path', blob: 'a Blob', stream: 'a ReadableStream', bytes: 'bytes', url: 'a URL' };
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

const UPLOAD_KEYS = new Set(['provider', 'source', 'name', 'metadata', 'onProgress', 'signal', 'wait', 'resumeState', 'onStateChange', 'concurrency', 'multipart', 'twelvelabs', 'rendernet', 'tenovos']);

/**
 * Checks an upload against the provider's capabilities and the runtime's write validation (passed in:
 * `@assetkit/runtime/validate`, loaded on the first upload), before
 * anything is sent, and returns the adapter's request. An unsupported combination is an
 * UnsupportedError "upload <what> is not supported by <provider>: <why>".
 */
export function planUpload(
  options: UploadOptions,
  can: UploadCapabilities | false,
  ownOptions: Record<string, unknown>,
  { checkFileName, checkMetadata }: Pick<typeof Validate, 'checkFileName' | 'checkMetadata'>,
): UploadRequest {
  const { provider } = options;
  const bad = (message: string) => new InvalidRequestError(`upload: ${message}`, { provider });
  const unsupported = (what: string, why: string) => new UnsupportedError(`upload ${what} is not supported by ${provider}: ${why}`, { provider });
  if (!can) throw new UnsupportedError(`upload is not supported by ${provider}`, { provider });
  for (const key of Object.keys(options)) if (!UPLOAD_KEYS.has(key)) throw bad(`unknown option ${JSON.stringify(key)}`);

  const kind = sourceKind(options.source);
  if (kind === undefined) throw bad('source must be a file path, Blob, ReadableStream, Uint8Array, ArrayBuffer or { url }');
  if (!can.sources.includes(kind)) {
    throw unsupported(`from ${SOURCE_WORDS[kind]}`, kind === 'url' ? `it does not import from URLs; pass ${can.sources.map((s) => SOURCE_WORDS[s]).join(', ')}` : `it takes ${can.sources.map((s) => SOURCE_WORDS[s]).join(', ')}`);
  }
  if (kind === 'url' && typeof (options.source as { url: unknown }).url !== 'string') throw bad('source.url must be a string');

  if (options.metadata !== undefined) {
    if (options.metadata === null || typeof options.metadata !== 'object' || Array.isArray(options.metadata)) throw bad('metadata must be an object of name -> value');
    if (Object.keys(options.metadata).length > 0 && !can.metadata) throw unsupported('with metadata', 'its assets carry no user metadata');
    // Tenovos' document is checked after names are mapped to definition ids (in its adapter).
    if (provider === 'twelvelabs') checkMetadata('twelvelabs', options.metadata, { mode: 'create', field: 'metadata' });
  }
  if (options.name !== undefined && (provider === 'twelvelabs' || provider === 'tenovos')) checkFileName(provider, options.name, { field: 'name' });
  else if (options.name === undefined && kind === 'path' && (provider === 'twelvelabs' || provider === 'tenovos')) checkFileName(provider, baseName(options.source as string), { field: 'name' });
  else if (options.name !== undefined && (typeof options.name !== 'string' || options.name.trim() === '')) throw bad('name must be a non-empty string');

  if (options.multipart !== undefined && typeof options.multipart !== 'boolean') throw bad('multipart must be a boolean');
  if (options.multipart === true && !can.multipart) throw unsupported('in parts (multipart)', 'it takes one PUT per file');
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1 && options.concurrency <= 64)) {
    throw bad(`concurrency must be a whole number from 1 to 64, got ${String(options.concurrency)}`);
  }
  if (options.resumeState !== undefined || options.onStateChange !== undefined) {
    const what = options.resumeState !== undefined ? 'resuming (resumeState)' : 'onStateChange';
    if (!can.resumable) throw unsupported(what, 'it has no multipart session to resume');
  }
  if (options.resumeState !== undefined) {
    const r = options.resumeState as Partial<UploadResumeState>;
    if (r === null || typeof r !== 'object' || r.kind !== 'assetkit-upload' || r.version !== 1 || typeof r.state !== 'object' || r.state === null) {
      throw bad('resumeState is not a state saved from onStateChange ({ kind: "assetkit-upload", version: 1, provider, state })');
    }
    if (r.provider !== provider) throw bad(`resumeState is an upload to ${String(r.provider)}, not ${provider}`);
    if (kind === 'url' || kind === 'stream') throw bad(`${SOURCE_WORDS[kind]} cannot resume an upload: pass the file, Blob or bytes it was for`);
  }
  if (options.wait !== undefined && typeof options.wait !== 'boolean' && (options.wait === null || typeof options.wait !== 'object')) throw bad('wait must be a boolean or wait options');
  if (options.wait && !can.wait) throw unsupported('with wait', 'its assets report no readiness');

  // Provider options: only this provider's, each key one this provider takes.
  for (const other of ['twelvelabs', 'rendernet', 'tenovos'] as const) {
    if (other !== provider && options[other] !== undefined) throw bad(`the ${other} options apply to uploads to ${other}, not ${provider}`);
  }
  const perCall = (options[provider] ?? {}) as Record<string, unknown>;
  if (perCall === null || typeof perCall !== 'object') throw bad(`${provider} options must be an object`);
  for (const key of Object.keys(perCall)) {
    if (!can.options.includes(key)) throw bad(`${provider} takes no upload option ${JSON.stringify(key)} (it takes ${can.options.join(', ') || 'none'})`);
  }

  const onProgress = options.onProgress;
  const onStateChange = options.onStateChange;
  return {
    source: options.source,
    name: options.name,
    metadata: options.metadata,
    multipart: options.multipart,
    concurrency: options.concurrency,
    signal: options.signal,
    onProgress:
      onProgress &&
      ((p) =>
        onProgress({ bytesSent: p.bytesSent, totalBytes: p.totalBytes, partsDone: p.partsDone, totalParts: p.totalParts, bytesPerSecond: p.bytesPerSecond })),
    onStateChange: onStateChange && ((state) => onStateChange({ kind: 'assetkit-upload', version: 1, provider, state })),
    resumeState: options.resumeState?.state,
    options: { ...ownOptions, ...perCall },
  };
}

export type { Asset };
