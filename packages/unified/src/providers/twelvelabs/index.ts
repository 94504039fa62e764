import { createTwelveLabsClient, twelvelabsDescriptor, type TwelveLabsClient, type TwelveLabsClientOptions } from '@assetkit/twelvelabs';
import { InvalidResponseError } from '@assetkit/runtime/errors';
import type { AssetKind } from '../../asset.js';
import { isRecord } from '../../read.js';
import type { ProviderAdapter } from '../types.js';
import { toAsset } from './map.js';
import { twelvelabsUploadCapabilities } from './upload-capabilities.js';

/** Kinds TwelveLabs can filter on (`asset_types`). */
const TYPE_OF_KIND: Partial<Record<AssetKind, 'image' | 'video' | 'audio' | 'document'>> = { image: 'image', video: 'video', audio: 'audio', document: 'document' };

export const twelvelabs: ProviderAdapter<'twelvelabs', TwelveLabsClient, TwelveLabsClientOptions> = {
  provider: 'twelvelabs',
  descriptor: twelvelabsDescriptor,
  capabilities: {
    get: true,
    list: true,
    paging: 'pages',
    maxPageSize: 50,
    // `filename`, `asset_types` and `asset_ids` on GET /assets; no date filter.
    listFilters: { kinds: 'server', ids: 'server', nameContains: 'server', createdAfter: 'client', createdBefore: 'client' },
    kinds: ['image', 'video', 'audio', 'document'],
    waitUntilReady: true,
    delete: { mode: 'hard', force: true },
    updateMetadata: { set: true, unset: true, options: [] },
    // TwelveLabs serves streams and thumbnails, not the original file.
    downloadUrl: false,
    upload: twelvelabsUploadCapabilities,
  },
  createClient: createTwelveLabsClient,
  async get(client, id, signal) {
    const { data } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } }, signal });
    if (!isRecord(data)) throw new InvalidResponseError('TwelveLabs returned an asset that is not an object', { provider: 'twelvelabs', body: data });
    return toAsset(data, id);
  },
  async listPage(client, { page, pageSize, kinds, ids, nameContains, signal }) {
    const asset_types = kinds?.flatMap((k) => TYPE_OF_KIND[k] ?? []);
    if (asset_types && asset_types.length === 0) return { assets: [], totalPages: 0 }; // asked only for kinds TwelveLabs never holds
    const query = {
      page,
      page_limit: pageSize,
      ...(asset_types && { asset_types }),
      ...(ids && { asset_ids: [...ids] }),
      ...(nameContains !== undefined && { filename: nameContains }),
    };
    const { data, response } = await client.GET('/assets', { params: { query }, signal });
    if (!isRecord(data) || !Array.isArray(data.data) || !isRecord(data.page_info) || typeof data.page_info.total_page !== 'number') {
      throw new InvalidResponseError('TwelveLabs returned a page without data[] and page_info.total_page', {
        provider: 'twelvelabs',
        status: response.status,
        body: data,
        response,
      });
    }
    return { assets: (data.data as unknown[]).map((raw) => toAsset(raw)), totalPages: data.page_info.total_page };
  },
  toAsset,
};
