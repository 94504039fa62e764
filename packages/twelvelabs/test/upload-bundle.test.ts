// The upload helper is its own entry point: a browser bundle of it has no Node built-in, and
// the main entry (what an app that only reads imports) never pulls it in.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

const bundle = (file: string) =>
  build({ entryPoints: [fileURLToPath(new URL(file, import.meta.url))], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent', external: ['openapi-fetch'] });

it('bundles @assetkit/twelvelabs/upload for the browser without Node built-ins; the main entry leaves it out', async () => {
  const upload = Object.keys((await bundle('../src/upload/index.ts')).metafile.inputs);
  expect(upload.filter((i) => i.startsWith('node:'))).toEqual([]);
  expect(upload.some((i) => i.endsWith('upload/multipart.ts'))).toBe(true);
  const main = Object.keys((await bundle('../src/index.ts')).metafile.inputs);
  expect(main.filter((i) => i.includes('/upload/') || i.includes('poll'))).toEqual([]);
});
