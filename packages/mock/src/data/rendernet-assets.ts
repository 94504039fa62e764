import { createPrng } from '../prng.js';

/** A RenderNet asset (AssetItemV2) as the API sends it. */
export interface RenderNetAsset {
  id: string;
  type: 'image' | 'audio' | 'video';
  status: 'active' | 'archive' | 'pending' | 'censored' | 'processing';
  url: string;
  size?: { width: number; height: number };
  duration?: number;
  frames?: number;
}

/** The v1 shape of an asset, as the v1 upload and the archive operation return it. */
export interface RenderNetAssetV1 {
  id: string;
  type: RenderNetAsset['type'];
  status: RenderNetAsset['status'];
  tags: string[];
  data: { size?: { width: number; height: number }; url: string };
}

const EXT = { image: 'png', video: 'mp4', audio: 'mp3' } as const;
const SIZES = [[1024, 1024], [1280, 720], [1920, 1080], [720, 1280], [768, 1344], [2048, 2048]] as const;
/** Crockford base32, what ULID-like ids use. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Generates `count` RenderNet assets: mostly active, some pending, processing, archived or censored. */
export function generateRenderNetAssets(count: number, seed: number): RenderNetAsset[] {
  const prng = createPrng(seed);
  const seen = new Set<string>();
  const assets: RenderNetAsset[] = [];
  while (assets.length < count) {
    let id = 'ast_';
    for (let i = 0; i < 12; i++) id += ALPHABET[prng.int(0, 31)];
    if (seen.has(id)) continue;
    seen.add(id);
    const type = prng.weighted([['image', 60], ['video', 25], ['audio', 15]] as const);
    const status = prng.weighted([['active', 80], ['pending', 5], ['processing', 6], ['archive', 6], ['censored', 3]] as const);
    const asset: RenderNetAsset = { id, type, status, url: `https://assets.example.com/rendernet/${id}.${EXT[type]}` };
    if (type !== 'audio') {
      const [width, height] = prng.pick(SIZES);
      asset.size = { width, height };
    }
    // Duration and frames are known once the upload finished.
    if (type !== 'image' && status !== 'pending') {
      asset.duration = prng.int(2, type === 'video' ? 120 : 600);
      if (type === 'video') asset.frames = asset.duration * prng.pick([24, 25, 30]);
    }
    assets.push(asset);
  }
  return assets;
}
