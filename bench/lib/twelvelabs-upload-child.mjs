// The TwelveLabs mock with its object store (fixed latency per PUT) in a process of its own, for the
// upload benchmark: argv = JSON { latencyMs, chunkSize }. Sends { url, apiKey }; exits on "close".
import { startMockServer, startObjectStore } from '../../packages/mock/dist/index.js';

const { latencyMs = 20, chunkSize = 8 * 1024 * 1024 } = JSON.parse(process.argv[2] ?? '{}');
const objectStore = await startObjectStore({ latencyMs, minPartSize: chunkSize });
const mock = await startMockServer('twelvelabs', { assets: 1, objectStore, processing: { delayMs: 0 }, uploads: { chunkSize } });
process.send({ url: mock.url, apiKey: mock.apiKey });
process.on('message', async (m) => {
  if (m !== 'close') return;
  await mock.close();
  await objectStore.close();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
