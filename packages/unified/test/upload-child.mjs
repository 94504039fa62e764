// A separate process that uploads one file with a provider's helper (from the packages' dist), for the
// upload soak's kill-and-resume and memory checks. The parent passes a job as JSON in UPLOAD_JOB:
//   { provider: 'tenovos' | 'twelvelabs', url, apiKey, username?, password?, file, stateFile, resume?,
//     partSize, concurrency, templates? }
// Every resume state goes to `stateFile` (written whole, then renamed: a SIGKILL never leaves half a
// file). `gcEachPart` (with --expose-gc) collects garbage at each part done. On success it prints one JSON line: { assetId, rssGrowth } (peak RSS growth during the upload).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createTenovosClient } from '@assetkit/tenovos';
import { upload as tenovosUpload } from '@assetkit/tenovos/upload';
import { createTwelveLabsClient } from '@assetkit/twelvelabs';
import { upload as twelvelabsUpload } from '@assetkit/twelvelabs/upload';

const job = JSON.parse(process.env.UPLOAD_JOB ?? '{}');

const saveState = (state) => {
  // As the engine's memory test does: a collection at each part done, so RSS shows what is held, not
  // garbage V8 has not collected yet (without it, 1 MiB read chunks pile up to ~64 MiB before a collection).
  if (job.gcEachPart) globalThis.gc?.();
  if (!job.stateFile) return;
  writeFileSync(`${job.stateFile}.tmp`, JSON.stringify(state));
  renameSync(`${job.stateFile}.tmp`, job.stateFile);
};
const resumeState = job.resume ? JSON.parse(readFileSync(job.stateFile, 'utf8')) : undefined;

let run;
if (job.provider === 'tenovos') {
  const client = createTenovosClient({ apiKey: job.apiKey, username: job.username, password: job.password, baseUrl: job.url });
  run = () =>
    tenovosUpload(client, {
      source: job.file,
      ...job.templates,
      partSize: job.partSize,
      multipart: true,
      concurrency: job.concurrency,
      // A killed run cannot cancel; a failed one here must not either, or there is nothing to resume.
      cancelOnFailure: false,
      onStateChange: saveState,
      ...(resumeState ? { resumeState } : {}),
    });
} else if (job.provider === 'twelvelabs') {
  const client = createTwelveLabsClient({ apiKey: job.apiKey, baseUrl: job.url });
  run = () =>
    twelvelabsUpload(client, {
      source: job.file,
      multipartThreshold: 0,
      concurrency: job.concurrency,
      onStateChange: saveState,
      ...(resumeState ? { resumeState } : {}),
    });
} else throw new Error(`unknown provider ${job.provider}`);

if (job.warmUp) {
  // Load and JIT what an upload uses (fetch, the helper, the engine) with a small upload first, then
  // collect: the baseline is then the process ready to upload, and the growth is what the upload holds.
  const warm = createTenovosClient({ apiKey: job.apiKey, username: job.username, password: job.password, baseUrl: job.url });
  await tenovosUpload(warm, { source: new Uint8Array(64 * 1024), name: 'warm-up.bin', ...job.templates, partSize: job.partSize });
  globalThis.gc?.();
}
const rss0 = process.memoryUsage().rss;
let peak = rss0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const result = await run();
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(`${JSON.stringify({ assetId: result.assetId, rssGrowth: peak - rss0 })}\n`);
