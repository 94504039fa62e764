import createClient, { type Client } from 'openapi-fetch';
import { apiKeyAuth, type AuthStrategy } from './auth.js';
import { checkBaseUrl } from './base-url.js';
import type { ProviderDescriptor } from './descriptor.js';
import { ConfigurationError } from './errors.js';
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, readEnv, type CallOptions, type RuntimeOptions } from './options.js';
import { safePathSerializer } from './path-serializer.js';
import { inspectSymbol } from './redact.js';
import { createProviderTransport } from './transport.js';

export interface CredentialOptions {
  /** The API key; falls back to the provider's environment variable. */
  apiKey?: string;
  /** For providers with session auth: the user's login; falls back to an environment variable. */
  username?: string;
  /** For providers with session auth: the user's password; falls back to an environment variable. */
  password?: string;
}

export type ProviderClientOptions = RuntimeOptions & CredentialOptions;

/** An openapi-fetch client for one provider, with the assetkit runtime underneath. */
export type ProviderClient<Paths extends {}> = Client<Paths, `${string}/${string}`> & {
  readonly provider: string;
  readonly baseUrl: string;
  /** A client that shares this one's credentials and session but uses other call options. */
  withOptions(options: CallOptions): ProviderClient<Paths>;
};

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
) => AuthStrategy;

function buildAuth(descriptor: ProviderDescriptor, options: ProviderClientOptions, baseUrl: string, session?: SessionAuthFactory): AuthStrategy {
  const apiKey = requireCredential(descriptor, 'apiKey', options.apiKey, descriptor.apiKey.env);
  if (!descriptor.session) return apiKeyAuth(descriptor.apiKey.header, apiKey);
  if (!session) {
    throw new ConfigurationError(`${descriptor.displayName}: the spec needs session auth but no session factory was given`, {
      provider: descriptor.provider,
    });
  }
  const username = requireCredential(descriptor, 'username', options.username, descriptor.session.env.username);
  const password = requireCredential(descriptor, 'password', options.password, descriptor.session.env.password);
  return session(descriptor, { apiKey, username, password }, baseUrl, options);
}

/**
 * Creates the typed client of one provider: openapi-fetch over the spec's paths,
 * with auth, retries, timeouts and typed errors from the runtime.
 */
export function createProviderClient<Paths extends {}>(
  descriptor: ProviderDescriptor,
  options: ProviderClientOptions = {},
  session?: SessionAuthFactory,
): ProviderClient<Paths> {
  const defaultUrl = descriptor.servers[0];
  if (!defaultUrl && !options.baseUrl) {
    throw new ConfigurationError(`${descriptor.displayName}: no baseUrl given and the spec declares no server`, {
      provider: descriptor.provider,
    });
  }
  const baseUrl = checkBaseUrl(descriptor.displayName, options.baseUrl ?? defaultUrl!, options.allowInsecureBaseUrl ?? false);
  const auth = buildAuth(descriptor, options, baseUrl, session);
  const pathSerializer = safePathSerializer(descriptor.displayName);

  function build(call: CallOptions): ProviderClient<Paths> {
    validateNumber(descriptor, 'maxRetries', call.maxRetries, 0);
    validateNumber(descriptor, 'timeoutMs', call.timeoutMs, 1);
    const transport = createProviderTransport(descriptor, { ...call, fetch: options.fetch }, auth);
    const client = createClient<Paths>({
      baseUrl,
      fetch: transport,
      // Set once here, so the transport adds nothing per request for static auth. Credentials win over extras.
      headers: { ...call.headers, ...auth.staticHeaders },
      pathSerializer,
      // Arrays go as repeated keys (ids=a&ids=b), what the providers' own SDKs send.
      querySerializer: { array: { style: 'form', explode: true } },
    });
    const describe = () => ({
      provider: descriptor.provider,
      baseUrl,
      apiKey: '[REDACTED]', // always set: buildAuth refused a client without one
      maxRetries: call.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return Object.assign(client, {
      provider: descriptor.provider,
      baseUrl,
      withOptions: (next: CallOptions) => build({ ...call, ...next }),
      toJSON: describe,
      [inspectSymbol]: () => `${descriptor.displayName}Client ${JSON.stringify(describe())}`,
    });
  }

  const { baseUrl: _b, fetch: _f, allowInsecureBaseUrl: _a, apiKey: _k, username: _u, password: _p, ...call } = options;
  return build(call);
}
