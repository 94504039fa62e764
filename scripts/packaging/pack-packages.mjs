// `pnpm pack` each package into a directory: workspace:^ ranges become real versions,
// and only what `files` publishes goes in, exactly as `pnpm publish` would upload it.
import { stat } from 'node:fs/promises';
import { runOrThrow } from './run-command.mjs';

/**
 * @param {{ name: string, dir: string }[]} packages
 * @param {string} destination
 * @returns {Promise<{ name: string, dir: string, tarball: string, files: string[], bytes: number }[]>}
 */
export async function packPackages(packages, destination) {
  return Promise.all(
    packages.map(async ({ name, dir }) => {
      const { stdout } = await runOrThrow('pnpm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, timeoutMs: 300_000 });
      const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
      if (report.name !== name) throw new Error(`packed ${report.name}, expected ${name}`);
      const files = report.files.map((f) => f.path).sort();
      return { name, dir, tarball: report.filename, files, bytes: (await stat(report.filename)).size };
    }),
  );
}
