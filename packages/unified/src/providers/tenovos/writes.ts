// Tenovos's write operations, loaded by import() on the first write: a page that only reads (get, list) does not carry them.
import type { TenovosClient } from '@assetkit/tenovos';
import type { ProviderWrites } from '../types.js';
import { InvalidRequestError, InvalidResponseError } from '@assetkit/runtime/errors';
import { isRecord, text } from '../../read.js';
import { checkTenovosOptions } from './options.js';
import { uploadTenovos, waitTenovos } from './upload.js';

export const tenovosWrites: ProviderWrites<'tenovos', TenovosClient> = {
  async delete(client, id, { signal }) {
    // The recycle bin: the asset stays, in state `deleted` (restorable in Tenovos with `undelete`).
    await client.POST('/asset/{id}/delete', { params: { path: { id } }, body: { action: 'delete', deleteType: 'full' }, signal });
  },
  async updateMetadata(client, id, { set, unset, options, signal }) {
    const { securityTemplateIds, metadataDefinitions = {} } = checkTenovosOptions(options);
    const definitionOf = (key: string) => (Object.hasOwn(metadataDefinitions, key) ? metadataDefinitions[key]! : key);
    const metadata = [
      ...Object.entries(set).map(([key, value]) => {
        if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
          throw new InvalidRequestError(`Tenovos metadata value of ${JSON.stringify(key)} is ${typeof value}`, { provider: 'tenovos' });
        }
        return { metadataDefinitionId: definitionOf(key), metadataDefinitionValue: value as string };
      }),
      // An attribute sent without a value is emptied.
      ...unset.map((key) => ({ metadataDefinitionId: definitionOf(key) })),
    ];
    await client.PATCH('/asset/{id}', { params: { path: { id } }, body: { metadata, ...(securityTemplateIds && { securityTemplateIds }) }, signal });
  },
  async downloadUrl(client, id, signal) {
    const { data, response } = await client.GET('/asset/{id}/content', { params: { path: { id } }, signal });
    const url = isRecord(data) ? text(data.presignedURL) : undefined;
    if (!url) throw new InvalidResponseError('Tenovos content returned no presignedURL', { provider: 'tenovos', status: response.status, body: data, response });
    return url;
  },
  upload: uploadTenovos,
  waitUntilReady: waitTenovos,
};
