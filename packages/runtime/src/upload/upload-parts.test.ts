import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRecordingServer, type ObjectStore } from '@assetkit/mock';
import { AbortedError, ConnectionError, InvalidRequestError, ServerError, TimeoutError, type AssetkitError } from '../errors.js';
import { openSource, uploadParts, type ResumeState, type UploadProgress } from './index.js';
import { bytes, KiB, sha256, storeSession, waitUntil, withTempFile } from './test-upload-helpers.js';

const fast = { initialDelayMs: 1, maxDelayMs: 5 };
let stores: ObjectStore[] = [];
afterEach(async () => {
  await Promise.all(stores.map((s) => s.close()));
  stores = [];
});
const session = async (...args: Parameters<typeof storeSession>) => {
  const s = await storeSession(...args);
  stores.push(s.store);
  return s;
};

describe('uploadParts: sources', () => {
  it('uploads a file by path; the stored object has the file SHA-256; progress ends at the size', async () => {
    const content = bytes(10 * 64 * KiB + 1234, 1);
    const s = await session();
    const events: UploadProgress[] = [];
    const states: ResumeState[] = [];
    await withTempFile(content, async (path) => {
      const result = await uploadParts({ source: path, partSize: 64 * KiB, sessionId: s.uploadId, getUrl: s.getUrl, concurrency: 3, onProgress: (p) => events.push(p), onStateChange: (st) => void states.push(st) });
      expect(result.size).toBe(content.length);
      expect(result.parts.map((p) => p.partNumber)).toEqual([...Array(11).keys()].map((i) => i + 1));
      expect(s.complete(result.parts).sha256).toBe(sha256(content));
    });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ bytesSent: content.length, totalBytes: content.length, partsDone: 11, totalParts: 11 });
    expect(events.every((e, i) => i === 0 || e.bytesSent >= events[i - 1]!.bytesSent)).toBe(true);
    // One state before the first part, then one per part; each is plain JSON.
    expect(states).toHaveLength(12);
    expect(states[0]!.parts).toEqual([]);
    expect(JSON.parse(JSON.stringify(states[11]))).toEqual(states[11]);
    expect(s.store.stats().puts).toBe(11);
  });

  it('reports progress within a part for a file (its body is a stream), and leaves a caller-made Source open', async () => {
    const content = bytes(3 * 1024 * KiB, 8);
    await withTempFile(content, async (path) => {
      const source = await openSource(path);
      const events: UploadProgress[] = [];
      for (const run of [1, 2]) {
        const s = await session();
        const result = await uploadParts({ source, partSize: 1024 * KiB, sessionId: s.uploadId, getUrl: s.getUrl, concurrency: 1, onProgress: (p) => events.push(p) });
        expect(s.complete(result.parts).sha256, `run ${run}`).toBe(sha256(content));
      }
      // Bytes were counted before the first part was done (1 MiB chunks of a 1 MiB part: at least one event).
      expect(events.some((e) => e.partsDone === 0 && e.bytesSent > 0)).toBe(true);
      await source.close();
    });
  });

  it('uploads a Blob and a File (slice)', async () => {
    const content = bytes(300 * KiB, 2);
    for (const source of [new Blob([content]), new File([content], 'clip.mp4', { type: 'video/mp4' })]) {
      const s = await session();
      const result = await uploadParts({ source, partSize: 100 * KiB, sessionId: s.uploadId, getUrl: s.getUrl });
      expect(s.complete(result.parts).sha256).toBe(sha256(content));
    }
  });

  it('uploads bytes (Uint8Array and ArrayBuffer)', async () => {
    const content = bytes(250 * KiB, 3);
    for (const source of [content, content.buffer]) {
      const s = await session();
      const result = await uploadParts({ source, partSize: 100 * KiB, sessionId: s.uploadId, getUrl: s.getUrl });
      expect(s.complete(result.parts)).toMatchObject({ size: content.length, sha256: sha256(content) });
    }
  });

  it('uploads a ReadableStream of unknown length, cut into parts as it is read; a held part is retried', async () => {
    const content = bytes(5 * 100 * KiB + 777, 4);
    // Odd chunk sizes, so parts straddle chunks.
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (offset >= content.length) return c.close();
        const n = Math.min(37 * KiB + 13, content.length - offset);
        c.enqueue(content.slice(offset, offset + n));
        offset += n;
      },
    });
    const s = await session({ faults: { plan: [null, '500'] } });
    const result = await uploadParts({ source: stream, partSize: 100 * KiB, sessionId: s.uploadId, getUrl: s.getUrl, retryDelay: fast, concurrency: 2 });
    expect(result.size).toBe(content.length);
    expect(result.parts).toHaveLength(6);
    expect(result.state).toMatchObject({ size: content.length, fingerprint: '' });
    expect(s.complete(result.parts).sha256).toBe(sha256(content));
    expect(s.store.stats().faults['500']).toBe(1);
  });

  it('a ReadableStream cannot resume a saved state, and an empty stream is refused', async () => {
    const s = await session();
    const state: ResumeState = { version: 1, sessionId: s.uploadId, partSize: 10, size: 20, fingerprint: 'x', parts: [] };
    const stream = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes(20)), c.close()) });
    await expect(uploadParts({ source: stream, partSize: 10, sessionId: s.uploadId, getUrl: s.getUrl, state })).rejects.toThrow(/cannot resume/);
    const empty = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    await expect(uploadParts({ source: empty, partSize: 10, sessionId: s.uploadId, getUrl: s.getUrl })).rejects.toThrow(/empty/);
    expect(s.store.stats().puts).toBe(0);
  });
});

describe('uploadParts: bad input is refused before anything is sent', () => {
  it('missing file, directory, empty file, bad part size, bad concurrency, too many parts, credentials', async () => {
    const s = await session();
    await withTempFile(bytes(1000), async (path, dir) => {
      const empty = join(dir, 'empty.bin');
      await writeFile(empty, new Uint8Array(0));
      await mkdir(join(dir, 'sub'));
      const base = { sessionId: s.uploadId, getUrl: s.getUrl, partSize: 100 };
      const cases: Array<[Parameters<typeof uploadParts>[0], RegExp]> = [
        [{ ...base, source: join(dir, 'nope.bin') }, /no file at .*nope\.bin/],
        [{ ...base, source: join(dir, 'sub') }, /is a directory/],
        [{ ...base, source: empty }, /empty/],
        [{ ...base, source: new Uint8Array(0) }, /empty/],
        [{ ...base, source: path, partSize: 0 }, /partSize/],
        [{ ...base, source: path, partSize: 1.5 }, /partSize/],
        [{ ...base, source: path, concurrency: 0 }, /concurrency/],
        [{ ...base, source: path, partSize: 1, maxParts: 999 }, /1000 parts; at most 999/],
        [{ ...base, source: path, headers: { Authorization: 'Bearer x' } }, /must not be sent to a presigned URL/],
        [{ ...base, source: path, headers: { 'x-api-key': 'k' } }, /must not be sent/],
        [{ ...base, source: path, sessionId: '' }, /sessionId/],
        [{ ...base, source: 42 as never }, /cannot upload a number/],
      ];
      for (const [options, message] of cases) {
        const error = await uploadParts(options).catch((e: unknown) => e);
        expect(error, String(message)).toBeInstanceOf(InvalidRequestError);
        expect((error as Error).message).toMatch(message);
      }
    });
    expect(s.store.stats().puts).toBe(0);
  });

  it('sends no credential to the presigned host: only the caller upload headers and Content-Length', async () => {
    const host = await startRecordingServer((_req, res) => {
      res.writeHead(200, { etag: '"abc"', 'content-length': 0 });
      res.end();
    });
    try {
      await uploadParts({ source: bytes(300), partSize: 100, sessionId: 'u', getUrl: async (n) => `${host.url}/k?partNumber=${n}&Signature=s`, headers: { 'x-upload-tag': 't' } });
      expect(host.requests).toHaveLength(3);
      for (const r of host.requests) {
        expect(r.method).toBe('PUT');
        expect(r.headers['content-length']).toBe('100');
        expect(r.headers['x-upload-tag']).toBe('t');
        for (const name of ['authorization', 'x-api-key', 'accesstoken', 'cookie']) expect(r.headers[name]).toBeUndefined();
      }
    } finally {
      await host.close();
    }
  });
});

describe('uploadParts: concurrency, retries, expiry', () => {
  it('is a sliding window: a stalled part does not keep the other parts from starting (server-side count)', async () => {
    const s = await session({ faults: { plan: ['stall'] } });
    const controller = new AbortController();
    const pending = uploadParts({ source: bytes(10 * 1000), partSize: 1000, sessionId: s.uploadId, getUrl: s.getUrl, concurrency: 3, signal: controller.signal });
    // With a batch barrier only 2 more parts could finish while one stalls; a window lets all 9 others through.
    // (Never reached with a barrier: the test then times out.) In flight: the stalled one, still open.
    await waitUntil(() => s.store.listParts(s.key, s.uploadId).length === 9 && s.store.stats().putsInFlight === 1);
    const stats = s.store.stats();
    expect(stats.puts).toBe(10);
    expect(stats.maxPutsInFlight).toBeLessThanOrEqual(3);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
    await waitUntil(() => s.store.stats().putsInFlight === 0);
  });

  it('uses all the concurrency it is given, never more', async () => {
    // No answer is handed back before 4 PUTs are open at once: an engine that used fewer would
    // hang here (and fail on the test timeout), one that used more shows it in the count. A gate,
    // not an answer delay, so how fast the machine is cannot change the outcome.
    const s = await session();
    let inFlight = 0;
    let maxInFlight = 0;
    let open!: () => void;
    const fourOpen = new Promise<void>((resolve) => (open = resolve));
    const gated: typeof fetch = async (input, init) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      if (inFlight === 4) open();
      try {
        const response = await fetch(input, init);
        await fourOpen;
        return response;
      } finally {
        inFlight--;
      }
    };
    await uploadParts({ source: bytes(12 * 100), partSize: 100, sessionId: s.uploadId, getUrl: s.getUrl, concurrency: 4, fetch: gated });
    expect(maxInFlight).toBe(4);
    expect(s.store.stats().maxPutsInFlight).toBeLessThanOrEqual(4);
  });

  it('retries a part after 500 and after a reset mid-body; the object is intact', async () => {
    const content = bytes(4 * 64 * KiB, 5);
    const s = await session({ faults: { plan: ['500', 'reset', null, '500'] } });
    const retries: AssetkitError[] = [];
    const result = await uploadParts({ source: content, partSize: 64 * KiB, sessionId: s.uploadId, getUrl: s.getUrl, concurrency: 2, retryDelay: fast, onRetry: (e) => void retries.push(e.error) });
    expect(s.complete(result.parts).sha256).toBe(sha256(content));
    expect(s.store.stats().faults).toEqual({ '500': 2, reset: 1 });
    expect(retries.filter((e) => e instanceof ServerError)).toHaveLength(2);
    expect(retries.filter((e) => e instanceof ConnectionError)).toHaveLength(1);
    // The URL in hand is reused for a retry: getUrl once per part.
    expect(s.urlRequests.every((r) => r.reason === 'initial')).toBe(true);
  });

  it('gives up on a part after maxRetries, with the last error, and stops the others', async () => {
    const s = await session({ faults: { rate500: 1 } });
    const error = await uploadParts({ source: bytes(1000), partSize: 100, sessionId: s.uploadId, getUrl: s.getUrl, maxRetries: 2, retryDelay: fast, concurrency: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toMatch(/part \d+: PUT to 127\.0\.0\.1:\d+\/upload\.bin answered 500 InternalError/);
    expect((error as ServerError).message).not.toMatch(/Signature/);
    // 2 parts in flight x 3 attempts at most; no new part starts after the failure.
    expect(s.store.stats().puts).toBeLessThanOrEqual(6);
  });

  it('times out a stalled part (per-attempt timeout) and retries it', async () => {
    const s = await session({ faults: { plan: ['stall'] } });
    const retries: AssetkitError[] = [];
    // The timeout also covers the PUTs the store does answer, so it is generous (2 s for 100 bytes
    // on loopback): only the stalled one, which never gets an answer, should reach it.
    const result = await uploadParts({ source: bytes(300), partSize: 100, sessionId: s.uploadId, getUrl: s.getUrl, concurrency: 1, timeoutMs: 2_000, retryDelay: fast, onRetry: (e) => void retries.push(e.error) });
    expect(result.parts).toHaveLength(3);
    expect(s.store.stats().faults).toEqual({ stall: 1 });
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries.every((e) => e instanceof TimeoutError)).toBe(true);
    expect(retries[0]!.message).toMatch(/timed out after 2000 ms/);
    // Nothing answers this one, so a short timeout is safe.
    const s2 = await session({ faults: { plan: ['stall'] } });
    await expect(uploadParts({ source: bytes(100), partSize: 100, sessionId: s2.uploadId, getUrl: s2.getUrl, timeoutMs: 200, maxRetries: 0 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('refreshes URLs that answer 403 "Request has expired" (not counted as retries)', async () => {
    const s = await session();
    // URLs handed out in a batch up front (as TwelveLabs does), all expired before they are used.
    const batch = new Map([1, 2, 3, 4].map((n) => [n, s.store.presignPart(s.key, s.uploadId, n)]));
    s.store.expireAll();
    const reasons: string[] = [];
    const result = await uploadParts({
      source: bytes(400),
      partSize: 100,
      sessionId: s.uploadId,
      maxRetries: 0,
      getUrl: async (n, r) => (reasons.push(r.reason), r.expired ? s.store.presignPart(s.key, s.uploadId, n) : batch.get(n)!),
    });
    expect(result.parts).toHaveLength(4);
    expect(reasons.filter((r) => r === 'expired')).toHaveLength(4);
    expect(s.store.stats().faults.expiredUrl).toBe(4);
  });

  it('refreshes a URL before use when its known expiry is near', async () => {
    const s = await session();
    const reasons: string[] = [];
    await uploadParts({
      source: bytes(200),
      partSize: 100,
      sessionId: s.uploadId,
      refreshMarginMs: 60_000,
      getUrl: async (n, r) => {
        reasons.push(r.reason);
        const seconds = r.expired ? 3600 : 30; // the first URL would expire within the margin
        return { url: s.store.presignPart(s.key, s.uploadId, n, { expiresInSeconds: seconds }), expiresAt: Date.now() + seconds * 1000 };
      },
    });
    expect(reasons.sort()).toEqual(['expiring', 'expiring', 'initial', 'initial']);
    expect(s.store.stats().faults.expiredUrl).toBeUndefined();
    expect(s.store.stats().puts).toBe(2);
  });
});

describe('uploadParts: abort and resume', () => {
  it('abort stops every part in flight at once; no PUT after it', async () => {
    const s = await session({ latencyMs: 50 });
    const controller = new AbortController();
    let partsDone = 0;
    const pending = uploadParts({
      source: bytes(50 * 100),
      partSize: 100,
      sessionId: s.uploadId,
      getUrl: s.getUrl,
      concurrency: 4,
      signal: controller.signal,
      onPartDone: () => {
        if (++partsDone === 3) controller.abort(new Error('user cancelled'));
      },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    // The engine settles every part before it rejects: nothing is left in flight, and no new PUT can start.
    const putsAtReject = s.store.stats().puts;
    // How many PUTs started before the abort depends on how hooks and PUTs interleave on a busy machine;
    // what must hold is that the upload stopped short of the end and nothing starts after the reject.
    expect(putsAtReject).toBeLessThan(50);
    await waitUntil(() => s.store.stats().putsInFlight === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.store.stats().puts).toBe(putsAtReject);
  });

  it('resumes from a saved state in a fresh run: finished parts are not sent again', async () => {
    const content = bytes(20 * 10 * KiB, 6);
    const s = await session({ latencyMs: 5 });
    await withTempFile(content, async (path) => {
      let saved = '';
      const controller = new AbortController();
      const first = await uploadParts({
        source: path,
        partSize: 10 * KiB,
        sessionId: s.uploadId,
        getUrl: s.getUrl,
        concurrency: 2,
        signal: controller.signal,
        stateData: { assetId: 'a1' },
        onStateChange: (state) => {
          saved = JSON.stringify(state); // what a caller would write to disk
          if (state.parts.length === 7) controller.abort();
        },
      }).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(AbortedError);
      const state = JSON.parse(saved) as ResumeState;
      expect(state).toMatchObject({ version: 1, sessionId: s.uploadId, partSize: 10 * KiB, size: content.length, data: { assetId: 'a1' } });
      expect(state.parts).toHaveLength(7);
      expect(Object.keys(state).sort()).toEqual(['data', 'fingerprint', 'partSize', 'parts', 'sessionId', 'size', 'version']);

      const before = s.store.stats().partPuts;
      const second = await uploadParts({ source: path, partSize: 10 * KiB, sessionId: 'ignored: the state has it', getUrl: s.getUrl, state });
      expect(second.state.sessionId).toBe(s.uploadId);
      expect(second.parts).toHaveLength(20);
      const after = s.store.stats().partPuts;
      for (const p of state.parts) expect(after[`${s.uploadId}:${p.partNumber}`], `part ${p.partNumber}`).toBe(before[`${s.uploadId}:${p.partNumber}`]);
      expect(s.complete(second.parts).sha256).toBe(sha256(content));
    });
  });

  it('refuses to resume with a changed source or other part size, before sending', async () => {
    const s = await session();
    const content = bytes(1000, 7);
    const first = await uploadParts({ source: content, partSize: 100, sessionId: s.uploadId, getUrl: s.getUrl });
    const puts = s.store.stats().puts;
    const changed = content.slice();
    changed[0] = changed[0]! ^ 1;
    await expect(uploadParts({ source: changed, partSize: 100, sessionId: s.uploadId, getUrl: s.getUrl, state: first.state })).rejects.toThrow(/source changed/);
    await expect(uploadParts({ source: content, partSize: 200, sessionId: s.uploadId, getUrl: s.getUrl, state: first.state })).rejects.toThrow(/parts of 100 bytes/);
    await expect(uploadParts({ source: content.subarray(0, 900), partSize: 100, sessionId: s.uploadId, getUrl: s.getUrl, state: first.state })).rejects.toThrow(/1000 bytes/);
    expect(s.store.stats().puts).toBe(puts);
  });
});
