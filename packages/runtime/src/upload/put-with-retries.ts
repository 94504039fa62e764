import {
  AbortedError,
  AssetkitError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  type ErrorDetails,
} from '../errors.js';
import { parseRetryAfter, retryDelay, type RetryDelayOptions } from '../retry-delay.js';
import type { PartBody } from './source.js';

/** A presigned URL, optionally with its expiry (then it is refreshed before it runs out) and headers the URL was signed with. */
export type PartUrl = string | { url: string; expiresAt?: Date | number; headers?: Record<string, string> };

export interface UrlRequest {
  /** True when the URL given before expired (a 403 "Request has expired", or its expiresAt is near): sign a fresh one. */
  expired: boolean;
  reason: 'initial' | 'expired' | 'expiring';
  signal: AbortSignal;
}

export interface PutConfig {
  provider: string | undefined;
  fetch: typeof fetch;
  maxRetries: number;
  timeoutMs: number;
  retryDelay: RetryDelayOptions;
  headers: Record<string, string>;
  refreshMarginMs: number;
  /** Aborts every attempt at once (the caller's signal, or the engine failing fast). */
  signal: AbortSignal;
  onRetry?: ((event: { partNumber: number; attempt: number; error: AssetkitError; delayMs: number }) => void) | undefined;
}

/** Headers that carry credentials: a presigned URL is its own authorization, so none of these may travel with it. */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|accesstoken|x-amz-security-token)$/i;

export function checkPutHeaders(headers: Record<string, string>): void {
  for (const name of Object.keys(headers)) {
    if (CREDENTIAL_HEADERS.test(name)) {
      throw new InvalidRequestError(`header ${name} must not be sent to a presigned URL: the URL is signed and needs no credential`);
    }
  }
}

const TIMED_OUT = Symbol('timed out');
const xmlField = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** S3 (and S3-compatible stores, GCS, R2) answer an expired presigned URL with 403 AccessDenied "Request has expired". */
export function isExpiredAnswer(status: number, text: string): boolean {
  return status === 403 && /Request has expired|ExpiredToken|expired/i.test(xmlField(text, 'Message') ?? text.slice(0, 500));
}

/** Host and path only: the query string of a presigned URL is a credential. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function errorForStatus(status: number, message: string, details: ErrorDetails): AssetkitError {
  if (status === 400 || status === 422) return new BadRequestError(message, details);
  if (status === 401) return new AuthenticationError(message, details);
  if (status === 403) return new PermissionDeniedError(message, details);
  if (status === 404) return new NotFoundError(message, details);
  if (status === 409) return new ConflictError(message, details);
  if (status === 429) return new RateLimitError(message, details);
  if (status >= 500) return new ServerError(message, details);
  return new AssetkitError(message, details);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** At most this many fresh URLs in a row for one part that keep answering "expired" (a clock skew, most likely). */
const MAX_REFRESHES = 3;

/**
 * One PUT of one part (or a whole object), with retries on 5xx, 408, 429,
 * connection errors and timeouts, and a fresh URL when the one in hand has
 * expired or is about to. `body()` is called for every attempt, so a
 * re-readable source is read again instead of being held in memory.
 */
export async function putWithRetries(args: {
  partNumber: number;
  /** Called per attempt; `onRead` counts what a streamed body hands to fetch. */
  body: (onRead: (bytes: number) => void) => PartBody;
  url: (request: UrlRequest) => Promise<PartUrl>;
  config: PutConfig;
  /** Bytes the current attempt has handed to fetch; reset to 0 when an attempt fails. */
  onBytes?: (delta: number) => void;
}): Promise<string> {
  const { partNumber, config } = args;
  const what = `part ${partNumber}`;
  const provider = config.provider;
  let current: { url: string; expiresAt?: number; headers: Record<string, string> } | undefined;
  let refreshes = 0;

  const fetchUrl = async (reason: UrlRequest['reason']) => {
    const given = await args.url({ expired: reason !== 'initial', reason, signal: config.signal });
    const u = typeof given === 'string' ? { url: given } : given;
    if (!u || typeof u.url !== 'string' || !/^https?:\/\//i.test(u.url)) {
      throw new InvalidRequestError(`getUrl gave no http(s) URL for ${what}`, { provider });
    }
    const headers = u.headers ?? {};
    checkPutHeaders(headers);
    const expiresAt = u.expiresAt === undefined ? undefined : new Date(u.expiresAt).getTime();
    current = { url: u.url, headers, ...(expiresAt === undefined ? {} : { expiresAt }) };
  };

  for (let attempt = 0; ; attempt++) {
    if (config.signal.aborted) throw abortedError(config.signal, what, provider);
    if (!current) await fetchUrl('initial');
    // An expiry known in advance: replace the URL before it runs out, not after a 403.
    if (current!.expiresAt !== undefined && current!.expiresAt - Date.now() < config.refreshMarginMs) await fetchUrl('expiring');
    const { url, headers } = current!;

    const controller = new AbortController();
    const onAbort = () => controller.abort(config.signal.reason);
    config.signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(TIMED_OUT), config.timeoutMs);
    let sent = 0;
    let error: AssetkitError;
    let retryAfterMs: number | undefined;
    try {
      const part = args.body((n) => {
        sent += n;
        args.onBytes?.(n);
      });
      const body = part.body;
      const response = await config.fetch(url, {
        method: 'PUT',
        body,
        // Only the caller's upload headers (never a provider credential) and the length S3 requires.
        headers: { ...config.headers, ...headers, 'content-length': String(part.length) },
        signal: controller.signal,
        // Needed by Node's fetch for a stream body; ignored elsewhere.
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      if (response.ok) {
        const etag = response.headers.get('etag');
        if (!etag) {
          throw new InvalidResponseError(
            `${what}: ${describeUrl(url)} answered ${response.status} without an ETag header (in a browser, the bucket's CORS rules must expose ETag)`,
            { provider, status: response.status },
          );
        }
        return etag;
      }
      if (isExpiredAnswer(response.status, text) && refreshes < MAX_REFRESHES) {
        refreshes++;
        args.onBytes?.(-sent);
        await fetchUrl('expired');
        attempt--; // a fresh URL is not a retry
        continue;
      }
      const code = xmlField(text, 'Code');
      const said = xmlField(text, 'Message') ?? response.statusText;
      error = errorForStatus(response.status, `${what}: PUT to ${describeUrl(url)} answered ${response.status}${code ? ` ${code}` : ''}${said ? `: ${said}` : ''}`, {
        provider,
        status: response.status,
        code,
        requestId: response.headers.get('x-amz-request-id') ?? response.headers.get('x-request-id') ?? undefined,
        body: text.slice(0, 1000),
      });
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      if (!(response.status >= 500 || response.status === 408 || response.status === 429)) throw error;
    } catch (cause) {
      if (config.signal.aborted) throw abortedError(config.signal, what, provider);
      if (cause instanceof AssetkitError && !(cause instanceof ServerError || cause instanceof RateLimitError)) throw cause;
      if (cause instanceof AssetkitError) error = cause;
      else if (controller.signal.reason === TIMED_OUT) error = new TimeoutError(`${what}: PUT to ${describeUrl(url)} timed out after ${config.timeoutMs} ms`, { provider });
      else error = new ConnectionError(`${what}: PUT to ${describeUrl(url)} failed: ${describeFailure(cause)}`, { provider, cause });
    } finally {
      clearTimeout(timer);
      config.signal.removeEventListener('abort', onAbort);
    }
    args.onBytes?.(-sent);
    if (attempt >= config.maxRetries) throw error;
    const delayMs = retryDelay(attempt, retryAfterMs, config.retryDelay);
    config.onRetry?.({ partNumber, attempt: attempt + 1, error, delayMs });
    try {
      await sleep(delayMs, config.signal);
    } catch {
      throw abortedError(config.signal, what, provider);
    }
  }
}

function abortedError(signal: AbortSignal, what: string, provider: string | undefined): AssetkitError {
  // The engine aborts the other parts with the error that made it stop; surface that one.
  if (signal.reason instanceof AssetkitError) return signal.reason;
  return new AbortedError(`${what}: upload aborted`, { provider, cause: signal.reason });
}

/** undici says only "fetch failed"; the system error (ECONNRESET, ...) is in its cause. */
function describeFailure(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  const message = e?.message ?? String(error);
  const code = e?.cause?.code ?? e?.cause?.message;
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
