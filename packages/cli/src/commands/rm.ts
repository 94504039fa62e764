import type { Capabilities } from '@assetkit/unified';
import { defineCommand, examples } from '../command.js';
import { redact, write } from '../io.js';
import { UsageError } from '../usage-error.js';
import { clientForRefs } from './refs.js';

/** What delete does at this provider, in words for the question and the result lines. */
function effectOf(can: Capabilities['delete']): { verb: string; done: string } {
  if (can && can.mode === 'soft' && can.state === 'archived') return { verb: 'archive', done: 'archived' };
  if (can && can.mode === 'soft') return { verb: 'move to the recycle bin', done: 'moved to the recycle bin' };
  return { verb: 'delete for good', done: 'deleted' };
}

export const rm = defineCommand<{ force?: boolean; yes?: boolean }>({
  name: 'rm',
  summary: 'Delete assets: hard or soft as the provider does it (asks first)',
  configure(cmd) {
    cmd
      .argument('<ref...>', 'asset refs: <provider>:<id>')
      .option('--force', 'TwelveLabs: delete even when indexed assets reference the asset')
      .option('-y, --yes', 'do not ask; required when stdin is not a terminal');
    cmd.addHelpText(
      'after',
      `
TwelveLabs deletes for good (an asset indexed assets reference needs --force);
RenderNet archives (state "archived"); Tenovos moves to the recycle bin (state
"deleted"). Every ref is checked before anything is deleted.
${examples('assetkit rm twelvelabs:6298d673f1090f1100476d4c', 'assetkit rm tenovos:ceb7fc4c-171f-4b24-9ddc-3e8530c84fa0 rendernet:ast_01hx8m2k9w --yes')}`,
    );
  },
  async run({ args, options, globals, io }) {
    const { client, refs, formatRef } = await clientForRefs(args, io, globals.baseUrls);
    const { UnsupportedError } = await import('@assetkit/runtime/errors');
    // Checked for every ref first: nothing is deleted when one of them cannot be.
    for (const { provider } of refs) {
      const can = client.capabilities(provider).delete;
      if (!can) throw new UnsupportedError(`delete is not supported by ${provider}`, { provider });
      if (options.force && !can.force) throw new UnsupportedError(`delete with force is not supported by ${provider}: its delete is ${can.mode} and has nothing to force`, { provider });
    }
    if (!options.yes) {
      if (!io.prompt) throw new UsageError(`refusing to delete ${refs.length} asset${refs.length === 1 ? '' : 's'} without confirmation: stdin is not a terminal; pass --yes`);
      const lines = refs.map((r) => `  ${formatRef(r.provider, r.id)}: ${effectOf(client.capabilities(r.provider).delete).verb}`);
      const answer = await io.prompt(`${lines.join('\n')}\nProceed? [y/N] `);
      if (!/^y(es)?$/i.test(answer.trim())) {
        await write(io.stderr, 'nothing deleted\n');
        return 1;
      }
    }
    let failures = 0;
    for (const ref of refs) {
      const shown = formatRef(ref.provider, ref.id);
      try {
        await client.delete(ref, { ...(options.force && { force: true }), ...(io.signal && { signal: io.signal }) });
        await write(io.stdout, `${effectOf(client.capabilities(ref.provider).delete).done} ${shown}\n`);
      } catch (error) {
        if (io.signal?.aborted || refs.length === 1) throw error;
        failures++;
        const { classify } = await import('../errors.js');
        await write(io.stderr, `error: ${shown}: ${await redact(classify(error).message, io.env)}\n`);
      }
    }
    return failures ? 1 : 0;
  },
});
