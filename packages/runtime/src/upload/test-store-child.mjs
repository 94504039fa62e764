// An object store in its own process, driven over IPC: memory measurements of the engine then see the
// engine alone, not the store's buffers. Used by memory.test.ts and bench/scenarios/uploads.mjs.
import { startObjectStore } from '@assetkit/mock';

const store = await startObjectStore(JSON.parse(process.env.OBJECT_STORE_OPTIONS ?? '{}'));
process.on('message', (m) => {
  const ops = {
    create: () => store.createMultipartUpload(m.key),
    presign: () => store.presignPart(m.key, m.uploadId, m.partNumber),
    presignPut: () => store.presignPut(m.key),
    complete: () => store.completeMultipartUpload(m.key, m.uploadId, m.parts),
    stats: () => store.stats(),
  };
  try {
    process.send({ id: m.id, value: ops[m.op]() });
  } catch (e) {
    process.send({ id: m.id, error: String(e) });
  }
});
process.on('disconnect', () => void store.close().then(() => process.exit(0)));
process.send({ ready: store.url });
