// A provider mock (RenderNet or Tenovos) with its object store (fixed latency per PUT) in a process of
// its own, for the upload benchmarks: argv = JSON { provider, latencyMs, tenovosPartSize }.
// Sends { url, apiKey, username, password, templates }; exits on "close".
import { startMockServer, startObjectStore } from '../../packages/mock/dist/index.js';

const { provider, latencyMs = 20, tenovosPartSize } = JSON.parse(process.argv[2] ?? '{}');
const objectStore = await startObjectStore({ latencyMs });
const mock = await startMockServer(provider, { assets: 1, objectStore, processing: { delayMs: 0 }, ...(tenovosPartSize ? { tenovosPartSize } : {}) });
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
