// Uploading a file to Tenovos (research §5.2, TV-C22, TV-C23, TV-C25, TV-C35):
//   1. POST /asset with the filename, the metadata template, metadata and security templates. Without
//      `filesize` the answer has one presigned PUT `url`; with it, an `uploadId` and one URL per part
//      (the service cuts parts of a fixed size: 100 MiB);
//   2. the PUT(s), by the runtime's engine (window, retries, progress, abort, resume state);
//   3. multipart only: POST /asset/complete with the parts' ETags, or with `action: cancel` when the
//      upload fails or is aborted, so no open session is left behind.
// Tenovos hands out each URL once (valid 24 h) and has no call that signs a new one: an expired URL ends
// the upload (and cancels it); the error says so. A single-PUT asset whose PUT fails is moved to the
// recycle bin (POST /asset/{id}/delete), the only removal the API has.
import {
  AbortedError,
  AmbiguousWriteError,
  InvalidRequestError,
  InvalidResponseError,
  UnsupportedError,
} from '@assetkit/runtime/errors';
import { checkFileName, checkFileSize, checkMetadata } from '@assetkit/runtime/validate';
import { openSource, outcomeUnknown, putSingle, refuseUrlSource, uploadParts, withNote, type ResumeState, type Source, type SourceInput, type UploadProgress } from '@assetkit/runtime/upload';
import type { TenovosClient } from '../generated/client.js';
import type { components } from '../generated/schema.js';
import { findLostAsset } from './reconcile.js';

type Schemas = components['schemas'];
export type CreatedAsset = Schemas['CreatedAsset'];
export type MetadataDocument = Schemas['MetadataDocument'];

const PROVIDER = 'tenovos';
/** The service's fixed part size (training/large-upload.md): 100 MB, taken as MiB as the mock does. */
export const TENOVOS_PART_SIZE = 100 * 1024 * 1024;
/** One presigned S3 PUT takes at most 5 GiB (TV-C35): larger files must go in parts. */
export const TENOVOS_MAX_SINGLE_BYTES = 5 * 1024 ** 3;
/** S3's limit on parts per upload; with 100 MiB parts the largest file is about 977 GiB. */
export const TENOVOS_MAX_PARTS = 10_000;

export interface TenovosUploadOptions {
  /** A file path (Node), Blob/File, ReadableStream, bytes. `{url}` is refused: Tenovos does not import from http(s) URLs. */
  source: SourceInput | { url: string };
  /** The asset's file name. Default: the File's or path's base name; required for bytes and streams. */
  name?: string;
  /** The metadata template (uuid) to apply. Required. */
  metadataTemplateId: string;
  /** Security templates that govern access (1..50 uuids). Required. */
  securityTemplateIds: string[];
  /** The metadata document (by metadataDefinitionId). Default [] (empty). */
  metadata?: MetadataDocument | null;
  /** Makes a new version of the asset whose original file id this is. */
  originalFileId?: string;
  /** Bytes per part: must be the server's (100 MiB on the service; the mock's `tenovosPartSize`). */
  partSize?: number;
  /** 'auto' (default): in parts when larger than one part. true: always in parts. false: one PUT (at most 5 GiB). */
  multipart?: boolean | 'auto';
  /** Total bytes of a ReadableStream, needed to upload a stream longer than one part. */
  size?: number;
  /** Parts in flight at once. Default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  /** Multipart: the resume state after creation and after every part (plain JSON; it holds the part URLs: keep it private). */
  onStateChange?: (state: ResumeState) => void | Promise<void>;
  /** A state saved from onStateChange: the same asset and session are used, and finished parts are not sent again. */
  resumeState?: ResumeState;
  /** On failure or abort, cancel the multipart session (default true). false keeps it open to resume from the saved state. */
  cancelOnFailure?: boolean;
  /** Retries per part or PUT. Default 5. */
  maxRetries?: number;
  /** Per PUT attempt. Default 600 000. */
  timeoutMs?: number;
  /** For the PUTs only (never the client's fetch, which adds credentials). */
  fetch?: typeof fetch;
}

export interface TenovosUploadResult {
  assetId: string;
  /** The ids POST /asset answered with (objectId, fileId, originalFileId, filename). */
  asset: CreatedAsset;
  /** Multipart uploads: the final resume state. */
  state?: ResumeState;
}

/** What the helper keeps in ResumeState.data. */
interface TenovosStateData {
  provider: 'tenovos';
  asset: CreatedAsset;
  filesize: number;
  urls: string[];
}

const fail = (message: string) => new InvalidRequestError(message, { provider: PROVIDER });
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? '';

function checkTemplates(options: TenovosUploadOptions): void {
  if (typeof options.metadataTemplateId !== 'string' || options.metadataTemplateId.trim() === '') throw fail('metadataTemplateId is required (the uuid of a metadata template)');
  const ids = options.securityTemplateIds;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 50 || !ids.every((id) => typeof id === 'string' && id.trim() !== '')) {
    throw fail('securityTemplateIds must list 1 to 50 security template ids');
  }
  if (options.metadata !== undefined && options.metadata !== null && !Array.isArray(options.metadata)) throw fail('metadata must be a metadata document (an array) or null');
  if (options.metadata !== undefined) checkMetadata(PROVIDER, options.metadata, { mode: 'create' });
}

function checkName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') throw fail('name is required: the source has no file name (pass `name`, e.g. "photo.jpg")');
  if (/[/\\]/.test(name)) throw fail(`name must be a file name without a directory, got ${JSON.stringify(name)}`);
  checkFileName(PROVIDER, name, { field: 'name' });
  return name;
}


/**
 * Uploads one file to Tenovos and returns the new asset's ids. Bad input is refused before anything
 * is sent. Tenovos accepts any file type, so no type is refused. Call `waitUntilReady` next.
 */
export async function upload(client: TenovosClient, options: TenovosUploadOptions): Promise<TenovosUploadResult> {
  const { signal } = options;
  refuseUrlSource(PROVIDER, 'Tenovos', options.source, ' (only federated s3:// paths, which this helper does not create)');
  checkTemplates(options);
  const partSize = options.partSize ?? TENOVOS_PART_SIZE;
  if (!Number.isInteger(partSize) || partSize < 1) throw fail(`partSize must be a positive integer, got ${String(partSize)}`);
  if (options.size !== undefined && !(Number.isInteger(options.size) && options.size > 0)) throw fail(`size must be a positive integer, got ${String(options.size)}`);
  if (signal?.aborted) throw new AbortedError('upload aborted before it started', { provider: PROVIDER, cause: signal.reason });

  let source: Source = await openSource(options.source as SourceInput);
  try {
    const name = checkName(options.name ?? source.name ?? (typeof options.source === 'string' ? baseName(options.source) : undefined));
    let size = source.size ?? options.size;
    if (size === undefined) {
      // A stream of unknown length: hold up to one part; if it ends there, it is one PUT of known length.
      const head = await source.next(partSize + 1);
      if (!head) throw fail('the source is empty (0 bytes); there is nothing to upload');
      if (head.byteLength > partSize) {
        throw fail(`this stream is longer than one part (${partSize} bytes): Tenovos needs the total size before a multipart upload; pass \`size\` or a file, Blob or bytes`);
      }
      await source.close();
      source = await openSource(head);
      size = head.byteLength;
    }
    const useParts = options.multipart === true || (options.multipart !== false && size > partSize);
    const maxBytes = useParts ? partSize * TENOVOS_MAX_PARTS : TENOVOS_MAX_SINGLE_BYTES;
    if (size > maxBytes) {
      throw fail(
        useParts
          ? `the file is ${size} bytes, above Tenovos' limit of ${maxBytes} bytes (${TENOVOS_MAX_PARTS} parts of ${partSize} bytes)`
          : `the file is ${size} bytes, above Tenovos' limit of ${maxBytes} bytes for one PUT; use multipart`,
      );
    }
    // The shared write check too (an integer number of bytes, the documented limits), after the helper's own message with the part size.
    checkFileSize(PROVIDER, size, { method: useParts ? 'multipart' : 'single' });
    return useParts ? await multipartUpload(client, options, source, name, size, partSize) : await singleUpload(client, options, source, name);
  } finally {
    await source.close();
  }
}

async function create(client: TenovosClient, options: TenovosUploadOptions, filename: string, filesize: number | undefined) {
  const startedAt = Date.now();
  try {
    const { data } = await client.POST('/asset', {
      body: {
        filename,
        metadataTemplateId: options.metadataTemplateId,
        securityTemplateIds: options.securityTemplateIds,
        metadata: options.metadata === undefined ? [] : options.metadata,
        ...(options.originalFileId ? { originalFileId: options.originalFileId } : {}),
        ...(filesize === undefined ? {} : { filesize }),
      },
      // No signal here: an abort mid-create would leave its outcome unknown. An abort that comes during
      // the create is seen by the PUTs right after, which then cancel or recycle what was created.
    });
    if (typeof data?.objectId !== 'string' || typeof data.fileId !== 'string') {
      throw new InvalidResponseError('Tenovos create answer has no objectId or fileId', { provider: PROVIDER, body: data });
    }
    return data;
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    // Not repeated (it may have worked); look for it by name among assets created since we sent it.
    const found = await findLostAsset(client, filename, startedAt).catch(() => undefined);
    throw new AmbiguousWriteError(
      found
        ? `Tenovos did not answer POST /asset; asset ${found} named ${JSON.stringify(filename)} was created since, without a file: probably this upload's. Its upload URLs were in the lost answer, so it cannot be continued: move it to the recycle bin or upload again.`
        : `Tenovos did not answer POST /asset and a search by name found no new asset ${JSON.stringify(filename)} (search may lag behind a create). Not repeated.`,
      { provider: PROVIDER, assetId: found, cause: error },
    );
  }
}

const idsOf = (c: CreatedAsset): CreatedAsset => ({
  objectId: c.objectId,
  fileId: c.fileId,
  ...(c.filename !== undefined ? { filename: c.filename } : {}),
  ...(c.originalFileId !== undefined ? { originalFileId: c.originalFileId } : {}),
});

/**
 * Clean-up calls (cancel, recycle) are safe to repeat: cancelling a cancelled upload or recycling a
 * recycled asset changes nothing. So they are retried on 429, 5xx and lost answers, unlike creates;
 * otherwise one 503 would leave an open session or a half-made asset behind.
 */
const forCleanup = (client: TenovosClient) => client.withOptions({ retryPost: true, maxRetries: 4 });

/** Moves a created asset that never got its file to the recycle bin, the only removal Tenovos has. */
async function recycle(client: TenovosClient, assetId: string): Promise<boolean> {
  return forCleanup(client)
    .POST('/asset/{id}/delete', { params: { path: { id: assetId } }, body: { action: 'delete', deleteType: 'full' } })
    .then(() => true, () => false);
}

/** Tenovos signs each URL once: an expired one cannot be replaced. */
const noRefresh = (request: { expired: boolean }, url: string) => {
  if (!request.expired) return url;
  throw new UnsupportedError('the presigned upload URL expired and Tenovos cannot issue a new one for this upload (its URLs last 24 h); upload again', { provider: PROVIDER });
};

async function singleUpload(client: TenovosClient, options: TenovosUploadOptions, source: Source, filename: string): Promise<TenovosUploadResult> {
  const created = await create(client, options, filename, undefined);
  if (!('url' in created) || typeof created.url !== 'string') throw new InvalidResponseError('Tenovos create answer has no url', { provider: PROVIDER, body: created });
  const url = created.url;
  try {
    await putSingle({
      source,
      url: async (request) => noRefresh(request, url),
      provider: PROVIDER,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  } catch (error) {
    // An asset without its file is half-made: the recycle bin is the only removal Tenovos offers.
    const recycled = await recycle(client, created.objectId);
    throw withNote(error, recycled ? `asset ${created.objectId} was moved to the recycle bin` : `moving asset ${created.objectId} to the recycle bin failed too`);
  }
  return { assetId: created.objectId, asset: idsOf(created) };
}

async function multipartUpload(
  client: TenovosClient,
  options: TenovosUploadOptions,
  source: Source,
  filename: string,
  size: number,
  partSize: number,
): Promise<TenovosUploadResult> {
  let state = options.resumeState;
  let data: TenovosStateData;
  if (state) {
    const saved = state.data as Partial<TenovosStateData> | undefined;
    if (saved?.provider !== 'tenovos' || !saved.asset || !Array.isArray(saved.urls) || saved.filesize !== size) {
      throw fail(`resumeState is not a Tenovos upload of this ${size}-byte source`);
    }
    data = saved as TenovosStateData;
  } else {
    const created = await create(client, options, filename, size);
    if (!('uploadId' in created) || typeof created.uploadId !== 'string' || !Array.isArray(created.urls)) {
      throw new InvalidResponseError('Tenovos create answer has no uploadId and urls for a multipart upload', { provider: PROVIDER, body: created });
    }
    const expected = Math.ceil(size / partSize);
    const urls = [...created.urls].sort((a, b) => a.partNumber - b.partNumber).map((u) => u.url);
    data = { provider: 'tenovos', asset: idsOf(created), filesize: size, urls };
    if (urls.length !== expected) {
      await cancelAndRecycle(client, data, created.uploadId);
      throw new InvalidResponseError(
        `Tenovos answered ${urls.length} part URLs for ${size} bytes, where parts of ${partSize} bytes make ${expected}: pass the server's part size as \`partSize\` (the upload was cancelled)`,
        { provider: PROVIDER },
      );
    }
    state = { version: 1, sessionId: created.uploadId, partSize, size, fingerprint: '', parts: [] };
  }
  const uploadId = state.sessionId;
  const resuming = options.resumeState !== undefined;
  let result;
  try {
    result = await uploadParts({
      source,
      partSize,
      sessionId: uploadId,
      ...(resuming ? { state } : {}),
      stateData: data as unknown as Record<string, unknown>,
      getUrl: async (partNumber, request) => noRefresh(request, data.urls[partNumber - 1]!),
      provider: PROVIDER,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.onStateChange ? { onStateChange: options.onStateChange } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      maxParts: TENOVOS_MAX_PARTS,
    });
    if (result.size !== size) throw fail(`the source had ${result.size} bytes, not the ${size} given as its size`);
  } catch (error) {
    if (options.cancelOnFailure === false) throw withNote(error, `multipart upload ${uploadId} left open to resume from the saved state`);
    throw withNote(error, await cancelAndRecycle(client, data, uploadId));
  }
  await complete(client, data, uploadId, result.parts);
  return { assetId: data.asset.objectId, asset: data.asset, state: result.state };
}

/**
 * Ends a failed multipart upload: cancels the session, then recycles the asset, which would otherwise
 * stay in the library without a file (a second upload of the same file would look like a duplicate).
 * Returns what was done, for the error message.
 */
async function cancelAndRecycle(client: TenovosClient, data: TenovosStateData, uploadId: string): Promise<string> {
  if (!(await cancel(client, data, uploadId))) return `cancelling multipart upload ${uploadId} failed too`;
  const recycled = await recycle(client, data.asset.objectId);
  return `multipart upload ${uploadId} was cancelled and asset ${data.asset.objectId} ${recycled ? 'moved to the recycle bin' : 'could not be moved to the recycle bin'}`;
}

async function cancel(client: TenovosClient, data: TenovosStateData, uploadId: string): Promise<boolean> {
  return forCleanup(client)
    .POST('/asset/complete', {
      body: { fileId: data.asset.fileId, uploadId, action: 'cancel', filesize: data.filesize, ...(data.asset.filename ? { filename: data.asset.filename } : {}) },
    })
    .then(() => true, () => false);
}

async function complete(client: TenovosClient, data: TenovosStateData, uploadId: string, parts: Array<{ partNumber: number; etag: string }>) {
  const assetId = data.asset.objectId;
  try {
    await client.POST('/asset/complete', {
      body: {
        fileId: data.asset.fileId,
        uploadId,
        action: 'complete',
        filesize: data.filesize,
        ...(data.asset.filename ? { filename: data.asset.filename } : {}),
        ...(data.asset.originalFileId ? { originalFileId: data.asset.originalFileId } : {}),
        parts: parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
      },
    });
  } catch (error) {
    if (!outcomeUnknown(error)) throw withNote(error, await cancelAndRecycle(client, data, uploadId));
    // The answer was lost: the asset's file size tells whether the parts were assembled.
    const size = await client.GET('/assets/asset/{id}', { params: { path: { id: assetId } } }).then(
      ({ data: got }) => (got.data as { fileSizeInBytes?: number }).fileSizeInBytes,
      () => undefined,
    );
    if (size === data.filesize) return;
    throw new AmbiguousWriteError(`Tenovos did not answer POST /asset/complete for asset ${assetId} and the asset shows no file yet; completing again is not safe to assume`, {
      provider: PROVIDER,
      assetId,
      cause: error,
    });
  }
}
