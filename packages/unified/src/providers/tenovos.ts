import { createTenovosClient, tenovosDescriptor, InvalidResponseError, type Asset as RawAsset, type TenovosClient, type TenovosClientOptions } from '@assetkit/tenovos';
import type { Asset, AssetState } from '../asset.js';
import { kindFromMime, mimeFromFilename } from '../media-type.js';
import { formatRef } from '../ref.js';
import { compact, count, date, isRecord, text } from '../read.js';
import type { ProviderAdapter } from './types.js';

/** 'recycle bin' on either the file or the metadata means deleted; both 'available' means ready. */
function stateOf(r: Record<string, unknown>): AssetState {
  const states = [r.fileState, r.metadataState];
  if (states.includes('recycle bin')) return 'deleted';
  if (states.every((s) => s === 'available' || s === undefined) && states.some((s) => s === 'available')) return 'ready';
  return 'unknown';
}

/** A metadata value as a plain value: tables become arrays of {column: value} rows. */
function flattenValue(value: unknown): unknown {
  if (Array.isArray(value) && value.length > 0 && value.every(Array.isArray)) {
    return value.map((row: unknown[]) =>
      Object.fromEntries(row.filter(isRecord).map((cell) => [String(cell.name), flattenValue(cell.value)])),
    );
  }
  return value;
}

function metadataOf(entries: unknown): Record<string, unknown> {
  if (!Array.isArray(entries)) return {};
  // Object.fromEntries defines own properties: an attribute named "__proto__" stays a key
  // (an assignment would set the object's prototype instead).
  return Object.fromEntries(
    entries.filter((entry) => isRecord(entry) && typeof entry.name === 'string').map((entry) => [entry.name, flattenValue(entry.value)]),
  );
}

function toAsset(raw: unknown, fallbackId?: string): Asset<'tenovos'> {
  const r = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const id = text(r.assetId) ?? fallbackId ?? '';
  const name = text(r.filename);
  const mimeType = mimeFromFilename(name);
  const renditions = isRecord(r.renditionsDocument) ? r.renditionsDocument : {};
  return compact({
    provider: 'tenovos',
    id,
    ref: formatRef('tenovos', id),
    name,
    kind: kindFromMime(mimeType),
    mimeType,
    sizeBytes: count(r.fileSizeInBytes),
    width: count(renditions.width),
    height: count(renditions.height),
    state: stateOf(r),
    createdAt: date(r.createdDate),
    updatedAt: date(r.lastUpdatedDate),
    urls: compact({ thumbnail: text(renditions.imageThumb), preview: text(renditions.imagePreview) }),
    metadata: metadataOf(r.metadata),
    raw: r as RawAsset,
  });
}

export const tenovos: ProviderAdapter<'tenovos', TenovosClient, TenovosClientOptions> = {
  provider: 'tenovos',
  descriptor: tenovosDescriptor,
  // The spec has no list operation: get only.
  capabilities: {
    get: true,
    list: false,
    listFilters: { kinds: false, ids: false },
    maxPageSize: 0,
    kinds: ['image', 'video', 'audio', 'document', 'other'],
  },
  createClient: createTenovosClient,
  async get(client, id, signal) {
    const { data, response } = await client.GET('/assets/asset/{id}', { params: { path: { id } }, signal });
    if (!isRecord(data) || !isRecord(data.data)) {
      throw new InvalidResponseError('Tenovos returned no data object', { provider: 'tenovos', status: response.status, body: data, response });
    }
    return toAsset(data.data, id);
  },
  toAsset,
};
