import type { Asset as RawAsset } from '@assetkit/rendernet';
import type { Asset, AssetKind, AssetState } from '../../asset.js';
import { formatRef } from '../../ref.js';
import { compact, count, fromEnum, isRecord, text } from '../../read.js';

const STATE: Record<string, AssetState> = {
  active: 'ready',
  pending: 'processing',
  processing: 'processing',
  archive: 'archived',
  censored: 'blocked',
};
const KIND: Record<string, AssetKind> = { image: 'image', video: 'video', audio: 'audio' };

/** A v2 asset (get, list) or a v1 one (upload v1, archive: size and url under `data`) -> the unified Asset. Never throws. */
export function toAsset(raw: unknown, fallbackId?: string): Asset<'rendernet'> {
  const r = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const v1 = isRecord(r.data) ? r.data : {};
  const id = text(r.id) ?? fallbackId ?? '';
  const size = isRecord(r.size) ? r.size : isRecord(v1.size) ? v1.size : {};
  const state = fromEnum(r.status, STATE, 'unknown');
  return compact({
    provider: 'rendernet',
    id,
    ref: formatRef('rendernet', id),
    kind: fromEnum(r.type, KIND, 'other'),
    durationSeconds: count(r.duration),
    width: count(size.width),
    height: count(size.height),
    frames: count(r.frames),
    state,
    stateReason: state === 'blocked' ? 'censored by RenderNet' : undefined,
    urls: compact({ original: text(r.url) ?? text(v1.url) }),
    metadata: {},
    raw: r as RawAsset,
  });
}
