import { createTenovosClient, tenovosDescriptor, type TenovosClient, type TenovosClientOptions } from '@assetkit/tenovos';
import { InvalidResponseError } from '@assetkit/runtime/errors';
import { isRecord, text } from '../../read.js';
import type { ChunkRequest, ProviderAdapter } from '../types.js';
import { toAsset } from './map.js';
import { tenovosUploadCapabilities } from './upload-capabilities.js';
import { TENOVOS_OPTIONS } from './options.js';

/** The search query a listing sends: one keyword field at a time, so a name filter wins over ids (ids then run client-side). */
function queryOf({ nameContains, ids }: ChunkRequest) {
  if (nameContains !== undefined) return { searchTerm: [nameContains], keywordSearchField: 'filename' as const };
  if (ids !== undefined) return { searchTerm: [...ids], keywordSearchField: 'assetId' as const, operation: 'OR' as const };
  return { searchTerm: ['*'] };
}

export const tenovos: ProviderAdapter<'tenovos', TenovosClient, TenovosClientOptions> = {
  provider: 'tenovos',
  descriptor: tenovosDescriptor,
  ownOptions: TENOVOS_OPTIONS,
  capabilities: {
    get: true,
    list: true,
    // POST /asset/scan: a cursor per page, no result cap (keyword search stops at 10,000).
    paging: 'cursor',
    maxPageSize: 100,
    // Search has keyword terms on one field at a time: filename, or asset ids. Kinds come from the
    // file name's extension and dates are not search terms: client-side.
    listFilters: { kinds: 'client', ids: 'server', nameContains: 'server', createdAfter: 'client', createdBefore: 'client' },
    kinds: ['image', 'video', 'audio', 'document', 'other'],
    waitUntilReady: true,
    delete: { mode: 'soft', state: 'deleted', force: false },
    updateMetadata: { set: true, unset: true, options: ['securityTemplateIds', 'metadataDefinitions'] },
    downloadUrl: 'presigned',
    upload: tenovosUploadCapabilities,
  },
  createClient: createTenovosClient,
  async get(client, id, signal) {
    const { data, response } = await client.GET('/assets/asset/{id}', { params: { path: { id } }, signal });
    if (!isRecord(data) || !isRecord(data.data)) {
      throw new InvalidResponseError('Tenovos returned no data object', { provider: 'tenovos', status: response.status, body: data, response });
    }
    return toAsset(data.data, id);
  },
  async listChunk(client, request) {
    const { token, pageSize, signal } = request;
    const body = { ...queryOf(request), limit: pageSize, ...(token !== undefined && { cursor: token }) };
    const { data, response } = await client.POST('/asset/scan', { body, signal });
    if (!isRecord(data) || !Array.isArray(data.result)) {
      throw new InvalidResponseError('Tenovos scan returned no result[]', { provider: 'tenovos', status: response.status, body: data, response });
    }
    const next = text(data.cursor);
    // Done when an answer carries no cursor or fewer results than asked for (spec: scanAssets).
    const last = next === undefined || data.result.length < pageSize;
    // A cursor that does not move would page forever.
    if (!last && next === token) throw new InvalidResponseError('Tenovos scan returned the cursor it was given', { provider: 'tenovos', status: response.status });
    return { assets: (data.result as unknown[]).map((raw) => toAsset(raw)), next: last ? undefined : next };
  },
  toAsset,
};
