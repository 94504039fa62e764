// A scratch directory under os.tmpdir(), removed when the work is done (or fails).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @template T
 * @param {string} prefix
 * @param {(dir: string) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withTempDir(prefix, work) {
  const dir = await mkdtemp(join(tmpdir(), `assetkit-${prefix}-`));
  try {
    return await work(dir);
  } finally {
    if (process.env.ASSETKIT_KEEP_TMP === '1') console.log(`(kept ${dir})`);
    else await rm(dir, { recursive: true, force: true });
  }
}
