export interface RetryDelayOptions {
  /** First backoff step, in ms. */
  initialDelayMs: number;
  /** Upper bound of a backoff step, in ms. */
  maxDelayMs: number;
  /** Upper bound honoured for a server's Retry-After, in ms. */
  maxRetryAfterMs: number;
}

export const defaultRetryDelay: RetryDelayOptions = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

/** Retry-After as ms: delta-seconds or an HTTP-date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based). A server's Retry-After wins,
 * capped at maxRetryAfterMs; otherwise exponential backoff with full jitter
 * (a uniform draw in [0, min(cap, initial * 2^attempt)]), which spreads clients
 * that failed together.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  options: RetryDelayOptions = defaultRetryDelay,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxRetryAfterMs);
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}
