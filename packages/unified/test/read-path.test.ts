// A page that only reads (get, list) must not download the write code: it sits behind import() on the first write.
// Bundled from src with code splitting, as an app bundler does; the other packages stay external (their own size is
// the bench's business), so this checks exactly which unified modules the read path loads.
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

async function chunks(): Promise<{ initial: string[]; lazy: string[] }> {
  const { metafile } = await build({
    stdin: { contents: "export { createAssetClient } from './index.ts';", resolveDir: SRC, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: '/out',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external: ['@assetkit/*'],
  });
  const outputs: Metafile['outputs'] = metafile.outputs;
  const entry = Object.keys(outputs).find((o) => outputs[o]!.entryPoint !== undefined)!;
  const seen = new Set<string>();
  const visit = (out: string) => {
    if (seen.has(out)) return;
    seen.add(out);
    for (const i of outputs[out]!.imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entry);
  const modulesOf = (outs: string[]) => outs.flatMap((o) => Object.keys(outputs[o]!.inputs)).map((p) => p.replace(/^.*src\//, ''));
  const js = Object.keys(outputs).filter((o) => o.endsWith('.js'));
  return { initial: modulesOf(js.filter((o) => seen.has(o))), lazy: modulesOf(js.filter((o) => !seen.has(o))) };
}

describe('bundle split', () => {
  it('keeps writes, waiting and upload planning out of the chunks the read path loads', async () => {
    const { initial, lazy } = await chunks();
    const writeModules = [
      'client-writes.ts',
      'wait.ts',
      'writes.ts',
      'upload.ts',
      'providers/writes.ts',
      ...['twelvelabs', 'rendernet', 'tenovos'].flatMap((p) => [`providers/${p}/writes.ts`, `providers/${p}/upload.ts`]),
    ];
    for (const module of writeModules) {
      expect(initial, `${module} is loaded by a page that only reads`).not.toContain(module);
      expect(lazy, `${module} is in no lazy chunk`).toContain(module);
    }
    // What get and list need stays static.
    for (const module of ['client.ts', 'list.ts', 'providers/twelvelabs/index.ts', 'providers/rendernet/index.ts', 'providers/tenovos/index.ts']) {
      expect(initial).toContain(module);
    }
  });
});
