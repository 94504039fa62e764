import { Option, type Command } from 'commander';

export type OutputFormat = 'table' | 'json' | 'ndjson';

/** Adds --json / --ndjson (mutually exclusive) to a command. */
export function addOutputOptions(cmd: Command, help: { json: string; ndjson: string }): Command {
  return cmd.addOption(new Option('--json', help.json).conflicts('ndjson')).addOption(new Option('--ndjson', help.ndjson));
}

export const formatOf = (options: { json?: boolean; ndjson?: boolean }): OutputFormat =>
  options.json ? 'json' : options.ndjson ? 'ndjson' : 'table';
