// @assetkit/runtime/upload: kept out of the main entry so a client that only reads never bundles it.
export { uploadParts, partCount, type UploadPartsOptions, type UploadResult } from './upload-parts.js';
export { putSingle, type PutSingleOptions } from './put-single.js';
export { openSource, type Source, type SourceInput, type PartBody } from './source.js';
export type { ResumeState, CompletedPart } from './resume-state.js';
export type { UploadProgress } from './progress.js';
export { isExpiredAnswer, type PartUrl, type UrlRequest } from './put-with-retries.js';
export { outcomeUnknown, withNote, isUrlSource, refuseUrlSource } from './write-outcome.js';
