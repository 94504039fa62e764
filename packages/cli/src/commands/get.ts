import { defineCommand, examples } from '../command.js';
import { write } from '../io.js';
import { addOutputOptions, formatOf } from '../output.js';

export const get = defineCommand<{ json?: boolean; ndjson?: boolean }>({
  name: 'get',
  summary: 'Fetch one asset by ref (<provider>:<id>), from any provider',
  configure(cmd) {
    cmd.argument('<ref>', 'asset ref: <provider>:<id>, provider one of twelvelabs, rendernet, tenovos');
    addOutputOptions(cmd, { json: 'the asset as JSON, with the provider\'s raw object', ndjson: 'the asset as one JSON line' });
    cmd.addHelpText(
      'after',
      examples('assetkit get twelvelabs:6298d673f1090f1100476d4c', 'assetkit get tenovos:ceb7fc4c-171f-4b24-9ddc-3e8530c84fa0 --json'),
    );
  },
  async run({ args, options, globals, io }) {
    const { clientFromEnv, requireConfigured, unified } = await import('../client.js');
    // Checked before anything is sent; a malformed ref says what is wrong with it (exit 2).
    const ref = unified.parseRef(args[0]!);
    const client = clientFromEnv(io.env, globals.baseUrls);
    requireConfigured(client, ref.provider);
    const asset = await client.get(ref, io.signal ? { signal: io.signal } : {});
    const format = formatOf(options);
    if (format === 'table') {
      const { renderAssetDetails } = await import('../format-table.js');
      await write(io.stdout, renderAssetDetails(asset));
    } else {
      await write(io.stdout, `${format === 'json' ? JSON.stringify(asset, null, 2) : JSON.stringify(asset)}\n`);
    }
    return 0;
  },
});
