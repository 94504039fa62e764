import { createRenderNetClient, rendernetDescriptor, type RenderNetClient, type RenderNetClientOptions } from '@assetkit/rendernet';
import { MAX_PAGE_SIZE, readAssetPage } from '@assetkit/rendernet/pages';
import { InvalidResponseError } from '@assetkit/runtime/errors';
import { isRecord } from '../../read.js';
import type { ProviderAdapter } from '../types.js';
import { toAsset } from './map.js';
import { rendernetUploadCapabilities } from './upload-capabilities.js';

/** Hard stop for a server that never ends its listing (no total, never a short page). */
const MAX_PAGES = 10_000;

/**
 * The list token: the next page number, and the id of the previous page's first
 * asset, so a server that ignores `page` (and serves page 1 again and again) is
 * caught instead of listed forever.
 */
function readToken(token: string | undefined): { page: number; previousFirst: string | undefined } {
  if (token === undefined) return { page: 1, previousFirst: undefined };
  const bar = token.indexOf('|');
  const page = Number(bar < 0 ? token : token.slice(0, bar));
  if (!Number.isInteger(page) || page < 1) throw new InvalidResponseError(`RenderNet list: bad page token ${JSON.stringify(token)}`, { provider: 'rendernet' });
  return { page, previousFirst: bar < 0 ? undefined : token.slice(bar + 1) };
}

export const rendernet: ProviderAdapter<'rendernet', RenderNetClient, RenderNetClientOptions> = {
  provider: 'rendernet',
  descriptor: rendernetDescriptor,
  capabilities: {
    get: true,
    list: true,
    // The list's paging is inferred (RN-C10, RN-C11): pages one after another, ending on an empty,
    // short or total-reaching page, never trusting a page count to fetch ahead.
    paging: 'sequential-pages',
    maxPageSize: MAX_PAGE_SIZE,
    // The list takes no filter parameters; RenderNet assets have no name or creation time, so
    // nameContains and the date filters leave every RenderNet asset out.
    listFilters: { kinds: 'client', ids: 'client', nameContains: 'client', createdAfter: 'client', createdBefore: 'client' },
    kinds: ['image', 'video', 'audio'],
    waitUntilReady: true,
    delete: { mode: 'soft', state: 'archived', force: false },
    updateMetadata: false,
    downloadUrl: 'asset-url',
    upload: rendernetUploadCapabilities,
  },
  createClient: createRenderNetClient,
  async get(client, id, signal) {
    const { data, response } = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } }, signal });
    if (!isRecord(data) || !isRecord(data.data)) {
      throw new InvalidResponseError('RenderNet returned no data object', { provider: 'rendernet', status: response.status, body: data, response });
    }
    return toAsset(data.data, id);
  },
  async listChunk(client, { token, pageSize, signal }) {
    const { page, previousFirst } = readToken(token);
    const { data, response } = await client.GET('/pub/v2/assets', { params: { query: { page, page_size: pageSize } }, signal });
    // readAssetPage refuses bodies that do not page as inferred (more items than asked, another page number, ...).
    const read = readAssetPage(data, { page, pageSize }, response);
    const first = read.assets[0]?.id;
    if (previousFirst !== undefined && first === previousFirst) {
      throw new InvalidResponseError(`RenderNet list: page ${page} repeats page ${page - 1} (the server ignores \`page\`)`, { provider: 'rendernet', status: response.status, body: data, response });
    }
    if (!read.last && page >= MAX_PAGES) throw new InvalidResponseError(`RenderNet list: still not done after ${MAX_PAGES} pages`, { provider: 'rendernet', status: response.status });
    return { assets: read.assets.map((raw) => toAsset(raw)), next: read.last ? undefined : `${page + 1}|${first ?? ''}` };
  },
  toAsset,
};
