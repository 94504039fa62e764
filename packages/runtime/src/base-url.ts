import { ConfigurationError } from './errors.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Who is asking, for error fields (`provider` = id) and messages (display name). */
export interface Named {
  provider: string;
  displayName: string;
}

/** True when credentials may travel to `url`: HTTPS, loopback, or plain HTTP explicitly allowed. */
export function mayCarryCredentials(url: URL, allowInsecure: boolean): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && (allowInsecure || LOOPBACK.test(url.hostname)));
}

export function insecureUrlError(who: Named, url: URL): ConfigurationError {
  return new ConfigurationError(
    `${who.displayName}: refusing plain-HTTP URL ${url.origin}: credentials would be sent unencrypted. Use https, a loopback host, or set allowInsecureBaseUrl: true.`,
    { provider: who.provider },
  );
}

/** Checks a base URL: absolute http(s), and HTTPS unless loopback or explicitly allowed. Returns it without a trailing slash. */
export function checkBaseUrl(who: Named, baseUrl: string, allowInsecure: boolean): string {
  let url: URL;
  const fail = (problem: string) => new ConfigurationError(`${who.displayName}: baseUrl ${problem}`, { provider: who.provider });
  try {
    url = new URL(baseUrl);
  } catch {
    throw fail(`"${baseUrl}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(`must be http(s), got ${url.protocol}`);
  if (url.username || url.password) throw fail('must not embed credentials');
  if (!mayCarryCredentials(url, allowInsecure)) throw insecureUrlError(who, url);
  return baseUrl.replace(/\/+$/, '');
}
