import { AmbiguousWriteError, AssetkitError, InvalidRequestError } from '@assetkit/runtime/errors';
import { outcomeUnknown, uploadParts, type CompletedPart, type ResumeState, type Source, type UploadProgress } from '@assetkit/runtime/upload';
import type { AssetDetail, CreateMultipartUploadRequest, CreateMultipartUploadResponse, IncompleteUpload, ReportChunksResponse, TwelveLabsClient } from '../generated/index.js';
import { ChunkUrls, URLS_PER_CALL } from './chunk-urls.js';
import { ambiguousCreate, withSessionNote } from './errors.js';
import type { AssetKind } from './limits.js';

const provider = 'twelvelabs';

/** What a TwelveLabs resume state keeps beside the engine's parts (ResumeState.data). */
export interface TwelveLabsSessionData {
  provider: 'twelvelabs';
  uploadId: string;
  /** Reserved at create; unknown (undefined) only for a session recovered after a lost create answer, until the first report. */
  assetId: string | undefined;
  chunkSize: number;
  totalChunks: number;
  filename: string;
  kind: AssetKind;
  /** Session expiry (24 h after create): after it the upload cannot be resumed. */
  expiresAt: string | undefined;
}

export interface MultipartOptions {
  client: TwelveLabsClient;
  source: Source;
  size: number;
  filename: string;
  kind: AssetKind;
  metadata: Record<string, string | number | boolean> | undefined;
  enableHls: boolean | undefined;
  enableThumbnail: boolean | undefined;
  concurrency: number;
  /** Chunks per report call at most (the vendor's SDK uses 10; no limit is documented). */
  reportBatch: number;
  resumeState: ResumeState | undefined;
  signal: AbortSignal | undefined;
  onProgress: ((p: UploadProgress) => void) | undefined;
  onStateChange: ((state: ResumeState) => void | Promise<void>) | undefined;
  maxRetries: number | undefined;
  timeoutMs: number | undefined;
  fetch: typeof fetch | undefined;
}

export interface MultipartResult {
  assetId: string;
  asset: AssetDetail;
  state: ResumeState;
}

const sessionNote = (data: TwelveLabsSessionData) =>
  `TwelveLabs has no operation to cancel a multipart upload: session ${data.uploadId} stays incomplete (GET /assets/multipart-uploads lists it) until it expires${data.expiresAt ? ` at ${data.expiresAt}` : ' 24 h after it was created'}, and asset ${data.assetId ?? '(id not known yet)'} never becomes usable; pass the last saved state as resumeState to finish it before then`;

/** Sessions that could be the one a lost create made: same size, created since just before the call (2 min for clock skew). */
async function findRecentSessions(client: TwelveLabsClient, size: number, since: number, signal: AbortSignal | undefined): Promise<IncompleteUpload[]> {
  const found: IncompleteUpload[] = [];
  for (let page = 1; page <= 20; page++) {
    const { data } = await client.GET('/assets/multipart-uploads', { params: { query: { page, page_limit: 50 } }, signal });
    for (const s of data.data) {
      const created = s.created_at ? Date.parse(s.created_at) : NaN;
      if (s.status === 'active' && s.total_size === size && !(created < since - 120_000)) found.push(s);
    }
    if (page >= data.page_info.total_page) break;
  }
  return found;
}

/**
 * Creates the session. A create whose answer was lost is not repeated blindly:
 * the incomplete uploads are listed, and one matching session is adopted; none
 * means it was not made (so it is made now, once); several is ambiguous.
 */
async function createSession(client: TwelveLabsClient, body: CreateMultipartUploadRequest, signal: AbortSignal | undefined): Promise<CreateMultipartUploadResponse> {
  const started = Date.now();
  const create = async () => (await client.POST('/assets/multipart-uploads', { body, signal })).data;
  try {
    return await create();
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    let found: IncompleteUpload[];
    try {
      found = await findRecentSessions(client, body.total_size, started, signal);
    } catch (listError) {
      throw ambiguousCreate('creating the multipart upload session', error, `Listing incomplete uploads to check failed too (${(listError as Error).message}); check GET /assets/multipart-uploads before retrying.`);
    }
    if (found.length === 0) return create(); // provably not made
    if (found.length === 1) {
      const s = found[0]!;
      return { upload_id: s.upload_id, chunk_size: s.chunk_size, total_chunks: s.total_chunks, ...(s.expires_at && { expires_at: s.expires_at }) };
    }
    throw ambiguousCreate(
      'creating the multipart upload session',
      error,
      `${found.length} incomplete sessions of ${body.total_size} bytes were created since (${found.map((s) => s.upload_id).join(', ')}); which one is this upload's cannot be told.`,
    );
  }
}

/** Reports chunks as their PUTs finish, in batches, without holding back the PUTs. */
class Reporter {
  private pending: CompletedPart[] = [];
  private running: Promise<void> | undefined;
  private failure: unknown;
  last: ReportChunksResponse | undefined;

  constructor(
    private readonly send: (parts: CompletedPart[]) => Promise<ReportChunksResponse>,
    private readonly batch: number,
  ) {}

  add(part: CompletedPart): void {
    if (this.failure) throw this.failure;
    this.pending.push(part);
    if (!this.running && this.pending.length >= this.batch) this.kick(false);
  }

  // Only full batches go out while parts are still arriving, so the number of report calls does not
  // depend on how PUTs and reports interleave; flush() sends the remainder.
  private kick(all: boolean): void {
    this.running = (async () => {
      try {
        while (this.pending.length >= (all ? 1 : this.batch)) {
          const parts = this.pending.splice(0, Math.min(URLS_PER_CALL, Math.max(this.batch, this.pending.length)));
          this.last = await this.send(parts);
        }
      } catch (error) {
        this.failure ??= error;
      } finally {
        this.running = undefined;
      }
    })();
  }

  /** Reports everything still pending; rethrows a report that failed. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    this.kick(true);
    await this.flush();
  }
}

export async function uploadMultipart(o: MultipartOptions): Promise<MultipartResult> {
  const { client, signal } = o;
  // Reporting and asking for URLs are safe to repeat (duplicates are counted and ignored; URLs are only issued),
  // so those two POSTs may be retried; the create is not.
  const repeatable = client.withOptions({ retryPost: true });

  let data: TwelveLabsSessionData;
  let initialUrls: CreateMultipartUploadResponse['upload_urls'];
  let headers: Record<string, string> = {};
  if (o.resumeState) {
    const saved = o.resumeState.data as Partial<TwelveLabsSessionData> | undefined;
    if (saved?.provider !== 'twelvelabs' || typeof saved.uploadId !== 'string' || typeof saved.chunkSize !== 'number' || typeof saved.totalChunks !== 'number') {
      throw new InvalidRequestError('resumeState is not the state of a TwelveLabs multipart upload (its data has no uploadId and chunkSize)', { provider });
    }
    data = { ...(saved as TwelveLabsSessionData) };
    const { data: status } = await client.GET('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: data.uploadId }, query: { page_limit: 1 } }, signal });
    if (status.status !== 'active' && status.status !== 'completed') {
      throw new InvalidRequestError(`the saved TwelveLabs upload session ${data.uploadId} is ${status.status}: it cannot be resumed; start a new upload`, { provider });
    }
    if (status.status === 'completed' && data.assetId) {
      // The earlier run finished everything but the answer (or the caller) stopped: nothing to send.
      const { data: asset } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: data.assetId } }, signal });
      return { assetId: data.assetId, asset, state: o.resumeState };
    }
    headers = { 'content-type': 'application/octet-stream' };
  } else {
    const body: CreateMultipartUploadRequest = {
      filename: o.filename,
      type: o.kind as CreateMultipartUploadRequest['type'],
      total_size: o.size,
      ...(o.enableHls !== undefined && { enable_hls: o.enableHls }),
      ...(o.enableThumbnail !== undefined && { enable_thumbnail: o.enableThumbnail }),
      ...(o.metadata && { user_metadata: o.metadata }),
    };
    const created = await createSession(client, body, signal);
    if (!created.upload_id || !created.chunk_size) throw new AssetkitError('TwelveLabs created a multipart session without upload_id or chunk_size', { provider, body: created });
    data = {
      provider,
      uploadId: created.upload_id,
      assetId: created.asset_id,
      chunkSize: created.chunk_size,
      totalChunks: created.total_chunks ?? Math.ceil(o.size / created.chunk_size),
      filename: o.filename,
      kind: o.kind,
      expiresAt: created.expires_at,
    };
    initialUrls = created.upload_urls;
    // PYDOC: send upload_headers with every chunk (the SDK wrappers send Content-Type: application/octet-stream).
    headers = { 'content-type': 'application/octet-stream', ...created.upload_headers };
  }
  const expected = Math.ceil(o.size / data.chunkSize);
  if (data.totalChunks !== expected) {
    throw withSessionNote(new AssetkitError(`TwelveLabs says ${data.totalChunks} chunks of ${data.chunkSize} bytes for ${o.size} bytes; ${expected} expected`, { provider }), sessionNote(data));
  }

  const chunkSizeOf = (n: number) => (n < data.totalChunks ? data.chunkSize : o.size - data.chunkSize * (data.totalChunks - 1));
  const reporter = new Reporter(async (parts) => {
    const { data: answer } = await repeatable.POST('/assets/multipart-uploads/{upload_id}', {
      params: { path: { upload_id: data.uploadId } },
      // The SDK wrappers strip the quotes around the ETag; the proof is the bare hex.
      body: { completed_chunks: parts.map((p) => ({ chunk_index: p.partNumber, proof: p.etag.replace(/^"|"$/g, ''), proof_type: 'etag' as const, chunk_size: p.size })) },
    });
    if (answer.asset_id && !data.assetId) data.assetId = answer.asset_id;
    return answer;
  }, o.reportBatch);
  const urls = new ChunkUrls(
    data.totalChunks,
    async (start, count, urlSignal) => {
      const { data: answer } = await repeatable.POST('/assets/multipart-uploads/{upload_id}/presigned-urls', {
        params: { path: { upload_id: data.uploadId } },
        body: { start, count },
        signal: urlSignal,
      });
      return answer.upload_urls ?? [];
    },
    Math.max(2 * o.concurrency, 8),
  );
  urls.add(initialUrls);

  try {
    // Parts done in an earlier run may not have been reported before it stopped: report them again (duplicates are ignored).
    for (const p of o.resumeState?.parts ?? []) reporter.add(p);
    await reporter.flush();

    const result = await uploadParts({
      source: o.source,
      partSize: data.chunkSize,
      sessionId: data.uploadId,
      maxParts: data.totalChunks,
      concurrency: o.concurrency,
      getUrl: (n, request) => urls.get(n, request),
      headers,
      stateData: data as unknown as Record<string, unknown>,
      ...(o.resumeState && { state: o.resumeState }),
      onPartDone: (part) => {
        if (part.size !== chunkSizeOf(part.partNumber)) {
          throw new InvalidRequestError(`chunk ${part.partNumber} has ${part.size} bytes; the session expects ${chunkSizeOf(part.partNumber)} (the source is not ${o.size} bytes long)`, { provider });
        }
        reporter.add(part);
      },
      ...(o.onStateChange && { onStateChange: o.onStateChange }),
      ...(o.onProgress && { onProgress: o.onProgress }),
      ...(signal && { signal }),
      ...(o.maxRetries !== undefined && { maxRetries: o.maxRetries }),
      ...(o.timeoutMs !== undefined && { timeoutMs: o.timeoutMs }),
      ...(o.fetch && { fetch: o.fetch }),
      provider,
    });
    if (result.size !== o.size) {
      throw new InvalidRequestError(`the stream held ${result.size} bytes, not the ${o.size} given as size`, { provider });
    }
    await reporter.flush();

    // Completion as the vendor documents it: the report answer carries `url` once every chunk is in;
    // otherwise the session status must say `completed`.
    const last = reporter.last;
    if (!(last?.url && last.total_completed === data.totalChunks)) await confirmCompleted(client, data, signal);
    const assetId = data.assetId ?? last?.asset_id;
    if (!assetId) throw new AmbiguousWriteError(`TwelveLabs completed upload ${data.uploadId} but never said its asset id`, { provider });
    const { data: asset } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: assetId } }, signal });
    return { assetId, asset, state: result.state };
  } catch (error) {
    // Nothing to cancel on TwelveLabs' side: say what is left behind and how to finish it.
    throw withSessionNote(error, sessionNote(data));
  }
}

async function confirmCompleted(client: TwelveLabsClient, data: TwelveLabsSessionData, signal: AbortSignal | undefined): Promise<void> {
  const failed: string[] = [];
  for (let page = 1; page <= Math.ceil(data.totalChunks / 50); page++) {
    const { data: status } = await client.GET('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: data.uploadId }, query: { page, page_limit: 50 } }, signal });
    if (status.status === 'completed') return;
    for (const c of status.uploaded_chunks ?? []) if (c.status !== 'completed') failed.push(`${c.index} ${c.status}${c.error ? ` (${c.error})` : ''}`);
    if (page === 1 && status.status !== 'active') throw new AssetkitError(`TwelveLabs upload session ${data.uploadId} is ${status.status}`, { provider, code: status.status, body: status });
  }
  throw new AssetkitError(`every chunk was sent and reported, but TwelveLabs upload session ${data.uploadId} is not completed; chunks not accepted: ${failed.slice(0, 10).join(', ') || 'none listed'}`, {
    provider,
    code: 'incomplete',
  });
}
