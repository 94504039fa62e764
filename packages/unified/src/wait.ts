import { AbortedError, AssetFailedError, InvalidRequestError, TimeoutError } from '@assetkit/runtime/errors';
import type { Asset } from './asset.js';

export interface WaitOptions {
  /** Give up after this many ms with a TimeoutError. Default: no deadline. */
  deadlineMs?: number;
  /** First wait between polls in ms; waits grow 1.5x up to 10 s. Default 1000. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/** States after which waiting makes no sense: the asset will not become ready by itself. */
const FINAL_BAD = new Set(['failed', 'archived', 'deleted', 'blocked']);

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => (clearTimeout(timer), reject(signal!.reason));
    const timer = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Polls `get` until the asset is ready. Failed (or archived, deleted, blocked)
 * -> AssetFailedError with the provider's reason; past the deadline ->
 * TimeoutError saying how long and how many polls; aborted -> AbortedError.
 * (A small loop over get(): the runtime's waitFor lands with the upload engine.)
 */
export async function waitUntilReady(get: (signal: AbortSignal | undefined) => Promise<Asset>, ref: string, options: WaitOptions = {}): Promise<Asset> {
  const { deadlineMs, intervalMs = 1_000, signal } = options;
  const provider = ref.slice(0, ref.indexOf(':'));
  if (deadlineMs !== undefined && !(typeof deadlineMs === 'number' && deadlineMs >= 0)) throw new InvalidRequestError(`deadlineMs must be a number >= 0, got ${String(deadlineMs)}`, { provider });
  if (!(typeof intervalMs === 'number' && intervalMs >= 0)) throw new InvalidRequestError(`intervalMs must be a number >= 0, got ${String(intervalMs)}`, { provider });
  const started = Date.now();
  let wait = intervalMs;
  for (let polls = 1; ; polls++) {
    if (signal?.aborted) throw new AbortedError(`waiting for ${ref} was aborted`, { provider, cause: signal.reason });
    const asset = await get(signal);
    if (asset.state === 'ready') return asset;
    if (FINAL_BAD.has(asset.state)) {
      const reason = asset.stateReason ?? asset.state;
      throw new AssetFailedError(`asset ${asset.ref} is ${asset.state}: ${reason}`, { provider, assetId: asset.id, reason, body: asset.raw });
    }
    const elapsed = Date.now() - started;
    if (deadlineMs !== undefined && elapsed >= deadlineMs) {
      throw new TimeoutError(`asset ${ref} was still ${asset.state} after ${(elapsed / 1000).toFixed(1)} s and ${polls} poll${polls === 1 ? '' : 's'}`, { provider });
    }
    try {
      // Never sleep past the deadline: the last poll happens at it.
      await sleep(deadlineMs === undefined ? wait : Math.min(wait, deadlineMs - elapsed), signal);
    } catch (reason) {
      throw new AbortedError(`waiting for ${ref} was aborted`, { provider, cause: reason });
    }
    wait = Math.min(10_000, Math.max(wait * 1.5, 1));
  }
}
