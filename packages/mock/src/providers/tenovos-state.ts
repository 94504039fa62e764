import type { TenovosAsset } from '../data/tenovos-assets.js';
import { denormalized, toDefinitionDocument } from '../data/tenovos-metadata.js';

/** The slice of the object store (`@assetkit/mock`'s ObjectStore) the Tenovos mock uses. */
export interface TenovosUploadStore {
  readonly url: string;
  presignPut(key: string, opts?: { expiresInSeconds?: number }): string;
  createMultipartUpload(key: string): string;
  presignPart(key: string, uploadId: string, partNumber: number, opts?: { expiresInSeconds?: number }): string;
  completeMultipartUpload(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): { size: number };
  abortMultipartUpload(key: string, uploadId: string): void;
  getObject(key: string): { size: number; sha256?: string } | undefined;
}

export interface ProcessingOptions {
  /** How long a new file takes to get its renditions. Default 50. */
  delayMs: number;
}

/** What the mock knows about an asset it created (generated assets have none: their files are "ready"). */
export interface CreatedFile {
  /** Object-store key of the file. */
  key: string;
  /** `single`: one presigned PUT; `multipart`: parts + POST /asset/complete. */
  method: 'single' | 'multipart';
  uploadId?: string;
  /** `open` until the file is there (single: the PUT arrived; multipart: completed) or the upload was cancelled. */
  upload: 'open' | 'complete' | 'cancelled';
  size?: number;
  /** When the file was first seen complete: processing runs from here (computed on read, no timers). */
  fileAtMs?: number;
  /** Drawn at creation: this file's processing fails (its renditions never appear). */
  fails: boolean;
  renditions?: TenovosAsset['renditionsDocument'];
}

export interface AssetRecord {
  asset: TenovosAsset;
  file?: CreatedFile;
  deletedAtMs?: number;
}

const isDeleted = (a: TenovosAsset) => a.fileState === 'recycle bin' || a.metadataState === 'recycle bin';

/**
 * The Tenovos mock's asset state: the generated data set plus what clients
 * create, edit and recycle, per server instance. Reads compute upload and
 * processing progress from the object store and timestamps.
 */
export function createAssetState(options: { assets: TenovosAsset[]; store: () => TenovosUploadStore | undefined; processing: ProcessingOptions; maxAssets: number }) {
  const records: AssetRecord[] = options.assets.map((asset) => ({ asset }));
  const byId = new Map<string, AssetRecord>();
  const index = (r: AssetRecord) => {
    byId.set(r.asset.assetId, r);
    byId.set(r.asset.fileId, r);
  };
  records.forEach(index);

  /** Brings a created asset's file state up to date; returns the record. */
  function refresh(r: AssetRecord, now = Date.now()): AssetRecord {
    const file = r.file;
    if (file && file.method === 'single' && file.upload === 'open') {
      const stored = options.store()?.getObject(file.key);
      if (stored) {
        file.upload = 'complete';
        file.size = stored.size;
        file.fileAtMs = now;
      }
    }
    return r;
  }

  /** The asset as GET /assets/asset/{id} shows it now. */
  function current(r: AssetRecord, now = Date.now()): TenovosAsset {
    refresh(r, now);
    const file = r.file;
    if (!file) return r.asset;
    const { fileSizeInBytes: _size, renditionsDocument: _renditions, ...rest } = r.asset;
    const out: TenovosAsset = { ...rest };
    if (file.upload === 'complete' && file.size !== undefined) {
      out.fileSizeInBytes = file.size;
      const ready = file.fileAtMs !== undefined && now - file.fileAtMs >= options.processing.delayMs;
      if (ready && !file.fails && file.renditions) out.renditionsDocument = file.renditions;
    }
    return out;
  }

  return {
    records,
    /** By asset id or file id. */
    get: (id: string) => byId.get(id),
    current,
    isDeleted: (r: AssetRecord) => isDeleted(r.asset),
    /** Whether the asset has a file that can be downloaded. */
    hasFile(r: AssetRecord): boolean {
      refresh(r);
      return !r.file || r.file.upload === 'complete';
    },
    /** Assets clients created (with a file), for tests: live unless recycled; open = multipart neither completed nor cancelled. */
    inspect() {
      const created = records
        .filter((r) => r.file)
        .map((r) => {
          refresh(r);
          const object = r.file!.upload === 'complete' ? options.store()?.getObject(r.file!.key) : undefined;
          return {
            id: r.asset.assetId,
            name: r.asset.filename,
            live: !isDeleted(r.asset),
            hasFile: object !== undefined,
            ...(object ? { size: object.size, ...(object.sha256 ? { sha256: object.sha256 } : {}) } : {}),
          };
        });
      const openSessions = records.filter((r) => r.file?.method === 'multipart' && r.file.upload === 'open').length;
      return { created, openSessions };
    },
    /** Adds a created asset; false when the instance's bound is reached. */
    add(r: AssetRecord): boolean {
      if (records.length >= options.maxAssets) return false;
      records.push(r);
      options.assets.push(r.asset);
      index(r);
      return true;
    },
    /** The older format search, scan and delete answer with. */
    legacy(r: AssetRecord, now = Date.now()): Record<string, unknown> {
      const a = current(r, now);
      const createdEpoch = Date.parse(a.createdDate);
      return {
        objectId: a.assetId,
        objectType: a.type,
        fileId: a.fileId,
        originalFileId: a.originalFileId,
        filename: a.filename,
        fileState: a.fileState,
        metadataState: a.metadataState,
        currentVersion: a.currentVersion ? 'Y' : 'N',
        versionNumber: a.versionNumber,
        createdBy: a.createdBy,
        lastUpdatedBy: a.lastUpdatedBy,
        createdEpoch,
        lastUpdatedEpoch: Date.parse(a.lastUpdatedDate),
        customerId: '1571671854139',
        metadataTemplateId: a.metadataTemplateId,
        metadata: toDefinitionDocument(a.metadata),
        metadataDenormalized: denormalized(a.metadata),
        securityTemplateIds: a.securityTemplateIds,
        ...(a.fileSizeInBytes === undefined ? {} : { technicalMetadata: { tenovos_metadata: { fileName: a.filename, fileSize: `${a.fileSizeInBytes} bytes` } } }),
        ...(a.renditionsDocument ? { renditions: a.renditionsDocument } : {}),
        ...(r.deletedAtMs === undefined ? {} : { fileDeletedEpoch: r.deletedAtMs }),
      };
    },
  };
}

export type AssetState = ReturnType<typeof createAssetState>;
