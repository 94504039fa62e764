import { afterEach, describe, expect, it } from 'vitest';
import { startObjectStore, type ObjectStore } from '@assetkit/mock';
import { AbortedError, InvalidRequestError, PermissionDeniedError } from '../errors.js';
import { putSingle } from './index.js';
import { bytes, sha256, withTempFile } from './test-upload-helpers.js';

let store: ObjectStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});
const fast = { initialDelayMs: 1, maxDelayMs: 5 };

describe('putSingle', () => {
  it('PUTs a whole file once and answers the ETag; retries a 500 and a reset', async () => {
    store = await startObjectStore({ faults: { plan: ['500', 'reset'] } });
    const content = bytes(300_000, 1);
    await withTempFile(content, async (path) => {
      const result = await putSingle({ source: path, url: store!.presignPut('image.png'), contentType: 'image/png', retryDelay: fast });
      expect(result.size).toBe(content.length);
      expect(result.etag).toBe(store!.getObject('image.png')!.etag);
    });
    expect(store.getObject('image.png')!.sha256).toBe(sha256(content));
    expect(store.stats().puts).toBe(3);
  });

  it('takes a Blob, bytes, or a short stream (held whole for Content-Length)', async () => {
    store = await startObjectStore();
    const content = bytes(5000, 2);
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(content.subarray(0, 10)), c.enqueue(content.subarray(10)), c.close()) });
    for (const [key, source] of [['blob', new Blob([content])], ['bytes', content], ['stream', stream]] as const) {
      await putSingle({ source, url: store.presignPut(key) });
      expect(store.getObject(key)?.sha256, key).toBe(sha256(content));
    }
    const long = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes(101)), c.close()) });
    await expect(putSingle({ source: long, url: store.presignPut('long'), maxStreamBytes: 100 })).rejects.toThrow(/longer than maxStreamBytes/);
  });

  it('signs a fresh URL when the one given has expired (function form); a plain URL that expired is a PermissionDeniedError', async () => {
    store = await startObjectStore();
    const s = store;
    const reasons: string[] = [];
    const stale = s.presignPut('k', { expiresInSeconds: 0 });
    await putSingle({ source: bytes(10), url: async (r) => (reasons.push(r.reason), r.expired ? s.presignPut('k') : stale) });
    expect(reasons).toEqual(['initial', 'expired']);
    const error = await putSingle({ source: bytes(10), url: stale }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect((error as PermissionDeniedError).code).toBe('AccessDenied');
  });

  it('refuses bad input before sending, and honours an aborted signal', async () => {
    store = await startObjectStore();
    await expect(putSingle({ source: '/no/such/file.png', url: store.presignPut('k') })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(putSingle({ source: bytes(1), url: store.presignPut('k'), headers: { authorization: 'x' } })).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(putSingle({ source: bytes(1), url: store.presignPut('k'), signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
    expect(store.stats().puts).toBe(0);
  });
});
