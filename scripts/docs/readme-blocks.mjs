// The runnable code blocks of the READMEs. A ```ts/```js block is runnable when its fence says
// so (```ts runnable) or when the heading it sits under says the example runs
// ("Example (runs against the bundled mock, no account needed)").
import { readFileSync } from 'node:fs';

const RUNNABLE_HEADING = /\bruns\b/i;

/** @returns {{ file: string, line: number, heading: string, lang: string, code: string }[]} */
export function runnableBlocks(file, text = readFileSync(file, 'utf8')) {
  const blocks = [];
  const lines = text.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const h = /^#{1,6}\s+(.*)$/.exec(lines[i]);
    if (h) heading = h[1];
    const fence = /^```(\w+)?\s*(.*)$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) break;
    const [, lang = '', meta] = fence;
    if (['ts', 'typescript', 'js', 'javascript', 'mjs'].includes(lang) && (/\brunnable\b/.test(meta) || RUNNABLE_HEADING.test(heading))) {
      blocks.push({ file, line: i + 1, heading, lang, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return blocks;
}
