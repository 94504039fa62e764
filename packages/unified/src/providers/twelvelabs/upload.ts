// The helper is loaded on first upload (import()): an app that only reads does not carry it in its first chunk.
import type { TwelveLabsClient } from '@assetkit/twelvelabs';
import type { ResumeState, upload as uploadFn } from '@assetkit/twelvelabs/upload';
import { InvalidRequestError } from '@assetkit/runtime/errors';
import type { Asset } from '../../asset.js';
import type { UploadCapabilities, UploadRequest } from '../types.js';
import { toAsset } from './map.js';

/** Keys of `upload({ twelvelabs: { ... } })`, passed to the helper as they are. */
export const TWELVELABS_UPLOAD_OPTIONS = ['kind', 'size', 'multipartThreshold', 'reportBatch', 'enableHls', 'enableThumbnail'] as const;

export interface TwelveLabsUploadOptions {
  /** video, audio, image or document; default from the name's extension or the MIME type. */
  kind?: 'video' | 'audio' | 'image' | 'document';
  /** A ReadableStream's length in bytes (a stream above the multipart threshold needs it). */
  size?: number;
  /** Files above this many bytes go through a multipart session (default: the direct-upload limit, 200 MB). */
  multipartThreshold?: number;
  /** Chunks per report call (1..50, default 10). */
  reportBatch?: number;
  enableHls?: boolean;
  enableThumbnail?: boolean;
}

export const twelvelabsUploadCapabilities: UploadCapabilities = {
  sources: ['path', 'blob', 'stream', 'bytes', 'url'],
  multipart: true,
  resumable: true,
  // TwelveLabs has no call that cancels a multipart session: an aborted one stays open (until it expires), resumable.
  cancels: false,
  metadata: true,
  // The helper's LIMITS (a test keeps them equal): multipart for video/audio, direct for images and documents.
  maxBytes: { video: 10e9, audio: 10e9, image: 32e6, document: 200e6 },
  wait: true,
  options: TWELVELABS_UPLOAD_OPTIONS,
};

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
