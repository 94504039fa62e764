import { defineCommand, examples } from '../command.js';
import { redact, write } from '../io.js';
import { integer } from '../option-values.js';
import { addOutputOptions, formatOf } from '../output.js';
import { clientForRefs } from './refs.js';

export const wait = defineCommand<{ timeout?: number; interval?: number; json?: boolean; ndjson?: boolean }>({
  name: 'wait',
  summary: 'Wait until assets are ready (exit 1 if one failed or the timeout passed)',
  configure(cmd) {
    cmd
      .argument('<ref...>', 'asset refs: <provider>:<id>')
      .option('--timeout <seconds>', 'give up after this many seconds (default: wait as long as it takes)', integer(0))
      .option('--interval <ms>', 'first wait between polls in ms, growing to 10 s (default 1000)', integer(1));
    addOutputOptions(cmd, { json: 'the ready assets as one JSON array', ndjson: 'each asset as one JSON line, as it becomes ready' });
    cmd.addHelpText(
      'after',
      `
Every ref is polled at once. A failed asset (or one archived, deleted or
blocked, which will never become ready) is reported with the provider's reason.
${examples('assetkit wait twelvelabs:6298d673f1090f1100476d4c', 'assetkit wait twelvelabs:a twelvelabs:b --timeout 600')}`,
    );
  },
  async run({ args, options, globals, io }) {
    const { client, refs, formatRef } = await clientForRefs(args, io, globals.baseUrls);
    const format = formatOf(options);
    const waits = refs.map(async (ref) => {
      const asset = await client.waitUntilReady(ref, {
        ...(options.timeout !== undefined && { deadlineMs: options.timeout * 1000 }),
        ...(options.interval !== undefined && { intervalMs: options.interval }),
        ...(io.signal && { signal: io.signal }),
      });
      if (format === 'ndjson') await write(io.stdout, `${JSON.stringify(asset)}\n`);
      else if (format === 'table') await write(io.stdout, `ready ${asset.ref}\n`);
      return asset;
    });
    const results = await Promise.allSettled(waits);
    if (io.signal?.aborted) throw io.signal.reason;
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ ref: formatRef(refs[i]!.provider, refs[i]!.id), error: r.reason as unknown }] : []));
    if (format === 'json') await write(io.stdout, `${JSON.stringify(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])), null, 2)}\n`);
    if (failed.length === 1 && refs.length === 1) throw failed[0]!.error;
    const { classify } = await import('../errors.js');
    for (const { ref, error } of failed) await write(io.stderr, `error: ${ref}: ${await redact(classify(error).message, io.env)}\n`);
    return failed.length ? 1 : 0;
  },
});
