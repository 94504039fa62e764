import { createPrng, type Prng } from '../prng.js';
import { CHANNELS, PRODUCTS, QUALIFIERS, REGIONS, SUBJECTS, TAGS } from './words.js';

export type TenovosMetadataScalar = string | number | boolean | null;
export interface TenovosMetadataCell {
  name: string;
  value?: TenovosMetadataScalar | TenovosMetadataScalar[];
}
export interface TenovosMetadataEntry {
  name: string;
  value?: TenovosMetadataScalar | TenovosMetadataScalar[] | TenovosMetadataCell[][];
}

/** A Tenovos asset as GET /assets/asset/{id} returns it in `data`. */
export interface TenovosAsset {
  assetId: string;
  fileId: string;
  originalFileId: string;
  filename: string;
  /** Absent while a created asset has no uploaded file (metadata-only). */
  fileSizeInBytes?: number;
  type: 'Asset';
  createdDate: string;
  lastUpdatedDate: string;
  createdBy: string;
  lastUpdatedBy: string;
  currentVersion: boolean;
  versionNumber: number;
  fileState: 'available' | 'recycle bin';
  metadataState: 'available' | 'recycle bin';
  metadataTemplateId: string;
  securityTemplateIds: string[];
  AITags: string[];
  avamTags: string[];
  lockType: string[];
  renditionsDocument?: {
    width?: number;
    height?: number;
    imageThumb?: string;
    imagePreview?: string;
    imagePreviewLarge?: string;
    mezzaninePreview?: string;
  };
  metadata: TenovosMetadataEntry[];
}

/** Metadata entries whose names start with this are system fields (dropped by `system=false`). */
export const SYSTEM_PREFIX = 'System ';

type Kind = 'image' | 'video' | 'audio' | 'document';
const FORMATS: Record<Kind, readonly string[]> = {
  image: ['jpg', 'png', 'tif'],
  video: ['mp4', 'mov'],
  audio: ['mp3', 'wav'],
  document: ['pdf', 'docx', 'pptx'],
};
const OLDEST = Date.UTC(2022, 0, 3, 9, 0, 0);

function usDate(prng: Prng): string {
  return `${String(prng.int(1, 12)).padStart(2, '0')}/${String(prng.int(1, 28)).padStart(2, '0')}/${prng.int(2020, 2026)}`;
}

function metadataOf(prng: Prng, kind: Kind, ext: string, creator: string): TenovosMetadataEntry[] {
  const entries: TenovosMetadataEntry[] = [
    { name: 'Release Date', value: usDate(prng) },
    { name: 'Product', value: prng.pick(PRODUCTS) },
    // An attribute of the template never filled in: no value at all, or an empty one.
    prng.chance(0.5) ? { name: 'Description' } : { name: 'Description', value: prng.chance(0.5) ? '' : `Approved ${kind} for ${prng.pick(PRODUCTS)}` },
    { name: 'Keywords', value: prng.chance(0.2) ? [] : [prng.pick(TAGS), prng.pick(TAGS)].filter((t, i, all) => all.indexOf(t) === i) },
    { name: 'Region', value: prng.chance(0.3) ? null : prng.pick(REGIONS) },
  ];
  if (prng.chance(0.6)) {
    const rows = prng.int(1, 3);
    const table: { name: string; value?: string }[][] = [];
    for (let r = 0; r < rows; r++) {
      table.push([
        { name: 'Usage Category', value: prng.pick(CHANNELS) },
        { name: 'Usage Length', value: `${prng.pick([3, 6, 12, 24])} months` },
      ]);
    }
    entries.push({ name: 'Usage Table', value: table });
  } else {
    entries.push({ name: 'Usage Table', value: [] });
  }
  entries.push(
    { name: `${SYSTEM_PREFIX}File Extension`, value: ext },
    { name: `${SYSTEM_PREFIX}Created By`, value: creator },
    { name: `${SYSTEM_PREFIX}Checksum`, value: prng.hex(32) },
  );
  return entries;
}

/**
 * Generates `count` Tenovos assets: images, videos, audio and documents with
 * string, list and table metadata (some attributes without a value), mostly
 * live, some in the recycle bin.
 */
export function generateTenovosAssets(count: number, seed: number): TenovosAsset[] {
  return generateTenovosCatalog(count, seed).assets;
}

/** The data set and the ids it draws from: users, metadata templates and security templates. */
export interface TenovosCatalog {
  assets: TenovosAsset[];
  users: string[];
  metadataTemplates: string[];
  securityTemplates: string[];
}

export function generateTenovosCatalog(count: number, seed: number): TenovosCatalog {
  const prng = createPrng(seed);
  const users = Array.from({ length: 5 }, () => prng.uuid());
  const templates = Array.from({ length: 3 }, () => prng.uuid());
  const securityTemplates = Array.from({ length: 4 }, () => prng.uuid());
  const assets: TenovosAsset[] = [];
  let created = OLDEST;
  for (let i = 0; i < count; i++) {
    created += prng.int(60_000, 8 * 3_600_000);
    const updated = created + (prng.chance(0.5) ? 0 : prng.int(1_000, 90 * 86_400_000));
    const kind = prng.weighted<Kind>([['image', 50], ['video', 20], ['audio', 10], ['document', 20]]);
    const ext = prng.pick(FORMATS[kind]);
    const fileId = prng.uuid();
    const versioned = prng.chance(0.15);
    const creator = prng.pick(users);
    const assetId = prng.uuid();
    const recycled = prng.chance(0.06);
    const asset: TenovosAsset = {
      assetId,
      fileId,
      originalFileId: versioned ? prng.uuid() : fileId,
      filename: `${prng.pick(SUBJECTS)}-${prng.pick(QUALIFIERS)}-${String(i + 1).padStart(4, '0')}.${ext}`,
      fileSizeInBytes: prng.int(10_000, kind === 'video' ? 3_000_000_000 : 80_000_000),
      type: 'Asset',
      createdDate: new Date(created).toISOString(),
      lastUpdatedDate: new Date(updated).toISOString(),
      createdBy: creator,
      lastUpdatedBy: prng.chance(0.7) ? creator : prng.pick(users),
      currentVersion: true,
      versionNumber: created,
      fileState: recycled ? 'recycle bin' : 'available',
      metadataState: recycled && prng.chance(0.7) ? 'recycle bin' : 'available',
      metadataTemplateId: prng.pick(templates),
      securityTemplateIds: [prng.pick(securityTemplates)],
      AITags: kind === 'image' && prng.chance(0.5) ? [prng.pick(TAGS), prng.pick(TAGS)] : [],
      avamTags: [],
      lockType: [],
      metadata: metadataOf(prng, kind, ext, creator),
    };
    const base = `https://content.example.com/tenovos/${assetId}`;
    if (kind === 'image' || kind === 'video') {
      const [width, height] = prng.pick([[435, 650], [1920, 1080], [3000, 2000], [1080, 1350]] as const);
      asset.renditionsDocument = {
        width,
        height,
        imageThumb: `${base}/thumb-200x200.png`,
        imagePreview: `${base}/preview-700x700.png`,
        ...(prng.chance(0.5) ? { imagePreviewLarge: `${base}/preview-2000x2000.png` } : {}),
        ...(kind === 'video' ? { mezzaninePreview: `${base}/mezzanine.mp4` } : {}),
      };
    } else if (kind === 'document' && prng.chance(0.7)) {
      asset.renditionsDocument = { imageThumb: `${base}/thumb-200x200.png`, imagePreview: `${base}/preview-700x700.png` };
    }
    assets.push(asset);
  }
  return { assets, users, metadataTemplates: templates, securityTemplates };
}
