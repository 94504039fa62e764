import { AssetFailedError, InvalidRequestError } from '@assetkit/runtime/errors';
import { waitFor } from '@assetkit/runtime/poll';
import type { Asset } from './asset.js';

export interface WaitOptions {
  /** Give up after this many ms with a TimeoutError. Default: no deadline (Tenovos: 600 000, see capabilities). */
  deadlineMs?: number;
  /** First wait between polls in ms; waits grow 1.5x up to 10 s. Default 1000. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/** States after which waiting makes no sense: the asset will not become ready by itself. */
const FINAL_BAD = new Set(['failed', 'archived', 'deleted', 'blocked']);

/** Checks the options before the first poll. */
export function checkWaitOptions(options: WaitOptions, provider: string): void {
  const { deadlineMs, intervalMs } = options;
  if (deadlineMs !== undefined && !(typeof deadlineMs === 'number' && deadlineMs >= 0)) throw new InvalidRequestError(`deadlineMs must be a number >= 0, got ${String(deadlineMs)}`, { provider });
  if (intervalMs !== undefined && !(typeof intervalMs === 'number' && intervalMs >= 0)) throw new InvalidRequestError(`intervalMs must be a number >= 0, got ${String(intervalMs)}`, { provider });
}

/**
 * Polls `get` until the asset is ready, with the runtime's waitFor (1.5x
 * backoff up to 10 s, the last poll at the deadline). Failed (or archived,
 * deleted, blocked) -> AssetFailedError with the provider's reason; past the
 * deadline -> TimeoutError saying how long and how many polls; aborted -> AbortedError.
 */
export async function waitUntilReady(get: (signal: AbortSignal | undefined) => Promise<Asset>, ref: string, options: WaitOptions = {}): Promise<Asset> {
  const provider = ref.slice(0, ref.indexOf(':'));
  checkWaitOptions(options, provider);
  const intervalMs = options.intervalMs ?? 1_000;
  return waitFor(({ signal }) => get(signal), {
    isDone: (asset) => asset.state === 'ready',
    isFailed: (asset) => {
      if (!FINAL_BAD.has(asset.state)) return undefined;
      const reason = asset.stateReason ?? asset.state;
      return new AssetFailedError(`asset ${asset.ref} is ${asset.state}: ${reason}`, { provider, assetId: asset.id, reason, body: asset.raw });
    },
    intervalMs,
    maxIntervalMs: Math.max(10_000, intervalMs),
    ...(options.deadlineMs !== undefined && { deadline: options.deadlineMs }),
    signal: options.signal,
    provider,
    what: `asset ${ref}`,
  });
}
