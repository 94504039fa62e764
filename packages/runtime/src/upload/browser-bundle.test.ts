import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('bundles for the browser without any Node built-in, and stays out of the main entry', async () => {
  const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));
  const upload = await build({ entryPoints: [entry('./index.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' });
  const inputs = Object.keys(upload.metafile.inputs);
  expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
  expect(inputs.some((i) => i.endsWith('file-source.ts'))).toBe(true);
  const main = await build({ entryPoints: [entry('../index.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent', external: ['openapi-fetch'] });
  expect(Object.keys(main.metafile.inputs).filter((i) => i.includes('upload/') || i.includes('poll'))).toEqual([]);
});
