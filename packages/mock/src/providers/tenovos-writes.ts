import { fromDefinitionDocument, mergeEntries } from '../data/tenovos-metadata.js';
import type { TenovosAsset } from '../data/tenovos-assets.js';
import type { Prng } from '../prng.js';
import type { MockResponse } from '../types.js';
import type { AssetRecord, AssetState, TenovosUploadStore } from './tenovos-state.js';

/**
 * The Tenovos operations that change state: POST /asset (new asset, new
 * version, metadata-only; presigned URLs from the object store, one URL or
 * one per part when `filesize` is sent), POST /asset/complete, PATCH
 * /asset/{id}, POST /asset/{id}/delete, and GET /asset/{id}/content.
 * Validation failures answer 403 as the service does (TV-C10).
 */

export interface WriteOptions {
  state: AssetState;
  store: () => TenovosUploadStore;
  prng: Prng;
  /** Bytes per part URL. Tenovos: 100 MB. */
  partSize: number;
  failRate: number;
  metadataTemplates: ReadonlySet<string>;
  securityTemplates: ReadonlySet<string>;
  /** The user the session belongs to (createdBy / lastUpdatedBy). */
  userId: string;
}

/**
 * S3's limit on parts per upload. The service's "content up to 5 GB" is the
 * single-PUT limit: its own large-upload guide sends a 7 GB file in parts.
 */
const MAX_PARTS = 10_000;
const UPLOAD_URL_SECONDS = 86_400;
const DOWNLOAD_URL_SECONDS = 20;

const refused = (message: string, status?: string): MockResponse => ({ status: 403, body: status ? { status, message } : { message } });
const badRequest = (message: string): MockResponse => ({ status: 400, body: { status: 'error', message } });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const IMAGE_OR_VIDEO = /\.(jpe?g|png|tiff?|gif|webp|mp4|mov|m4v|webm)$/i;

export function createWrites(o: WriteOptions) {
  const { state } = o;

  function securityTemplatesOf(value: unknown): string[] | MockResponse {
    if (!Array.isArray(value) || value.length === 0) return refused('Invalid Asset: Missing Security Template ID(s)');
    if (!value.every((id) => typeof id === 'string' && o.securityTemplates.has(id))) return refused('Invalid security template ID(s)', 'error');
    return value as string[];
  }

  function create(body: unknown): MockResponse {
    if (!isObject(body) || typeof body.filename !== 'string' || body.filename.trim() === '' || /[/\\]/.test(body.filename)) return refused('Failed to parse Asset');
    if (typeof body.metadataTemplateId !== 'string' || body.metadataTemplateId === '') return refused('Invalid Asset: Missing Metadata Template ID');
    if (!o.metadataTemplates.has(body.metadataTemplateId)) return refused('Invalid fields for metadata template', 'error');
    const templates = securityTemplatesOf(body.securityTemplateIds);
    if (!Array.isArray(templates)) return templates;
    if (!('metadata' in body)) return refused('Unexpected end of JSON input');
    const metadata = body.metadata === null ? { entries: [] } : fromDefinitionDocument(body.metadata);
    if ('error' in metadata) return refused('Invalid fields for metadata template', 'error');
    const filesize = body.filesize;
    if (filesize !== undefined && (typeof filesize !== 'number' || !Number.isInteger(filesize) || filesize < 0)) {
      return refused('Failed to parse Asset');
    }
    let original: AssetRecord | undefined;
    if (body.originalFileId !== undefined) {
      original = typeof body.originalFileId === 'string' ? state.records.find((r) => r.asset.originalFileId === body.originalFileId && r.asset.currentVersion) : undefined;
      if (!original) return refused('Invalid Response from Create Asset');
    }
    const parts = filesize === undefined ? 0 : Math.max(1, Math.ceil(filesize / o.partSize));
    if (parts > MAX_PARTS) return refused('Failed to parse Asset');

    const now = Date.now();
    const assetId = o.prng.uuid();
    const fileId = o.prng.uuid();
    const filename = body.filename;
    const key = `masters/${fileId}/${filename}`;
    const asset: TenovosAsset = {
      assetId,
      fileId,
      originalFileId: original ? original.asset.originalFileId : fileId,
      filename,
      type: 'Asset',
      createdDate: new Date(now).toISOString(),
      lastUpdatedDate: new Date(now).toISOString(),
      createdBy: o.userId,
      lastUpdatedBy: o.userId,
      currentVersion: true,
      versionNumber: now,
      fileState: 'available',
      metadataState: 'available',
      metadataTemplateId: body.metadataTemplateId,
      securityTemplateIds: templates,
      AITags: [],
      avamTags: [],
      lockType: [],
      metadata: metadata.entries,
    };
    const base = `https://content.example.com/tenovos/${assetId}`;
    const record: AssetRecord = {
      asset,
      file: {
        key,
        method: parts === 0 ? 'single' : 'multipart',
        upload: 'open',
        fails: o.prng.next() < o.failRate,
        renditions: IMAGE_OR_VIDEO.test(filename)
          ? { imageThumb: `${base}/thumb-200x200.png`, imagePreview: `${base}/preview-700x700.png` }
          : { imageThumb: `${base}/thumb-200x200.png` },
      },
    };
    if (!state.add(record)) return { status: 503, body: { message: 'The mock holds as many assets as it may; start a new server' } };
    if (original) original.asset.currentVersion = false;
    const ids = { filename, objectId: assetId, fileId, originalFileId: asset.originalFileId };
    const store = o.store();
    if (parts === 0) return { status: 200, body: { ...ids, url: store.presignPut(key, { expiresInSeconds: UPLOAD_URL_SECONDS }) } };
    const uploadId = store.createMultipartUpload(key);
    record.file!.uploadId = uploadId;
    const urls = Array.from({ length: parts }, (_, i) => ({ partNumber: i + 1, url: store.presignPart(key, uploadId, i + 1, { expiresInSeconds: UPLOAD_URL_SECONDS }) }));
    return { status: 200, body: { ...ids, uploadId, urls } };
  }

  function complete(body: unknown): MockResponse {
    if (!isObject(body) || typeof body.fileId !== 'string' || typeof body.uploadId !== 'string' || typeof body.action !== 'string') {
      return badRequest('Failed to parse asset: Missing fields');
    }
    if (body.action !== 'complete' && body.action !== 'cancel') return badRequest('action must be complete or cancel');
    const record = state.get(body.fileId);
    const file = record?.asset.fileId === body.fileId ? record.file : undefined;
    if (!record || !file || file.method !== 'multipart' || file.uploadId !== body.uploadId || file.upload !== 'open') {
      return badRequest('No open multipart upload has this fileId and uploadId');
    }
    const store = o.store();
    const answer = (action: string) => ({
      status: 200,
      body: { fileId: record.asset.fileId, filename: record.asset.filename, action, originalFileId: record.asset.originalFileId, uploadId: file.uploadId, s3Key: file.key, status: 'success' },
    });
    if (body.action === 'cancel') {
      store.abortMultipartUpload(file.key, file.uploadId!);
      file.upload = 'cancelled';
      return answer('cancel');
    }
    const parts = body.parts;
    if (!Array.isArray(parts) || parts.length === 0) return badRequest('Failed to parse asset: Missing fields');
    if (!parts.every((p) => isObject(p) && Number.isInteger(p.partNumber) && typeof p.etag === 'string')) return badRequest('Each part needs partNumber and etag');
    try {
      const stored = store.completeMultipartUpload(
        file.key,
        file.uploadId!,
        parts.map((p) => ({ partNumber: p.partNumber as number, etag: p.etag as string })),
      );
      file.upload = 'complete';
      file.size = stored.size;
      file.fileAtMs = Date.now();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string') throw error;
      return badRequest(`Failed to complete upload: ${code}: ${(error as Error).message}`);
    }
    return answer('complete');
  }

  function update(record: AssetRecord, body: unknown): MockResponse {
    if (state.isDeleted(record)) return refused('Asset is in the recycle bin and cannot be edited');
    if (!isObject(body)) return refused('Failed to parse Asset');
    let entries = record.asset.metadata;
    if (body.metadata !== undefined) {
      const changes = fromDefinitionDocument(body.metadata);
      if ('error' in changes) return refused('Invalid fields for metadata template', 'error');
      entries = mergeEntries(entries, changes.entries);
    }
    let templates = record.asset.securityTemplateIds;
    if (body.securityTemplateIds !== undefined) {
      const checked = securityTemplatesOf(body.securityTemplateIds);
      if (!Array.isArray(checked)) return refused('Invalid security template ID(s)', 'error');
      templates = checked;
    }
    Object.assign(record.asset, { metadata: entries, securityTemplateIds: templates, lastUpdatedDate: new Date().toISOString(), lastUpdatedBy: o.userId });
    return { status: 200, body: { status: 'success', message: 'Asset update was successful' } };
  }

  function recycle(record: AssetRecord, body: unknown): MockResponse {
    // The service answers a missing or unknown action with a bare 502.
    if (!isObject(body) || (body.action !== 'delete' && body.action !== 'undelete') || (body.deleteType !== undefined && body.deleteType !== 'full')) {
      return { status: 502, body: { message: 'Internal server error' } };
    }
    const a = record.asset;
    if (body.action === 'undelete') {
      if (!state.isDeleted(record)) return refused('Failed to UnDelete Asset');
      a.fileState = 'available';
      a.metadataState = 'available';
      delete record.deletedAtMs;
    } else if (!state.isDeleted(record)) {
      a.fileState = 'recycle bin';
      a.metadataState = 'recycle bin';
      record.deletedAtMs = Date.now();
    }
    a.lastUpdatedDate = new Date().toISOString();
    a.lastUpdatedBy = o.userId;
    return { status: 200, body: { status: 'success', message: 'Master Object update was successful', data: JSON.stringify(state.legacy(record)) } };
  }

  function content(record: AssetRecord): MockResponse {
    if (state.isDeleted(record)) return refused('Asset is in the recycle bin and cannot be downloaded');
    if (!state.hasFile(record)) return refused('Asset has no content file');
    const file = record.file;
    const presignedURL = file
      ? `${o.store().url}/${file.key.split('/').map(encodeURIComponent).join('/')}?X-Amz-Expires=${DOWNLOAD_URL_SECONDS}`
      : `https://content.example.com/tenovos/${record.asset.assetId}/${encodeURIComponent(record.asset.filename)}?X-Amz-Expires=${DOWNLOAD_URL_SECONDS}`;
    return { status: 200, body: { presignedURL } };
  }

  return { create, complete, update, recycle, content };
}
