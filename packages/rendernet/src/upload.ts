// Hand-written (not generated): upload a file to RenderNet and wait for it.
// RenderNet's flow is two steps (research §4, RN-C12, RN-C13, RN-C17):
//   1. POST /pub/v2/assets/upload?type=image|video|audio with {size} -> a `pending` asset and a presigned `upload_url`;
//   2. one PUT of the whole file to `upload_url` (no API key: the URL is the authorization).
// RenderNet has no multipart upload, no way to re-sign an asset's URL and no cancel: an expired URL is
// replaced by creating a new asset (the old pending one is archived), and a failed or aborted upload
// archives its pending asset (POST /pub/v1/assets/archive) so nothing is left half-made.
// Subpath export `@assetkit/rendernet/upload`: a client that only reads never bundles it.
import {
  AbortedError,
  AmbiguousWriteError,
  AssetFailedError,
  AssetkitError,
  InvalidRequestError,
  InvalidResponseError,
  TimeoutError,
  UnsupportedError,
} from '@assetkit/runtime/errors';
import { waitFor } from '@assetkit/runtime/poll';
import { checkFileSize } from '@assetkit/runtime/validate';
import { openSource, outcomeUnknown, putSingle, refuseUrlSource, withNote, type Source, type SourceInput, type UploadProgress } from '@assetkit/runtime/upload';
import type { RenderNetClient } from './generated/client.js';
import type { components } from './generated/schema.js';
import { imageSize, SNIFF_BYTES, type Dimensions } from './image-size.js';

export type Asset = components['schemas']['Asset'];
export type UploadedAsset = components['schemas']['UploadedAsset'];
export type AssetType = 'image' | 'video' | 'audio';

const PROVIDER = 'rendernet';
const GiB = 1024 ** 3;

/**
 * Largest file per kind. RenderNet documents none; one presigned S3 PUT takes at most 5 GiB, so that is
 * the bound for every kind (**inferred**). Lower it with `maxBytes` if your account has a smaller limit.
 */
export const RENDERNET_MAX_BYTES: Record<AssetType, number> = { image: 5 * GiB, video: 5 * GiB, audio: 5 * GiB };

/** Formats RenderNet accepts: video mp4 and webm, audio mp3 (upload page); image formats are not stated, these are the common ones. */
const FORMATS: Record<string, { type: AssetType; mime: string }> = {
  png: { type: 'image', mime: 'image/png' },
  jpg: { type: 'image', mime: 'image/jpeg' },
  jpeg: { type: 'image', mime: 'image/jpeg' },
  gif: { type: 'image', mime: 'image/gif' },
  webp: { type: 'image', mime: 'image/webp' },
  mp4: { type: 'video', mime: 'video/mp4' },
  webm: { type: 'video', mime: 'video/webm' },
  mp3: { type: 'audio', mime: 'audio/mpeg' },
};
const BY_MIME = new Map(Object.values(FORMATS).map((f) => [f.mime, f]));

/** What `onStateChange` hands out and `resumeState` takes back: plain JSON. The URL is a write credential for this one file: keep it private. */
export interface RenderNetUploadState {
  provider: 'rendernet';
  assetId: string;
  uploadUrl: string;
  type: AssetType;
  size: number;
}

export interface RenderNetUploadOptions {
  /** A file path (Node), Blob/File, ReadableStream (read whole, up to `maxBytes`), bytes. `{url}` is refused: RenderNet does not import from URLs. */
  source: SourceInput | { url: string };
  /** Used to tell the type when the source has no name (bytes, streams): e.g. `photo.png`. */
  name?: string;
  /** image, video or audio. Default: from the file extension or Blob type. */
  type?: AssetType;
  /** Pixel size, which RenderNet asks for with images and video. Default: read from PNG/GIF/JPEG headers; required otherwise. */
  size?: Dimensions;
  /** Content-Type of the PUT. Default: from the extension or Blob type. */
  contentType?: string;
  /** Largest accepted source in bytes. Default RENDERNET_MAX_BYTES[type]. */
  maxBytes?: number;
  /** RenderNet has no metadata on assets: a non-empty value is refused rather than dropped silently. */
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** The state after the asset is created (and again if it is re-created for an expired URL). */
  onStateChange?: (state: RenderNetUploadState) => void | Promise<void>;
  /** A state from an earlier run: the same asset is used (a finished one is returned as is) instead of creating another. */
  resumeState?: RenderNetUploadState;
  /** Retries of the PUT (5xx, resets, timeouts). Default 5. */
  maxRetries?: number;
  /** Per PUT attempt. Default 600 000. */
  timeoutMs?: number;
  /** Times an expired upload URL is replaced by a new asset. Default 2. */
  maxRecreates?: number;
  /** For the PUT only (never the client's fetch, which adds the API key). */
  fetch?: typeof fetch;
}

export interface RenderNetUploadResult {
  assetId: string;
  /** The created asset as the upload answered it (without `upload_url`). */
  asset: Omit<UploadedAsset, 'upload_url'>;
  state: RenderNetUploadState;
}

function typeOf(name: string | undefined, mime: string | undefined): { type: AssetType; mime: string } | undefined {
  const ext = name ? /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() : undefined;
  return (ext ? FORMATS[ext] : undefined) ?? (mime ? BY_MIME.get(mime.split(';')[0]!.trim().toLowerCase()) : undefined);
}


/** The outcome of a create whose answer never came is unknown (POSTs are not repeated: RN has no idempotency key). */

async function readHead(source: Source): Promise<Uint8Array> {
  const { body } = source.range(0, Math.min(source.size!, SNIFF_BYTES));
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** Reads a stream whole (RenderNet takes one PUT with a Content-Length), refusing more than `limit` bytes. */
async function readStream(source: Source, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk = await source.next(Math.min(8 * 1024 * 1024, limit + 1 - total));
    if (!chunk) break;
    chunks.push(chunk);
    total += chunk.byteLength;
    if (total > limit) throw new InvalidRequestError(`the stream is larger than the limit of ${limit} bytes`, { provider: PROVIDER });
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Archiving is safe to repeat (an archived asset stays archived), so it is retried on 429, 5xx and lost answers: one 503 must not leave a pending asset behind. */
async function archive(client: RenderNetClient, id: string): Promise<boolean> {
  try {
    await client.withOptions({ retryPost: true, maxRetries: 4 }).POST('/pub/v1/assets/archive', { body: { ids: [id] } });
    return true;
  } catch {
    return false;
  }
}

/** Tells the caller what was done to the pending asset, in the error itself. */
function noteCleanup(error: unknown, id: string, archived: boolean): unknown {
  return withNote(
    error,
    archived ? `the pending RenderNet asset ${id} was archived` : `archiving the pending RenderNet asset ${id} failed too: archive it with POST /pub/v1/assets/archive`,
  );
}

/**
 * Uploads one file to RenderNet: validates it, creates the asset, PUTs the bytes. Bad input is an
 * InvalidRequestError (or UnsupportedError for `{url}`) before anything is sent. On failure or abort
 * the pending asset is archived and the error says so. Call `waitUntilReady` next.
 */
export async function upload(client: RenderNetClient, options: RenderNetUploadOptions): Promise<RenderNetUploadResult> {
  const { signal } = options;
  refuseUrlSource(PROVIDER, 'RenderNet', options.source);
  if (options.metadata !== undefined && Object.keys(options.metadata).length > 0) {
    throw new InvalidRequestError('RenderNet assets carry no metadata; leave `metadata` out', { provider: PROVIDER });
  }
  if (signal?.aborted) throw new AbortedError('upload aborted before it started', { provider: PROVIDER, cause: signal.reason });
  let source: Source = await openSource(options.source as SourceInput).catch((e: unknown) => {
    throw e instanceof AssetkitError ? Object.assign(e, { provider: e.provider ?? PROVIDER }) : e;
  });
  try {
    const name = options.name ?? source.name ?? (typeof options.source === 'string' ? options.source : undefined);
    const format = typeOf(name, source.type);
    const type = options.type ?? format?.type;
    if (!type) {
      throw new InvalidRequestError(
        `unsupported file type${name ? ` (${name})` : ''}: RenderNet takes images (png, jpg, gif, webp), video (mp4, webm) and audio (mp3); pass \`type\` or a name with one of these extensions`,
        { provider: PROVIDER },
      );
    }
    if (!['image', 'video', 'audio'].includes(type)) throw new InvalidRequestError(`type must be image, video or audio, got ${String(type)}`, { provider: PROVIDER });
    const limit = options.maxBytes ?? RENDERNET_MAX_BYTES[type];
    if (source.size === undefined) source = await openSource(await readStream(source, limit));
    const bytes = source.size!;
    checkFileSize(PROVIDER, bytes);
    if (bytes > limit) throw new InvalidRequestError(`the file is ${bytes} bytes, above RenderNet's limit of ${limit} bytes for ${type}`, { provider: PROVIDER });

    let size = options.size;
    if (size !== undefined && !(Number.isInteger(size.width) && size.width > 0 && Number.isInteger(size.height) && size.height > 0)) {
      throw new InvalidRequestError('size must be {width, height} with positive integers', { provider: PROVIDER });
    }
    if (size === undefined && type === 'image') size = imageSize(await readHead(source));
    if (size === undefined && type !== 'audio') {
      throw new InvalidRequestError(
        `RenderNet needs the ${type}'s pixel size: pass \`size: { width, height }\` (read from the header only for PNG, GIF and JPEG)`,
        { provider: PROVIDER },
      );
    }
    const contentType = options.contentType ?? format?.mime;

    const create = async (): Promise<{ asset: UploadedAsset; state: RenderNetUploadState }> => {
      try {
        const { data } = await client.POST('/pub/v2/assets/upload', {
          params: { query: { type } },
          body: size && type !== 'audio' ? { size } : {},
          // No signal here: an abort mid-create would leave its outcome unknown. An abort that comes
          // during the create is seen by the PUT right after, which archives the asset.
        });
        const asset = data.data;
        if (typeof asset?.id !== 'string' || typeof asset.upload_url !== 'string') {
          throw new InvalidResponseError('RenderNet upload answer has no id or upload_url', { provider: PROVIDER, body: data });
        }
        return { asset, state: { provider: 'rendernet', assetId: asset.id, uploadUrl: asset.upload_url, type, size: bytes } };
      } catch (error) {
        if (outcomeUnknown(error)) {
          // RenderNet assets have no name or marker to search by, so a lost answer cannot be reconciled: say so, never repeat it.
          throw new AmbiguousWriteError(
            'RenderNet did not answer the upload request; a pending asset may have been created (RenderNet gives no way to find it by name). Not repeated.',
            { provider: PROVIDER, cause: error },
          );
        }
        throw error;
      }
    };

    let current: { asset: Omit<UploadedAsset, 'upload_url'>; state: RenderNetUploadState };
    const resume = options.resumeState;
    if (resume) {
      if (resume.provider !== 'rendernet' || typeof resume.assetId !== 'string' || typeof resume.uploadUrl !== 'string') {
        throw new InvalidRequestError('resumeState is not a RenderNet upload state', { provider: PROVIDER });
      }
      if (resume.size !== bytes || resume.type !== type) {
        throw new InvalidRequestError(`resumeState is for a ${resume.type} of ${resume.size} bytes, this source is a ${type} of ${bytes} bytes`, { provider: PROVIDER });
      }
      const { data } = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: resume.assetId } } });
      const { id: _id, ...rest } = data.data;
      current = { asset: { id: resume.assetId, ...rest } as Omit<UploadedAsset, 'upload_url'>, state: resume };
      if (data.data.status === 'archive') {
        throw new InvalidRequestError(`the asset ${resume.assetId} of this resumeState was archived; start a new upload`, { provider: PROVIDER });
      }
      // The bytes already arrived in an earlier run: nothing to send again.
      if (data.data.status !== 'pending') return { assetId: resume.assetId, asset: current.asset, state: resume };
    } else {
      const created = await create();
      const { upload_url: _url, ...asset } = created.asset;
      current = { asset, state: created.state };
    }
    let recreates = 0;
    const maxRecreates = options.maxRecreates ?? 2;
    try {
      await options.onStateChange?.(current.state);
      await putSingle({
        source,
        ...(contentType ? { contentType } : {}),
        provider: PROVIDER,
        ...(signal ? { signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        url: async (request) => {
          if (!request.expired) return current.state.uploadUrl;
          // RenderNet cannot re-sign an asset's URL: make a new asset and archive the old pending one.
          if (++recreates > maxRecreates) {
            throw new InvalidRequestError(`RenderNet upload URL expired ${recreates} times; giving up`, { provider: PROVIDER });
          }
          const old = current.state.assetId;
          const created = await create();
          const { upload_url: _url, ...asset } = created.asset;
          current = { asset, state: created.state };
          await options.onStateChange?.(current.state);
          await archive(client, old);
          return current.state.uploadUrl;
        },
      });
    } catch (error) {
      throw noteCleanup(error, current.state.assetId, await archive(client, current.state.assetId));
    }
    return { assetId: current.state.assetId, asset: current.asset, state: current.state };
  } finally {
    await source.close();
  }
}

export interface WaitOptions {
  /** Give up after this many ms with a TimeoutError. Default 600 000. */
  deadlineMs?: number;
  /** First wait between polls; grows 1.5x up to 10 s. Default 1000. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Polls GET /pub/v2/assets/{id} until `active` (resolves with the asset). `censored` (moderation) and
 * `archive` are AssetFailedError with that status as `reason`; RenderNet gives no further text.
 */
export async function waitUntilReady(client: RenderNetClient, assetId: string, options: WaitOptions = {}): Promise<Asset> {
  if (typeof assetId !== 'string' || assetId === '') throw new InvalidRequestError('assetId must be a non-empty string', { provider: PROVIDER });
  return waitFor(
    async ({ signal }) => (await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: assetId } }, ...(signal ? { signal } : {}) })).data.data,
    {
      isDone: (a) => a.status === 'active',
      isFailed: (a) =>
        a.status === 'censored' || a.status === 'archive'
          ? new AssetFailedError(`RenderNet asset ${assetId} ended ${a.status}${a.status === 'censored' ? ' (refused by moderation)' : ''}`, {
              provider: PROVIDER,
              assetId,
              reason: a.status,
              body: a,
            })
          : undefined,
      intervalMs: options.intervalMs ?? 1000,
      deadline: options.deadlineMs ?? 600_000,
      provider: PROVIDER,
      what: `RenderNet asset ${assetId}`,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}
