import type { Asset as RenderNetAsset } from '@assetkit/rendernet';
import type { Asset as TenovosAsset, SearchAsset as TenovosSearchAsset } from '@assetkit/tenovos';
import type { AssetDetail as TwelveLabsAsset } from '@assetkit/twelvelabs';

export type Provider = 'twelvelabs' | 'rendernet' | 'tenovos';
export const PROVIDERS: readonly Provider[] = ['twelvelabs', 'rendernet', 'tenovos'];

export type AssetKind = 'image' | 'video' | 'audio' | 'document' | 'other';
export const ASSET_KINDS: readonly AssetKind[] = ['image', 'video', 'audio', 'document', 'other'];

export type AssetState = 'ready' | 'processing' | 'failed' | 'archived' | 'deleted' | 'blocked' | 'unknown';

/** Each provider's own asset object, as its spec types it. */
export interface RawAssets {
  twelvelabs: TwelveLabsAsset;
  rendernet: RenderNetAsset;
  /** Retrieve's object, or search/scan's older shape (listing): tell them apart by `assetId` / `objectId`. */
  tenovos: TenovosAsset | TenovosSearchAsset;
}
export type RawAssetOf<P extends Provider> = RawAssets[P];

export interface AssetUrls {
  original?: string;
  thumbnail?: string;
  preview?: string;
  stream?: string;
}

/** What the provider read from the file; a field is absent when the provider did not say. */
export interface AssetTechnical {
  /** Container format(s), e.g. "mov,mp4". */
  container?: string;
  videoCodec?: string;
  audioCodec?: string;
  /** Frames per second of the primary video stream. */
  frameRate?: number;
  /** Bits per second of the primary video stream. */
  bitrate?: number;
  audioSampleRate?: number;
  audioChannels?: number;
  hasAudio?: boolean;
  isHdr?: boolean;
  colorSpace?: string;
  bitDepth?: number;
  /** Pages of a document. */
  pageCount?: number;
  /** MD5 (Tenovos) or another checksum of the original file, as the provider gives it. */
  checksum?: string;
}

interface AssetOf<P extends Provider> {
  provider: P;
  /** The provider's own id. */
  id: string;
  /** `${provider}:${id}`, accepted back by get(). */
  ref: string;
  /** File name. */
  name?: string;
  kind: AssetKind;
  mimeType?: string;
  sizeBytes?: number;
  durationSeconds?: number;
  width?: number;
  height?: number;
  frames?: number;
  state: AssetState;
  /** Why the asset is in its state, when the provider says (e.g. why processing failed). */
  stateReason?: string;
  /** Codecs, frame rate and the like, when the provider read them. */
  technical?: AssetTechnical;
  createdAt?: Date;
  updatedAt?: Date;
  urls: AssetUrls;
  /** User metadata, flattened to name -> value. */
  metadata: Record<string, unknown>;
  /** The provider's object, untouched. */
  raw: RawAssetOf<P>;
}

/**
 * A unified asset. With the default type argument it is a union discriminated
 * by `provider`, so `if (a.provider === 'twelvelabs') a.raw.hls` type-checks.
 */
export type Asset<P extends Provider = Provider> = P extends Provider ? AssetOf<P> : never;
