import { defineCommand } from '../command.js';
import { integer } from '../option-values.js';

/**
 * Hidden: drives the file progress bars (src/progress/file-bars.ts) with a
 * simulated transfer, so the bars can be seen and tested through a real
 * pseudo-terminal before `upload` exists. Not part of the public interface.
 */
export const progressDemo = defineCommand<{ files: number; size: number; steps: number; delayMs: number }>({
  name: '_progress-demo',
  summary: 'simulate file transfers to show the progress bars',
  hidden: true,
  configure(cmd) {
    cmd
      .option('--files <n>', 'files', integer(1), 2)
      .option('--size <bytes>', 'bytes per file', integer(1), 5_000_000)
      .option('--steps <n>', 'progress events per file', integer(1), 10)
      .option('--delay-ms <n>', 'pause between events', integer(0), 20);
  },
  async run({ options, io }) {
    const { createFileBars } = await import('../progress/file-bars.js');
    const bars = await createFileBars(io.stderr, { tty: io.isTTY });
    const pause = () => new Promise((resolve) => setTimeout(resolve, options.delayMs));
    try {
      // Files in parallel, as `upload a b c` will do.
      await Promise.all(
        Array.from({ length: options.files }, async (_, i) => {
          const bar = bars.start(`clip-${i + 1}.mp4`, options.size);
          for (let step = 1; step <= options.steps; step++) {
            await pause();
            bar.update(Math.round((options.size * step) / options.steps));
          }
          bar.done();
        }),
      );
    } finally {
      bars.stop();
    }
    return 0;
  },
});
