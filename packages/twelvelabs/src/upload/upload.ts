import { AbortedError, InvalidRequestError } from '@assetkit/runtime/errors';
import { isUrlSource, openSource, type ResumeState, type Source, type SourceInput, type UploadProgress } from '@assetkit/runtime/upload';
import type { Asset, AssetDetail, TwelveLabsClient } from '../generated/index.js';
import { checkImportUrl, createAsset } from './direct.js';
import { checkSize, defaultFilename, formatBytes, LIMITS, resolveKind, type AssetKind } from './limits.js';
import { uploadMultipart } from './multipart.js';

const provider = 'twelvelabs';

export interface UploadOptions {
  /** A file path (Node), Blob/File, ReadableStream<Uint8Array>, Uint8Array, ArrayBuffer, or `{ url }` for the platform to fetch. */
  source: SourceInput | { url: string };
  /** The file name TwelveLabs keeps (1-255 characters). Default: the file's or File's name; needed for bytes and streams unless `kind` is given. */
  name?: string;
  /** The asset's user metadata: string, number or boolean values. */
  metadata?: Record<string, string | number | boolean>;
  /** Video, audio, image or document; default from the name's extension, else the Blob's MIME type. */
  kind?: AssetKind;
  /** A ReadableStream's length in bytes, when known: a stream over `multipartThreshold` needs it (a session is created for a stated size). */
  size?: number;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** The resume state of a multipart upload after every change: save it to finish the upload later, in this or another process. */
  onStateChange?: (state: ResumeState) => void | Promise<void>;
  /** A state saved by onStateChange: the session is reused and its finished chunks are not sent again. Same source required. */
  resumeState?: ResumeState;
  /** Chunk PUTs in flight at once (a sliding window). Default 8. */
  concurrency?: number;
  /**
   * Ignored: TwelveLabs decides the chunk size of a session (`chunk_size`).
   * Accepted so the options match the other providers' upload().
   */
  partSize?: number;
  /** Files above this many bytes go through a multipart session; at most the direct-upload limit of their kind (200 MB). Default: that limit. */
  multipartThreshold?: number;
  /** Chunks per report call, at most 50. Default 10 (as the vendor's SDK). */
  reportBatch?: number;
  enableHls?: boolean;
  enableThumbnail?: boolean;
  /** Retries per chunk PUT (5xx, 408, 429, resets, timeouts). Default 5. */
  maxRetries?: number;
  /** Per attempt of one chunk PUT. Default 600 000. */
  timeoutMs?: number;
  /** For chunk PUTs to the presigned URLs (never given the API key). Default globalThis.fetch. */
  fetch?: typeof fetch;
}

export interface UploadResult {
  assetId: string;
  /** The created asset (`processing` at first: pass the id to waitUntilReady). */
  asset: Asset | AssetDetail;
  /** Multipart uploads only: the final resume state. */
  state?: ResumeState;
  /** How the file went: `direct` and `url` by `POST /assets`, `multipart` by a session. */
  method: 'direct' | 'url' | 'multipart';
}

function checkOptions(o: UploadOptions): void {
  const bad = (message: string) => new InvalidRequestError(message, { provider });
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length < 1 || o.name.length > 255)) throw bad('name must be 1 to 255 characters');
  if (o.metadata !== undefined) {
    const ok = typeof o.metadata === 'object' && o.metadata !== null && !Array.isArray(o.metadata);
    const wrong = ok ? Object.entries(o.metadata).find(([, v]) => !(typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) : undefined;
    if (!ok || wrong) throw bad(`metadata must be an object of string, number or boolean values${wrong ? `; "${wrong[0]}" is not` : ''}`);
  }
  if (o.concurrency !== undefined && !(Number.isInteger(o.concurrency) && o.concurrency >= 1 && o.concurrency <= 64)) throw bad(`concurrency must be an integer from 1 to 64, got ${o.concurrency}`);
  if (o.reportBatch !== undefined && !(Number.isInteger(o.reportBatch) && o.reportBatch >= 1 && o.reportBatch <= 50)) throw bad(`reportBatch must be an integer from 1 to 50, got ${o.reportBatch}`);
  if (o.size !== undefined && !(Number.isSafeInteger(o.size) && o.size > 0)) throw bad(`size must be a positive integer, got ${o.size}`);
  if (o.multipartThreshold !== undefined && !(Number.isSafeInteger(o.multipartThreshold) && o.multipartThreshold >= 0)) throw bad(`multipartThreshold must be an integer >= 0, got ${o.multipartThreshold}`);
}

/**
 * Uploads a file to TwelveLabs the way that fits it: small files by `POST
 * /assets` (streamed form-data), URLs by `method=url`, large files by a
 * multipart session (chunks read by offset, a sliding window of PUTs, URLs
 * fetched ahead and refreshed on expiry, ETags reported in batches, resumable).
 * Bad input is an InvalidRequestError before anything is sent. Resolves once
 * the platform has the file; the asset is still `processing`: see waitUntilReady.
 */
export async function upload(client: TwelveLabsClient, options: UploadOptions): Promise<UploadResult> {
  if (!options || typeof options !== 'object') throw new InvalidRequestError('upload needs options with a source', { provider });
  checkOptions(options);
  const { signal } = options;
  if (signal?.aborted) throw new AbortedError('upload aborted before it started', { provider, cause: signal.reason });
  const fields = { metadata: options.metadata, enableHls: options.enableHls, enableThumbnail: options.enableThumbnail };

  if (isUrlSource(options.source)) {
    const url = checkImportUrl(options.source.url);
    if (options.resumeState) throw new InvalidRequestError('resumeState applies to multipart uploads of a file, Blob or bytes, not to a URL', { provider });
    const asset = await createAsset(client, { method: 'url', url }, { ...fields, filename: options.name }, signal);
    return { assetId: asset._id!, asset, method: 'url' };
  }
  if (options.source === undefined || options.source === null) throw new InvalidRequestError('source is required: a file path, Blob, ReadableStream, bytes or { url }', { provider });

  const input = options.source;
  const source = await openSource(input); // refuses a missing file, a directory, an empty source
  let handedOver = false;
  try {
    const size = source.size ?? options.size;
    const kind = resolveKind({ kind: options.kind, filename: options.name ?? source.name, mime: source.type });
    const filename = options.name ?? source.name ?? defaultFilename(source.type, kind);
    const limits = LIMITS[kind];
    const threshold = Math.min(options.multipartThreshold ?? limits.direct, limits.direct);
    if (source.size !== undefined && options.size !== undefined && options.size !== source.size) {
      throw new InvalidRequestError(`size says ${options.size} bytes but the source has ${source.size}`, { provider });
    }

    if (options.resumeState || (size !== undefined && size > threshold)) {
      if (size === undefined) throw new InvalidRequestError('resuming a stream is not possible: pass the file, Blob or bytes', { provider });
      checkSize(kind, size, limits.multipart === undefined ? 'direct' : 'multipart');
      if (options.resumeState) await checkResumeFits(options.resumeState, source, size);
      handedOver = true;
      const result = await uploadMultipart({
        client,
        source,
        size,
        filename,
        kind,
        ...fields,
        concurrency: options.concurrency ?? 8,
        reportBatch: options.reportBatch ?? 10,
        resumeState: options.resumeState,
        signal,
        onProgress: options.onProgress,
        onStateChange: options.onStateChange,
        maxRetries: options.maxRetries,
        timeoutMs: options.timeoutMs,
        fetch: options.fetch,
      }).finally(() => source.close());
      return { ...result, method: 'multipart' };
    }

    // Direct: one form-data POST. A stream of unknown length is held (up to the direct limit) to get its length.
    let file: Blob;
    if (typeof input === 'string') file = await fileBlob(input, source.type);
    else if (input instanceof Blob) file = input;
    else if (source.kind === 'bytes') file = new Blob([input instanceof ArrayBuffer ? input : (input as Uint8Array<ArrayBuffer>)], source.type ? { type: source.type } : {});
    else {
      const held = await source.next(limits.direct + 1);
      if (!held) throw new InvalidRequestError('the stream is empty (0 bytes); there is nothing to upload', { provider });
      if (held.byteLength > threshold) {
        throw new InvalidRequestError(
          `the stream is longer than ${formatBytes(threshold)}: pass its length as size so it can go through a multipart session (which is created for a stated size), or pass the file`,
          { provider },
        );
      }
      file = new Blob([held]);
    }
    checkSize(kind, file.size, 'direct');
    const total = file.size;
    const started = Date.now();
    const report = (sent: number) =>
      options.onProgress?.({ bytesSent: sent, totalBytes: total, partsDone: sent === total ? 1 : 0, totalParts: 1, bytesPerSecond: sent ? Math.round((sent * 1000) / Math.max(1, Date.now() - started)) : 0, elapsedMs: Date.now() - started });
    report(0);
    const asset = await createAsset(client, { method: 'direct', file }, { ...fields, filename }, signal);
    report(total);
    return { assetId: asset._id!, asset, method: 'direct' };
  } finally {
    if (!handedOver) await source.close();
  }
}

/** A saved state for another file (or a changed one) is refused before TwelveLabs is asked anything. */
async function checkResumeFits(state: ResumeState, source: Source, size: number): Promise<void> {
  if (state === null || typeof state !== 'object' || state.version !== 1 || !Array.isArray(state.parts)) {
    throw new InvalidRequestError('resumeState is not a saved upload state (version 1)', { provider });
  }
  if (!source.rereadable) throw new InvalidRequestError('a ReadableStream cannot resume a saved upload: its earlier bytes are gone; pass the file, Blob or bytes', { provider });
  if (state.size !== size) throw new InvalidRequestError(`the saved upload is for ${state.size} bytes; this source has ${size}`, { provider });
  if (state.fingerprint !== (await source.fingerprint())) {
    throw new InvalidRequestError('the source is not the one the saved upload was for (its fingerprint differs); start a new upload', { provider });
  }
}

/**
 * A Blob over a file on disk that fetch reads as it sends (fs.openAsBlob): a
 * 200 MB file is never in memory whole. node:fs is loaded through a specifier
 * bundlers do not follow, so a browser bundle carries no Node built-in.
 */
async function fileBlob(path: string, type: string | undefined): Promise<Blob> {
  const specifier = 'node:fs';
  const fs = (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as { openAsBlob: (p: string, o?: { type?: string }) => Promise<Blob> };
  return fs.openAsBlob(path, type ? { type } : {});
}

export type { Source };
