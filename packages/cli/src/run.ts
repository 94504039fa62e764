import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import type { CliCommand } from './command.js';
import { classify, EXIT_INTERRUPTED, EXIT_USAGE } from './errors.js';
import { redact, write, type Io } from './io.js';
import { buildProgram, commandPathOf } from './program.js';

export type { Io, WritableLike } from './io.js';

/** The package version, read from package.json next to src/ or dist/. */
export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'unknown';
  }
}

/** Exit code after an interruption: 130 for SIGINT (the default), 143 for SIGTERM. */
const interruptedCode = (signal: AbortSignal): number => (signal.reason === 'SIGTERM' ? 143 : EXIT_INTERRUPTED);

/** Commander's own outcomes that are not errors. */
const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/**
 * The whole CLI as a function: parses argv, runs the command, writes to
 * io.stdout / io.stderr and resolves to the exit code. Never throws for
 * expected errors; never writes a credential.
 */
export async function run(argv: readonly string[], io: Io, commands?: readonly CliCommand<never>[]): Promise<number> {
  // `assetkit help meta set`: commander's help command takes one name; the command's own --help says the same.
  if (argv[0] === 'help' && argv.length > 2) argv = [...argv.slice(1), '--help'];
  let call: (() => Promise<number>) | undefined;
  const program = buildProgram(io, version(), (c) => (call = c), commands);
  const hint = `Run '${commandPathOf(program, argv)} --help' for usage.\n`;
  try {
    if (argv.length === 0) {
      // No command: the overview on stderr, and a usage exit code (a script that forgot its command fails).
      program.outputHelp({ error: true });
      return EXIT_USAGE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    if (!call) {
      // A group such as `meta` given alone: commander showed its help.
      return EXIT_USAGE;
    }
    return await call();
  } catch (error) {
    if (error instanceof CommanderError) {
      if (COMMANDER_OK.has(error.code)) return 0;
      // "error: option '-n, --limit <n>' argument '-1' is invalid. Expected a whole number >= 1."
      const message = error.message.replace(/^error: /, '');
      await write(io.stderr, `error: ${await redact(message, io.env)}\n${hint}`);
      return EXIT_USAGE;
    }
    if (io.signal?.aborted) {
      await write(io.stderr, 'interrupted\n');
      return interruptedCode(io.signal);
    }
    const failure = classify(error);
    let text = `error: ${await redact(failure.message, io.env)}\n`;
    if (failure.hint) text += hint;
    if (io.env.ASSETKIT_DEBUG && error instanceof Error && error.stack && failure.code !== EXIT_USAGE) {
      text += `${await redact(error.stack, io.env)}\n`;
    }
    await write(io.stderr, text);
    return failure.code;
  }
}
