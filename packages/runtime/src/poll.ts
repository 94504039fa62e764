import { AbortedError, AssetFailedError, InvalidRequestError, TimeoutError } from './errors.js';

export interface WaitForOptions<T> {
  /** True when the value is final and good: waitFor resolves with it. */
  isDone: (value: T) => boolean;
  /**
   * Truthy when the value is final and bad: an Error is thrown as is (e.g. an
   * AssetFailedError naming the asset); a string (the reason) or `true` becomes
   * an AssetFailedError with that `reason`, code `failed` and the value as body.
   */
  isFailed?: (value: T) => Error | string | boolean | undefined;
  /** First wait between polls in ms. Default 1000. */
  intervalMs?: number;
  /** Waits grow by `backoff` up to this. Default 10 000. */
  maxIntervalMs?: number;
  /** Growth factor of the wait between polls. Default 1.5. */
  backoff?: number;
  /** A Date, or a duration in ms from the start. Past it: TimeoutError naming how long and how many polls. Default: none. */
  deadline?: Date | number;
  signal?: AbortSignal | undefined;
  /** Provider id for errors. */
  provider?: string;
  /** Names what is awaited in error messages, e.g. `asset 65f0...`. */
  what?: string;
}

/**
 * Calls `fn` until `isDone` or `isFailed` says so, waiting longer between
 * polls (backoff), up to a deadline; an AbortSignal stops it at once, also
 * mid-wait. Errors from `fn` pass through (the client under it already retried).
 */
export async function waitFor<T>(fn: (poll: { attempt: number; signal: AbortSignal | undefined }) => Promise<T>, options: WaitForOptions<T>): Promise<T> {
  const { isDone, isFailed, signal, provider } = options;
  const what = options.what ?? 'the operation';
  const intervalMs = options.intervalMs ?? 1_000;
  const maxIntervalMs = options.maxIntervalMs ?? 10_000;
  const backoff = options.backoff ?? 1.5;
  if (typeof isDone !== 'function') throw new InvalidRequestError('waitFor needs isDone');
  if (!(intervalMs >= 0 && maxIntervalMs >= intervalMs && backoff >= 1)) {
    throw new InvalidRequestError(`waitFor: need 0 <= intervalMs <= maxIntervalMs and backoff >= 1 (got ${intervalMs}, ${maxIntervalMs}, ${backoff})`);
  }
  const started = Date.now();
  const deadline = options.deadline === undefined ? undefined : options.deadline instanceof Date ? options.deadline.getTime() : started + options.deadline;
  if (deadline !== undefined && Number.isNaN(deadline)) throw new InvalidRequestError('waitFor: deadline is not a valid Date or duration');
  const aborted = () => new AbortedError(`waiting for ${what} was aborted`, { provider, cause: signal?.reason });

  let wait = intervalMs;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw aborted();
    const value = await fn({ attempt, signal });
    if (isDone(value)) return value;
    const failed = isFailed?.(value);
    if (failed) {
      if (failed instanceof Error) throw failed;
      const reason = typeof failed === 'string' ? failed : undefined;
      throw new AssetFailedError(`${what} failed${reason ? `: ${reason}` : ''}`, { provider, code: 'failed', body: value, reason });
    }
    const now = Date.now();
    if (deadline !== undefined && now >= deadline) {
      const seconds = ((now - started) / 1000).toFixed(1);
      throw new TimeoutError(`${what} was not done after ${seconds} s and ${attempt} poll${attempt === 1 ? '' : 's'}`, { provider });
    }
    // Never sleep past the deadline: the last poll happens at it.
    const ms = deadline === undefined ? wait : Math.min(wait, deadline - now);
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(aborted());
      const onAbort = () => {
        clearTimeout(timer);
        reject(aborted());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    wait = Math.min(maxIntervalMs, wait * backoff);
  }
}
