// Finds the test code that would make a test depend on how fast the machine is (issue #16):
// an upper bound on measured time, or a timeout that is not aimed at a server that never answers.
// Heuristic on purpose (text, line by line): it catches the shapes that flaked here before.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A time measurement: `Date.now()`/`performance.now()` arithmetic, or a variable named for one. */
const MEASURED = /\b(?:Date|performance)\.now\(\)|\b(?:elapsed|took|tookMs|durationMs|wallMs)\b/;
/** An upper bound asserted on it. */
const UPPER_BOUND = /\.toBeLessThan(?:OrEqual)?\(/;
/** A timeout or abort-after-delay in a test. */
const TIMEOUT = /\btimeoutMs:\s*[1-9][\d_]*|AbortSignal\.timeout\(\s*[1-9]|setTimeout\(\s*\(\)\s*=>\s*\w+\.abort\(/;
/** What must be said nearby for a timeout to be fine: the server never answers (a stall). */
const NEVER_ANSWERS = /stall|never (?:answer|respond|gets an answer|sends|is ready|ready)/i;
const CONTEXT_LINES = 8;

/** @param {string} text @returns {{ line: number, rule: string, text: string }[]} */
export function speedProblems(text) {
  const lines = text.split('\n');
  const problems = [];
  lines.forEach((line, i) => {
    const code = line.replace(/(^|\s)\/\/.*$/, '$1'); // a comment, not the // of a URL
    if (UPPER_BOUND.test(code)) {
      const expectArg = /expect\((.*?)\)\.toBeLessThan/.exec(code)?.[1] ?? '';
      if (MEASURED.test(expectArg)) problems.push({ line: i + 1, rule: 'upper bound on measured time', text: line.trim() });
    }
    if (TIMEOUT.test(code)) {
      const context = lines.slice(Math.max(0, i - CONTEXT_LINES), i + 1).join('\n');
      if (!NEVER_ANSWERS.test(context)) problems.push({ line: i + 1, rule: 'timeout not aimed at a server that never answers', text: line.trim() });
    }
  });
  return problems;
}

/** Test files of the repo: packages' src/**\/*.test.ts and test/**, scripts/**\/*.test.mjs. */
export function testFiles(root) {
  const out = [];
  const walk = (dir, keep) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'fixtures') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, keep);
      else if (keep(relative(root, path))) out.push(path);
    }
  };
  walk(join(root, 'packages'), (p) => /\.test\.tsx?$/.test(p) || /^packages\/[^/]+\/test\/.+\.ts$/.test(p));
  walk(join(root, 'scripts'), (p) => /\.test\.mjs$/.test(p));
  return out.sort();
}

/** Every problem in the repo's test files, as `file:line: rule: text`. */
export function repoSpeedProblems(root) {
  // The rules' own test quotes the bad shapes on purpose.
  const own = join(root, 'scripts', 'test', 'speed-rules.test.mjs');
  return testFiles(root).filter((file) => file !== own).flatMap((file) =>
    speedProblems(readFileSync(file, 'utf8')).map((p) => `${relative(root, file)}:${p.line}: ${p.rule}: ${p.text}`),
  );
}
