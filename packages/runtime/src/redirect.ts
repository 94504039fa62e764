import { insecureUrlError, mayCarryCredentials, type Named } from './base-url.js';
import { InvalidResponseError } from './errors.js';
import type { Log } from './log.js';

const MAX_REDIRECTS = 5;

/** One hop's request, as the transport is about to resend it. */
export interface Hop {
  url: string;
  method: string;
  body: unknown;
  headers: Headers;
}

/**
 * Turns a 3xx with a Location into the next hop, or throws. Only the Node build follows redirects:
 * in a browser `redirect: 'manual'` hides the target (an opaque redirect), so this code would never run
 * there and stays out of browser bundles (createProviderClient passes it in, see create-client.ts).
 */
export type FollowRedirect = (
  who: Named & { allowInsecure: boolean; log: Log },
  hop: number,
  status: number,
  location: string,
  request: Hop,
  /** Lower-case names of every header that carries a credential. */
  credentialNames: () => string[],
  what: (url: string) => string,
) => Hop;

export const followRedirect: FollowRedirect = (who, hop, status, location, request, credentialNames, what) => {
  if (hop === MAX_REDIRECTS) throw new InvalidResponseError(`${what(request.url)}: more than ${MAX_REDIRECTS} redirects`, { provider: who.provider });
  let { method, body, headers } = request;
  const target = new URL(request.url);
  const next = new URL(location, target);
  if (next.origin !== target.origin) {
    // Credentials never leave the configured origin: follow without them.
    headers = new Headers(headers);
    for (const name of [...credentialNames(), 'authorization', 'cookie']) headers.delete(name);
  } else if (!mayCarryCredentials(next, who.allowInsecure)) throw insecureUrlError(who, next);
  if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
    method = method === 'HEAD' ? 'HEAD' : 'GET';
    body = undefined;
    headers = new Headers(headers);
    headers.delete('content-type');
    headers.delete('content-length');
  }
  who.log.debug?.(`   ${status} redirect to ${next.origin}${next.pathname}`);
  return { url: next.href, method, body, headers };
};
