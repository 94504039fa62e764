import type { Command } from 'commander';
import type { Provider } from './choices.js';
import type { Io } from './io.js';

/** Options every command sees (declared once on the program, accepted before or after the command name). */
export interface GlobalOptions {
  /** From `--base-url <provider>=<url>` (repeatable). */
  baseUrls: Partial<Record<Provider, string>>;
}

export interface CommandContext<Options> {
  /** Positional arguments, as declared in `configure`. */
  args: string[];
  /** Parsed and validated options, as declared in `configure` (commander's camelCase names). */
  options: Options;
  globals: GlobalOptions;
  io: Io;
}

/**
 * One `assetkit` command: a spec (name, summary, arguments and options declared
 * on commander, which builds `--help` and rejects bad flags) and a handler that
 * resolves to the exit code. One file per command under src/commands/, listed
 * once in src/commands/index.ts.
 *
 * Handlers load heavy modules (`@assetkit/unified`, `@assetkit/mock`,
 * cli-progress) with `await import()` so `assetkit --help` stays fast.
 */
export interface CliCommand<Options = Record<string, unknown>> {
  /** `list`, or `meta set` for a subcommand of a group (the group is created on first use). */
  name: string;
  /** One line, shown in `assetkit --help`. */
  summary: string;
  /** Left out of `assetkit --help` (still has its own --help). */
  hidden?: boolean;
  /** Declares arguments, options and help text (examples) on the commander command. */
  configure(cmd: Command): void;
  run(context: CommandContext<Options>): Promise<number>;
}

/** Identity, for type inference of `Options` in each command file. */
export const defineCommand = <Options>(command: CliCommand<Options>): CliCommand<Options> => command;

/** "Examples:" block for `cmd.addHelpText('after', ...)`. */
export const examples = (...lines: string[]): string => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
