import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAssetClient, type Asset, type AssetClient, type Provider, type UploadOptions } from '@assetkit/unified';
import type { WritableLike } from './io.js';
import { createFileBars } from './progress/file-bars.js';
import { listingSummary, skippedNotes } from './commands/list.js';
import { startMocks } from './commands/mock.js';
import { renderAssetTable } from './format-table.js';

const ASSETS = 120;
const SEED = 1;
/** Rows shown per provider: the listing covers all three, one after another. */
const SHOW_EACH = 4;

const idOf = (assets: readonly unknown[], key: string): string => String((assets[0] as Record<string, unknown>)[key]);

/** Generated media: deterministic bytes, no real content (the mocks do not decode files). */
const bytesOf = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * seed + (i >> 10)) & 0xff);
const MB = 1_000_000;

/** The demo, writing to `out`; see demo.ts. Progress bars are live when `tty` (a terminal), one line per file otherwise. */
export async function runDemo(out: (text: string) => void, options: { tty?: boolean } = {}): Promise<void> {
  const mocks = await startMocks({ assets: ASSETS, seed: SEED });
  try {
    const [twelvelabs, rendernet, tenovos] = mocks.servers;
    if (!twelvelabs || !rendernet || !tenovos) throw new Error('mock servers did not start');
    // Tenovos uploads need a metadata template and security templates: set once here (a seeded asset's).
    const seeded = tenovos.assets[0] as { metadataTemplateId: string; securityTemplateIds: string[] };
    const client = createAssetClient({
      twelvelabs: { apiKey: twelvelabs.apiKey, baseUrl: twelvelabs.url },
      rendernet: { apiKey: rendernet.apiKey, baseUrl: rendernet.url },
      tenovos: { apiKey: tenovos.apiKey, username: tenovos.username, password: tenovos.password, baseUrl: tenovos.url, metadataTemplateId: seeded.metadataTemplateId, securityTemplateIds: seeded.securityTemplateIds },
    });

    out(`Mock servers: ${mocks.servers.map((s) => `${s.provider} ${s.url}`).join(', ')} (${ASSETS} assets each, seed ${SEED})\n\n`);

    const listing = client.list({ pageSize: 50 });
    const first: Asset[] = [];
    const counts = new Map<Provider, number>();
    for await (const asset of listing) {
      const seen = (counts.get(asset.provider) ?? 0) + 1;
      counts.set(asset.provider, seen);
      if (seen <= SHOW_EACH) first.push(asset);
    }
    out(`$ assetkit list   # ${listingSummary(counts, listing.skipped)}; first ${SHOW_EACH} of each:\n`);
    out(renderAssetTable(first));
    out(skippedNotes(listing.skipped));

    const refs = [
      `twelvelabs:${idOf(twelvelabs.assets, '_id')}`,
      `rendernet:${idOf(rendernet.assets, 'id')}`,
      `tenovos:${idOf(tenovos.assets, 'assetId')}`,
    ];
    out(`\n$ assetkit get <ref>   # one asset from each provider\n`);
    const got = await Promise.all(refs.map((ref) => client.get(ref)));
    out(renderAssetTable(got));

    await uploadLifecycle(client, out, options.tty ?? false);
  } finally {
    await mocks.close();
  }
}

/** Upload a generated file to each provider with progress, wait until ready, edit metadata, delete. */
async function uploadLifecycle(client: AssetClient, out: (text: string) => void, tty: boolean): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'assetkit-demo-'));
  try {
    const files: { provider: Provider; name: string; size: number; extra?: Partial<UploadOptions> }[] = [
      // 12 MB in 5 MiB parts: a resumable multipart session.
      { provider: 'twelvelabs', name: 'demo-clip.mp4', size: 12 * MB, extra: { multipart: true, metadata: { team: 'demo' } } },
      // RenderNet asks for a video's pixel size.
      { provider: 'rendernet', name: 'demo-teaser.mp4', size: 3 * MB, extra: { rendernet: { size: { width: 1280, height: 720 } } } },
      { provider: 'tenovos', name: 'demo-still.jpg', size: 2 * MB },
    ];
    out(`\n$ assetkit upload <file> --provider <p> --wait   # ${files.map((f) => `${f.name} (${f.size / MB} MB) -> ${f.provider}`).join(', ')}\n`);
    const stream: WritableLike = { write: (chunk: string) => (out(chunk), true) };
    const bars = await createFileBars(stream, { tty });
    let uploaded: Asset[];
    try {
      uploaded = await Promise.all(
        files.map(async (f) => {
          const path = join(dir, f.name);
          await writeFile(path, bytesOf(f.size, f.name.length));
          const bar = bars.start(f.name, f.size);
          try {
            const asset = await client.upload({ provider: f.provider, source: path, ...f.extra, onProgress: (p) => bar.update(p.bytesSent), wait: { intervalMs: 25 } });
            bar.done(`-> ${asset.ref} (${asset.state})`);
            return asset;
          } catch (error) {
            bar.fail(error instanceof Error ? error.message : String(error));
            throw error;
          }
        }),
      );
    } finally {
      bars.stop();
    }
    out(renderAssetTable(uploaded));

    const [tl, rn, tv] = uploaded as [Asset, Asset, Asset];
    out(`\n$ assetkit meta set ${tl.ref} campaign=autumn && assetkit meta unset ${tl.ref} team\n`);
    await client.updateMetadata(tl.ref, { set: { campaign: 'autumn' } });
    const edited = await client.updateMetadata(tl.ref, { unset: ['team'] });
    out(`metadata of ${tl.ref}: ${JSON.stringify(edited.metadata)}\n`);
    const rnMeta = client.capabilities('rendernet').updateMetadata;
    out(`(rendernet: updateMetadata ${rnMeta ? 'supported' : 'unsupported: RenderNet assets carry no metadata'})\n`);

    out(`\n$ assetkit rm ${uploaded.map((a) => a.ref).join(' ')} --yes\n`);
    for (const asset of uploaded) await client.delete(asset.ref);
    const gone = await client.get(tl.ref).then(() => 'still there', (error: Error) => error.constructor.name);
    out(`${tl.ref}: deleted for good (get -> ${gone})\n`);
    // Soft deletes: the asset stays, in the state the provider gives it.
    for (const asset of [rn, tv]) out(`${asset.ref}: ${(await client.get(asset.ref)).state} (soft delete)\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
