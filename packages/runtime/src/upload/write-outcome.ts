import { AssetkitError, ConnectionError, InvalidRequestError, InvalidResponseError, TimeoutError, UnsupportedError } from '../errors.js';

/**
 * True when a write went out but its answer did not come back whole, so the provider may have acted on it:
 * no answer (connection cut, timeout), a gateway's 502/504, or a 2xx whose body could not be read.
 * Such a create is reconciled or reported as ambiguous, never repeated blindly.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return true;
  if (error instanceof InvalidResponseError) return error.status === undefined || (error.status >= 200 && error.status < 300);
  return error instanceof AssetkitError && (error.status === 502 || error.status === 504);
}

/** Adds what was done about a half-made upload to the error that stopped it, so the caller reads it there. */
export function withNote<E>(error: E, note: string): E {
  if (error instanceof Error && !error.message.includes(note)) {
    try {
      error.message = `${error.message} (${note})`;
    } catch {
      // a frozen error keeps its message
    }
  }
  return error;
}

/** A `{ url }` source (import from a URL), as opposed to a path, Blob, stream or bytes. */
export const isUrlSource = (s: unknown): s is { url: string } =>
  typeof s === 'object' &&
  s !== null &&
  !(s instanceof Uint8Array) &&
  !(s instanceof ArrayBuffer) &&
  !(typeof Blob !== 'undefined' && s instanceof Blob) &&
  !('getReader' in s) &&
  'url' in s;

/**
 * For providers that import from no URL: a `{ url }` source is refused before anything is sent —
 * an InvalidRequestError when it is not even http(s), an UnsupportedError otherwise.
 */
export function refuseUrlSource(provider: string, displayName: string, source: unknown, detail = ''): void {
  if (!isUrlSource(source)) return;
  const url = String(source.url);
  if (!/^https?:\/\//i.test(url)) {
    throw new InvalidRequestError(`source.url must be an http(s) URL, got scheme ${JSON.stringify(url.split(':')[0])} (and ${displayName} imports from no URL in any case)`, { provider });
  }
  throw new UnsupportedError(`${displayName} cannot import from a URL${detail}: pass a file path, Blob, stream or bytes`, { provider });
}
