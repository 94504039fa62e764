// RenderNet upload throughput: @assetkit/rendernet/upload (create, one PUT streamed from the file) against
// a raw loop (fetch create, the file read into memory, fetch PUT), both to the RenderNet mock and its object
// store in another process with a fixed latency per PUT; `files` uploads in parallel per run.
// node bench/scenarios/uploads-rendernet.mjs '{"sizeMB":256}'
import { readFile, rm } from 'node:fs/promises';
import { createRenderNetClient } from '../../packages/rendernet/dist/index.js';
import { upload } from '../../packages/rendernet/dist/upload.js';
import { MiB, reportFailure, reportHelperVsRaw, sparseFile, startProviderMock } from '../lib/provider-upload.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const FILE = (config.fileMB ?? 64) * MiB;
const FILES = config.files ?? 4;
const LATENCY = config.latencyMs ?? 20;
const ROUNDS = config.rounds ?? 3;

const mock = await startProviderMock({ provider: 'rendernet', latencyMs: LATENCY });
const { dir, path } = await sparseFile('rendernet', FILE);
try {
  const client = createRenderNetClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  const parallel = (fn) => Promise.all(Array.from({ length: FILES }, fn));
  const contenders = {
    helper: () => parallel(() => upload(client, { source: path, type: 'video', size: { width: 1920, height: 1080 } })),
    raw: () =>
      parallel(async () => {
        const res = await fetch(`${mock.url}/pub/v2/assets/upload?type=video`, {
          method: 'POST',
          headers: { 'x-api-key': mock.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({ size: { width: 1920, height: 1080 } }),
        });
        const { data } = await res.json();
        const put = await fetch(data.upload_url, { method: 'PUT', body: await readFile(path) });
        if (!put.ok) throw new Error(`raw PUT ${put.status}`);
        await put.arrayBuffer();
      }),
  };
  await reportHelperVsRaw({ fileMB: FILE / MiB, files: FILES, latencyMs: LATENCY, rounds: ROUNDS }, FILE * FILES, contenders, ROUNDS);
} catch (error) {
  reportFailure(error);
} finally {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
}
