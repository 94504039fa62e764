import * as unified from '@assetkit/unified';
import type { AssetClient, AssetClientConfig } from '@assetkit/unified';
import { PROVIDERS, type Provider } from './choices.js';
import { API_KEY_VAR, envValue, type Io } from './io.js';
import { UsageError } from './usage-error.js';

/** The unified package, for commands that load it lazily (`await import('../client.js')`). */
export { unified };

/**
 * Builds the unified client from the environment only: a provider is configured
 * when its API key variable is set. Credentials are passed explicitly so the
 * `env` given to run() is the single source (tests do not leak into process.env).
 * A half-configured provider (Tenovos key without username/password) is passed
 * on as it is: it fails only when used, naming the missing variable.
 */
export function clientFromEnv(env: Io['env'], baseUrls: Partial<Record<Provider, string>>): AssetClient {
  const config: AssetClientConfig = {};
  const base = (p: Provider) => (baseUrls[p] ? { baseUrl: baseUrls[p] } : {});
  const twelvelabs = envValue(env, API_KEY_VAR.twelvelabs);
  const rendernet = envValue(env, API_KEY_VAR.rendernet);
  const tenovos = envValue(env, API_KEY_VAR.tenovos);
  if (twelvelabs) config.twelvelabs = { apiKey: twelvelabs, ...base('twelvelabs') };
  if (rendernet) config.rendernet = { apiKey: rendernet, ...base('rendernet') };
  if (tenovos) {
    config.tenovos = { apiKey: tenovos, ...base('tenovos') };
    const username = envValue(env, 'TENOVOS_USERNAME');
    const password = envValue(env, 'TENOVOS_PASSWORD');
    if (username) config.tenovos.username = username;
    if (password) config.tenovos.password = password;
  }
  if (Object.keys(config).length === 0) {
    throw new UsageError(`no provider configured: set ${PROVIDERS.map((p) => API_KEY_VAR[p]).join(', ')} (or run 'assetkit mock')`);
  }
  return unified.createAssetClient(config);
}

/** Throws a UsageError naming the variable to set when `provider` is not configured at all. */
export function requireConfigured(client: AssetClient, provider: Provider): void {
  if (!client.providers.includes(provider)) {
    throw new UsageError(`${provider} is not configured: set ${API_KEY_VAR[provider]}`);
  }
}
