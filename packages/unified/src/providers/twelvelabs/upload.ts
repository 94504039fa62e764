// The helper is loaded on first upload (import()): an app that only reads does not carry it in its first chunk.
import type { TwelveLabsClient } from '@assetkit/twelvelabs';
import type { ResumeState, upload as uploadFn } from '@assetkit/twelvelabs/upload';
import { InvalidRequestError } from '@assetkit/runtime/errors';
import type { Asset } from '../../asset.js';
import type { UploadRequest } from '../types.js';
import { toAsset } from './map.js';
import type { TwelveLabsUploadOptions } from './upload-capabilities.js';

export { TWELVELABS_UPLOAD_OPTIONS, twelvelabsUploadCapabilities, type TwelveLabsUploadOptions } from './upload-capabilities.js';

/** Through `@assetkit/twelvelabs/upload`: direct, by URL, or a resumable multipart session. Its answer is the created asset: no extra GET. */
export async function uploadTwelveLabs(client: TwelveLabsClient, request: UploadRequest): Promise<{ assetId: string; asset: Asset<'twelvelabs'> }> {
  const { options } = request;
  if (request.multipart === false && options.multipartThreshold !== undefined) {
    throw new InvalidRequestError('upload: multipart false and twelvelabs.multipartThreshold contradict each other; give one', { provider: 'twelvelabs' });
  }
  const { upload } = await import('@assetkit/twelvelabs/upload');
  const result = await upload(client, {
    ...(options as TwelveLabsUploadOptions),
    // multipart: true -> a session whatever the size; false -> direct (the helper refuses what is too big for it).
    ...(request.multipart === true && { multipartThreshold: 0 }),
    ...(request.multipart === false && { multipartThreshold: Number.MAX_SAFE_INTEGER }),
    source: request.source as Parameters<typeof uploadFn>[1]['source'],
    ...(request.name !== undefined && { name: request.name }),
    ...(request.metadata !== undefined && { metadata: request.metadata as Record<string, string | number | boolean> }),
    ...(request.signal && { signal: request.signal }),
    ...(request.onProgress && { onProgress: request.onProgress }),
    ...(request.onStateChange && { onStateChange: request.onStateChange }),
    ...(request.resumeState !== undefined && { resumeState: request.resumeState as ResumeState }),
    ...(request.concurrency !== undefined && { concurrency: request.concurrency }),
  });
  return { assetId: result.assetId, asset: toAsset(result.asset, result.assetId) };
}
