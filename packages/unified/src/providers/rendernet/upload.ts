// The helper is loaded on first upload (import()): an app that only reads does not carry it in its first chunk.
import type { RenderNetClient } from '@assetkit/rendernet';
import type { upload as uploadFn } from '@assetkit/rendernet/upload';

/** The helper's RENDERNET_MAX_BYTES (one presigned PUT: 5 GiB, inferred); a test keeps them equal. */
const MAX = 5 * 1024 ** 3;
import type { UploadCapabilities, UploadRequest } from '../types.js';

/** Keys of `upload({ rendernet: { ... } })`, passed to the helper as they are. */
export const RENDERNET_UPLOAD_OPTIONS = ['type', 'size', 'contentType', 'maxBytes'] as const;

export interface RenderNetUploadOptions {
  /** image, video or audio; default from the extension or Blob type. */
  type?: 'image' | 'video' | 'audio';
  /** Pixel size RenderNet asks for with images and video; read from PNG/GIF/JPEG headers, required for video and WebP. */
  size?: { width: number; height: number };
  /** Content-Type of the PUT; default from the extension. */
  contentType?: string;
  /** Largest accepted file (default 5 GiB, one presigned PUT). */
  maxBytes?: number;
}

export const rendernetUploadCapabilities: UploadCapabilities = {
  // RenderNet does not import from URLs (research §4).
  sources: ['path', 'blob', 'stream', 'bytes'],
  // One presigned PUT of the whole file: no parts, so nothing to resume; a failed or aborted upload archives its pending asset.
  multipart: false,
  resumable: false,
  cancels: true,
  // RenderNet assets carry no user metadata.
  metadata: false,
  maxBytes: { image: MAX, video: MAX, audio: MAX },
  wait: true,
  options: RENDERNET_UPLOAD_OPTIONS,
};

/** Through `@assetkit/rendernet/upload`: create the asset, one PUT; the unified Asset comes from a GET after it. */
export async function uploadRenderNet(client: RenderNetClient, request: UploadRequest): Promise<{ assetId: string }> {
  const { upload } = await import('@assetkit/rendernet/upload');
  const result = await upload(client, {
    ...(request.options as RenderNetUploadOptions),
    source: request.source as Parameters<typeof uploadFn>[1]['source'],
    ...(request.name !== undefined && { name: request.name }),
    ...(request.signal && { signal: request.signal }),
    ...(request.onProgress && { onProgress: request.onProgress }),
  });
  return { assetId: result.assetId };
}
