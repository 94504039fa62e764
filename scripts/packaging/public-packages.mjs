// The packages published to npm, in dependency order.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const PUBLIC = [
  ['@assetkit/runtime', 'packages/runtime'],
  ['@assetkit/twelvelabs', 'packages/twelvelabs'],
  ['@assetkit/rendernet', 'packages/rendernet'],
  ['@assetkit/tenovos', 'packages/tenovos'],
  ['@assetkit/unified', 'packages/unified'],
  ['@assetkit/mock', 'packages/mock'],
  ['@assetkit/cli', 'packages/cli'],
];

/** Packages that may not exist yet: skipped with a note instead of failing. */
const OPTIONAL = new Set(['@assetkit/cli']);

/** @returns {{ name: string, dir: string }[]} the public packages whose dist/ exists. */
export function publicPackages() {
  const found = [];
  for (const [name, rel] of PUBLIC) {
    const dir = join(ROOT, rel);
    if (existsSync(join(dir, 'dist'))) found.push({ name, dir });
    else if (OPTIONAL.has(name)) console.log(`note: ${name} skipped: ${rel}/dist does not exist (not built yet)`);
    else throw new Error(`${name}: ${rel}/dist does not exist; run the build first`);
  }
  return found;
}
