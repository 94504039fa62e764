import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ObjectStoreError, startObjectStore, type ObjectStore, type ObjectStoreOptions } from './index.js';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (n: number, seed: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const xmlField = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

let store: ObjectStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});
const start = async (o: ObjectStoreOptions = {}) => (store = await startObjectStore({ minPartSize: 1024, ...o }));

describe('object store: single PUT', () => {
  it('answers a quoted MD5 ETag, keeps size + SHA-256, and exposes ETag to browsers', async () => {
    const s = await start();
    const body = bytes(5000, 1);
    const res = await fetch(s.presignPut('videos/a b.mp4'), { method: 'PUT', body });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${md5(body)}"`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    expect(s.getObject('videos/a b.mp4')).toEqual({ key: 'videos/a b.mp4', size: 5000, sha256: sha256(body), etag: `"${md5(body)}"` });
    const pre = await fetch(s.presignPut('x'), { method: 'OPTIONS', headers: { origin: 'http://example.test', 'access-control-request-method': 'PUT' } });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/PUT/);
    expect(s.stats()).toMatchObject({ puts: 1, bytesReceived: 5000, objects: 1 });
  });

  it('keeps the bytes only when asked', async () => {
    const s = await start({ keepBytes: true });
    const body = bytes(100, 2);
    await fetch(s.presignPut('k'), { method: 'PUT', body });
    expect(Buffer.from(s.getObject('k')!.bytes!)).toEqual(Buffer.from(body));
  });

  it('refuses a PUT without Content-Length (chunked), as S3 does', async () => {
    const s = await start();
    const body = new ReadableStream({ start: (c) => (c.enqueue(bytes(10, 1)), c.close()) });
    const res = await fetch(s.presignPut('k'), { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(411);
    expect(xmlField(await res.text(), 'Code')).toBe('MissingContentLength');
  });
});

describe('object store: presigned URLs', () => {
  it('answers an expired URL with 403 and S3 XML "Request has expired"', async () => {
    const s = await start();
    const res = await fetch(s.presignPut('k', { expiresInSeconds: 0 }), { method: 'PUT', body: bytes(10, 1) });
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xmlField(xml, 'Code')).toBe('AccessDenied');
    expect(xmlField(xml, 'Message')).toBe('Request has expired');
    expect(s.getObject('k')).toBeUndefined();
  });

  it('expireAll() voids every URL issued so far; new URLs work', async () => {
    const s = await start();
    const old = s.presignPut('k');
    s.expireAll();
    expect((await fetch(old, { method: 'PUT', body: bytes(10, 1) })).status).toBe(403);
    expect((await fetch(s.presignPut('k'), { method: 'PUT', body: bytes(10, 1) })).status).toBe(200);
    expect(s.stats().faults.expiredUrl).toBe(1);
  });

  it('refuses a tampered URL (other part, later expiry, other key) with SignatureDoesNotMatch', async () => {
    const s = await start();
    const id = s.createMultipartUpload('k');
    const good = new URL(s.presignPart('k', id, 1));
    const variants = [new URL(good), new URL(good), new URL(good)];
    variants[0]!.searchParams.set('partNumber', '2');
    variants[1]!.searchParams.set('Expires', String(Number(good.searchParams.get('Expires')) + 3600));
    variants[2]!.pathname = '/other';
    for (const v of variants) {
      const res = await fetch(v, { method: 'PUT', body: bytes(10, 1) });
      expect(res.status).toBe(403);
      expect(xmlField(await res.text(), 'Code')).toBe('SignatureDoesNotMatch');
    }
    expect(s.listParts('k', id)).toEqual([]);
  });

  it('a URL from another store instance is refused', async () => {
    const other = await startObjectStore();
    const foreign = new URL(other.presignPut('k'));
    await other.close();
    const s = await start();
    const res = await fetch(`${s.url}${foreign.pathname}${foreign.search}`, { method: 'PUT', body: bytes(1, 1) });
    expect(res.status).toBe(403);
  });
});

describe('object store: multipart', () => {
  it('stores parts arriving out of order and completes with S3 ETag and the SHA-256 of the whole', async () => {
    const s = await start();
    const parts = [bytes(2048, 1), bytes(2048, 2), bytes(700, 3)];
    const id = s.createMultipartUpload('big.bin');
    const etags: string[] = [];
    for (const n of [3, 1, 2]) {
      const res = await fetch(s.presignPart('big.bin', id, n), { method: 'PUT', body: parts[n - 1] });
      expect(res.status).toBe(200);
      etags[n - 1] = res.headers.get('etag')!;
    }
    expect(s.listParts('big.bin', id)).toEqual(parts.map((p, i) => ({ partNumber: i + 1, etag: `"${md5(p)}"`, size: p.length })));
    const done = s.completeMultipartUpload('big.bin', id, etags.map((etag, i) => ({ partNumber: i + 1, etag })));
    const whole = Buffer.concat(parts);
    const s3Etag = createHash('md5').update(Buffer.concat(parts.map((p) => Buffer.from(md5(p), 'hex')))).digest('hex');
    expect(done).toEqual({ key: 'big.bin', size: whole.length, sha256: sha256(whole), etag: `"${s3Etag}-3"` });
    expect(s.getObject('big.bin')).toEqual(done);
    expect(s.stats().openUploads).toBe(0);
  });

  it('a part sent again with the same bytes (a retry) leaves the SHA-256 right', async () => {
    const s = await start();
    const parts = [bytes(1024, 4), bytes(10, 5)];
    const id = s.createMultipartUpload('k');
    for (const n of [1, 2, 1]) await fetch(s.presignPart('k', id, n), { method: 'PUT', body: parts[n - 1] });
    const done = s.completeMultipartUpload('k', id, parts.map((p, i) => ({ partNumber: i + 1, etag: md5(p) })));
    expect(done.sha256).toBe(sha256(Buffer.concat(parts)));
    expect(s.stats().partPuts).toEqual({ [`${id}:1`]: 2, [`${id}:2`]: 1 });
  });

  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(ObjectStoreError);
      return (e as ObjectStoreError).code;
    }
    return 'no error';
  };

  it('refuses a wrong ETag, parts out of order, a small non-final part, and an unknown upload', async () => {
    const s = await start();
    const id = s.createMultipartUpload('k');
    const put = async (n: number, b: Uint8Array<ArrayBuffer>) => (await fetch(s.presignPart('k', id, n), { method: 'PUT', body: b })).headers.get('etag')!;
    const e1 = await put(1, bytes(1024, 1));
    const e2 = await put(2, bytes(100, 2));
    const e3 = await put(3, bytes(100, 3));
    expect(refusal(() => s.completeMultipartUpload('k', id, [{ partNumber: 1, etag: '"0123"' }]))).toBe('InvalidPart');
    expect(refusal(() => s.completeMultipartUpload('k', id, [{ partNumber: 4, etag: e1 }]))).toBe('InvalidPart');
    expect(refusal(() => s.completeMultipartUpload('k', id, [{ partNumber: 2, etag: e2 }, { partNumber: 1, etag: e1 }]))).toBe('InvalidPartOrder');
    expect(refusal(() => s.completeMultipartUpload('k', id, [{ partNumber: 1, etag: e1 }, { partNumber: 2, etag: e2 }, { partNumber: 3, etag: e3 }]))).toBe('EntityTooSmall');
    expect(refusal(() => s.completeMultipartUpload('k', 'nope', [{ partNumber: 1, etag: e1 }]))).toBe('NoSuchUpload');
    // Still open after the refusals; the last part may be small.
    expect(s.completeMultipartUpload('k', id, [{ partNumber: 1, etag: e1 }, { partNumber: 2, etag: e2 }]).size).toBe(1124);
    expect(refusal(() => s.listParts('k', id))).toBe('NoSuchUpload');
  });

  it('an aborted upload refuses further parts with 404 NoSuchUpload', async () => {
    const s = await start();
    const id = s.createMultipartUpload('k');
    const url = s.presignPart('k', id, 1);
    s.abortMultipartUpload('k', id);
    const res = await fetch(url, { method: 'PUT', body: bytes(10, 1) });
    expect(res.status).toBe(404);
    expect(xmlField(await res.text(), 'Code')).toBe('NoSuchUpload');
  });

  it('keeps state bounded: at most 1000 open uploads', async () => {
    const s = await start();
    const first = s.createMultipartUpload('k');
    for (let i = 0; i < 1000; i++) s.createMultipartUpload(`k${i}`);
    expect(s.stats().openUploads).toBe(1000);
    expect(() => s.listParts('k', first)).toThrow(ObjectStoreError);
  });
});

describe('object store: faults', () => {
  it('follows the plan: 500, reset mid-body, expired, then normal', async () => {
    const s = await start({ faults: { plan: ['500', 'reset', 'expired', null] } });
    const put = () => fetch(s.presignPut('k'), { method: 'PUT', body: bytes(200_000, 1) });
    const r1 = await put();
    expect(r1.status).toBe(500);
    expect(xmlField(await r1.text(), 'Code')).toBe('InternalError');
    await expect(put()).rejects.toThrow(/fetch failed/);
    const r3 = await put();
    expect(r3.status).toBe(403);
    expect(xmlField(await r3.text(), 'Message')).toBe('Request has expired');
    expect((await put()).status).toBe(200);
    expect(s.stats().faults).toEqual({ '500': 1, reset: 1, expired: 1 });
  });

  it('a stall takes the body and never answers, until the client gives up', async () => {
    const s = await start({ faults: { plan: ['stall'] } });
    const controller = new AbortController();
    const pending = fetch(s.presignPut('k'), { method: 'PUT', body: bytes(10, 1), signal: controller.signal });
    while (s.stats().bytesReceived < 10) await new Promise((r) => setTimeout(r, 5));
    expect(s.stats().putsInFlight).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    while (s.stats().putsInFlight > 0) await new Promise((r) => setTimeout(r, 5));
    expect(s.getObject('k')).toBeUndefined();
  });

  it('seeded rates give the same faults in the same order', async () => {
    const run = async (seed: number) => {
      const s = await startObjectStore({ faults: { rate500: 0.3, rateExpired: 0.3, seed } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(s.presignPut('k'), { method: 'PUT', body: bytes(5, i) })).status);
      await s.close();
      return statuses;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 403, 500]));
    expect(await run(8)).not.toEqual(a);
  });

  it('close() ends stalled connections', async () => {
    const s = await startObjectStore({ faults: { plan: ['stall'] } });
    const pending = new Promise<string>((resolve) => {
      const req = request(s.presignPut('k'), { method: 'PUT', headers: { 'content-length': 1 } }, () => resolve('answered'));
      req.on('error', () => resolve('closed'));
      req.end('x');
    });
    while (s.stats().putsInFlight < 1) await new Promise((r) => setTimeout(r, 5));
    await s.close();
    expect(await pending).toBe('closed');
  });
});
