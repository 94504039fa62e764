// The helper and the validator are loaded on first use (import()): an app that only reads does not carry them in its first chunk.
import type { TenovosClient } from '@assetkit/tenovos';
import type { ResumeState, upload as uploadFn } from '@assetkit/tenovos/upload';
import { InvalidRequestError } from '@assetkit/runtime/errors';
import type { Asset } from '../../asset.js';
import type { UploadRequest } from '../types.js';
import { toAsset } from './map.js';
import { checkTenovosOptions } from './options.js';
import { MAX_SINGLE_BYTES, type TenovosUploadOptions } from './upload-capabilities.js';

export { TENOVOS_UPLOAD_OPTIONS, tenovosUploadCapabilities, type TenovosUploadOptions } from './upload-capabilities.js';

/**
 * Through `@assetkit/tenovos/upload`. The unified metadata (name -> value) becomes a metadata document by
 * definition id (`metadataDefinitions` maps names; other keys are taken as ids), checked by the runtime's
 * validator before anything is sent.
 */
export async function uploadTenovos(client: TenovosClient, request: UploadRequest): Promise<{ assetId: string }> {
  const { metadataTemplateId, securityTemplateIds, metadataDefinitions = {} } = checkTenovosOptions(request.options);
  const { partSize, cancelOnFailure, size, originalFileId } = request.options as TenovosUploadOptions;
  if (metadataTemplateId === undefined || securityTemplateIds === undefined) {
    throw new InvalidRequestError(
      `upload: Tenovos needs ${metadataTemplateId === undefined ? 'metadataTemplateId' : 'securityTemplateIds'}: set it once in createAssetClient({ tenovos: { metadataTemplateId, securityTemplateIds } }) or per call in upload({ tenovos: { ... } })`,
      { provider: 'tenovos' },
    );
  }
  const metadata = request.metadata === undefined ? undefined : metadataDocument(request.metadata, metadataDefinitions);
  if (metadata !== undefined) (await import('@assetkit/runtime/validate')).checkMetadata('tenovos', metadata, { mode: 'create' });
  if (request.multipart === false && size !== undefined && size > MAX_SINGLE_BYTES) {
    throw new InvalidRequestError(`upload: ${size} bytes cannot go in one PUT (at most ${MAX_SINGLE_BYTES}); leave multipart unset`, { provider: 'tenovos' });
  }
  const { upload } = await import('@assetkit/tenovos/upload');
  const result = await upload(client, {
    source: request.source as Parameters<typeof uploadFn>[1]['source'],
    metadataTemplateId,
    securityTemplateIds,
    ...(metadata !== undefined && { metadata }),
    ...(request.name !== undefined && { name: request.name }),
    ...(request.multipart !== undefined && { multipart: request.multipart }),
    ...(partSize !== undefined && { partSize }),
    ...(cancelOnFailure !== undefined && { cancelOnFailure }),
    ...(size !== undefined && { size }),
    ...(originalFileId !== undefined && { originalFileId }),
    ...(request.concurrency !== undefined && { concurrency: request.concurrency }),
    ...(request.signal && { signal: request.signal }),
    ...(request.onProgress && { onProgress: request.onProgress }),
    ...(request.onStateChange && { onStateChange: request.onStateChange }),
    ...(request.resumeState !== undefined && { resumeState: request.resumeState as ResumeState }),
  });
  return { assetId: result.assetId };
}

/**
 * Tenovos has no processing status: the helper's rule decides (the file is there and a rendition URL exists;
 * recycle bin -> failed; file but no rendition at the deadline -> failed "no renditions"). Its deadline
 * defaults to 600 s, since without one a failed transcode would be waited for forever.
 */
export async function waitTenovos(client: TenovosClient, id: string, options: { deadlineMs?: number | undefined; intervalMs?: number | undefined; signal?: AbortSignal | undefined }): Promise<Asset<'tenovos'>> {
  const { waitUntilReady } = await import('@assetkit/tenovos/upload');
  const raw = await waitUntilReady(client, id, {
    ...(options.deadlineMs !== undefined && { deadlineMs: options.deadlineMs }),
    ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }),
    ...(options.signal && { signal: options.signal }),
  });
  return toAsset(raw, id);
}

/** Unified metadata (name -> value) as a Tenovos metadata document: names through `definitions`, other keys taken as definition ids. */
export function metadataDocument(metadata: Record<string, unknown>, definitions: Record<string, string>): Array<{ metadataDefinitionId: string; metadataDefinitionValue: string }> {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new InvalidRequestError('Tenovos metadata must be an object of attribute name -> value', { provider: 'tenovos' });
  }
  return Object.entries(metadata).map(([key, value]) => ({
    metadataDefinitionId: Object.hasOwn(definitions, key) ? definitions[key]! : key,
    metadataDefinitionValue: value as string,
  }));
}
