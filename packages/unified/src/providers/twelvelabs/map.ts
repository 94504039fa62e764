import type { AssetDetail as RawAsset } from '@assetkit/twelvelabs';
import type { Asset, AssetState, AssetTechnical } from '../../asset.js';
import { kindFromMime } from '../../media-type.js';
import { formatRef } from '../../ref.js';
import { compact, count, date, fromEnum, isRecord, text } from '../../read.js';

const STATE: Record<string, AssetState> = { ready: 'ready', processing: 'processing', failed: 'failed' };

const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

/** `technical_metadata` -> the unified technical block; undefined when TwelveLabs sent nothing useful. */
function technicalOf(t: Record<string, unknown>): AssetTechnical | undefined {
  const out = compact<AssetTechnical>({
    container: text(t.file_container_format),
    videoCodec: text(t.video_codec),
    audioCodec: text(t.audio_codec),
    frameRate: count(t.video_fps),
    bitrate: count(t.video_bitrate_bps),
    audioSampleRate: count(t.audio_sample_rate),
    audioChannels: count(t.audio_channels),
    hasAudio: bool(t.has_audio),
    isHdr: bool(t.is_hdr),
    colorSpace: text(t.image_color_space),
    bitDepth: count(t.image_bit_depth),
    pageCount: count(t.document_page_count),
  });
  return Object.keys(out).length ? out : undefined;
}

/** An AssetDetail (retrieve and list) or a created Asset -> the unified Asset. Never throws. */
export function toAsset(raw: unknown, fallbackId?: string): Asset<'twelvelabs'> {
  const r = (isRecord(raw) ? raw : {}) as Record<string, unknown>;
  const id = text(r._id) ?? fallbackId ?? '';
  const t = isRecord(r.technical_metadata) ? r.technical_metadata : {};
  const mimeType = text(r.file_type) ?? text(t.file_mime_type);
  const hls = isRecord(r.hls) ? r.hls : {};
  const thumb = isRecord(r.thumbnail) ? r.thumbnail : {};
  const error = isRecord(r.error) ? r.error : {};
  const state = fromEnum(r.status, STATE, 'unknown');
  return compact({
    provider: 'twelvelabs',
    id,
    ref: formatRef('twelvelabs', id),
    name: text(r.filename),
    kind: kindFromMime(mimeType),
    mimeType,
    sizeBytes: count(r.size) ?? count(t.file_size_bytes),
    durationSeconds: count(r.duration) ?? count(t.video_duration_seconds) ?? count(t.audio_duration_seconds),
    width: count(t.video_width) ?? count(t.image_width),
    height: count(t.video_height) ?? count(t.image_height),
    state,
    // The reason is only meaningful for a failed asset; the text is not a contract (spec: AssetError).
    stateReason: state === 'failed' ? (text(error.message) ?? 'TwelveLabs gave no reason') : undefined,
    technical: technicalOf(t),
    createdAt: date(r.created_at),
    urls: compact({ stream: text(hls.manifest_url), thumbnail: text(thumb.representative_url) }),
    metadata: isRecord(r.user_metadata) ? { ...r.user_metadata } : {},
    raw: r as RawAsset,
  });
}
