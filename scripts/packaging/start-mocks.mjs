// The three provider mocks, from an installed @assetkit/mock, and the first asset ref of each.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ID_KEY = { twelvelabs: '_id', rendernet: 'id', tenovos: 'assetId' };

/** @param {string} projectDir a project whose node_modules holds @assetkit/mock */
export async function startMocks(projectDir, options = {}) {
  const entry = createRequire(join(projectDir, 'package.json')).resolve('@assetkit/mock');
  const { startMockServer } = await import(pathToFileURL(entry).href);
  const settled = await Promise.allSettled(Object.keys(ID_KEY).map((p) => startMockServer(p, options)));
  const servers = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
  const close = () => Promise.all(servers.map((s) => s.close()));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  const refs = servers.map((s) => `${s.provider}:${s.assets[0][ID_KEY[s.provider]]}`);
  return { servers, refs, close };
}
