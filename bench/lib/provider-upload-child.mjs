// A provider mock (RenderNet, Tenovos or TwelveLabs) with its object store (fixed latency per PUT) in a
// process of its own, for the upload benchmarks: argv = JSON { provider, latencyMs, tenovosPartSize,
// chunkSize (TwelveLabs) }. Sends { url, apiKey, username, password, templates }; exits on "close".
import { startMockServer, startObjectStore } from '../../packages/mock/dist/index.js';

const { provider, latencyMs = 20, tenovosPartSize, chunkSize = 8 * 1024 * 1024 } = JSON.parse(process.argv[2] ?? '{}');
// TwelveLabs parts are its chunk size, so the store must take parts that small.
const twelvelabs = provider === 'twelvelabs';
const objectStore = await startObjectStore(twelvelabs ? { latencyMs, minPartSize: chunkSize } : { latencyMs });
const mock = await startMockServer(provider, {
  assets: 1,
  objectStore,
  processing: { delayMs: 0 },
  ...(tenovosPartSize ? { tenovosPartSize } : {}),
  ...(twelvelabs ? { uploads: { chunkSize } } : {}),
});
const seeded = mock.assets[0];
process.send({
  url: mock.url,
  apiKey: mock.apiKey,
  username: mock.username,
  password: mock.password,
  templates: provider === 'tenovos' ? { metadataTemplateId: seeded.metadataTemplateId, securityTemplateIds: seeded.securityTemplateIds } : undefined,
});
process.on('message', async (m) => {
  if (m !== 'close') return;
  await mock.close();
  await objectStore.close();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
