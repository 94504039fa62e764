import { Command, Help, type CommanderError } from 'commander';
import type { CliCommand, GlobalOptions } from './command.js';
import { COMMANDS } from './commands/index.js';
import type { Io } from './io.js';
import { baseUrl } from './option-values.js';

const FOOTER = `
Credentials (environment only; a provider is configured when its API key is set):
  TWELVELABS_API_KEY  RENDERNET_API_KEY  TENOVOS_API_KEY  TENOVOS_USERNAME  TENOVOS_PASSWORD

Exit codes: 0 ok, 1 API error, 2 usage error, 130 interrupted (143 on SIGTERM)
Run 'assetkit <command> --help' for a command's options and examples.
`;

/** Finds or creates the group command `name` (for commands named like "meta set"). */
function groupOf(parent: Command, name: string): Command {
  return parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(`${name} commands`);
}

/**
 * The commander program for `assetkit`: global options, one subcommand per
 * entry of COMMANDS, output to io (not the process), and errors thrown (exitOverride)
 * so run() decides the exit code. `onRun` receives the chosen command's handler call.
 */
export function buildProgram(
  io: Io,
  version: string,
  onRun: (call: () => Promise<number>) => void,
  commands: readonly CliCommand<never>[] = COMMANDS,
): Command {
  const program = new Command('assetkit')
    .description('Get and list media assets across TwelveLabs, RenderNet and Tenovos')
    .version(version, '-v, --version', 'show the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .option('--base-url <provider=url>', "send a provider's requests to another server (mock or self-hosted; repeatable)", baseUrl)
    .addHelpText('after', FOOTER)
    .showSuggestionAfterError(true);

  const configureCommon = (cmd: Command) =>
    cmd
      .exitOverride()
      .configureOutput({
        writeOut: (s) => void io.stdout.write(s),
        writeErr: (s) => void io.stderr.write(s),
        // run() prints errors itself, in one format for usage and API errors.
        outputError: () => {},
      })
      .configureHelp({ showGlobalOptions: true, sortOptions: false })
      .helpOption('-h, --help', 'show help');
  configureCommon(program);
  // The overview lists a group's commands by their full names ("meta set <ref> ..."), not just "meta".
  const base = new Help();
  program.configureHelp({
    ...program.configureHelp(),
    visibleCommands: (cmd) =>
      base.visibleCommands(cmd).flatMap((c) => (cmd === program && c.commands.length > 0 ? base.visibleCommands(c).filter((s) => s.name() !== 'help') : [c])),
    subcommandTerm: (c) => (c.parent && c.parent !== program && c.parent.parent === program ? `${c.parent.name()} ` : '') + base.subcommandTerm(c),
  });

  for (const spec of commands as readonly CliCommand<Record<string, unknown>>[]) {
    const path = spec.name.split(' ');
    let parent = program;
    for (const group of path.slice(0, -1)) parent = configureCommon(groupOf(parent, group));
    const cmd = configureCommon(parent.command(path.at(-1)!, { hidden: spec.hidden ?? false }).description(spec.summary));
    spec.configure(cmd);
    cmd.action((...received: unknown[]) => {
      // commander passes the declared arguments, then the options object, then the command.
      const self = received.at(-1) as Command;
      // A variadic argument (<ref...>) arrives as an array: flattened, in declared order.
      const args = (self.processedArgs as unknown[]).flat().filter((a) => a !== undefined).map(String);
      const { baseUrl: baseUrls = {}, ...options } = self.optsWithGlobals() as { baseUrl?: GlobalOptions['baseUrls'] };
      onRun(() => spec.run({ args, options: options as Record<string, unknown>, globals: { baseUrls }, io }));
    });
  }
  return program;
}

/** Which command an error from commander is about, for the "Run 'assetkit list --help'" hint. */
export function commandPathOf(program: Command, argv: readonly string[]): string {
  const names: string[] = [];
  let current = program;
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) break;
    names.push(next.name());
    current = next;
  }
  return ['assetkit', ...names].join(' ');
}

export type { CommanderError };
