import type { FetchResponse, MaybeOptionalInit, Middleware } from 'openapi-fetch';
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { CallOptions } from './options.js';

/**
 * What a call resolves with. Errors are thrown (an AssetkitError subclass), so
 * on success `data` is the operation's 2xx body, never undefined because of an
 * error, and there is no `error` member to check.
 */
export type Success<R> = R extends { data: infer D; response: Response }
  ? {
      data: D;
      /** The real Response: headers, status, and (unless parseAs consumed it) an unread body. */
      response: Response;
      /** The provider's request id (x-request-id and similar), for support tickets; undefined when it sent none. */
      requestId: string | undefined;
    }
  : never;

// openapi-fetch's own helper (not exported): makes `init` required when the operation has required params or body.
type InitParam<Init> = RequiredKeysOf<Init> extends never
  ? [(Init & { [key: string]: unknown })?]
  : [Init & { [key: string]: unknown }];

/** The operation object of `Method` on a path item. */
type Operation<PathItem, Method extends HttpMethod> = PathItem extends { [M in Method]: infer O } ? O : never;

export type AssetkitMethod<Paths extends {}, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<{ [M in Method]: Operation<Paths[Path], Method> }, Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<Success<FetchResponse<Operation<Paths[Path], Method> & Record<string | number, any>, Init, MediaType>>>;

/**
 * An openapi-fetch client whose calls throw typed errors instead of returning
 * `{ error }`. Same methods, options and middleware as openapi-fetch's Client.
 */
export interface AssetkitClient<Paths extends {}> {
  GET: AssetkitMethod<Paths, 'get'>;
  PUT: AssetkitMethod<Paths, 'put'>;
  POST: AssetkitMethod<Paths, 'post'>;
  DELETE: AssetkitMethod<Paths, 'delete'>;
  OPTIONS: AssetkitMethod<Paths, 'options'>;
  HEAD: AssetkitMethod<Paths, 'head'>;
  PATCH: AssetkitMethod<Paths, 'patch'>;
  TRACE: AssetkitMethod<Paths, 'trace'>;
  /** Registers middleware for every request of this client and of every client derived with withOptions(). */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
  readonly provider: string;
  readonly baseUrl: string;
  /** A client that shares this one's credentials, session and middleware but uses other call options. */
  withOptions(options: CallOptions): AssetkitClient<Paths>;
}
