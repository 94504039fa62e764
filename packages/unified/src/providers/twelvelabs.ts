import { createTwelveLabsClient, twelvelabsDescriptor, InvalidResponseError, type AssetDetail as RawAsset, type TwelveLabsClient, type TwelveLabsClientOptions } from '@assetkit/twelvelabs';
import type { Asset, AssetKind, AssetState } from '../asset.js';
import { kindFromMime } from '../media-type.js';
import { formatRef } from '../ref.js';
import { compact, count, date, fromEnum, isRecord, text } from '../read.js';
import type { ProviderAdapter } from './types.js';

const STATE: Record<string, AssetState> = { ready: 'ready', processing: 'processing', failed: 'failed' };
/** Kinds TwelveLabs can filter on (`asset_types`). */
const TYPE_OF_KIND: Partial<Record<AssetKind, 'image' | 'video' | 'audio'>> = { image: 'image', video: 'video', audio: 'audio' };

function toAsset(raw: unknown, fallbackId?: string): Asset<'twelvelabs'> {
  const r = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const id = text(r._id) ?? fallbackId ?? '';
  const mimeType = text(r.file_type);
  const hls = isRecord(r.hls) ? r.hls : {};
  const thumb = isRecord(r.thumbnail) ? r.thumbnail : {};
  return compact({
    provider: 'twelvelabs',
    id,
    ref: formatRef('twelvelabs', id),
    name: text(r.filename),
    kind: kindFromMime(mimeType),
    mimeType,
    sizeBytes: count(r.size),
    durationSeconds: count(r.duration),
    state: fromEnum(r.status, STATE, 'unknown'),
    createdAt: date(r.created_at),
    urls: compact({ stream: text(hls.manifest_url), thumbnail: text(thumb.representative_url) }),
    metadata: isRecord(r.user_metadata) ? { ...r.user_metadata } : {},
    raw: r as RawAsset,
  });
}

export const twelvelabs: ProviderAdapter<'twelvelabs', TwelveLabsClient, TwelveLabsClientOptions> = {
  provider: 'twelvelabs',
  descriptor: twelvelabsDescriptor,
  capabilities: {
    get: true,
    list: true,
    listFilters: { kinds: true, ids: true },
    maxPageSize: 50,
    kinds: ['image', 'video', 'audio'],
  },
  createClient: createTwelveLabsClient,
  async get(client, id, signal) {
    const { data } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } }, signal });
    if (!isRecord(data)) throw new InvalidResponseError('TwelveLabs returned an asset that is not an object', { provider: 'twelvelabs', body: data });
    return toAsset(data, id);
  },
  async listPage(client, { page, pageSize, kinds, ids, signal }) {
    const asset_types = kinds?.flatMap((k) => TYPE_OF_KIND[k] ?? []);
    if (asset_types && asset_types.length === 0) return { assets: [], totalPages: 0 }; // asked only for kinds TwelveLabs never holds
    const { data, response } = await client.GET('/assets', {
      params: { query: { page, page_limit: pageSize, ...(asset_types && { asset_types }), ...(ids && { asset_ids: [...ids] }) } },
      signal,
    });
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
