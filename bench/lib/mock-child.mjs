// A mock server in a process of its own: argv = provider, JSON options.
// Sends { url, apiKey, ids } once listening; closes and exits on the message "close".
import { startMockServer } from '../../packages/mock/dist/index.js';

const [provider, json] = process.argv.slice(2);
try {
  const mock = await startMockServer(provider, JSON.parse(json));
  const ids = mock.assets.map((a) => a._id ?? a.id);
  process.send({ url: mock.url, apiKey: mock.apiKey, ids });
  process.on('message', async (message) => {
    if (message !== 'close') return;
    await mock.close();
    process.disconnect();
    process.exit(0);
  });
  // If the parent dies, do not linger.
  process.on('disconnect', () => process.exit(0));
} catch (error) {
  process.send({ error: String(error?.stack ?? error) });
  process.exit(1);
}
