// What upload() takes at Tenovos: static, since capabilities() answers without loading the upload code.
import type { UploadCapabilities } from '../types.js';

/** Keys of `upload({ tenovos: { ... } })` besides the client-wide Tenovos options (templates, definitions). */
export const TENOVOS_UPLOAD_OPTIONS = ['metadataTemplateId', 'securityTemplateIds', 'metadataDefinitions', 'partSize', 'cancelOnFailure', 'size', 'originalFileId'] as const;

export interface TenovosUploadOptions {
  /** Bytes per part: the server's (100 MiB on the service). */
  partSize?: number;
  /** On failure or abort, cancel the multipart session (default true); false keeps it open to resume from the saved state. */
  cancelOnFailure?: boolean;
  /** A ReadableStream's length (a stream longer than one part needs it). */
  size?: number;
  /** Makes the upload a new version of the asset whose original file id this is. */
  originalFileId?: string;
}

/** The helper's TENOVOS_PART_SIZE x TENOVOS_MAX_PARTS and TENOVOS_MAX_SINGLE_BYTES; a test keeps them equal. */
const maxBytes = 100 * 1024 * 1024 * 10_000;
export const MAX_SINGLE_BYTES = 5 * 1024 ** 3;
export const tenovosUploadCapabilities: UploadCapabilities = {
  // Tenovos imports only federated s3:// paths, not http(s) URLs.
  sources: ['path', 'blob', 'stream', 'bytes'],
  multipart: true,
  resumable: true,
  cancels: true,
  metadata: true,
  maxBytes: { image: maxBytes, video: maxBytes, audio: maxBytes, document: maxBytes, other: maxBytes },
  wait: true,
  options: TENOVOS_UPLOAD_OPTIONS,
};
