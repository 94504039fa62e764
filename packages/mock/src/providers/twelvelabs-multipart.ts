import type { ObjectStore } from '../object-store/index.js';
import type { MockResponse } from '../types.js';
import { mimeOf, type TwelveLabsAssetState } from './twelvelabs-state.js';
import { tlError as error, pageOf, type PageParams } from './twelvelabs-util.js';

const HOUR_S = 3600;
const SESSION_MS = 24 * HOUR_S * 1000;
/** How many URLs a new session comes with; the rest are fetched with presigned-urls (as the vendor says the set "may not include URLs for all chunks"). */
const INITIAL_URLS = 10;
const GB = 1024 ** 3;
const LIMITS: Record<string, number> = { video: 10 * GB, audio: 10 * GB, image: 32 * 1024 * 1024 };

interface Session {
  upload_id: string;
  asset_id: string;
  storeUploadId: string;
  key: string;
  filename: string;
  type: string;
  total_size: number;
  chunk_size: number;
  total_chunks: number;
  createdMs: number;
  updatedMs: number;
  enableHls: boolean;
  enableThumbnail: boolean;
  user_metadata?: Record<string, string | number | boolean>;
  /** chunk index -> when it was reported (verified against the store's ETag). */
  reported: Map<number, number>;
  /** chunk index -> why its report was refused. */
  failed: Map<number, { at: number; error: string }>;
  completed: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
const unquote = (etag: string) => etag.replace(/^"|"$/g, '');

/**
 * TwelveLabs multipart sessions over the mock's object store: chunk URLs are
 * the store's presigned part URLs, reports are checked against the ETags the
 * store received, and the last report completes the store upload and creates
 * the asset (method `multipart`). At most `maxSessions` are remembered.
 */
export class TwelveLabsMultipart {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly store: ObjectStore,
    private readonly assets: TwelveLabsAssetState,
    private readonly chunkSize: number,
    private readonly maxSessions: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sessions not completed yet (TwelveLabs has no cancel: they expire). */
  openCount(): number {
    return [...this.sessions.values()].filter((s) => !s.completed).length;
  }

  sessionCount(): number {
    return this.sessions.size;
  }

  private urls(s: Session, start: number, count: number) {
    const expires = iso(this.now() + HOUR_S * 1000);
    const out = [];
    for (let i = start; i < start + count && i <= s.total_chunks; i++) {
      out.push({ chunk_index: i, url: this.store.presignPart(s.key, s.storeUploadId, i, { expiresInSeconds: HOUR_S }), expires_at: expires });
    }
    return out;
  }

  private state(s: Session): 'active' | 'completed' | 'expired' {
    if (s.completed) return 'completed';
    return this.now() - s.createdMs >= SESSION_MS ? 'expired' : 'active';
  }

  create(body: unknown): MockResponse {
    if (!isRecord(body)) return error(400, 'parameter_invalid', 'The request body must be a JSON object.');
    const { filename, type, total_size, enable_hls, enable_thumbnail, user_metadata } = body;
    if (typeof filename !== 'string' || filename.length < 1 || filename.length > 255) return error(400, 'parameter_invalid', 'The filename parameter is invalid: a string of 1 to 255 characters is required.');
    if (typeof type !== 'string' || !(type in LIMITS)) return error(400, 'parameter_invalid', 'The type parameter is invalid: it must be one of video, audio, image.');
    if (!Number.isSafeInteger(total_size) || (total_size as number) < 1) return error(400, 'parameter_invalid', 'The total_size parameter is invalid: a positive integer is required.');
    if ((total_size as number) > LIMITS[type]!) return error(400, 'parameter_invalid', `The total_size parameter is invalid: ${type} uploads are limited to ${LIMITS[type]} bytes.`);
    for (const [name, flag] of [['enable_hls', enable_hls], ['enable_thumbnail', enable_thumbnail]] as const) {
      if (flag !== undefined && typeof flag !== 'boolean') return error(400, 'parameter_invalid', `The ${name} parameter is invalid: a boolean is required.`);
    }
    if (user_metadata !== undefined && !(isRecord(user_metadata) && Object.values(user_metadata).every(isScalar))) {
      return error(400, 'parameter_invalid', 'The user_metadata parameter is invalid: an object of string, number or boolean values is required.');
    }
    const size = total_size as number;
    const asset_id = this.assets.newId();
    const key = `twelvelabs/${asset_id}`;
    const now = this.now();
    const s: Session = {
      upload_id: this.assets.newId(),
      asset_id,
      key,
      storeUploadId: this.store.createMultipartUpload(key),
      filename,
      type,
      total_size: size,
      chunk_size: this.chunkSize,
      total_chunks: Math.ceil(size / this.chunkSize),
      createdMs: now,
      updatedMs: now,
      enableHls: enable_hls === true,
      enableThumbnail: enable_thumbnail === true,
      ...(user_metadata !== undefined && { user_metadata: user_metadata as Record<string, string | number | boolean> }),
      reported: new Map(),
      failed: new Map(),
      completed: false,
    };
    this.sessions.set(s.upload_id, s);
    while (this.sessions.size > this.maxSessions) {
      const [oldId, old] = this.sessions.entries().next().value!;
      if (!old.completed) this.store.abortMultipartUpload(old.key, old.storeUploadId);
      this.sessions.delete(oldId);
    }
    return {
      status: 201,
      body: {
        upload_id: s.upload_id,
        asset_id,
        upload_urls: this.urls(s, 1, INITIAL_URLS),
        upload_headers: { 'Content-Type': 'application/octet-stream' },
        chunk_size: s.chunk_size,
        total_chunks: s.total_chunks,
        expires_at: iso(s.createdMs + SESSION_MS),
      },
    };
  }

  listIncomplete(page: PageParams): MockResponse {
    const open = [...this.sessions.values()].filter((s) => !s.completed).reverse();
    return pageOf(open, page, (s) => ({
      upload_id: s.upload_id,
      status: this.state(s),
      total_size: s.total_size,
      chunk_size: s.chunk_size,
      total_chunks: s.total_chunks,
      created_at: iso(s.createdMs),
      expires_at: iso(s.createdMs + SESSION_MS),
    }));
  }

  status(id: string, page: PageParams): MockResponse {
    const s = this.sessions.get(id);
    if (!s) return error(404, 'resource_not_exist', 'Upload not found.');
    const chunks = Array.from({ length: s.total_chunks }, (_, i) => i + 1);
    const listed = pageOf(chunks, page, (index) => {
      const reportedAt = s.reported.get(index);
      const failed = s.failed.get(index);
      if (reportedAt !== undefined) return { index, status: 'completed', uploaded_at: iso(reportedAt), updated_at: iso(reportedAt) };
      if (failed) return { index, status: 'failed', uploaded_at: null, updated_at: iso(failed.at), error: failed.error };
      return { index, status: 'pending', uploaded_at: null, updated_at: iso(s.createdMs) };
    });
    const pageBody = listed.body as { data: unknown[]; page_info: unknown };
    let uploaded = 0;
    for (const index of s.reported.keys()) uploaded += this.sizeOf(s, index);
    return {
      status: 200,
      body: {
        upload_id: s.upload_id,
        status: this.state(s),
        uploaded_chunks: pageBody.data,
        chunks_completed: s.reported.size,
        chunks_failed: s.failed.size,
        chunks_pending: s.total_chunks - s.reported.size - s.failed.size,
        page_info: pageBody.page_info,
        total_size: s.total_size,
        uploaded_size: uploaded,
        created_at: iso(s.createdMs),
        updated_at: iso(s.updatedMs),
      },
    };
  }

  private sizeOf(s: Session, index: number): number {
    return index < s.total_chunks ? s.chunk_size : s.total_size - s.chunk_size * (s.total_chunks - 1);
  }

  report(id: string, body: unknown): MockResponse {
    const s = this.sessions.get(id);
    if (!s) return error(404, 'resource_not_exist', 'Upload not found.');
    const state = this.state(s);
    if (state !== 'active' && !s.completed) return error(400, 'upload_expired', 'The upload session has expired; start a new one.');
    const chunks = isRecord(body) ? body.completed_chunks : undefined;
    if (!Array.isArray(chunks) || chunks.length === 0) return error(400, 'parameter_invalid', 'The completed_chunks parameter is invalid: a non-empty list is required.');
    for (const c of chunks) {
      if (!isRecord(c) || !Number.isInteger(c.chunk_index) || (c.chunk_index as number) < 1 || (c.chunk_index as number) > s.total_chunks) {
        return error(400, 'parameter_invalid', `The chunk_index parameter is invalid: each chunk needs an index between 1 and ${s.total_chunks}.`);
      }
      if (c.proof_type !== 'etag' || typeof c.proof !== 'string' || c.proof === '') return error(400, 'parameter_invalid', 'Each chunk needs proof_type "etag" and its ETag as proof.');
      if (c.chunk_size !== this.sizeOf(s, c.chunk_index as number)) {
        return error(400, 'parameter_invalid', `The chunk_size of chunk ${String(c.chunk_index)} is invalid: expected ${this.sizeOf(s, c.chunk_index as number)}.`);
      }
    }
    // A completed session's store upload is gone: every chunk reported again is a duplicate.
    const received = s.completed ? new Map<number, string>() : new Map(this.store.listParts(s.key, s.storeUploadId).map((p) => [p.partNumber, unquote(p.etag)]));
    let processed = 0;
    let duplicates = 0;
    const now = this.now();
    for (const c of chunks as Array<{ chunk_index: number; proof: string }>) {
      if (s.reported.has(c.chunk_index)) {
        duplicates++;
        continue;
      }
      const etag = received.get(c.chunk_index);
      if (etag === undefined || etag !== unquote(c.proof)) {
        s.failed.set(c.chunk_index, { at: now, error: etag === undefined ? 'No upload of this chunk was received.' : 'The proof does not match the ETag of the uploaded chunk.' });
        continue;
      }
      s.failed.delete(c.chunk_index);
      s.reported.set(c.chunk_index, now);
      processed++;
    }
    s.updatedMs = now;
    const answer: Record<string, unknown> = { asset_id: s.asset_id, processed_chunks: processed, duplicate_chunks: duplicates, total_completed: s.reported.size };
    if (!s.completed && s.reported.size === s.total_chunks) {
      const parts = [...s.reported.keys()].sort((a, b) => a - b).map((n) => ({ partNumber: n, etag: `"${received.get(n)!}"` }));
      const stored = this.store.completeMultipartUpload(s.key, s.storeUploadId, parts);
      s.completed = true;
      this.assets.add({
        _id: s.asset_id,
        method: 'multipart',
        filename: s.filename,
        file_type: mimeOf(s.filename) ?? `${s.type}/octet-stream`,
        enableHls: s.enableHls,
        enableThumbnail: s.enableThumbnail,
        ...(s.user_metadata && { user_metadata: { ...s.user_metadata } }),
        size: stored.size,
        upload: { size: stored.size, sha256: stored.sha256, ...(stored.bytes && { bytes: stored.bytes }) },
      });
    }
    if (s.completed) answer.url = `${this.store.url}/${s.key}`;
    return { status: 200, body: answer };
  }

  presignedUrls(id: string, body: unknown): MockResponse {
    const s = this.sessions.get(id);
    if (!s) return error(404, 'resource_not_exist', 'Upload not found.');
    if (this.state(s) !== 'active') return error(400, 'upload_not_active', `The upload session is ${this.state(s)}; no more URLs can be issued.`);
    const start = isRecord(body) ? body.start : undefined;
    const count = isRecord(body) ? body.count : undefined;
    if (!Number.isInteger(start) || (start as number) < 1 || (start as number) > s.total_chunks) return error(400, 'parameter_invalid', `The start parameter is invalid: it must be between 1 and ${s.total_chunks}.`);
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > 50) return error(400, 'parameter_invalid', 'The count parameter is invalid: it must be between 1 and 50.');
    const urls = this.urls(s, start as number, count as number);
    return {
      status: 200,
      body: { upload_id: s.upload_id, start_index: start, count: urls.length, upload_urls: urls, generated_at: iso(this.now()), expires_at: iso(s.createdMs + SESSION_MS) },
    };
  }
}
