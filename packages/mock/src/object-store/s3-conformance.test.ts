/**
 * The same client-visible assertions against our store and against s3rver
 * (a real S3 implementation from npm), so "behaves like S3" is checked, not
 * assumed. s3rver 3.7.1 does not check parts on CompleteMultipartUpload (it
 * concatenates whatever is listed: no InvalidPart, InvalidPartOrder or
 * EntityTooSmall) and answers a multipart object's ETag as a plain MD5, not
 * S3's "<md5>-<n>"; those rows assert s3rver's known gap instead, so a newer
 * s3rver that closes it makes the test say so.
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStoreError, startObjectStore } from './index.js';

type Completion = { ok: true; etag: string } | { ok: false; code: string };
interface S3Target {
  name: string;
  /** Whether CompleteMultipartUpload checks parts and answers "<md5>-<n>", as S3 does. */
  s3CompleteChecks: boolean;
  presignPut(key: string, expiresInSeconds?: number): string;
  createMultipartUpload(key: string): Promise<string>;
  presignPart(key: string, uploadId: string, partNumber: number): string;
  complete(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): Promise<Completion>;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const bytes = (n: number, seed: number): Uint8Array<ArrayBuffer> => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff;
  return b;
};
const xmlField = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

async function ourStore(): Promise<S3Target> {
  const store = await startObjectStore(); // default minPartSize: 5 MiB, as S3
  return {
    name: 'assetkit object store',
    s3CompleteChecks: true,
    presignPut: (key, expiresInSeconds) => store.presignPut(key, { expiresInSeconds: expiresInSeconds ?? 3600 }),
    createMultipartUpload: async (key) => store.createMultipartUpload(key),
    presignPart: (key, id, n) => store.presignPart(key, id, n),
    async complete(key, id, parts) {
      try {
        return { ok: true, etag: store.completeMultipartUpload(key, id, parts).etag };
      } catch (e) {
        if (e instanceof ObjectStoreError) return { ok: false, code: e.code };
        throw e;
      }
    },
    close: () => store.close(),
  };
}

/** s3rver on 127.0.0.1 with a temp directory; URLs presigned with S3 query-string auth (SigV2), which s3rver verifies. */
async function s3rverTarget(): Promise<S3Target> {
  const directory = await mkdtemp(join(tmpdir(), 'assetkit-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'bucket' }] });
  const { port } = (await server.run()) as { port: number };
  const base = `http://127.0.0.1:${port}`;
  const presign = (method: string, key: string, sub: Record<string, string>, expiresInSeconds = 3600, contentType = '') => {
    // An expiry of 0 would equal "now" to the second; one second back makes it expired for sure.
    const expires = Math.floor(Date.now() / 1000) + (expiresInSeconds === 0 ? -1 : expiresInSeconds);
    const path = `/bucket/${key.split('/').map(encodeURIComponent).join('/')}`;
    const subresources = Object.entries(sub)
      .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
      .sort()
      .join('&');
    const toSign = [method, '', contentType, String(expires), subresources ? `${path}?${subresources}` : path].join('\n');
    // s3rver's built-in account (S3RVER / S3RVER): a public test credential.
    const signature = createHmac('sha1', 'S3RVER').update(toSign).digest('base64');
    const q = new URLSearchParams({ AWSAccessKeyId: 'S3RVER', Expires: String(expires), Signature: signature });
    return `${base}${path}?${subresources ? `${subresources}&` : ''}${q}`;
  };
  return {
    name: 's3rver',
    s3CompleteChecks: false,
    presignPut: (key, expiresInSeconds) => presign('PUT', key, {}, expiresInSeconds),
    async createMultipartUpload(key) {
      const res = await fetch(presign('POST', key, { uploads: '' }), { method: 'POST' });
      const xml = await res.text();
      if (res.status !== 200) throw new Error(`s3rver CreateMultipartUpload: ${res.status} ${xml}`);
      return xmlField(xml, 'UploadId')!;
    },
    presignPart: (key, id, n) => presign('PUT', key, { partNumber: String(n), uploadId: id }),
    async complete(key, id, parts) {
      const body = `<CompleteMultipartUpload>${parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${p.etag}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
      const res = await fetch(presign('POST', key, { uploadId: id }, 3600, 'application/xml'), { method: 'POST', body, headers: { 'content-type': 'application/xml' } });
      const xml = await res.text();
      return res.status === 200 ? { ok: true, etag: xmlField(xml, 'ETag')!.replace(/&quot;/g, '"') } : { ok: false, code: xmlField(xml, 'Code')! };
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

for (const make of [ourStore, s3rverTarget]) {
  describe(`S3 behaviour: ${make.name}`, () => {
    let t: S3Target;
    beforeAll(async () => {
      t = await make();
    });
    afterAll(() => t.close());
    const put = (url: string, body: Uint8Array<ArrayBuffer>) => fetch(url, { method: 'PUT', body });

    it('PUT answers 200 and a quoted hex MD5 ETag', async () => {
      const body = bytes(3000, 1);
      const res = await put(t.presignPut('dir/one.bin'), body);
      expect(res.status).toBe(200);
      expect(res.headers.get('etag')).toBe(`"${md5(body)}"`);
    });

    it('an expired presigned URL answers 403 AccessDenied "Request has expired"', async () => {
      const res = await put(t.presignPut('dir/late.bin', 0), bytes(10, 1));
      expect(res.status).toBe(403);
      const xml = await res.text();
      expect(xmlField(xml, 'Code')).toBe('AccessDenied');
      expect(xmlField(xml, 'Message')).toBe('Request has expired');
    });

    it('a presigned URL with a changed expiry answers 403 SignatureDoesNotMatch', async () => {
      const url = new URL(t.presignPut('dir/tampered.bin'));
      url.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 60));
      const res = await put(url.toString(), bytes(10, 1));
      expect(res.status).toBe(403);
      expect(xmlField(await res.text(), 'Code')).toBe('SignatureDoesNotMatch');
    });

    it('multipart: parts answer quoted MD5 ETags; completion with the right ETags succeeds', async () => {
      const parts = [bytes(5 * MiB, 2), bytes(1000, 3)];
      const id = await t.createMultipartUpload('dir/multi.bin');
      const etags: string[] = [];
      for (const [i, p] of parts.entries()) {
        const res = await put(t.presignPart('dir/multi.bin', id, i + 1), p);
        expect(res.status).toBe(200);
        etags.push(res.headers.get('etag')!);
        expect(etags[i]).toBe(`"${md5(p)}"`);
      }
      const done = await t.complete('dir/multi.bin', id, etags.map((etag, i) => ({ partNumber: i + 1, etag })));
      expect(done.ok).toBe(true);
      const etag = (done as { etag: string }).etag;
      expect(etag).toMatch(/^".+"$/);
      const s3Etag = `"${createHash('md5').update(Buffer.concat(parts.map((p) => Buffer.from(md5(p), 'hex')))).digest('hex')}-2"`;
      if (t.s3CompleteChecks) expect(etag).toBe(s3Etag);
      else expect(etag).toBe(`"${md5(Buffer.concat(parts))}"`); // s3rver's gap: plain MD5 of the whole
    });

    it('multipart: a wrong ETag, parts out of order and a small non-final part are refused', async () => {
      const id = await t.createMultipartUpload('dir/bad.bin');
      const e1 = (await put(t.presignPart('dir/bad.bin', id, 1), bytes(100, 4))).headers.get('etag')!;
      const e2 = (await put(t.presignPart('dir/bad.bin', id, 2), bytes(100, 5))).headers.get('etag')!;
      const cases: Array<[string, Array<{ partNumber: number; etag: string }>]> = [
        ['InvalidPart', [{ partNumber: 1, etag: '"00000000000000000000000000000000"' }]],
        ['InvalidPartOrder', [{ partNumber: 2, etag: e2 }, { partNumber: 1, etag: e1 }]],
        ['EntityTooSmall', [{ partNumber: 1, etag: e1 }, { partNumber: 2, etag: e2 }]],
      ];
      for (const [code, parts] of cases) {
        const result = await t.complete('dir/bad.bin', id, parts);
        // s3rver 3.7.1 completes anyway (its gap); after that the upload is gone, so stop at the first case.
        if (!t.s3CompleteChecks) {
          expect(result.ok).toBe(true);
          return;
        }
        expect(result).toEqual({ ok: false, code });
      }
    });
  });
}
