import { InvalidRequestError } from '@assetkit/runtime/errors';
import type { Asset, CreateAssetForm, TwelveLabsClient } from '../generated/index.js';
import { outcomeUnknown } from '@assetkit/runtime/upload';
import { ambiguousCreate } from './errors.js';

export interface CreateFields {
  filename?: string | undefined;
  metadata?: Record<string, string | number | boolean> | undefined;
  enableHls?: boolean | undefined;
  enableThumbnail?: boolean | undefined;
}

/**
 * `POST /assets` (always multipart/form-data, even for `method=url`). The file
 * is a Blob: fetch streams it into the form (a file-backed Blob from
 * fs.openAsBlob is read from disk as it is sent, not loaded first). POST is
 * not retried: a lost answer is an AmbiguousWriteError, never a second asset.
 */
export async function createAsset(
  client: TwelveLabsClient,
  input: { method: 'direct'; file: Blob } | { method: 'url'; url: string },
  fields: CreateFields,
  signal: AbortSignal | undefined,
): Promise<Asset> {
  const body: CreateAssetForm = {
    method: input.method,
    ...(input.method === 'url' && { url: input.url }),
    ...(fields.filename !== undefined && { filename: fields.filename }),
    ...(fields.enableHls !== undefined && { enable_hls: fields.enableHls }),
    ...(fields.enableThumbnail !== undefined && { enable_thumbnail: fields.enableThumbnail }),
    ...(fields.metadata && { user_metadata: JSON.stringify(fields.metadata) }),
  };
  try {
    const { data } = await client.POST('/assets', {
      body,
      bodySerializer: (form) => {
        const out = new FormData();
        for (const [name, value] of Object.entries(form)) if (value !== undefined) out.append(name, String(value));
        if (input.method === 'direct') out.append('file', input.file, fields.filename ?? 'upload');
        return out;
      },
      signal,
    });
    return data;
  } catch (error) {
    if (!outcomeUnknown(error)) throw error;
    throw ambiguousCreate(
      `POST /assets (method=${input.method})`,
      error,
      `Look for it with GET /assets?filename=${encodeURIComponent(fields.filename ?? '')} before uploading again.`,
    );
  }
}

/** Only http(s) URLs can be imported: checked here, before anything is sent. */
export function checkImportUrl(url: unknown): string {
  if (typeof url !== 'string' || url.trim() === '') throw new InvalidRequestError('source.url must be a non-empty string', { provider: 'twelvelabs' });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidRequestError(`source.url is not an absolute URL: ${url.slice(0, 200)}`, { provider: 'twelvelabs' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidRequestError(`source.url must be http or https; TwelveLabs cannot fetch a ${parsed.protocol} URL`, { provider: 'twelvelabs' });
  }
  if (parsed.username || parsed.password) {
    throw new InvalidRequestError('source.url must not carry a user name or password: TwelveLabs needs a publicly reachable URL', { provider: 'twelvelabs' });
  }
  return parsed.href;
}
