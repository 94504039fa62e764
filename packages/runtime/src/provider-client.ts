import createClient, { defaultBodySerializer, type FetchOptions } from 'openapi-fetch';
import { apiKeyAuth, type AuthStrategy } from './auth.js';
import { checkBaseUrl } from './base-url.js';
import type { AssetkitClient } from './client-types.js';
import { checkHeaderCredential } from './credentials.js';
import type { ProviderDescriptor } from './descriptor.js';
import { errorFromResponse, requestIdOf } from './error-from-response.js';
import { AbortedError, AssetkitError, ConfigurationError, ConnectionError, InvalidResponseError, TimeoutError } from './errors.js';
import type { LogFactory } from './log.js';
import { noLog } from './no-log.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, readEnv, type CallOptions, type RuntimeOptions } from './options.js';
import { safePathSerializer } from './path-serializer.js';
import { inspectSymbol, redact } from './redact.js';
import { bufferedText, CALL_KEY, createProviderTransport, isOneShot, type CallContext } from './transport.js';
import { RUNTIME_VERSION } from './version.js';

export interface CredentialOptions {
  /** The API key; falls back to the provider's environment variable. */
  apiKey?: string;
  /** For providers with session auth: the user's login; falls back to an environment variable. */
  username?: string;
  /** For providers with session auth: the user's password; falls back to an environment variable. */
  password?: string;
}

export type ProviderClientOptions = RuntimeOptions & CredentialOptions;

/** An openapi-fetch client for one provider, with the assetkit runtime underneath; calls throw typed errors. */
export type ProviderClient<Paths extends {}> = AssetkitClient<Paths>;

function requireCredential(descriptor: ProviderDescriptor, what: string, value: string | undefined, env: string): string {
  const resolved = value ?? readEnv(env);
  if (resolved === undefined || resolved === '') {
    throw new ConfigurationError(
      `${descriptor.displayName}: no ${what} given. Pass { ${what} } or set the ${env} environment variable.`,
      { provider: descriptor.provider },
    );
  }
  return resolved;
}

function validateNumber(descriptor: ProviderDescriptor, name: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= min)) {
    throw new ConfigurationError(`${descriptor.displayName}: ${name} must be a number >= ${min}, got ${String(value)}`, {
      provider: descriptor.provider,
    });
  }
}

/** Builds a session strategy for providers whose spec has a token operation; passed in so other bundles leave it out. */
export type SessionAuthFactory = (
  descriptor: ProviderDescriptor,
  credentials: { apiKey: string; username: string; password: string },
  baseUrl: string,
  options: RuntimeOptions,
  /** The client's log factory (absent: logging off), so the token requests log like the client's own. */
  makeLog?: LogFactory,
) => AuthStrategy;

function buildAuth(
  descriptor: ProviderDescriptor,
  options: ProviderClientOptions,
  baseUrl: string,
  session: SessionAuthFactory | undefined,
  makeLog: LogFactory | undefined,
): AuthStrategy {
  const apiKey = requireCredential(descriptor, 'apiKey', options.apiKey, descriptor.apiKey.env);
  // Named by where it came from, never shown: fetch would otherwise throw a TypeError quoting the key.
  checkHeaderCredential(descriptor.provider, descriptor.displayName, options.apiKey !== undefined ? 'the apiKey option' : descriptor.apiKey.env, apiKey);
  if (!descriptor.session) return apiKeyAuth(descriptor.apiKey.header, apiKey);
  if (!session) {
    throw new ConfigurationError(`${descriptor.displayName}: the spec needs session auth but no session factory was given`, {
      provider: descriptor.provider,
    });
  }
  const username = requireCredential(descriptor, 'username', options.username, descriptor.session.env.username);
  const password = requireCredential(descriptor, 'password', options.password, descriptor.session.env.password);
  return session(descriptor, { apiKey, username, password }, baseUrl, options, makeLog);
}

/** "assetkit-twelvelabs[/version] assetkit-runtime/0.1.0"; browsers do not let a page set it, so only elsewhere. */
function userAgent(descriptor: ProviderDescriptor): Record<string, string> {
  if ((globalThis as { document?: unknown }).document !== undefined) return {};
  const pkg = `assetkit-${descriptor.provider}${descriptor.version ? `/${descriptor.version}` : ''}`;
  return { 'user-agent': `${pkg} assetkit-runtime/${RUNTIME_VERSION}` };
}

/** openapi-fetch's default, except that binary bodies go as they are (it would send a Blob as "{}"). */
function serializeBody(body: unknown, headers?: unknown): unknown {
  const binary =
    (typeof Blob !== 'undefined' && body instanceof Blob) || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || isOneShot(body);
  return binary ? body : (defaultBodySerializer as (b: unknown, h?: unknown) => unknown)(body, headers);
}

const STREAMED: CallContext = { buffer: false };

/** Ends a handed-over attempt once: its controller may be reused by the next call right after. */
function release(context: CallContext): void {
  const done = context.release;
  context.release = undefined;
  done?.();
}
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
type Init = FetchOptions<unknown> & { [key: string]: unknown };
type Call = (url: string, init?: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * The typed client of one provider: openapi-fetch over the spec's paths, with auth, retries,
 * timeouts and typed errors from the runtime. `makeLog` is createLog where logging is bundled
 * (Node, or a browser page that called enableLogging()); without it, asking for logs is refused.
 */
export function makeProviderClient<Paths extends {}>(
  descriptor: ProviderDescriptor,
  options: ProviderClientOptions,
  session: SessionAuthFactory | undefined,
  makeLog: LogFactory | undefined,
): ProviderClient<Paths> {
  const defaultUrl = descriptor.servers[0];
  if (!defaultUrl && !options.baseUrl) {
    throw new ConfigurationError(`${descriptor.displayName}: no baseUrl given and the spec declares no server`, {
      provider: descriptor.provider,
    });
  }
  const baseUrl = checkBaseUrl(descriptor, options.baseUrl ?? defaultUrl!, options.allowInsecureBaseUrl ?? false);
  const auth = buildAuth(descriptor, options, baseUrl, session, makeLog);
  const secrets = () => auth.secrets();
  // One openapi-fetch client per root client: middleware registered with use() lives here, shared by withOptions() clients.
  const base = createClient<Paths>({
    baseUrl,
    // Set once here, so the transport adds nothing per request for static auth. Credentials win over extras.
    headers: { ...userAgent(descriptor), ...auth.staticHeaders },
    pathSerializer: safePathSerializer(descriptor),
    // Arrays go as repeated keys (ids=a&ids=b), what the providers' own SDKs send.
    querySerializer: { array: { style: 'form', explode: true } },
  }) as unknown as Record<(typeof METHODS)[number], Call> & Pick<AssetkitClient<Paths>, 'use' | 'eject'>;
  // Once any middleware is registered, a Request may have been swapped for one with its own signal: every attempt listens.
  let middleware = false;
  const use: typeof base.use = (...m) => ((middleware = true), base.use(...m));
  if (options.middleware?.length) use(...options.middleware);

  /** A non-2xx becomes the typed error here, after openapi-fetch ran the onResponse middleware on it. */
  const fail = (response: Response, error: unknown): never => {
    const text = bufferedText.get(response) ?? (typeof error === 'string' ? error : error === undefined ? '' : JSON.stringify(error));
    throw errorFromResponse(descriptor.provider, descriptor.displayName, response, text, secrets());
  };

  function build(call: CallOptions): ProviderClient<Paths> {
    validateNumber(descriptor, 'maxRetries', call.maxRetries, 0);
    validateNumber(descriptor, 'timeoutMs', call.timeoutMs, 1);
    validateNumber(descriptor, 'deadlineMs', call.deadlineMs, 1);
    const log = makeLog ? makeLog(call, secrets) : noLog(descriptor, call);
    const transport = createProviderTransport(descriptor, { ...call, fetch: options.fetch, allowInsecureBaseUrl: options.allowInsecureBaseUrl, checkedBase: `${baseUrl}/` }, auth, log);
    // Bodiless calls (most) need no per-call context: one shared fetch per parse mode.
    const streamed = (request: Request) => transport(request, STREAMED);

    const method = (name: (typeof METHODS)[number]) =>
      async function call(url: string, init?: Init, attempt = 0): Promise<unknown> {
        const parseAs = init?.parseAs ?? 'json';
        let options: Init;
        // JSON calls: openapi-fetch leaves the body to us ('stream'); read here, inside the attempt's timer.
        const context: CallContext = {
          buffer: parseAs === 'json' ? 'defer' : false,
          attempt,
          listen: middleware || init?.signal != null || init?.middleware !== undefined,
        };
        if (init?.body === undefined) {
          options = parseAs === 'json' ? { ...init, parseAs: 'stream', fetch: init?.fetch ?? ((r: Request) => transport(r, context)) } : { ...init, fetch: init?.fetch ?? streamed };
        } else {
          const serialize = (init.bodySerializer ?? serializeBody) as (body: unknown, headers?: unknown) => unknown;
          options = {
            ...init,
            fetch: init.fetch ?? transport,
            parseAs: parseAs === 'json' ? 'stream' : parseAs,
            // Keeps the body as given (a Blob or file is re-read per attempt, a stream is never buffered).
            bodySerializer: (body: unknown, headers?: unknown) => (context.body = serialize(body, headers)),
            // A stream body needs duplex in Node's Request; openapi-fetch passes unknown init keys through (and onto the Request).
            ...(isOneShot(init.body) ? { duplex: 'half' } : {}),
            [CALL_KEY]: context,
          } as Init;
        }
        let text: string | undefined;
        let result: { data?: unknown; error?: unknown; response: Response };
        try {
          result = await base[name](url, options);
          if (result.response.ok && parseAs === 'json') text = bufferedText.get(result.response) ?? (await result.response.text());
        } catch (cause) {
          if (cause instanceof AssetkitError || !context.release) throw cause;
          const error = context.timedOut!()
            ? new TimeoutError(`${descriptor.displayName} ${name} ${url} timed out reading the body (attempt ${attempt + 1})`, { provider: descriptor.provider })
            : new ConnectionError(`${descriptor.displayName} ${name} ${url}: the body was cut off (${redact(String((cause as Error)?.message ?? cause), secrets())}; attempt ${attempt + 1})`, {
                provider: descriptor.provider,
                cause,
              });
          release(context);
          if (init?.signal?.aborted) throw new AbortedError(`${descriptor.displayName} ${name} ${url} was aborted by the caller`, { provider: descriptor.provider, cause: init.signal.reason });
          if (await context.retry!(error)) return call(url, init, attempt + 1);
          throw error;
        } finally {
          release(context);
        }
        const { data, error, response } = result;
        if (!response.ok) fail(response, error);
        const requestId = requestIdOf(response.headers);
        if (parseAs !== 'json' || text === undefined) return { data, response, requestId };
        if (text === '') return { data: undefined, response, requestId };
        try {
          return { data: JSON.parse(text), response, requestId };
        } catch (cause) {
          throw new InvalidResponseError(`${descriptor.displayName} ${name} ${new URL(response.url || baseUrl).pathname} returned ${response.status} with a body that is not JSON`, {
            provider: descriptor.provider,
            status: response.status,
            requestId,
            body: redact(text.slice(0, 200), secrets()),
            response,
            cause,
          });
        }
      };

    const describe = () => ({
      provider: descriptor.provider,
      baseUrl,
      apiKey: '[REDACTED]', // always set: buildAuth refused a client without one
      maxRetries: call.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const client = Object.fromEntries(METHODS.map((m) => [m, method(m)]));
    return Object.assign(client, {
      use,
      eject: base.eject,
      provider: descriptor.provider,
      baseUrl,
      withOptions: (next: CallOptions) => build({ ...call, ...next }),
      toJSON: describe,
      [inspectSymbol]: () => `${descriptor.displayName}Client ${JSON.stringify(describe())}`,
    }) as unknown as ProviderClient<Paths>;
  }

  const { baseUrl: _b, fetch: _f, allowInsecureBaseUrl: _a, apiKey: _k, username: _u, password: _p, middleware: _m, ...call } = options;
  return build(call);
}
