import { ConfigurationError } from './errors.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Checks a base URL: absolute http(s), and HTTPS unless loopback or explicitly allowed. Returns it without a trailing slash. */
export function checkBaseUrl(provider: string, baseUrl: string, allowInsecure: boolean): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigurationError(`${provider}: baseUrl "${baseUrl}" is not an absolute URL`, { provider });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`${provider}: baseUrl must be http(s), got ${url.protocol}`, { provider });
  }
  if (url.username || url.password) {
    throw new ConfigurationError(`${provider}: baseUrl must not embed credentials`, { provider });
  }
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !allowInsecure) {
    throw new ConfigurationError(
      `${provider}: refusing plain-HTTP baseUrl ${url.origin}: credentials would be sent unencrypted. Use https, a loopback host, or set allowInsecureBaseUrl: true.`,
      { provider },
    );
  }
  return baseUrl.replace(/\/+$/, '');
}
