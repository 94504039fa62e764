// TwelveLabs's write operations, loaded by import() on the first write: a page that only reads (get, list) does not carry them.
import type { TwelveLabsClient } from '@assetkit/twelvelabs';
import type { ProviderWrites } from '../types.js';
import { ConflictError, InvalidRequestError } from '@assetkit/runtime/errors';
import { uploadTwelveLabs } from './upload.js';

/** TwelveLabs metadata values are scalars; an empty string would be ignored by the merge (spec: updateAssetUserMetadata). */
function checkValue(key: string, value: unknown): void {
  const scalar = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
  if (!scalar) throw new InvalidRequestError(`TwelveLabs metadata values are strings, numbers or booleans; ${JSON.stringify(key)} is ${value === null ? 'null (use unset)' : typeof value}`, { provider: 'twelvelabs' });
  if (value === '') throw new InvalidRequestError(`TwelveLabs ignores an empty string for ${JSON.stringify(key)}; use unset to remove the key`, { provider: 'twelvelabs' });
}

export const twelvelabsWrites: ProviderWrites<'twelvelabs', TwelveLabsClient> = {
  async delete(client, id, { force, signal }) {
    try {
      await client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: id }, query: force ? { force: true } : {} }, signal });
    } catch (error) {
      if (!(error instanceof ConflictError) || force) throw error;
      // 409: indexed assets reference it. Say how to delete it anyway (and what that does).
      throw new ConflictError(
        `asset ${id} is referenced by indexed assets; delete with force (CLI: --force) to delete it anyway and unlink it from them`,
        { provider: 'twelvelabs', status: error.status, code: error.code, requestId: error.requestId, body: error.body, cause: error },
      );
    }
  },
  async updateMetadata(client, id, { set, unset, signal }) {
    for (const [key, value] of Object.entries(set)) checkValue(key, value);
    // One PATCH does both: in a merge, a key set to null is removed (spec: updateAssetUserMetadata).
    const user_metadata: Record<string, string | number | boolean | null> = { ...(set as Record<string, string | number | boolean>) };
    for (const key of unset) user_metadata[key] = null;
    await client.PATCH('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: id } }, body: { user_metadata }, signal });
  },
  upload: uploadTwelveLabs,
};
