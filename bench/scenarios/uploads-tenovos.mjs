// Tenovos multipart upload throughput: @assetkit/tenovos/upload (POST /asset with filesize, parts streamed
// from the file by the engine, POST /asset/complete) against a raw loop of the same calls with parallel
// PUTs of parts read into memory, both to the Tenovos mock and its object store in another process
// (small parts: the mock's tenovosPartSize; a fixed latency per PUT).
// node bench/scenarios/uploads-tenovos.mjs '{"sizeMB":256,"partMB":8}'
import { open, rm } from 'node:fs/promises';
import { createTenovosClient } from '../../packages/tenovos/dist/index.js';
import { upload } from '../../packages/tenovos/dist/upload/index.js';
import { MiB, reportFailure, reportHelperVsRaw, sparseFile, startProviderMock } from '../lib/provider-upload.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const SIZE = (config.sizeMB ?? 256) * MiB;
const PART = (config.partMB ?? 8) * MiB;
const CONCURRENCY = config.concurrency ?? 4;
const LATENCY = config.latencyMs ?? 20;
const ROUNDS = config.rounds ?? 3;

const mock = await startProviderMock({ provider: 'tenovos', latencyMs: LATENCY, tenovosPartSize: PART });
const { dir, path } = await sparseFile('tenovos', SIZE);
try {
  const client = createTenovosClient({ apiKey: mock.apiKey, username: mock.username, password: mock.password, baseUrl: mock.url });
  const token = await (
    await fetch(`${mock.url}/auth/token`, { method: 'POST', headers: { 'x-api-key': mock.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ username: mock.username, password: mock.password }) })
  ).json();
  const headers = { 'x-api-key': mock.apiKey, authorization: token.session.authorization, accesstoken: token.session.accessToken, 'content-type': 'application/json' };
  const post = async (path, body) => {
    const res = await fetch(`${mock.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const contenders = {
    helper: () => upload(client, { source: path, name: 'bench.mp4', ...mock.templates, partSize: PART, concurrency: CONCURRENCY }),
    async raw() {
      const created = await post('/asset', { filename: 'bench.mp4', ...mock.templates, metadata: [], filesize: SIZE });
      const file = await open(path, 'r');
      const parts = [];
      let next = 0;
      try {
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < created.urls.length) {
              const { partNumber, url } = created.urls[next++];
              const start = (partNumber - 1) * PART;
              const body = new Uint8Array(Math.min(PART, SIZE - start));
              await file.read(body, 0, body.length, start);
              const res = await fetch(url, { method: 'PUT', body });
              if (!res.ok) throw new Error(`raw PUT ${res.status}`);
              await res.arrayBuffer();
              parts[partNumber - 1] = { partNumber, etag: res.headers.get('etag') };
            }
          }),
        );
      } finally {
        await file.close();
      }
      await post('/asset/complete', { fileId: created.fileId, uploadId: created.uploadId, action: 'complete', filesize: SIZE, parts });
    },
  };
  await reportHelperVsRaw({ sizeMB: SIZE / MiB, partMB: PART / MiB, concurrency: CONCURRENCY, latencyMs: LATENCY, rounds: ROUNDS }, SIZE, contenders, ROUNDS);
} catch (error) {
  reportFailure(error);
} finally {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
}
