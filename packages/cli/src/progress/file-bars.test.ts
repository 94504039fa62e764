import { describe, expect, it } from 'vitest';
import { Capture } from '../test-helpers.js';
import { createFileBars } from './file-bars.js';

describe('file bars without a terminal', () => {
  it('one line per finished or failed file, with size, time and rate; nothing while transferring', async () => {
    let now = 1_000;
    const out = new Capture();
    const bars = await createFileBars(out, { tty: false, now: () => now });
    const a = bars.start('a.mp4', 4_000_000);
    const b = bars.start('b.wav', undefined);
    a.update(1_000_000);
    b.update(300);
    expect(out.text).toBe('');
    now += 2_000;
    a.update(4_000_000);
    a.done();
    b.fail('twelvelabs 500: boom');
    bars.stop();
    expect(out.text).toBe('done a.mp4 4.0 MB in 2.0 s (2.0 MB/s)\nfailed b.wav after 300 B: twelvelabs 500: boom\n');
  });
});
