import { createPrng, type Prng } from '../prng.js';
import { QUALIFIERS, SUBJECTS, TAGS } from './words.js';

/** A TwelveLabs asset as the API sends it (snake_case, every field optional on the wire). */
export interface TwelveLabsAsset {
  _id: string;
  method?: 'direct' | 'url' | 'multipart' | 'connector';
  status: 'ready' | 'processing' | 'failed';
  filename?: string;
  file_type: string;
  created_at: string;
  size?: number;
  duration?: number;
  hls?: { manifest_url?: string; status: DerivativeStatus };
  thumbnail?: { representative_url?: string; status: DerivativeStatus };
  user_metadata?: Record<string, string | number | boolean>;
  technical_metadata?: Record<string, unknown>;
  error?: { message: string };
  source?: { type?: 'connector'; details?: Record<string, string> };
}

type DerivativeStatus = 'pending' | 'processing' | 'ready' | 'error';
type Kind = 'image' | 'video' | 'audio';

const FORMATS: Record<Kind, readonly (readonly [ext: string, mime: string])[]> = {
  image: [['jpg', 'image/jpeg'], ['png', 'image/png'], ['webp', 'image/webp']],
  video: [['mp4', 'video/mp4'], ['mov', 'video/quicktime'], ['webm', 'video/webm']],
  audio: [['mp3', 'audio/mpeg'], ['wav', 'audio/wav'], ['m4a', 'audio/mp4']],
};

/** The newest asset's creation time; older ones step back from it. Fixed so data is reproducible. */
const NEWEST = Date.UTC(2025, 5, 1, 12, 0, 0);

/** What a derivative (HLS, thumbnail) looks like given the asset's own status. */
function derivative(prng: Prng, assetStatus: TwelveLabsAsset['status'], url: string, key: 'manifest_url' | 'representative_url') {
  const status: DerivativeStatus =
    assetStatus === 'ready' ? prng.weighted([['ready', 9], ['error', 1]] as const)
    : assetStatus === 'processing' ? prng.pick(['pending', 'processing'] as const)
    : 'error';
  // The URL exists only once the derivative is ready.
  return status === 'ready' ? { [key]: url, status } : { status };
}

function userMetadata(prng: Prng, kind: Kind): Record<string, string | number | boolean> {
  const meta: Record<string, string | number | boolean> = { category: prng.pick(TAGS) };
  if (prng.chance(0.6)) meta.campaign_year = prng.int(2019, 2025);
  if (prng.chance(0.5)) meta.approved = prng.chance(0.7);
  if (prng.chance(0.4)) meta.score = Math.round(prng.next() * 1000) / 100;
  if (kind !== 'image' && prng.chance(0.4)) meta.language = prng.pick(['en', 'de', 'fr', 'ja']);
  return meta;
}

/**
 * Generates `count` TwelveLabs assets, newest first: a mix of images, videos
 * and audio, mostly ready, with optional fields present or absent the way the
 * API leaves them out (no size while processing, no duration for images, ...).
 */
export function generateTwelveLabsAssets(count: number, seed: number): TwelveLabsAsset[] {
  const prng = createPrng(seed);
  const assets: TwelveLabsAsset[] = [];
  let createdSeconds = Math.floor(NEWEST / 1000);
  for (let i = 0; i < count; i++) {
    // Strictly decreasing whole seconds: created_at is distinct and sorts newest first.
    createdSeconds -= prng.int(1, 5400);
    const kind = prng.weighted<Kind>([['image', 45], ['video', 35], ['audio', 20]]);
    const status = prng.weighted([['ready', 86], ['processing', 9], ['failed', 5]] as const);
    const [ext, mime] = prng.pick(FORMATS[kind]);
    // Mongo-style ObjectId: 4-byte timestamp then 8 random bytes, so ids are unique and 24 hex chars.
    const id = createdSeconds.toString(16).padStart(8, '0') + prng.hex(16);
    const asset: TwelveLabsAsset = {
      _id: id,
      status,
      file_type: mime,
      created_at: new Date(createdSeconds * 1000).toISOString().replace('.000Z', 'Z'),
    };
    // A few old uploads carry no method or filename.
    if (prng.chance(0.97)) asset.method = kind === 'video' && prng.chance(0.2) ? 'multipart' : prng.weighted([['direct', 7], ['url', 3]] as const);
    if (prng.chance(0.98)) asset.filename = `${prng.pick(SUBJECTS)}-${prng.pick(QUALIFIERS)}-${String(i + 1).padStart(4, '0')}.${ext}`;
    if (status !== 'processing') {
      asset.size = kind === 'image' ? prng.int(40_000, 12_000_000) : kind === 'audio' ? prng.int(300_000, 90_000_000) : prng.int(2_000_000, 4_000_000_000);
      if (kind !== 'image' && status === 'ready') asset.duration = Math.round((5 + prng.next() * 3600) * 1000) / 1000;
    }
    const base = `https://media.example.com/twelvelabs/${id}`;
    if (kind === 'video' && prng.chance(0.6)) asset.hls = derivative(prng, status, `${base}/stream.m3u8`, 'manifest_url');
    if (kind !== 'audio' && prng.chance(0.6)) asset.thumbnail = derivative(prng, status, `${base}/thumbnail.jpg`, 'representative_url');
    if (prng.chance(0.4)) asset.user_metadata = userMetadata(prng, kind);
    assets.push(asset);
  }
  return assets;
}

const DOCUMENT_TYPES = new Set(['application/pdf', 'text/plain', 'text/markdown']);

/** The kind an asset's MIME type says, for the `asset_types` filter (PDF, text and Markdown are documents). */
export function kindOf(asset: Pick<TwelveLabsAsset, 'file_type'>): string {
  return DOCUMENT_TYPES.has(asset.file_type) ? 'document' : (asset.file_type.split('/')[0] ?? '');
}
