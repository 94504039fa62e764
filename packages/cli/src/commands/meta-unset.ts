import { defineCommand, examples } from '../command.js';
import { addOutputOptions } from '../output.js';
import { clientForRefs } from './refs.js';
import { printMetadata } from './meta-output.js';

export const metaUnset = defineCommand<{ json?: boolean; ndjson?: boolean }>({
  name: 'meta unset',
  summary: 'Remove user-metadata keys of an asset (others are kept)',
  configure(cmd) {
    cmd.argument('<ref>', 'asset ref: <provider>:<id>').argument('<key...>', 'keys to remove');
    addOutputOptions(cmd, { json: "the asset's metadata afterwards, as JSON", ndjson: "the asset's metadata afterwards, as one JSON line" });
    cmd.addHelpText('after', examples('assetkit meta unset twelvelabs:6298d673f1090f1100476d4c campaign obsolete'));
  },
  async run({ args, options, globals, io }) {
    const [rawRef, ...keys] = args.flat();
    const { client, refs } = await clientForRefs([rawRef!], io, globals.baseUrls);
    const asset = await client.updateMetadata(refs[0]!, { unset: keys, ...(io.signal && { signal: io.signal }) });
    await printMetadata(asset, options, io);
    return 0;
  },
});
