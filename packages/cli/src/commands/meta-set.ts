import { defineCommand, examples } from '../command.js';
import { UsageError } from '../usage-error.js';
import { addOutputOptions } from '../output.js';
import { clientForRefs } from './refs.js';
import { printMetadata } from './meta-output.js';

/** "k=v" sets a text value; "k:=json" a JSON value (number, boolean, ...), as httpie writes it. */
export function parseAssignment(raw: string): [string, unknown] {
  const json = /^([^=:]+):=(.*)$/s.exec(raw);
  if (json) {
    try {
      return [json[1]!, JSON.parse(json[2]!)];
    } catch {
      throw new UsageError(`${JSON.stringify(raw)}: the value after ":=" is not JSON`);
    }
  }
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`${JSON.stringify(raw)} is not key=value (or key:=json)`);
  return [raw.slice(0, eq), raw.slice(eq + 1)];
}

export const metaSet = defineCommand<{ json?: boolean; ndjson?: boolean }>({
  name: 'meta set',
  summary: 'Set user-metadata keys of an asset (others are kept)',
  configure(cmd) {
    cmd.argument('<ref>', 'asset ref: <provider>:<id>').argument('<key=value...>', 'key=text, or key:=json for numbers and booleans');
    addOutputOptions(cmd, { json: "the asset's metadata afterwards, as JSON", ndjson: "the asset's metadata afterwards, as one JSON line" });
    cmd.addHelpText(
      'after',
      `
TwelveLabs merges the keys into the asset's user metadata; Tenovos sets the
attributes (keys are metadata definition ids); RenderNet has no metadata.
${examples('assetkit meta set twelvelabs:6298d673f1090f1100476d4c campaign=spring approved:=true')}`,
    );
  },
  async run({ args, options, globals, io }) {
    const [rawRef, ...pairs] = args.flat();
    const set = Object.fromEntries(pairs.map(parseAssignment));
    const { client, refs } = await clientForRefs([rawRef!], io, globals.baseUrls);
    const asset = await client.updateMetadata(refs[0]!, { set, ...(io.signal && { signal: io.signal }) });
    await printMetadata(asset, options, io);
    return 0;
  },
});
