// The helper is loaded on first upload (import()): an app that only reads does not carry it in its first chunk.
import type { RenderNetClient } from '@assetkit/rendernet';
import type { upload as uploadFn } from '@assetkit/rendernet/upload';
import type { UploadRequest } from '../types.js';
import type { RenderNetUploadOptions } from './upload-capabilities.js';

export { RENDERNET_UPLOAD_OPTIONS, rendernetUploadCapabilities, type RenderNetUploadOptions } from './upload-capabilities.js';

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
