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

/** The error class a status means (429, 5xx and Tenovos' 403 "not found" are decided in errorFromResponse). */
const BY_STATUS: Record<number, typeof AssetkitError> = {
  400: BadRequestError,
  422: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
};

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
  if (status === 429) {
    const ms = parseRetryAfter(response.headers.get('retry-after'));
    return new RateLimitError(message, { ...details, retryAfter: ms === undefined ? undefined : ms / 1000 });
  }
  // A provider that hides existence behind 403 (Tenovos: "Asset not found") still means not found.
  const Class = status === 403 && /\bnot found\b/i.test(parsed.message ?? '') ? NotFoundError : (BY_STATUS[status] ?? (status >= 500 ? ServerError : AssetkitError));
  return new Class(message, details);
}
