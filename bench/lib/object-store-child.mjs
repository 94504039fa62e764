// The assetkit object store in its own process, driven over IPC, so its CPU time and buffers stay out
// of the measurements of the uploading process.
import { startObjectStore } from '../../packages/mock/dist/index.js';

const store = await startObjectStore(JSON.parse(process.argv[2] ?? '{}'));
process.on('message', (m) => {
  if (m === 'close') return void store.close().then(() => process.exit(0));
  const ops = {
    create: () => store.createMultipartUpload(m.key),
    presign: () => store.presignPart(m.key, m.uploadId, m.partNumber),
    complete: () => store.completeMultipartUpload(m.key, m.uploadId, m.parts),
    stats: () => store.stats(),
  };
  try {
    process.send({ id: m.id, value: ops[m.op]() });
  } catch (e) {
    process.send({ id: m.id, error: String(e) });
  }
});
process.send({ ready: store.url });
