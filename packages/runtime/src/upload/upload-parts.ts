import { AbortedError, AssetkitError, InvalidRequestError } from '../errors.js';
import { defaultRetryDelay, type RetryDelayOptions } from '../retry-delay.js';
import { ProgressTracker, type UploadProgress } from './progress.js';
import { checkPutHeaders, putWithRetries, type PartUrl, type PutConfig, type UrlRequest } from './put-with-retries.js';
import { checkResumeState, cloneState, type CompletedPart, type ResumeState } from './resume-state.js';
import { openSource, type Source, type SourceInput } from './source.js';

export interface UploadPartsOptions {
  /** A file path (Node), Blob/File, ReadableStream, Uint8Array/ArrayBuffer, or a Source from openSource(). */
  source: SourceInput | Source;
  /** Bytes per part; only the last part may be shorter. The provider usually decides it (TwelveLabs chunk_size, Tenovos 100 MB). */
  partSize: number;
  /** The provider's id of this upload session; kept in the resume state. */
  sessionId: string;
  /** A presigned PUT URL for a part: on first use, and again (`expired: true`) when the last one expired or is about to. */
  getUrl: (partNumber: number, request: UrlRequest) => Promise<PartUrl>;
  /** Parts in flight at once: a sliding window, a new part starts as soon as any part ends. Default 4. */
  concurrency?: number;
  /** A state saved by onStateChange in an earlier run: its parts are not sent again. */
  state?: ResumeState | undefined;
  /** Provider extras to keep in the resume state (asset id, object key...). */
  stateData?: Record<string, unknown>;
  /** The resume state after every change (start, each part done); save it to resume later. Called in order. */
  onStateChange?: (state: ResumeState) => void | Promise<void>;
  /** Each part as it is done (e.g. to report chunks to the provider). A throw stops the upload. */
  onPartDone?: (part: CompletedPart) => void | Promise<void>;
  onProgress?: (progress: UploadProgress) => void;
  /** Aborts every part in flight at once; the upload rejects with an AbortedError once all have stopped. */
  signal?: AbortSignal | undefined;
  /** Retries per part after the first attempt (5xx, 408, 429, resets, timeouts). Default 5. */
  maxRetries?: number;
  /** Per attempt of one part, body included. Default 600 000 (10 min). */
  timeoutMs?: number;
  retryDelay?: Partial<RetryDelayOptions>;
  /** A URL whose expiresAt is closer than this is replaced before use. Default 60 000. */
  refreshMarginMs?: number;
  /** Headers for every PUT (e.g. a provider's upload_headers). Credentials are refused: presigned URLs need none. */
  headers?: Record<string, string>;
  /** Defaults to globalThis.fetch. Never a provider client's fetch: that one adds credentials. */
  fetch?: typeof fetch;
  /** Provider id for errors (`error.provider`). */
  provider?: string;
  /** Most parts allowed (S3: 10 000). */
  maxParts?: number;
  onRetry?: PutConfig['onRetry'];
}

export interface UploadResult {
  /** Every part, ascending by partNumber (resumed ones included): what a complete call needs. */
  parts: CompletedPart[];
  /** Bytes uploaded in all (known at the end for a stream). */
  size: number;
  state: ResumeState;
}

/** How many parts `size` bytes make at `partSize`. */
export function partCount(size: number, partSize: number): number {
  return Math.ceil(size / partSize);
}

const positiveInt = (value: unknown, name: string, max = Number.MAX_SAFE_INTEGER) => {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max)) {
    throw new InvalidRequestError(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  }
};

/**
 * PUTs the parts of a source to presigned URLs: a sliding window of
 * `concurrency` parts, per-part retries with backoff, URL refresh on expiry,
 * progress, abort, and a resume state. Bad input is refused before anything is sent.
 */
export async function uploadParts(options: UploadPartsOptions): Promise<UploadResult> {
  const { partSize, sessionId, getUrl, provider } = options;
  const concurrency = options.concurrency ?? 4;
  const maxParts = options.maxParts ?? 10_000;
  positiveInt(partSize, 'partSize');
  positiveInt(concurrency, 'concurrency', 64);
  positiveInt(maxParts, 'maxParts');
  if (typeof sessionId !== 'string' || sessionId === '') throw new InvalidRequestError('sessionId must be a non-empty string');
  if (typeof getUrl !== 'function') throw new InvalidRequestError('getUrl must be a function');
  const maxRetries = options.maxRetries ?? 5;
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0)) throw new InvalidRequestError(`maxRetries must be an integer >= 0, got ${maxRetries}`);
  const timeoutMs = options.timeoutMs ?? 600_000;
  if (!(timeoutMs > 0)) throw new InvalidRequestError(`timeoutMs must be > 0, got ${timeoutMs}`);
  const headers = options.headers ?? {};
  checkPutHeaders(headers);
  if (options.signal?.aborted) throw new AbortedError('upload aborted before it started', { provider, cause: options.signal.reason });

  const source = await openSource(options.source);
  const opened = source !== options.source; // a Source the caller made is the caller's to close
  try {
    const size = source.size;
    const totalParts = size === undefined ? undefined : partCount(size, partSize);
    if (totalParts !== undefined && totalParts > maxParts) {
      throw new InvalidRequestError(`${size} bytes in parts of ${partSize} make ${totalParts} parts; at most ${maxParts} are allowed: use bigger parts`);
    }
    if (options.state) await checkResumeState(options.state, source, partSize);
    return await run(options, source, { concurrency, maxRetries, timeoutMs, headers, maxParts, totalParts });
  } finally {
    if (opened) await source.close();
  }
}

async function run(
  options: UploadPartsOptions,
  source: Source,
  o: { concurrency: number; maxRetries: number; timeoutMs: number; headers: Record<string, string>; maxParts: number; totalParts: number | undefined },
): Promise<UploadResult> {
  const { partSize, provider } = options;
  const done = new Map<number, CompletedPart>((options.state?.parts ?? []).map((p) => [p.partNumber, { ...p }]));
  const state: ResumeState = {
    version: 1,
    sessionId: options.state?.sessionId ?? options.sessionId,
    partSize,
    size: source.size ?? 0,
    fingerprint: (await source.fingerprint()) ?? '',
    parts: [],
    ...(options.stateData ?? options.state?.data ? { data: options.stateData ?? options.state?.data } : {}),
  };
  const progress = new ProgressTracker(options.onProgress, source.size, o.totalParts);
  progress.preload([...done.values()].reduce((n, p) => n + p.size, 0), done.size);

  // One controller stops every part at once: the caller's abort, or the first part that fails for good.
  const controller = new AbortController();
  let failure: AssetkitError | undefined;
  const fail = (error: unknown) => {
    if (failure) return;
    failure = error instanceof AssetkitError ? error : new AssetkitError(String(error), { provider, cause: error });
    // Not `failure` as the reason: undici re-captures the stack of the reason it rejects with.
    controller.abort();
  };
  const onCallerAbort = () => fail(new AbortedError('upload aborted', { provider, cause: options.signal?.reason }));
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  // Hooks run one at a time, in order: a state saved to disk is never overwritten by an older one.
  let hooks: Promise<void> = Promise.resolve();
  const publish = (part?: CompletedPart) => {
    state.parts = [...done.values()].sort((a, b) => a.partNumber - b.partNumber);
    const snapshot = cloneState(state);
    hooks = hooks.then(async () => {
      if (part) await options.onPartDone?.(part);
      await options.onStateChange?.(snapshot);
    });
    return hooks;
  };

  const config: PutConfig = {
    provider,
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    maxRetries: o.maxRetries,
    timeoutMs: o.timeoutMs,
    retryDelay: { ...defaultRetryDelay, ...options.retryDelay },
    headers: o.headers,
    refreshMarginMs: options.refreshMarginMs ?? 60_000,
    signal: controller.signal,
    onRetry: options.onRetry,
  };

  // The parts still to send, in order; workers take the next one as soon as they are free.
  type Job = { partNumber: number; start: number; end: number; bytes?: Uint8Array<ArrayBuffer> };
  let nextNumber = 0;
  let streamEnded = false;
  const takeJob = async (): Promise<Job | undefined> => {
    if (source.rereadable) {
      while (++nextNumber <= o.totalParts!) {
        if (done.has(nextNumber)) continue;
        const start = (nextNumber - 1) * partSize;
        return { partNumber: nextNumber, start, end: Math.min(start + partSize, source.size!) };
      }
      return undefined;
    }
    if (streamEnded) return undefined;
    const partNumber = ++nextNumber; // numbered before the read: reads are served in call order
    const bytes = await source.next(partSize);
    if (!bytes) {
      streamEnded = true;
      return undefined;
    }
    if (partNumber > o.maxParts) throw new InvalidRequestError(`the stream needs more than ${o.maxParts} parts of ${partSize} bytes: use bigger parts`, { provider });
    return { partNumber, start: (partNumber - 1) * partSize, end: (partNumber - 1) * partSize + bytes.byteLength, bytes };
  };

  const worker = async () => {
    while (!controller.signal.aborted) {
      const job = await takeJob();
      if (!job || controller.signal.aborted) return;
      let counted = 0;
      const etag = await putWithRetries({
        partNumber: job.partNumber,
        body: (onRead) => (job.bytes ? { body: job.bytes, length: job.bytes.byteLength } : source.range(job.start, job.end, onRead)),
        url: (request) => options.getUrl(job.partNumber, request),
        config,
        onBytes: (delta) => {
          counted += delta;
          progress.add(delta);
        },
      });
      const size = job.end - job.start;
      job.bytes = undefined; // the held stream part can go now
      progress.add(size - counted);
      const part = { partNumber: job.partNumber, etag, size };
      done.set(job.partNumber, part);
      progress.partDone();
      await publish(part);
    }
  };

  try {
    await publish();
    const workers = Array.from({ length: o.concurrency }, () => worker().catch(fail));
    // Settle every part before reporting: a caller that aborts the provider's session next finds no PUT still running.
    await Promise.all(workers);
    await hooks.catch(fail);
  } catch (error) {
    fail(error);
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
  if (failure) throw failure;

  const size = source.size ?? [...done.values()].reduce((n, p) => n + p.size, 0);
  if (size === 0) throw new InvalidRequestError('the source is empty (0 bytes); there is nothing to upload', { provider });
  if (source.size === undefined) {
    // A stream's totals are known only now.
    state.size = size;
    progress.totalBytes = size;
    progress.totalParts = done.size;
    progress.emit();
  }
  state.parts = [...done.values()].sort((a, b) => a.partNumber - b.partNumber);
  return { parts: state.parts.map((p) => ({ ...p })), size, state: cloneState(state) };
}
