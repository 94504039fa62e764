// @assetkit/twelvelabs/upload: hand-written, beside the generated client; a separate entry point
// so that an app that only reads never bundles the upload code.
export { upload, type UploadOptions, type UploadResult } from './upload.js';
export { waitUntilReady, type WaitOptions } from './wait.js';
export { LIMITS, type AssetKind } from './limits.js';
export type { TwelveLabsSessionData } from './multipart.js';
export type { ResumeState, UploadProgress } from '@assetkit/runtime/upload';
