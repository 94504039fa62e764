import type { AuthStrategy } from './auth.js';
import { insecureUrlError, mayCarryCredentials, type Named } from './base-url.js';
import type { Log } from './log.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type RetryEvent } from './options.js';
import { AbortedError, AssetkitError, ConnectionError, InvalidResponseError, TimeoutError, UnreplayableBodyError } from './errors.js';
import { errorFromResponse } from './error-from-response.js';
import { createAlarm, type Due } from './alarm.js';
import { redact } from './redact.js';
import { defaultRetryDelay, parseRetryAfter, retryDelay, type RetryDelayOptions } from './retry-delay.js';

export interface TransportConfig extends Named {
  fetch: typeof fetch;
  auth: AuthStrategy;
  maxRetries: number;
  timeoutMs: number;
  /** Bound on the whole call (attempts plus backoff), in ms; undefined for none. */
  deadlineMs: number | undefined;
  retryPost: boolean;
  allowInsecure: boolean;
  /** The client's base URL plus "/", already checked: a request under it skips the check. */
  checkedBase?: string | undefined;
  retryDelay: RetryDelayOptions;
  /** Headers of withOptions()/the client's `headers` option, set where the request has none of that name. */
  headers: Record<string, string> | undefined;
  log: Log;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/**
 * What the typed client tells the transport about one call. openapi-fetch copies
 * unknown init keys onto its Request, so a Request that a middleware replaced
 * arrives without it (and is then sent as is, never buffered or replayed).
 */
export interface CallContext {
  /** The serialized body as the caller gave it (string, Blob, bytes, FormData, stream), for replays. */
  body?: unknown;
  /**
   * true: read the whole 2xx body inside the attempt and hand back a rebuilt Response.
   * 'defer': hand back the 2xx Response unread with the attempt's timer still armed; the client reads
   * the body, then calls release() (timedOut() and retry() tell it what a failed read means). false: neither.
   */
  buffer: boolean | 'defer';
  /** First attempt number, when the client repeats a call whose body was cut off. */
  attempt?: number;
  /**
   * false when nothing can abort the Request's signal (no caller signal, no middleware that could have
   * swapped the Request): the attempt then skips linking it to its own controller (a listener per attempt).
   */
  listen?: boolean;
  /** At most once per hand-over: with a kept controller, a second call would end whichever call holds it next. */
  release?: (() => void) | undefined;
  timedOut?: () => boolean;
  /** Backs off and resolves true when one more attempt is allowed after `error` (a body cut off). */
  retry?: (error: AssetkitError) => Promise<boolean>;
}
export const CALL_KEY = '__assetkit';

/** Texts of buffered responses, so the client does not read the body a second time. */
export const bufferedText = new WeakMap<Response, string>();

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;
/** System errors that prove the request never reached the server, so even a POST may be retried. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const SPARE_USES = 64;
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A controller kept for reuse, with how often it was used and its timer entry. */
interface Kept {
  controller: AbortController;
  uses: number;
  due: Due;
  /** The fetch init of a Request sent as is. */
  init: RequestInit;
  release: () => void;
  timedOut: () => boolean;
}

/** Why an attempt's controller was aborted, so the catch block can tell a timeout from a caller abort. */
const TIMED_OUT = Symbol('timed out');

/** undici says only "fetch failed"; the system error (ECONNREFUSED, ECONNRESET, ...) is in its cause. */
function systemCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  return cause?.code ?? cause?.message;
}

export function isOneShot(body: unknown): boolean {
  return (
    body !== null &&
    typeof body === 'object' &&
    (typeof (body as ReadableStream).getReader === 'function' || Symbol.asyncIterator in body)
  );
}

/** Sleeps `ms`, ending early (with an AbortedError) when `signal` fires. */
function sleep(ms: number, signal: AbortSignal, abortError: () => AssetkitError): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A fetch-compatible function that adds auth, a per-attempt timeout, an overall
 * deadline, retries with backoff, a URL check on every hop, and redirects that
 * never carry credentials to another origin. openapi-fetch calls it with a fully
 * built Request. It resolves with the last response, 2xx or not (the typed
 * client turns a non-2xx into an error after the middleware saw it), and
 * rejects with an AssetkitError when no response arrived.
 */
export function createTransport(config: TransportConfig): (request: Request, context?: CallContext) => Promise<Response> {
  const secrets = () => config.auth.secrets();
  // Called unbound: browsers' fetch throws "Illegal invocation" when `this` is not the window.
  const fetchImpl = config.fetch;
  const log = config.log;
  const alarm = createAlarm();
  /**
   * A controller kept for the next plain JSON call. Creating one costs as much as a Request (Node makes every
   * AbortSignal transferable), a visible share of a loopback GET. Reused only where that is harmless: no caller
   * signal or middleware (nothing else holds the Request), body read whole before the attempt ends (a later
   * abort reaches only finished fetches), never once aborted, and retired after SPARE_USES attempts, which
   * bounds the listeners that finished Requests leave on its signal until they are collected.
   */
  let spare: Kept | undefined;
  const keep = (controller: AbortController): Kept => {
    const kept: Kept = {
      controller,
      uses: 0,
      due: { at: 0, abort: () => controller.abort(TIMED_OUT) },
      init: { signal: controller.signal, redirect: 'manual' },
      release: () => {
        alarm.remove(kept.due);
        recycle(kept);
      },
      timedOut: () => controller.signal.reason === TIMED_OUT,
    };
    return kept;
  };
  const recycle = (kept: Kept | undefined) => {
    if (kept && !kept.controller.signal.aborted && kept.uses < SPARE_USES) spare = kept;
  };
  const credentialNames = () => Object.keys({ ...config.auth.staticHeaders }).map((n) => n.toLowerCase());

  return async function transport(request: Request, given?: CallContext): Promise<Response> {
    const context = given ?? ((request as unknown as Record<string, unknown>)[CALL_KEY] as CallContext | undefined);
    const method = request.method.toUpperCase();
    const safeToRepeat = IDEMPOTENT.has(method) || config.retryPost;
    // Without a context (a middleware replaced the Request) the body is sent once, as is.
    const source = context ? context.body : request.body ?? undefined;
    const oneShot = source !== undefined && source !== null && (!context || isOneShot(source));
    const callerSignal = request.signal;
    const deadline = config.deadlineMs === undefined ? Infinity : Date.now() + config.deadlineMs;
    const what = (url: string) => `${config.displayName} ${method} ${new URL(url).pathname}`; // for messages only
    const aborted = () =>
      new AbortedError(`${what(request.url)} was aborted by the caller`, { provider: config.provider, cause: callerSignal.reason });
    let reauthenticated = false;
    let bodySent = false;

    /** Waits before attempt `attempt + 1`, or returns false when the wait would pass the deadline. */
    const backoff = async (error: AssetkitError, attempt: number, retryAfterMs: number | undefined): Promise<boolean> => {
      if (retryAfterMs !== undefined && retryAfterMs > config.retryDelay.maxRetryAfterMs) return false; // the server's wait beats the cap
      const delay = retryDelay(attempt, retryAfterMs, config.retryDelay);
      if (Date.now() + delay >= deadline) return false;
      if (oneShot && bodySent) {
        throw new UnreplayableBodyError(
          `${what(request.url)} needs a retry after ${error.name} (${error.message}), but its body was a one-shot stream that was already sent. Pass a Blob, a file or bytes to allow retries.`,
          { provider: config.provider, cause: error, status: error.status, requestId: error.requestId },
        );
      }
      log.info?.(`   ${error.name}; retrying in ${delay} ms`);
      config.onRetry?.({ provider: config.provider, attempt: attempt + 1, error, delayMs: delay });
      await sleep(delay, callerSignal, aborted);
      return true;
    };

    for (let attempt = context?.attempt ?? 0; ; attempt++) {
      if (callerSignal.aborted) throw aborted();
      const listen = context?.listen !== false;
      const reuse = !listen && context?.buffer === 'defer';
      const kept = reuse ? (spare ?? keep(new AbortController())) : undefined;
      if (kept === spare) spare = undefined;
      const controller = kept?.controller ?? new AbortController();
      const onCallerAbort = listen ? () => controller.abort(callerSignal.reason) : undefined;
      if (onCallerAbort) callerSignal.addEventListener('abort', onCallerAbort, { once: true });
      const started = Date.now();
      // A kept controller brings its timer entry along: one object less per call.
      const timer: Due = kept ? kept.due : { at: 0, abort: () => controller.abort(TIMED_OUT) };
      if (kept) kept.uses++;
      timer.at = started + Math.min(config.timeoutMs, deadline - started);
      alarm.add(timer);
      let handedOver = false; // 'defer': the client releases the timer once it has read the body

      let response: Response;
      let text: string | undefined;
      let sent: Record<string, string> = {};
      let url = request.url;
      try {
        // Every request, not only the client's base URL: a per-call baseUrl must not send the key in clear text.
        if (!(config.checkedBase && url.startsWith(config.checkedBase))) {
          const target = new URL(url);
          if (!mayCarryCredentials(target, config.allowInsecure)) throw insecureUrlError(config, target);
        }
        let headers = request.headers;
        const extra = config.auth.headers ? (sent = await config.auth.headers(controller.signal)) : undefined;
        if (extra || config.headers) {
          headers = new Headers(request.headers);
          for (const [name, value] of Object.entries(config.headers ?? {})) if (!headers.has(name)) headers.set(name, value);
          for (const [name, value] of Object.entries(extra ?? {})) headers.set(name, value);
        }
        let sendMethod = method;
        let body: unknown = source;
        for (let hop = 0; ; hop++) {
          log.debug?.(`-> ${sendMethod} ${url} (attempt ${attempt + 1})`);
          // Without a body, context or added headers the Request itself can be sent: cheaper than rebuilding it.
          if (body === undefined && headers === request.headers && hop === 0) response = await fetchImpl(request, kept ? kept.init : { signal: controller.signal, redirect: 'manual' });
          else {
            const init = { method: sendMethod, headers, signal: controller.signal, redirect: 'manual' } as RequestInit & { duplex?: 'half' };
            if (body !== undefined && body !== null) {
              if (oneShot && bodySent) throw new UnreplayableBodyError(`${what(url)}: a redirect asks to resend a one-shot stream body`, { provider: config.provider });
              init.body = (context ? body : request.body) as BodyInit;
              // fetch writes a fresh multipart boundary; the Request's content-type names another one.
              if (typeof FormData !== 'undefined' && body instanceof FormData) {
                init.headers = new Headers(headers);
                init.headers.delete('content-type');
              }
              if (oneShot) init.duplex = 'half';
              bodySent = true;
            }
            response = await fetchImpl(url, init);
          }
          if (response.type === 'opaqueredirect') {
            throw new InvalidResponseError(`${what(url)} was redirected, and this platform hides where to; not followed, so credentials cannot leak`, {
              provider: config.provider,
            });
          }
          const location = REDIRECT.has(response.status) ? response.headers.get('location') : null;
          if (location === null) break;
          await response.body?.cancel();
          if (hop === MAX_REDIRECTS) throw new InvalidResponseError(`${what(url)}: more than ${MAX_REDIRECTS} redirects`, { provider: config.provider });
          const target = new URL(url);
          const next = new URL(location, target);
          if (next.origin !== target.origin) {
            // Credentials never leave the configured origin: follow without them.
            const names = [...credentialNames(), ...Object.keys(sent).map((n) => n.toLowerCase()), 'authorization', 'cookie'];
            headers = new Headers(headers);
            for (const name of names) headers.delete(name);
          } else if (!mayCarryCredentials(next, config.allowInsecure)) throw insecureUrlError(config, next);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && sendMethod === 'POST')) {
            sendMethod = sendMethod === 'HEAD' ? 'HEAD' : 'GET';
            body = undefined;
            headers = new Headers(headers);
            headers.delete('content-type');
            headers.delete('content-length');
          }
          log.debug?.(`   ${response.status} redirect to ${next.origin}${next.pathname}`);
          url = next.href;
        }
        // The body is read inside the attempt: the timeout covers it, and a body cut off mid-stream is retried.
        if (response.ok && context?.buffer === 'defer') {
          handedOver = true;
          // A kept controller brings its own release and timedOut: two closures less per call.
          context.release = kept
            ? kept.release
            : () => {
                alarm.remove(timer);
                if (onCallerAbort) callerSignal.removeEventListener('abort', onCallerAbort);
              };
          context.timedOut = kept ? kept.timedOut : () => controller.signal.reason === TIMED_OUT;
          const n = attempt;
          context.retry = async (error) => safeToRepeat && n < config.maxRetries && (await backoff(error, n, undefined));
        } else if (!response.ok || context?.buffer !== false) text = await response.text();
      } catch (cause) {
        if (callerSignal.aborted) throw aborted();
        if (cause instanceof AssetkitError) throw cause; // from auth or a check above: already typed
        const where = new URL(url);
        const timedOut = controller.signal.reason === TIMED_OUT;
        const code = systemCode(cause);
        const error = timedOut
          ? new TimeoutError(
              Date.now() >= deadline
                ? `${what(url)} passed its deadline of ${config.deadlineMs} ms after ${attempt + 1} attempt(s)`
                : `${what(url)} timed out after ${config.timeoutMs} ms (attempt ${attempt + 1} of ${config.maxRetries + 1})`,
              { provider: config.provider },
            )
          : new ConnectionError(
              `${what(url)} could not reach ${where.host}${where.port ? '' : where.protocol === 'https:' ? ':443' : ':80'}: ${redact(
                `${(cause as Error)?.message ?? String(cause)}${code ? ` (${code})` : ''}`,
                secrets(),
              )} (attempt ${attempt + 1} of ${config.maxRetries + 1})`,
              { provider: config.provider, cause, code },
            );
        // A POST is repeated only when it provably never reached the server (or the caller opted in).
        const mayRepeat = safeToRepeat || (!timedOut && code !== undefined && NOT_SENT.has(code));
        if (mayRepeat && attempt < config.maxRetries && (await backoff(error, attempt, undefined))) continue;
        log.error?.(`   ${error.message}`);
        throw error;
      } finally {
        if (!handedOver) {
          alarm.remove(timer);
          if (onCallerAbort) callerSignal.removeEventListener('abort', onCallerAbort);
          else recycle(kept);
        }
      }

      log.debug?.(`<- ${response.status} ${method} ${url} in ${Date.now() - started} ms`);
      // Rebuilt around the text already read, so the caller still gets an unread, clonable Response.
      const result = text === undefined ? response : new Response(NULL_BODY.has(response.status) ? null : text, response);
      if (text !== undefined) bufferedText.set(result, text);
      if (response.ok) return result;

      if (response.status === 401 && !reauthenticated && config.auth.onUnauthorized) {
        reauthenticated = true;
        if (await config.auth.onUnauthorized(sent, callerSignal)) {
          attempt--; // a fresh credential is not a retry
          continue;
        }
      }

      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      // A 429 or 503 with Retry-After was refused before any work: safe to repeat even for a POST.
      const mayRepeat = safeToRepeat || ((response.status === 429 || response.status === 503) && retryAfter !== undefined);
      if (mayRepeat && RETRY_STATUS(response.status) && attempt < config.maxRetries) {
        const error = errorFromResponse(config.provider, config.displayName, response, text ?? '', secrets());
        if (await backoff(error, attempt, retryAfter)) continue;
      }
      return result; // the typed client maps it to an error, after onResponse middleware saw it
    }
  };
}

/** The options a transport reads, with the runtime's defaults applied here and nowhere else. */
export interface TransportOptions {
  fetch?: typeof fetch | undefined;
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
  deadlineMs?: number | undefined;
  retryPost?: boolean | undefined;
  allowInsecureBaseUrl?: boolean | undefined;
  checkedBase?: string | undefined;
  retryDelay?: Partial<RetryDelayOptions> | undefined;
  headers?: Record<string, string> | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

export function createProviderTransport(
  who: Named,
  options: TransportOptions,
  auth: AuthStrategy,
  log: Log,
  retryPost = options.retryPost ?? false,
): (request: Request, context?: CallContext) => Promise<Response> {
  return createTransport({
    provider: who.provider,
    displayName: who.displayName,
    fetch: options.fetch ?? globalThis.fetch,
    auth,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadlineMs: options.deadlineMs,
    retryPost,
    allowInsecure: options.allowInsecureBaseUrl ?? false,
    checkedBase: options.checkedBase,
    retryDelay: { ...defaultRetryDelay, ...options.retryDelay },
    headers: options.headers && Object.keys(options.headers).length > 0 ? options.headers : undefined,
    log,
    onRetry: options.onRetry,
  });
}
