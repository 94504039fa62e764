// What upload() takes at RenderNet: static, since capabilities() answers without loading the upload code.
import type { UploadCapabilities } from '../types.js';

/** The helper's RENDERNET_MAX_BYTES (one presigned PUT: 5 GiB, inferred); a test keeps them equal. */
const MAX = 5 * 1024 ** 3;

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
