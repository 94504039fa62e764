// Waiting for a Tenovos asset. Tenovos has no processing status field (TV-C01, tenovos-state in the mock),
// so readiness is read from what processing produces:
//   ready  = the file is there (`fileSizeInBytes`) and at least one rendition URL is in `renditionsDocument`;
//   failed = the asset went to the recycle bin (reason `recycle bin`), or the deadline passed with the file
//            there but no rendition (reason `no renditions`: Tenovos reports a failed transcode no other way);
//   a deadline without the file at all is a TimeoutError (the upload never finished; nothing failed).
import { AssetFailedError, InvalidRequestError, TimeoutError } from '@assetkit/runtime/errors';
import { waitFor } from '@assetkit/runtime/poll';
import type { TenovosClient } from '../generated/client.js';
import type { components } from '../generated/schema.js';

export type Asset = components['schemas']['Asset'];

const PROVIDER = 'tenovos';

export interface WaitOptions {
  /** Past this many ms: AssetFailedError `no renditions` if the file is there, else TimeoutError. Default 600 000. */
  deadlineMs?: number;
  /** First wait between polls; grows 1.5x up to 10 s. Default 1000. */
  intervalMs?: number;
  signal?: AbortSignal;
}

const hasRendition = (a: Asset) => Object.values(a.renditionsDocument ?? {}).some((v) => typeof v === 'string' && v !== '');
const inRecycleBin = (a: Asset) => a.fileState === 'recycle bin' || a.metadataState === 'recycle bin';

/** Polls GET /assets/asset/{id} until the asset has renditions (resolves with it) or fails (AssetFailedError). */
export async function waitUntilReady(client: TenovosClient, assetId: string, options: WaitOptions = {}): Promise<Asset> {
  if (typeof assetId !== 'string' || assetId === '') throw new InvalidRequestError('assetId must be a non-empty string', { provider: PROVIDER });
  const deadlineMs = options.deadlineMs ?? 600_000;
  let last: Asset | undefined;
  try {
    return await waitFor(
      async ({ signal }) => {
        const { data } = await client.GET('/assets/asset/{id}', { params: { path: { id: assetId } }, ...(signal ? { signal } : {}) });
        last = data.data as Asset;
        return last;
      },
      {
        isDone: (a) => a.fileSizeInBytes !== undefined && hasRendition(a),
        isFailed: (a) =>
          inRecycleBin(a)
            ? new AssetFailedError(`Tenovos asset ${assetId} is in the recycle bin`, { provider: PROVIDER, assetId, reason: 'recycle bin', body: a })
            : undefined,
        intervalMs: options.intervalMs ?? 1000,
        deadline: deadlineMs,
        provider: PROVIDER,
        what: `Tenovos asset ${assetId}`,
        ...(options.signal ? { signal: options.signal } : {}),
      },
    );
  } catch (error) {
    if (error instanceof TimeoutError && last?.fileSizeInBytes !== undefined) {
      throw new AssetFailedError(
        `Tenovos asset ${assetId} has its file but no rendition after ${(deadlineMs / 1000).toFixed(1)} s; Tenovos reports no processing status, so this deadline is the failure signal`,
        { provider: PROVIDER, assetId, reason: 'no renditions', body: last, cause: error },
      );
    }
    throw error;
  }
}
