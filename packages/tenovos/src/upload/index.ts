// @assetkit/tenovos/upload: hand-written, a subpath of its own so a client that only reads never bundles it.
export {
  upload,
  TENOVOS_PART_SIZE,
  TENOVOS_MAX_SINGLE_BYTES,
  TENOVOS_MAX_PARTS,
  type TenovosUploadOptions,
  type TenovosUploadResult,
  type CreatedAsset,
  type MetadataDocument,
} from './upload.js';
export { waitUntilReady, type WaitOptions, type Asset } from './wait.js';
export type { ResumeState, UploadProgress } from '@assetkit/runtime/upload';
