import { InvalidRequestError } from '../errors.js';
import type { Source } from './source.js';

/**
 * Everything needed to finish an upload in another process: small, plain JSON.
 * Save it on every `onStateChange`; pass it back as `state` with the same
 * source to upload only the parts not done yet.
 */
export interface ResumeState {
  version: 1;
  /** The provider's id of the upload session (TwelveLabs upload_id, Tenovos uploadId, S3 UploadId). */
  sessionId: string;
  partSize: number;
  /** Source size in bytes. */
  size: number;
  /** Source fingerprint (size, modification time, sampled hash): a changed file is refused, not mixed. */
  fingerprint: string;
  /** Parts done, ascending by partNumber. */
  parts: CompletedPart[];
  /** Whatever else the caller's provider helper needs to resume (asset id, object key...); must be JSON. */
  data?: Record<string, unknown>;
}

export interface CompletedPart {
  partNumber: number;
  /** As the server sent it (S3: quoted hex MD5). */
  etag: string;
  size: number;
}

/** Checks a saved state against the source and options; mismatches are refused before anything is sent. */
export async function checkResumeState(state: ResumeState, source: Source, partSize: number): Promise<void> {
  if (state === null || typeof state !== 'object' || state.version !== 1 || !Array.isArray(state.parts) || typeof state.sessionId !== 'string') {
    throw new InvalidRequestError('the saved upload state is not a version 1 ResumeState');
  }
  if (!source.rereadable) {
    throw new InvalidRequestError('a ReadableStream source cannot resume a saved upload: its earlier bytes are gone; pass the file, Blob or bytes');
  }
  if (state.partSize !== partSize) {
    throw new InvalidRequestError(`the saved upload used parts of ${state.partSize} bytes, not ${partSize}`);
  }
  if (state.size !== source.size) {
    throw new InvalidRequestError(`the saved upload is for ${state.size} bytes; this source has ${source.size}`);
  }
  if (state.fingerprint !== (await source.fingerprint())) {
    throw new InvalidRequestError('the source changed since the upload state was saved (its fingerprint differs); start a new upload');
  }
  const count = Math.ceil(state.size / partSize);
  for (const p of state.parts) {
    const expected = p.partNumber === count ? state.size - (count - 1) * partSize : partSize;
    if (!Number.isInteger(p.partNumber) || p.partNumber < 1 || p.partNumber > count || p.size !== expected || typeof p.etag !== 'string') {
      throw new InvalidRequestError(`the saved upload state lists an impossible part ${JSON.stringify(p)}`);
    }
  }
}

export function cloneState(state: ResumeState): ResumeState {
  return JSON.parse(JSON.stringify(state)) as ResumeState;
}
