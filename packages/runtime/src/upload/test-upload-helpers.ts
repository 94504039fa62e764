import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startObjectStore, type ObjectStore, type ObjectStoreOptions } from '@assetkit/mock';
import type { UrlRequest } from './put-with-retries.js';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Deterministic bytes, different per seed. */
export function bytes(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  let x = seed * 2654435761;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

export async function withTempFile<T>(content: Uint8Array, fn: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'assetkit-upload-'));
  try {
    const path = join(dir, 'source.bin');
    await writeFile(path, content);
    return await fn(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A store with small parts allowed, and a multipart session on it with a getUrl that logs each request. */
export async function storeSession(options: ObjectStoreOptions = {}, key = 'upload.bin') {
  const store: ObjectStore = await startObjectStore({ minPartSize: 1, ...options });
  const uploadId = store.createMultipartUpload(key);
  const urlRequests: Array<{ partNumber: number; reason: UrlRequest['reason'] }> = [];
  const getUrl = async (partNumber: number, request: UrlRequest) => {
    urlRequests.push({ partNumber, reason: request.reason });
    return store.presignPart(key, uploadId, partNumber);
  };
  const complete = (parts: Array<{ partNumber: number; etag: string }>) => store.completeMultipartUpload(key, uploadId, parts);
  return { store, uploadId, key, getUrl, urlRequests, complete };
}

export const waitUntil = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};
