import { inspectSymbol } from './redact.js';

/** Stable discriminator, usable where `instanceof` is not (two copies of the package, serialized errors). */
export type ErrorType =
  | 'bad_request'
  | 'authentication'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'rate_limit'
  | 'server'
  | 'api'
  | 'connection'
  | 'timeout'
  | 'aborted'
  | 'invalid_response'
  | 'invalid_request'
  | 'configuration'
  | 'unsupported'
  | 'unreplayable_body'
  | 'asset_failed'
  | 'ambiguous_write';

export interface ErrorDetails {
  provider?: string | undefined;
  status?: number | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
  /** The parsed error body, as the provider sent it. */
  body?: unknown;
  response?: Response | undefined;
  cause?: unknown;
}

/** Base of every error assetkit throws. Carries what the provider said, never a credential. */
export class AssetkitError extends Error {
  // Written out, not new.target.name: minifiers rename classes in browser bundles.
  override name = 'AssetkitError';
  readonly type: ErrorType = 'api';
  // Declared, not initialized: the constructor sets them, and no field initializers means less code in every bundle.
  declare readonly provider: string | undefined;
  declare readonly status: number | undefined;
  declare readonly code: string | undefined;
  declare readonly requestId: string | undefined;
  declare readonly body: unknown;
  /** The raw HTTP response, when there was one (non-enumerable: it is large and not serializable). */
  declare readonly response: Response | undefined;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.provider = details.provider;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.body = details.body;
    Object.defineProperty(this, 'response', { value: details.response, enumerable: false });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      type: this.type,
      message: this.message,
      provider: this.provider,
      status: this.status,
      code: this.code,
      requestId: this.requestId,
      body: this.body,
    };
  }

  [inspectSymbol](): string {
    const where = [this.provider, this.status, this.code].filter((v) => v !== undefined).join(' ');
    return `${this.name}${where ? ` [${where}]` : ''}: ${this.message}${this.stack ? `\n${this.stack.split('\n').slice(1).join('\n')}` : ''}`;
  }
}

/** 400 or 422: the provider rejected the request's parameters. */
export class BadRequestError extends AssetkitError {
  override readonly type = 'bad_request';
  override name = 'BadRequestError';
}
/** 401: the credential is missing, wrong or expired. */
export class AuthenticationError extends AssetkitError {
  override readonly type = 'authentication';
  override name = 'AuthenticationError';
}
/** 403: the credential is valid but may not do this. */
export class PermissionDeniedError extends AssetkitError {
  override readonly type = 'permission_denied';
  override name = 'PermissionDeniedError';
}
/** 404, or a provider's equivalent (Tenovos: 403 "Asset not found"). */
export class NotFoundError extends AssetkitError {
  override readonly type = 'not_found';
  override name = 'NotFoundError';
}
/** 409. */
export class ConflictError extends AssetkitError {
  override readonly type = 'conflict';
  override name = 'ConflictError';
}
/** 429. `retryAfter` is in seconds, when the server said. */
export class RateLimitError extends AssetkitError {
  override readonly type = 'rate_limit';
  override name = 'RateLimitError';
  readonly retryAfter: number | undefined;
  constructor(message: string, details: ErrorDetails & { retryAfter?: number | undefined } = {}) {
    super(message, details);
    this.retryAfter = details.retryAfter;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfter: this.retryAfter };
  }
}
/** 5xx. */
export class ServerError extends AssetkitError {
  override readonly type = 'server';
  override name = 'ServerError';
}
/** The connection failed or was cut before a whole response arrived. */
export class ConnectionError extends AssetkitError {
  override readonly type = 'connection';
  override name = 'ConnectionError';
}
/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends AssetkitError {
  override readonly type = 'timeout';
  override name = 'TimeoutError';
}
/** The caller's AbortSignal fired. */
export class AbortedError extends AssetkitError {
  override readonly type = 'aborted';
  override name = 'AbortedError';
}
/** A response the client cannot use: not JSON, or not the shape the spec promises. */
export class InvalidResponseError extends AssetkitError {
  override readonly type = 'invalid_response';
  override name = 'InvalidResponseError';
}
/** Bad input caught before anything was sent (an empty or unsafe id, a malformed ref). */
export class InvalidRequestError extends AssetkitError {
  override readonly type = 'invalid_request';
  override name = 'InvalidRequestError';
}
/** The client is misconfigured: a missing credential, an unsafe base URL. */
export class ConfigurationError extends AssetkitError {
  override readonly type = 'configuration';
  override name = 'ConfigurationError';
}
/** The provider does not offer the operation asked for. */
export class UnsupportedError extends AssetkitError {
  override readonly type = 'unsupported';
  override name = 'UnsupportedError';
}

/**
 * A retry (or a 307/308 redirect) was needed but the request body was a one-shot
 * stream that has already been sent: refused rather than resending an empty or
 * partial body. `cause` is the error that would have been retried. Pass a Blob,
 * a file (fs.openAsBlob) or bytes to make the body replayable.
 */
export class UnreplayableBodyError extends AssetkitError {
  override readonly type = 'unreplayable_body';
  override name = 'UnreplayableBodyError';
}

export function isAssetkitError(value: unknown): value is AssetkitError {
  return value instanceof AssetkitError;
}

/** The provider finished processing an asset and reports it failed; `reason` is the provider's own text. */
export class AssetFailedError extends AssetkitError {
  override readonly type = 'asset_failed';
  override name = 'AssetFailedError';
  readonly assetId: string | undefined;
  readonly reason: string | undefined;
  constructor(message: string, details: ErrorDetails & { assetId?: string | undefined; reason?: string | undefined } = {}) {
    super(message, details);
    this.assetId = details.assetId;
    this.reason = details.reason;
  }
}

/**
 * A create or complete call whose outcome is unknown (its response was lost) and could not be
 * reconciled: the asset may exist. `assetId` is set when the provider had already named it.
 * Not retried blindly, so nothing is made twice.
 */
export class AmbiguousWriteError extends AssetkitError {
  override readonly type = 'ambiguous_write';
  override name = 'AmbiguousWriteError';
  readonly assetId: string | undefined;
  constructor(message: string, details: ErrorDetails & { assetId?: string | undefined } = {}) {
    super(message, details);
    this.assetId = details.assetId;
  }
}
