import { describe, expect, it } from 'vitest';
import { runnableBlocks } from './readme-blocks.mjs';

const FENCE = '```';
describe('runnableBlocks', () => {
  it('takes ts/js blocks under a heading that says the example runs, or fenced as runnable', () => {
    const text = [
      '# pkg', `${FENCE}sh`, 'npm i pkg', FENCE,
      '## Example (runs against the bundled mock)', `${FENCE}ts`, 'console.log(1);', FENCE,
      '## Options', `${FENCE}ts`, 'notRun();', FENCE, `${FENCE}js runnable`, 'console.log(2);', FENCE,
    ].join('\n');
    expect(runnableBlocks('x.md', text).map((b) => [b.line, b.code])).toEqual([[6, 'console.log(1);'], [13, 'console.log(2);']]);
  });
});
