import { readFileSync } from 'node:fs';
import { HELP, parseCommand } from './args.js';
import { getCommand } from './commands/get.js';
import { listCommand } from './commands/list.js';
import { mockCommand } from './commands/mock.js';
import { classify, EXIT_INTERRUPTED } from './errors.js';
import { redact, write, type Io } from './io.js';

export type { Io, WritableLike } from './io.js';

/** The package version, read from package.json next to src/ or dist/. */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Exit code after an interruption: 130 for SIGINT (the default), 143 for SIGTERM. */
const interruptedCode = (signal: AbortSignal): number => (signal.reason === 'SIGTERM' ? 143 : EXIT_INTERRUPTED);

/**
 * The whole CLI as a function: parses argv, runs the command, writes to
 * io.stdout / io.stderr and resolves to the exit code. Never throws for
 * expected errors; never writes a credential.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    switch (cmd.name) {
      case 'help':
        await write(io.stdout, HELP);
        return 0;
      case 'version':
        await write(io.stdout, `${version()}\n`);
        return 0;
      case 'get':
        return await getCommand(cmd, io);
      case 'list':
        return await listCommand(cmd, io);
      case 'mock':
        return await mockCommand(cmd, io);
    }
  } catch (error) {
    if (io.signal?.aborted) {
      await write(io.stderr, 'interrupted\n');
      return interruptedCode(io.signal);
    }
    const failure = classify(error);
    let text = `error: ${redact(failure.message, io.env)}\n`;
    if (failure.hint) text += `Run 'assetkit --help' for usage.\n`;
    if (io.env.ASSETKIT_DEBUG && error instanceof Error && error.stack && failure.code !== 2) {
      text += `${redact(error.stack, io.env)}\n`;
    }
    await write(io.stderr, text);
    return failure.code;
  }
}
