import { AssetFailedError } from '@assetkit/runtime/errors';
import { waitFor } from '@assetkit/runtime/poll';
import type { AssetDetail, TwelveLabsClient } from '../generated/index.js';

export interface WaitOptions {
  /** Give up after this many ms (TimeoutError). Default 600 000, as the vendor's own example. */
  deadlineMs?: number;
  /** First wait between polls; grows 1.5x up to maxIntervalMs. Default 1000. */
  intervalMs?: number;
  /** Default 10 000. */
  maxIntervalMs?: number;
  signal?: AbortSignal | undefined;
}

/**
 * Polls `GET /assets/{id}` until the asset is `ready` (resolves with it) or
 * `failed` (AssetFailedError carrying the platform's `error.message` as
 * `reason`). Every upload is processed asynchronously, small files too.
 */
export function waitUntilReady(client: Pick<TwelveLabsClient, 'GET'>, assetId: string, options: WaitOptions = {}): Promise<AssetDetail> {
  return waitFor(
    async ({ signal }) => (await client.GET('/assets/{asset_id}', { params: { path: { asset_id: assetId } }, signal })).data,
    {
      isDone: (asset) => asset.status === 'ready',
      isFailed: (asset) => {
        if (asset.status !== 'failed') return undefined;
        const reason = asset.error?.message;
        return new AssetFailedError(`TwelveLabs could not process asset ${assetId}${reason ? `: ${reason}` : ''}`, {
          provider: 'twelvelabs',
          assetId,
          reason,
          body: asset,
        });
      },
      intervalMs: options.intervalMs ?? 1_000,
      maxIntervalMs: Math.max(options.maxIntervalMs ?? 10_000, options.intervalMs ?? 1_000),
      deadline: options.deadlineMs ?? 600_000,
      signal: options.signal,
      provider: 'twelvelabs',
      what: `asset ${assetId}`,
    },
  );
}
