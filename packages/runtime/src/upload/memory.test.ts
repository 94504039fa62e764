/**
 * Memory stays bounded by the window, not the file: a sparse file (no disk
 * blocks, reads as zeros) is uploaded while RSS is sampled. 256 MiB by
 * default; UPLOAD_MEMORY_2GB=1 runs the 2 GiB case with the same bound.
 */
import { open, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { uploadParts } from './index.js';
import { startStoreProcess } from './test-store-process.js';
import { MiB } from './test-upload-helpers.js';

// A collection at each part done measures what is held, not garbage the collector has not reached yet.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const sizes = [256 * MiB, ...(process.env.UPLOAD_MEMORY_2GB === '1' ? [2048 * MiB] : [])];

for (const size of sizes) {
  it(`uploads a ${size / MiB} MiB file with RSS growth bounded by the window, not the file`, { timeout: 600_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assetkit-sparse-'));
    const path = join(dir, 'sparse.bin');
    const handle = await open(path, 'w');
    await handle.truncate(size);
    await handle.close();
    // The store runs in its own process: what is measured here is the engine alone.
    const store = await startStoreProcess();
    try {
      const partSize = 8 * MiB;
      const concurrency = 4;
      // Warm up (fetch, JIT), so the baseline is not the cold start.
      const warm = await store.call<string>('create', { key: 'warm' });
      await uploadParts({ source: new Uint8Array(4 * MiB), partSize: MiB, concurrency, sessionId: warm, getUrl: (n) => store.call<string>('presign', { key: 'warm', uploadId: warm, partNumber: n }) });
      gc();
      const uploadId = await store.call<string>('create', { key: 'sparse.bin' });
      const rss0 = process.memoryUsage().rss;
      const buffers0 = process.memoryUsage().arrayBuffers;
      let rssPeak = rss0;
      let buffersHeld = 0;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10);
      let result;
      try {
        result = await uploadParts({
          source: path,
          partSize,
          concurrency,
          sessionId: uploadId,
          getUrl: (n) => store.call<string>('presign', { key: 'sparse.bin', uploadId, partNumber: n }),
          onPartDone: () => {
            // Live buffers while the window is full, after a collection: what is held, not garbage.
            gc();
            buffersHeld = Math.max(buffersHeld, process.memoryUsage().arrayBuffers - buffers0);
          },
        });
      } finally {
        clearInterval(sampler);
      }
      const object = await store.call<{ size: number }>('complete', { key: 'sparse.bin', uploadId, parts: result.parts });
      expect(object.size).toBe(size);
      const rssGrowth = rssPeak - rss0;
      const window = concurrency * partSize;
      console.log(
        `memory: ${size / MiB} MiB uploaded; live buffers held ${(buffersHeld / MiB).toFixed(1)} MiB (window ${window / MiB} MiB); peak RSS growth ${(rssGrowth / MiB).toFixed(1)} MiB`,
      );
      // Chunks read ahead and queued on the sockets (undici queues a part's body as fast as it is read):
      // about one window, measured 40 MiB for a 32 MiB window; 2 windows is the bound, whatever the file size.
      expect(buffersHeld).toBeLessThan(2 * window);
      // RSS also carries garbage not yet collected and allocator arenas (measured 48 MiB for 256 MiB,
      // 35 MiB for 2 GiB): half of the default file, and the same bound for 2 GiB.
      expect(rssGrowth).toBeLessThan(128 * MiB);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
}
