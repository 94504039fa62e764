import type { AuthStrategy } from './auth.js';
import { debugSink, type DebugSink } from './debug.js';
import type { ProviderDescriptor } from './descriptor.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type CallOptions, type RetryEvent, type RuntimeOptions } from './options.js';
import { AbortedError, AssetkitError, ConnectionError, InvalidResponseError, TimeoutError } from './errors.js';
import { errorFromResponse, requestIdOf } from './error-from-response.js';
import { redact } from './redact.js';
import { defaultRetryDelay, parseRetryAfter, retryDelay, type RetryDelayOptions } from './retry-delay.js';

export interface TransportConfig {
  provider: string;
  displayName: string;
  fetch: typeof fetch;
  auth: AuthStrategy;
  maxRetries: number;
  timeoutMs: number;
  retryPost: boolean;
  retryDelay: RetryDelayOptions;
  debug: DebugSink | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRY_STATUS = (status: number) => status === 408 || status === 429 || status >= 500;

/** Why an attempt's controller was aborted, so the catch block can tell a timeout from a caller abort. */
const TIMED_OUT = Symbol('timed out');

/** undici says only "fetch failed"; the system error (ECONNREFUSED, ECONNRESET, ...) is in its cause. */
function describeFailure(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  const message = e?.message ?? String(error);
  const code = e?.cause?.code ?? e?.cause?.message;
  return code && !message.includes(code) ? `${message} (${code})` : message;
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
 * The response with its body already read and parsed: json() and text() answer
 * from memory, so openapi-fetch does not parse again. (Reusing the Response
 * instead of building a new one saves a stream and a header copy per call.)
 */
function parsedResponse(response: Response, text: string, data: unknown): Response {
  Object.defineProperty(response, 'json', { value: () => Promise.resolve(data) });
  Object.defineProperty(response, 'text', { value: () => Promise.resolve(text) });
  return response;
}

/**
 * A fetch-compatible function that adds auth, a per-attempt timeout, retries with
 * backoff, and typed errors. openapi-fetch calls it with a fully built Request.
 * A 2xx resolves with a Response whose JSON body is already validated; anything
 * else rejects with an AssetkitError subclass.
 */
export function createTransport(config: TransportConfig): (request: Request) => Promise<Response> {
  const secrets = () => config.auth.secrets();
  // Called unbound: browsers' fetch throws "Illegal invocation" when `this` is not the window.
  const fetchImpl = config.fetch;

  return async function transport(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const retryable = IDEMPOTENT.has(method) || (method === 'POST' && config.retryPost);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const callerSignal = request.signal;
    const url = request.url;
    const what = () => `${config.displayName} ${method} ${new URL(url).pathname}`; // for messages only
    const aborted = () =>
      new AbortedError(`${what()} was aborted by the caller`, {
        provider: config.provider,
        cause: callerSignal.reason,
      });
    let reauthenticated = false;
    const backoff = async (error: AssetkitError, attempt: number, retryAfterMs: number | undefined) => {
      const delay = retryDelay(attempt, retryAfterMs, config.retryDelay);
      config.debug?.(`   ${error.name}; retrying in ${delay} ms`);
      config.onRetry?.({ provider: config.provider, attempt: attempt + 1, error, delayMs: delay });
      await sleep(delay, callerSignal, aborted);
    };

    for (let attempt = 0; ; attempt++) {
      if (callerSignal.aborted) throw aborted();
      const controller = new AbortController();
      const onCallerAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', onCallerAbort, { once: true });
      const timer = setTimeout(() => controller.abort(TIMED_OUT), config.timeoutMs);
      const started = Date.now();

      let response: Response;
      let text: string;
      let sent: Record<string, string> = {};
      try {
        // Static credentials are already on the request (client headers); only session tokens are added here.
        let headers = request.headers;
        if (config.auth.headers) {
          sent = await config.auth.headers(controller.signal);
          headers = new Headers(request.headers);
          for (const [name, value] of Object.entries(sent)) headers.set(name, value);
        }
        config.debug?.(`-> ${method} ${url} (attempt ${attempt + 1})`);
        // Without a body or added headers the Request itself can be sent (and re-sent): cheaper than rebuilding it.
        response = await (body === undefined && headers === request.headers
          ? fetchImpl(request, { signal: controller.signal })
          : fetchImpl(url, { method, headers, body, signal: controller.signal, redirect: 'follow' }));
        // The body is read inside the attempt: the timeout covers it, and a body cut off mid-stream is retried.
        text = await response.text();
      } catch (cause) {
        if (callerSignal.aborted) throw aborted();
        if (cause instanceof AssetkitError) throw cause; // from auth: already typed
        const error =
          controller.signal.reason === TIMED_OUT
            ? new TimeoutError(`${what()} timed out after ${config.timeoutMs} ms`, {
                provider: config.provider,
              })
            : new ConnectionError(
                `${what()} failed: ${redact(describeFailure(cause), secrets())}`,
                { provider: config.provider, cause },
              );
        if (retryable && attempt < config.maxRetries) {
          await backoff(error, attempt, undefined);
          continue;
        }
        throw error;
      } finally {
        clearTimeout(timer);
        callerSignal.removeEventListener('abort', onCallerAbort);
      }

      config.debug?.(`<- ${response.status} ${method} ${url} in ${Date.now() - started} ms`);

      if (response.ok) {
        if (text === '') return parsedResponse(response, text, undefined);
        try {
          return parsedResponse(response, text, JSON.parse(text));
        } catch (cause) {
          throw new InvalidResponseError(
            `${what()} returned ${response.status} with a body that is not JSON`,
            {
              provider: config.provider,
              status: response.status,
              requestId: requestIdOf(response.headers),
              body: redact(text.slice(0, 200), secrets()),
              response,
              cause,
            },
          );
        }
      }

      if (response.status === 401 && !reauthenticated && config.auth.onUnauthorized) {
        reauthenticated = true;
        if (await config.auth.onUnauthorized(sent, callerSignal)) {
          attempt--; // a fresh credential is not a retry
          continue;
        }
      }

      const error = errorFromResponse(config.provider, config.displayName, response, text, secrets());
      if (retryable && RETRY_STATUS(response.status) && attempt < config.maxRetries) {
        await backoff(error, attempt, parseRetryAfter(response.headers.get('retry-after')));
        continue;
      }
      throw error;
    }
  };
}

/**
 * A transport for one provider with the caller's options over the runtime's
 * defaults; the one place those defaults are applied (clients and token requests).
 */
export function createProviderTransport(
  descriptor: Pick<ProviderDescriptor, 'provider' | 'displayName'>,
  options: CallOptions & Pick<RuntimeOptions, 'fetch'>,
  auth: AuthStrategy,
  retryPost = options.retryPost ?? false,
): (request: Request) => Promise<Response> {
  return createTransport({
    provider: descriptor.provider,
    displayName: descriptor.displayName,
    fetch: options.fetch ?? globalThis.fetch,
    auth,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retryPost,
    retryDelay: { ...defaultRetryDelay, ...options.retryDelay },
    debug: debugSink(options.debug, () => auth.secrets()),
    onRetry: options.onRetry,
  });
}
