import {
  AssetkitError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  type ErrorDetails,
} from './errors.js';
import { parseErrorBody } from './error-body.js';
import { redact } from './redact.js';
import { parseRetryAfter } from './retry-delay.js';

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'x-correlation-id'];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text.length > 0 ? text.slice(0, 500) : undefined;
  }
}

/** Maps a non-2xx response (its body already read as text) to the error class its status means. */
export function errorFromResponse(
  provider: string,
  displayName: string,
  response: Response,
  text: string,
  secrets: readonly (string | undefined)[],
): AssetkitError {
  const body = parseJson(redact(text, secrets));
  const parsed = parseErrorBody(body);
  const status = response.status;
  const said = parsed.message ?? response.statusText ?? '';
  const message = `${displayName} ${status}${parsed.code ? ` ${parsed.code}` : ''}${said ? `: ${said}` : ''}`;
  const details: ErrorDetails = {
    provider,
    status,
    code: parsed.code,
    requestId: requestIdOf(response.headers),
    body,
    response,
  };
  switch (true) {
    case status === 400 || status === 422:
      return new BadRequestError(message, details);
    case status === 401:
      return new AuthenticationError(message, details);
    // A provider that hides existence behind 403 (Tenovos: "Asset not found") still means not found.
    case status === 403 && /\bnot found\b/i.test(parsed.message ?? ''):
      return new NotFoundError(message, details);
    case status === 403:
      return new PermissionDeniedError(message, details);
    case status === 404:
      return new NotFoundError(message, details);
    case status === 409:
      return new ConflictError(message, details);
    case status === 429: {
      const ms = parseRetryAfter(response.headers.get('retry-after'));
      return new RateLimitError(message, { ...details, retryAfter: ms === undefined ? undefined : ms / 1000 });
    }
    case status >= 500:
      return new ServerError(message, details);
    default:
      return new AssetkitError(message, details);
  }
}
