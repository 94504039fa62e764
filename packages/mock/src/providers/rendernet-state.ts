import { generateRenderNetAssets, type RenderNetAsset, type RenderNetAssetV1 } from '../data/rendernet-assets.js';
import { createPrng, subSeed } from '../prng.js';

/**
 * The part of the object store the RenderNet mock uses: presign a single PUT,
 * and see whether the bytes arrived. Structural, so any store with these two
 * methods (the `ObjectStore` of `../object-store`) fits.
 */
export interface UploadTarget {
  presignPut(key: string, opts?: { expiresInSeconds?: number }): string;
  getObject(key: string): { size: number; sha256?: string } | undefined;
}

export interface ProcessingOptions {
  /** How long an asset stays `processing` after its bytes arrived. Default 50. */
  delayMs?: number;
  /** Share of uploads that end `censored` instead of `active`. Default 0. */
  failRate?: number;
  /** Seeds which uploads fail. Default: the server's seed. */
  seed?: number;
}

export interface RenderNetStateOptions {
  assets: number;
  seed: number;
  /** Where upload URLs point; only called once there is an upload, so a server without uploads needs no store. */
  store: () => UploadTarget;
  processing?: ProcessingOptions | undefined;
  /** Most assets uploads may add to one server instance (state stays bounded). Default 10 000. */
  maxUploads?: number | undefined;
  /** The clock; injectable so a test can move time instead of waiting. */
  now?: () => number;
}

/** What the mock remembers about an asset created by an upload. */
interface Upload {
  key: string;
  /** When the bytes were first seen in the store (ms); the processing clock starts there. */
  receivedAt?: number;
  /** Decided at creation from the seeded PRNG, so the same seed fails the same uploads. */
  fails: boolean;
}

const EXT = { image: 'png', video: 'mp4', audio: 'mp3' } as const;
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** Typical bitrates, so a finished upload gets a plausible duration from its byte count. */
const BYTES_PER_SECOND = { video: 250_000, audio: 16_000 } as const;
const FRAMES_PER_SECOND = 30;

export class UploadLimitError extends Error {}

/**
 * The RenderNet data held by one mock server: the seeded data set plus the
 * assets uploads create, in creation order (the order the mock lists them).
 * Upload statuses follow the processing simulation and are brought up to date
 * whenever an asset is read: no timers.
 */
export class RenderNetState {
  readonly assets: RenderNetAsset[];
  private readonly byId: Map<string, RenderNetAsset>;
  private readonly uploads = new Map<string, Upload>();
  private readonly idPrng;
  private readonly failPrng;
  private readonly delayMs: number;
  private readonly failRate: number;
  private readonly maxUploads: number;
  private readonly now: () => number;
  private readonly store: () => UploadTarget;

  constructor(options: RenderNetStateOptions) {
    const processing = options.processing ?? {};
    this.delayMs = processing.delayMs ?? 50;
    this.failRate = processing.failRate ?? 0;
    if (!(Number.isFinite(this.delayMs) && this.delayMs >= 0)) throw new RangeError(`processing.delayMs must be a number >= 0, got ${this.delayMs}`);
    if (!(this.failRate >= 0 && this.failRate <= 1)) throw new RangeError(`processing.failRate must be between 0 and 1, got ${this.failRate}`);
    this.maxUploads = options.maxUploads ?? 10_000;
    this.now = options.now ?? Date.now;
    this.store = options.store;
    this.assets = generateRenderNetAssets(options.assets, options.seed);
    this.byId = new Map(this.assets.map((a) => [a.id, a]));
    this.idPrng = createPrng(subSeed(options.seed, 'uploads'));
    this.failPrng = createPrng(subSeed(processing.seed ?? options.seed, 'processing'));
  }

  /** The asset, with its upload status brought up to date; undefined when unknown. */
  get(id: string): RenderNetAsset | undefined {
    const asset = this.byId.get(id);
    if (asset) this.refresh(asset);
    return asset;
  }

  /** One page of the listing, each asset up to date. */
  page(page: number, pageSize: number): RenderNetAsset[] {
    const slice = this.assets.slice((page - 1) * pageSize, page * pageSize);
    for (const asset of slice) this.refresh(asset);
    return slice;
  }

  /** Creates a `pending` asset and presigns the PUT its bytes go to. */
  create(type: RenderNetAsset['type'], size: { width: number; height: number } | undefined): { asset: RenderNetAsset; uploadUrl: string } {
    if (this.uploads.size >= this.maxUploads) throw new UploadLimitError(`This mock holds at most ${this.maxUploads} uploaded assets`);
    let id: string;
    do {
      id = 'ast_';
      for (let i = 0; i < 12; i++) id += ALPHABET[this.idPrng.int(0, 31)];
    } while (this.byId.has(id));
    const asset: RenderNetAsset = { id, type, status: 'pending', url: `https://assets.example.com/rendernet/${id}.${EXT[type]}` };
    // Audio has no pixels: the size of the request is ignored for it.
    if (size && type !== 'audio') asset.size = { width: size.width, height: size.height };
    const key = `rendernet/${id}.${EXT[type]}`;
    const uploadUrl = this.store().presignPut(key, { expiresInSeconds: 3600 });
    this.uploads.set(id, { key, fails: this.failPrng.chance(this.failRate) });
    this.assets.push(asset);
    this.byId.set(id, asset);
    return { asset, uploadUrl };
  }

  /** Assets uploads created, for tests: live unless archived; the file as the store holds it. */
  inspect(): Array<{ id: string; live: boolean; hasFile: boolean; sha256?: string; size?: number }> {
    return [...this.uploads].map(([id, upload]) => {
      const object = this.store().getObject(upload.key);
      return { id, live: this.get(id)?.status !== 'archive', hasFile: object !== undefined, ...(object ? { size: object.size, ...(object.sha256 ? { sha256: object.sha256 } : {}) } : {}) };
    });
  }

  /** Archives the known ids; returns them and the ids it did not know. */
  archive(ids: readonly string[]): { archived: RenderNetAsset[]; unknown: string[] } {
    const archived: RenderNetAsset[] = [];
    const unknown: string[] = [];
    for (const id of new Set(ids)) {
      const asset = this.get(id);
      if (!asset) {
        unknown.push(id);
        continue;
      }
      asset.status = 'archive';
      archived.push(asset);
    }
    return { archived, unknown };
  }

  /** The v1 shape of an asset (v1 upload and archive answers). */
  v1(asset: RenderNetAsset): RenderNetAssetV1 {
    const data: RenderNetAssetV1['data'] = { url: asset.url };
    if (asset.size) data.size = { ...asset.size };
    // Only what came in through this API carries the `api` tag (upload-v1 example).
    return { id: asset.id, type: asset.type, status: asset.status, tags: this.uploads.has(asset.id) ? ['api'] : [], data };
  }

  /** pending -> processing once the bytes are in the store -> active or censored once delayMs has passed. */
  private refresh(asset: RenderNetAsset): void {
    const upload = this.uploads.get(asset.id);
    if (!upload || asset.status === 'archive' || asset.status === 'active' || asset.status === 'censored') return;
    const now = this.now();
    if (upload.receivedAt === undefined) {
      const object = this.store().getObject(upload.key);
      if (!object) return;
      upload.receivedAt = now;
      asset.status = 'processing';
      const rate = asset.type === 'image' ? undefined : BYTES_PER_SECOND[asset.type];
      if (rate !== undefined) {
        asset.duration = Math.max(1, Math.ceil(object.size / rate));
        if (asset.type === 'video') asset.frames = asset.duration * FRAMES_PER_SECOND;
      }
    }
    if (now - upload.receivedAt >= this.delayMs) asset.status = upload.fails ? 'censored' : 'active';
  }
}
