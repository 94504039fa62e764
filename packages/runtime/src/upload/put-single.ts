import { AbortedError, InvalidRequestError } from '../errors.js';
import { defaultRetryDelay, type RetryDelayOptions } from '../retry-delay.js';
import { ProgressTracker, type UploadProgress } from './progress.js';
import { checkPutHeaders, putWithRetries, type PartUrl, type PutConfig, type UrlRequest } from './put-with-retries.js';
import { openSource, type Source, type SourceInput } from './source.js';

export interface PutSingleOptions {
  source: SourceInput | Source;
  /** The presigned PUT URL, or a function that signs one (called again with `expired: true` when it expired). */
  url: PartUrl | ((request: UrlRequest) => Promise<PartUrl>);
  /** Sent as Content-Type when given (some presigned URLs are signed with one). */
  contentType?: string;
  headers?: Record<string, string>;
  /** Default 5. */
  maxRetries?: number;
  /** Per attempt, body included. Default 600 000. */
  timeoutMs?: number;
  retryDelay?: Partial<RetryDelayOptions>;
  refreshMarginMs?: number;
  signal?: AbortSignal | undefined;
  onProgress?: (progress: UploadProgress) => void;
  fetch?: typeof fetch;
  provider?: string;
  /** A ReadableStream must be held whole to be sent with a Content-Length: at most this many bytes. Default 100 MiB. */
  maxStreamBytes?: number;
  onRetry?: PutConfig['onRetry'];
}

/** One PUT of a whole source to a presigned URL, with retries (RenderNet, Tenovos single uploads). */
export async function putSingle(options: PutSingleOptions): Promise<{ etag: string; size: number }> {
  const { provider } = options;
  const headers = { ...options.headers, ...(options.contentType ? { 'content-type': options.contentType } : {}) };
  checkPutHeaders(headers);
  if (options.url === undefined || options.url === null || options.url === '') throw new InvalidRequestError('url is required');
  if (options.signal?.aborted) throw new AbortedError('upload aborted before it started', { provider, cause: options.signal.reason });
  const source = await openSource(options.source);
  const opened = source !== options.source; // a Source the caller made is the caller's to close
  try {
    let held: Uint8Array<ArrayBuffer> | undefined;
    let size = source.size;
    if (size === undefined) {
      // S3 needs a Content-Length, so a stream of unknown length is read whole first (bounded).
      const limit = options.maxStreamBytes ?? 100 * 1024 * 1024;
      held = await source.next(limit + 1);
      if (!held) throw new InvalidRequestError('the source is empty (0 bytes); there is nothing to upload', { provider });
      if (held.byteLength > limit) {
        throw new InvalidRequestError(`the stream is longer than maxStreamBytes (${limit}); use a multipart upload or pass the file`, { provider });
      }
      size = held.byteLength;
    }
    const total = size;
    const controller = new AbortController();
    const onAbort = () => controller.abort(new AbortedError('upload aborted', { provider, cause: options.signal?.reason }));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const progress = new ProgressTracker(options.onProgress, total, 1);
    let counted = 0;
    const url = options.url;
    try {
      const etag = await putWithRetries({
        partNumber: 1,
        body: (onRead) => (held ? { body: held, length: held.byteLength } : source.range(0, total, onRead)),
        url: typeof url === 'function' ? url : async () => url,
        config: {
          provider,
          fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
          maxRetries: options.maxRetries ?? 5,
          timeoutMs: options.timeoutMs ?? 600_000,
          retryDelay: { ...defaultRetryDelay, ...options.retryDelay },
          headers,
          refreshMarginMs: options.refreshMarginMs ?? 60_000,
          signal: controller.signal,
          onRetry: options.onRetry,
        },
        onBytes: (delta) => {
          counted += delta;
          progress.add(delta);
        },
      });
      progress.add(total - counted);
      progress.partDone();
      return { etag, size: total };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  } finally {
    if (opened) await source.close();
  }
}
