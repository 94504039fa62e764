// What upload() takes at TwelveLabs: static, since capabilities() answers without loading the upload code.
import type { UploadCapabilities } from '../types.js';

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
