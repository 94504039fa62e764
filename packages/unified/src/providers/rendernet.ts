import { createRenderNetClient, rendernetDescriptor, InvalidResponseError, type Asset as RawAsset, type RenderNetClient, type RenderNetClientOptions } from '@assetkit/rendernet';
import type { Asset, AssetKind, AssetState } from '../asset.js';
import { formatRef } from '../ref.js';
import { compact, count, fromEnum, isRecord, text } from '../read.js';
import type { ProviderAdapter } from './types.js';

const STATE: Record<string, AssetState> = {
  active: 'ready',
  pending: 'processing',
  processing: 'processing',
  archive: 'archived',
  censored: 'blocked',
};
const KIND: Record<string, AssetKind> = { image: 'image', video: 'video', audio: 'audio' };

function toAsset(raw: unknown, fallbackId?: string): Asset<'rendernet'> {
  const r = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const id = text(r.id) ?? fallbackId ?? '';
  const size = isRecord(r.size) ? r.size : {};
  return compact({
    provider: 'rendernet',
    id,
    ref: formatRef('rendernet', id),
    kind: fromEnum(r.type, KIND, 'other'),
    durationSeconds: count(r.duration),
    width: count(size.width),
    height: count(size.height),
    frames: count(r.frames),
    state: fromEnum(r.status, STATE, 'unknown'),
    urls: compact({ original: text(r.url) }),
    metadata: {},
    raw: r as RawAsset,
  });
}

export const rendernet: ProviderAdapter<'rendernet', RenderNetClient, RenderNetClientOptions> = {
  provider: 'rendernet',
  descriptor: rendernetDescriptor,
  // The list endpoint exists but its parameters are unverified (specs/CORRECTIONS.md): get only.
  capabilities: { get: true, list: false, listFilters: { kinds: false, ids: false }, maxPageSize: 0, kinds: ['image', 'video', 'audio'] },
  createClient: createRenderNetClient,
  async get(client, id, signal) {
    const { data, response } = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } }, signal });
    if (!isRecord(data) || !isRecord(data.data)) {
      throw new InvalidResponseError('RenderNet returned no data object', { provider: 'rendernet', status: response.status, body: data, response });
    }
    return toAsset(data.data, id);
  },
  toAsset,
};
