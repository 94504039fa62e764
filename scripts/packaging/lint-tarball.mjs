// publint and attw on one packed tarball, plus the checks neither makes.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { ROOT } from './public-packages.mjs';
import { runCommand, runOrThrow } from './run-command.mjs';

const ATTW = join(ROOT, 'node_modules', '.bin', 'attw');

// attw's settings, and why each is justified for these packages:
// - `--profile node16`: skips the `node10` resolution mode (TypeScript's legacy
//   `moduleResolution: "node"`), which predates package.json `exports` and so can
//   never see a subpath such as `@assetkit/mock/spec-validator`. TypeScript 6
//   deprecates that mode and TypeScript 7 removes it; the packages are ESM-only
//   and need Node >= 20.19, which no node10-resolution setup targets.
// - `--ignore-rules cjs-resolves-to-esm`: the packages are ESM-only on purpose.
//   Node 20.19+ (our `engines`) loads ESM through require() (require(esm)), and
//   TypeScript >= 5.8 models that under module node20/nodenext; attw's bundled
//   TypeScript (5.6) predates it. consumer-test.mjs proves require() works.
// Every other rule, including all node16-from-CJS and bundler checks, stays on.
const ATTW_ARGS = ['--format', 'json', '--no-definitely-typed', '--profile', 'node16', '--ignore-rules', 'cjs-resolves-to-esm'];
const IGNORED = (p) => p.kind === 'CJSResolvesToESM' || p.resolutionKind === 'node10';

/** Files a published package should never contain. */
const UNWANTED = [/\.test\.[cm]?[jt]s$/, /(^|\/)test-[^/]*\.[cm]?[jt]s$/, /\.tsbuildinfo$/, /^src\//, /^test\//, /(^|\/)\.turbo\//, /\.tgz$/];

async function packedManifest(tarball) {
  const { stdout } = await runOrThrow('tar', ['-xzOf', tarball, 'package/package.json'], { timeoutMs: 120_000 });
  return JSON.parse(stdout);
}

/** @param {string} tarball @returns {Promise<string[]>} publint's messages, formatted; empty = clean. */
async function runPublint(tarball) {
  const bytes = await readFile(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    strict: true,
    level: 'suggestion',
  });
  // Strict turns warnings into errors; suggestions fail this check too.
  return messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
}

/** @returns {Promise<{ problems: string[], ignored: number, note?: string }>} */
async function runAttw(tarball, manifest) {
  if (!manifest.exports && !manifest.main && !manifest.types && !manifest.module) {
    return { problems: [], ignored: 0, note: 'n/a (bin only)' };
  }
  const result = await runCommand(ATTW, [tarball, ...ATTW_ARGS], { timeoutMs: 300_000 });
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    return { problems: [`attw exited ${result.code}${result.timedOut ? ' (timed out)' : ''}: ${(result.stderr || result.stdout).trim().slice(0, 500)}`], ignored: 0 };
  }
  const all = Object.values(report.problems ?? {}).flat();
  const problems = all.filter((p) => !IGNORED(p)).map((p) => `${p.kind} at ${p.entrypoint ?? ''} (${p.resolutionKind ?? 'any'})`);
  if (result.code !== 0 && problems.length === 0) problems.push(`attw exited ${result.code}: ${result.stderr.trim().slice(0, 300)}`);
  return { problems, ignored: all.length - problems.length };
}

/** Checks neither tool makes: leftover workspace ranges, unwanted files, bin targets that were not packed. */
function ownChecks(manifest, files) {
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|link|file):/.test(range)) problems.push(`${field}.${dep} is ${range} in the tarball`);
    }
  }
  for (const file of files) if (UNWANTED.some((re) => re.test(file))) problems.push(`unwanted file in tarball: ${file}`);
  const bins = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [command, target] of Object.entries(bins)) {
    if (!files.includes(target.replace(/^\.\//, ''))) problems.push(`bin ${command} -> ${target} is not in the tarball`);
  }
  return problems;
}

/** @param {{ name: string, tarball: string, files: string[] }} packed */
export async function lintTarball(packed) {
  const manifest = await packedManifest(packed.tarball);
  const [publintMessages, attw] = await Promise.all([runPublint(packed.tarball), runAttw(packed.tarball, manifest)]);
  return { manifest, publint: publintMessages, attw, own: ownChecks(manifest, packed.files) };
}
