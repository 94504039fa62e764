// RenderNet's write operations, loaded by import() on the first write: a page that only reads (get, list) does not carry them.
import type { RenderNetClient } from '@assetkit/rendernet';
import type { ProviderWrites } from '../types.js';
import { NotFoundError, UnsupportedError } from '@assetkit/runtime/errors';
import { isRecord } from '../../read.js';
import { rendernet } from './index.js';
import { uploadRenderNet } from './upload.js';

export const rendernetWrites: ProviderWrites<'rendernet', RenderNetClient> = {
  async delete(client, id, { signal }) {
    const { data, response } = await client.POST('/pub/v1/assets/archive', { body: { ids: [id] }, signal });
    // Ids that could not be archived are named in `err` while `data` lists the archived ones (RN-C16).
    const archived = isRecord(data) && Array.isArray(data.data) && data.data.some((a) => isRecord(a) && a.id === id);
    if (!archived) throw new NotFoundError(`asset ${id} was not archived: ${JSON.stringify(isRecord(data) ? data.err : data)}`, { provider: 'rendernet', status: response.status, body: data });
  },
  async downloadUrl(client, id, signal) {
    const asset = await rendernet.get(client, id, signal);
    if (!asset.urls.original) throw new UnsupportedError(`downloadUrl: RenderNet asset ${id} has no URL (state ${asset.state})`, { provider: 'rendernet' });
    return asset.urls.original;
  },
  upload: uploadRenderNet,
};
