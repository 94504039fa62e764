import type { Middleware } from 'openapi-fetch';
import type { LogLevel, Logger } from './log.js';
import type { RetryDelayOptions } from './retry-delay.js';

/** Options every assetkit client accepts, per client and (except baseUrl/fetch) per call via withOptions(). */
export interface RuntimeOptions {
  /** Overrides the spec's first server, e.g. a mock or a regional endpoint. */
  baseUrl?: string;
  /** A fetch implementation (proxies, tests); defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** Retries after the first attempt, on connection errors, 408, 429 and 5xx. Default 2; 0 disables. */
  maxRetries?: number;
  /** Per-attempt timeout in ms, covering headers and (for JSON calls) the body. Default 60 000. */
  timeoutMs?: number;
  /** Bound on the whole call, attempts plus backoff sleeps, in ms. Default: none (maxRetries and timeoutMs bound it). */
  deadlineMs?: number;
  /** Retry POST requests too (they are not idempotent in general). Default false. */
  retryPost?: boolean;
  /** Backoff tuning. */
  retryDelay?: Partial<RetryDelayOptions>;
  /** Allow a non-HTTPS base URL that is not loopback. Credentials would travel in clear text. */
  allowInsecureBaseUrl?: boolean;
  /** Which lines to log (credentials redacted): 'debug' one per attempt and redirect, 'info' retries, 'error' final failures. Default 'off'; also ASSETKIT_LOG_LEVEL. */
  logLevel?: LogLevel;
  /** Where log lines go (console-shaped: error/warn/info/debug). Default: stderr (console.error) for every level. */
  logger?: Logger;
  /** Shorthand for logLevel 'debug': true for the console, or one sink for every line. Also `ASSETKIT_DEBUG=1`. */
  debug?: boolean | ((line: string) => void);
  /** openapi-fetch middleware registered at creation (same as client.use()); the way to reach clients @assetkit/unified creates. */
  middleware?: Middleware[];
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** Told before each retry sleep: which attempt failed, how, and how long the client will wait. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  provider: string;
  /** The attempt that failed, 1-based. */
  attempt: number;
  error: import('./errors.js').AssetkitError;
  delayMs: number;
}

/** The subset that can change per call. */
export type CallOptions = Pick<
  RuntimeOptions,
  'maxRetries' | 'timeoutMs' | 'deadlineMs' | 'retryPost' | 'retryDelay' | 'logLevel' | 'logger' | 'debug' | 'headers' | 'onRetry'
>;

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_TIMEOUT_MS = 60_000;

/** Reads an environment variable where there is one (Node, Bun, Deno with permission); never throws. */
export function readEnv(name: string): string | undefined {
  try {
    const g = globalThis as { process?: { env?: Record<string, string | undefined> }; Deno?: { env?: { get(n: string): string | undefined } } };
    const value = g.process?.env?.[name] ?? g.Deno?.env?.get(name);
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  } catch {
    return undefined;
  }
}
