import type { Asset as RawAsset, SearchAsset as RawSearchAsset } from '@assetkit/tenovos';
import type { Asset, AssetState, AssetTechnical } from '../../asset.js';
import { kindFromMime, mimeFromFilename } from '../../media-type.js';
import { formatRef } from '../../ref.js';
import { compact, count, date, isRecord, text } from '../../read.js';

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
      Object.fromEntries(row.filter(isRecord).filter((cell) => 'value' in cell).map((cell) => [String(cell.name), flattenValue(cell.value)])),
    );
  }
  return value;
}

/** Retrieve's named entries; an attribute without a value (unset) is left out. */
function metadataOf(entries: unknown): Record<string, unknown> {
  if (!Array.isArray(entries)) return {};
  // Object.fromEntries defines own properties: an attribute named "__proto__" stays a key
  // (an assignment would set the object's prototype instead).
  return Object.fromEntries(
    entries.filter((entry) => isRecord(entry) && typeof entry.name === 'string' && 'value' in entry).map((entry) => [entry.name, flattenValue(entry.value)]),
  );
}

/** "209743 bytes" (search's tenovos_metadata.fileSize) -> 209743. */
const sizeFromText = (v: unknown): number | undefined => {
  const m = typeof v === 'string' ? /^\s*(\d+)\s*(bytes)?\s*$/i.exec(v) : null;
  return m ? Number(m[1]) : undefined;
};

/** Epoch milliseconds (search shape) as a Date. */
const epoch = (v: unknown): Date | undefined => (typeof v === 'number' && Number.isFinite(v) ? new Date(v) : undefined);

/**
 * Retrieve's object (`assetId`, ISO dates, metadata by name) or search/scan's older
 * one (`objectId`, epoch dates, metadata by definition id plus `metadataDenormalized`
 * by name) -> the same unified Asset. Never throws.
 */
export function toAsset(raw: unknown, fallbackId?: string): Asset<'tenovos'> {
  const r = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const searchShape = r.assetId === undefined && r.objectId !== undefined;
  const id = text(r.assetId) ?? text(r.objectId) ?? fallbackId ?? '';
  const name = text(r.filename);
  const mimeType = mimeFromFilename(name);
  const renditions = isRecord(r.renditionsDocument) ? r.renditionsDocument : isRecord(r.renditions) ? r.renditions : {};
  const technicalRaw = isRecord(r.technicalMetadata) ? r.technicalMetadata : {};
  const tenovosFile = isRecord(technicalRaw.tenovos_metadata) ? technicalRaw.tenovos_metadata : {};
  const technical = compact<AssetTechnical>({ checksum: text(tenovosFile.md5) ?? text(tenovosFile.checksum) });
  const state = stateOf(r);
  return compact({
    provider: 'tenovos',
    id,
    ref: formatRef('tenovos', id),
    name,
    kind: kindFromMime(mimeType),
    mimeType,
    sizeBytes: count(r.fileSizeInBytes) ?? sizeFromText(tenovosFile.fileSize),
    width: count(renditions.width),
    height: count(renditions.height),
    state,
    stateReason: state === 'deleted' ? 'in the Tenovos recycle bin' : undefined,
    technical: Object.keys(technical).length ? technical : undefined,
    createdAt: searchShape ? epoch(r.createdEpoch) : date(r.createdDate),
    updatedAt: searchShape ? epoch(r.lastUpdatedEpoch) : date(r.lastUpdatedDate),
    urls: compact({ thumbnail: text(renditions.imageThumb), preview: text(renditions.imagePreview) }),
    metadata: searchShape ? (isRecord(r.metadataDenormalized) ? { ...r.metadataDenormalized } : {}) : metadataOf(r.metadata),
    raw: r as RawAsset | RawSearchAsset,
  });
}
