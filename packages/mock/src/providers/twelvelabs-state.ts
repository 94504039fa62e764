import { kindOf, type TwelveLabsAsset } from '../data/twelvelabs-assets.js';
import { createPrng, type Prng } from '../prng.js';
import type { ProcessingOptions, UploadRecord } from '../types.js';

/** An asset made by an upload during the server's life; its status is derived from the clock on every read. */
export interface CreatedAsset {
  _id: string;
  method: 'direct' | 'url' | 'multipart';
  filename: string;
  file_type: string;
  createdMs: number;
  user_metadata?: Record<string, string | number | boolean>;
  enableHls: boolean;
  enableThumbnail: boolean;
  /** Decided at creation (seeded), shown once the processing delay has passed. */
  outcome: 'ready' | 'failed';
  size: number;
  upload?: UploadRecord;
}

type Metadata = Record<string, string | number | boolean>;

const MIME_BY_EXT: Record<string, string> = {
  mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska',
  mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', flac: 'audio/flac',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif',
  pdf: 'application/pdf', txt: 'text/plain', md: 'text/markdown',
};

/** The MIME type a file name's extension says (case-insensitive, as TwelveLabs matches extensions). */
export function mimeOf(filename: string, declared?: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : MIME_BY_EXT[ext];
  if (byExt) return byExt;
  return declared && declared !== 'application/octet-stream' ? declared : undefined;
}

const FAILURES = ['The file is corrupted or its format is not supported.', 'The video failed the playability check.'];

/**
 * The assets of one TwelveLabs mock: the seeded data set (read-only, edits kept
 * beside it) plus what uploads create. Bounded: created assets beyond
 * `maxCreated` forget the oldest; overlays only ever hold ids that exist.
 */
export class TwelveLabsAssetState {
  private readonly seededById: Map<string, TwelveLabsAsset>;
  private readonly deleted = new Set<string>();
  /** Seeded assets whose metadata was edited: the new metadata (undefined = cleared). */
  private readonly metadataEdits = new Map<string, Metadata | undefined>();
  private readonly created = new Map<string, CreatedAsset>();
  private readonly prng: Prng;
  private readonly delayMs: number;
  private readonly failRate: number;

  constructor(
    private readonly seeded: readonly TwelveLabsAsset[],
    processing: ProcessingOptions | undefined,
    seed: number,
    private readonly maxCreated: number,
    private readonly now: () => number = Date.now,
  ) {
    this.seededById = new Map(seeded.map((a) => [a._id, a]));
    this.delayMs = processing?.delayMs ?? 50;
    this.failRate = processing?.failRate ?? 0;
    if (!(Number.isFinite(this.delayMs) && this.delayMs >= 0)) throw new RangeError(`processing.delayMs must be >= 0, got ${this.delayMs}`);
    if (!(this.failRate >= 0 && this.failRate <= 1)) throw new RangeError(`processing.failRate must be within 0..1, got ${this.failRate}`);
    this.prng = createPrng(processing?.seed ?? seed);
  }

  /** A fresh 24-hex id (time prefix, as the API's ids). */
  newId(): string {
    return Math.floor(this.now() / 1000).toString(16).padStart(8, '0') + this.prng.hex(16);
  }

  add(asset: Omit<CreatedAsset, 'createdMs' | 'outcome'> & { createdMs?: number }): CreatedAsset {
    const record: CreatedAsset = { ...asset, createdMs: asset.createdMs ?? this.now(), outcome: this.prng.chance(this.failRate) ? 'failed' : 'ready' };
    this.created.set(record._id, record);
    while (this.created.size > this.maxCreated) this.created.delete(this.created.keys().next().value!);
    return record;
  }

  /** Assets uploads created, for tests (a deleted one is forgotten, so every one listed is live). */
  inspectCreated(): Array<{ id: string; name: string; live: boolean; hasFile: boolean; sha256?: string; size?: number }> {
    return [...this.created.values()].map((c) => ({
      id: c._id,
      name: c.filename,
      live: true,
      hasFile: c.upload !== undefined || c.method === 'url',
      ...(c.upload ? { sha256: c.upload.sha256, size: c.upload.size } : {}),
    }));
  }

  createdCount(): number {
    return this.created.size;
  }

  upload(id: string): UploadRecord | undefined {
    return this.created.get(id)?.upload;
  }

  has(id: string): boolean {
    return this.created.has(id) || (this.seededById.has(id) && !this.deleted.has(id));
  }

  /** The asset as retrieve answers it, or undefined. */
  get(id: string): TwelveLabsAsset | undefined {
    const made = this.created.get(id);
    if (made) return this.render(made, true);
    const seeded = this.seededById.get(id);
    if (!seeded || this.deleted.has(id)) return undefined;
    return this.withEdits(seeded);
  }

  /** Every asset, newest first: uploads (newest last in the map) before the seeded set. */
  list(): TwelveLabsAsset[] {
    const made = [...this.created.values()].reverse().map((a) => this.render(a, true));
    const seeded = this.deleted.size === 0 && this.metadataEdits.size === 0 ? this.seeded : this.seeded.filter((a) => !this.deleted.has(a._id)).map((a) => this.withEdits(a));
    return [...made, ...seeded];
  }

  /** The create answer: the basic Asset fields only. */
  basic(made: CreatedAsset): TwelveLabsAsset {
    return this.render(made, false);
  }

  delete(id: string): boolean {
    if (this.created.delete(id)) return true;
    if (!this.seededById.has(id) || this.deleted.has(id)) return false;
    this.deleted.add(id);
    this.metadataEdits.delete(id);
    return true;
  }

  metadata(id: string): Metadata | undefined {
    const made = this.created.get(id);
    if (made) return made.user_metadata;
    return this.metadataEdits.has(id) ? this.metadataEdits.get(id) : this.seededById.get(id)?.user_metadata;
  }

  setMetadata(id: string, value: Metadata | undefined): void {
    const made = this.created.get(id);
    if (made) {
      if (value === undefined) delete made.user_metadata;
      else made.user_metadata = value;
      return;
    }
    if (this.seededById.has(id) && !this.deleted.has(id)) this.metadataEdits.set(id, value);
  }

  /** The asset's status now (the transcription follows it). */
  phase(id: string): 'processing' | 'ready' | 'failed' | undefined {
    const made = this.created.get(id);
    if (made) return this.statusOf(made);
    return this.get(id)?.status;
  }

  private statusOf(made: CreatedAsset): 'processing' | 'ready' | 'failed' {
    return this.now() - made.createdMs < this.delayMs ? 'processing' : made.outcome;
  }

  private withEdits(seeded: TwelveLabsAsset): TwelveLabsAsset {
    if (!this.metadataEdits.has(seeded._id)) return seeded;
    const { user_metadata: _old, ...rest } = seeded;
    const edited = this.metadataEdits.get(seeded._id);
    return edited === undefined ? rest : { ...rest, user_metadata: edited };
  }

  /** Derivatives follow the asset: pending while it processes, processing for one more delay, then ready (or error). */
  private derivative(made: CreatedAsset, status: string, key: 'manifest_url' | 'representative_url', url: string) {
    if (status === 'failed') return { status: 'error' as const };
    const age = this.now() - made.createdMs;
    if (age < this.delayMs) return { status: 'pending' as const };
    if (age < 2 * this.delayMs) return { status: 'processing' as const };
    return { [key]: url, status: 'ready' as const };
  }

  private render(made: CreatedAsset, detail: boolean): TwelveLabsAsset {
    const status = this.statusOf(made);
    const asset: TwelveLabsAsset = {
      _id: made._id,
      method: made.method,
      status,
      filename: made.filename,
      file_type: made.file_type,
      created_at: new Date(made.createdMs).toISOString(),
    };
    if (made.user_metadata) asset.user_metadata = { ...made.user_metadata };
    if (!detail) return asset;
    const kind = kindOf(made);
    const base = `https://media.example.com/twelvelabs/${made._id}`;
    if (made.enableHls && (kind === 'video' || kind === 'audio')) asset.hls = this.derivative(made, status, 'manifest_url', `${base}/stream.m3u8`);
    if (made.enableThumbnail && made.file_type !== 'text/plain' && made.file_type !== 'text/markdown') {
      asset.thumbnail = this.derivative(made, status, 'representative_url', `${base}/thumbnail.jpg`);
    }
    if (status === 'ready') {
      asset.size = made.size;
      // A stable duration from the size, so repeated reads agree.
      if (kind === 'video' || kind === 'audio') asset.duration = Math.round((made.size % 3_600_000) / 1000 + 1);
      asset.technical_metadata = { file_size_bytes: made.size, file_mime_type: made.file_type };
    } else if (status === 'failed') {
      asset.error = { message: FAILURES[made.size % FAILURES.length]! };
      asset.technical_metadata = { file_mime_type: made.file_type };
    }
    return asset;
  }
}
