import { ASSET_KINDS as UNIFIED_KINDS, PROVIDERS as UNIFIED_PROVIDERS } from '@assetkit/unified';
import { describe, expect, it } from 'vitest';
import { ASSET_KINDS, PROVIDERS } from './choices.js';
import { COMMANDS } from './commands/index.js';
import { runCli } from './test-helpers.js';

describe('help', () => {
  it('assetkit --help lists every public command, and not the hidden ones', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: assetkit /);
    expect(stdout).toContain('TWELVELABS_API_KEY');
    for (const c of COMMANDS) {
      if (c.hidden) expect(stdout).not.toContain(c.name);
      else expect(stdout).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
    }
  });

  for (const c of COMMANDS) {
    it(`assetkit ${c.name} --help shows that command's own help (and so does 'assetkit help ${c.name}')`, async () => {
      const global = await runCli(['--help']);
      const own = await runCli([...c.name.split(' '), '--help']);
      expect(own.code).toBe(0);
      expect(own.stderr).toBe('');
      expect(own.stdout).toMatch(new RegExp(`^Usage: assetkit ${c.name}\\b`));
      expect(own.stdout.replace(/\s+/g, ' ')).toContain(c.summary); // wrapped to the terminal width
      expect(own.stdout).not.toBe(global.stdout);
      expect(own.stdout).toMatch(/-h, --help/);
      if (!c.hidden) {
        const viaHelp = await runCli(['help', ...c.name.split(' ')]);
        expect(viaHelp.stdout).toBe(own.stdout);
      }
    });
  }

  it('list --help documents every filter and what --json does when interrupted', async () => {
    const { stdout } = await runCli(['list', '--help']);
    for (const flag of ['--provider', '--kind', '--id', '--name', '--created-after', '--created-before', '--limit', '--page-size', '--concurrency', '--json', '--ndjson', '--base-url']) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/complete array when\s+interrupted/);
  });

  it('the flag choices are the unified lists', () => {
    expect([...PROVIDERS]).toEqual([...UNIFIED_PROVIDERS]);
    expect([...ASSET_KINDS]).toEqual([...UNIFIED_KINDS]);
  });
});

describe('adding a command is one file', () => {
  it("a 'meta tag' command joins a 'meta' group with its own help, flags and handler", async () => {
    const { defineCommand } = await import('./command.js');
    const { COMMANDS } = await import('./commands/index.js');
    const { run } = await import('./run.js');
    const { Capture } = await import('./test-helpers.js');
    const { integer } = await import('./option-values.js');
    const calls: unknown[] = [];
    const metaTag = defineCommand<{ ttl?: number }>({
      name: 'meta tag',
      summary: 'Set metadata fields',
      configure: (cmd) => void cmd.argument('<ref>').argument('<pairs...>').option('--ttl <n>', 'seconds', integer(1)),
      async run({ args, options }) {
        calls.push({ args, options });
        return 0;
      },
    });
    const commands = [...COMMANDS, metaTag];
    const go = async (argv: string[]) => {
      const stdout = new Capture();
      const stderr = new Capture();
      const code = await run(argv, { stdout, stderr, env: {}, isTTY: false }, commands);
      return { code, stdout: stdout.text, stderr: stderr.text };
    };
    expect(await go(['meta', 'tag', 'twelvelabs:abc', 'a=1', 'b=2', '--ttl', '5'])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(calls).toEqual([{ args: ['twelvelabs:abc', 'a=1', 'b=2'], options: { ttl: 5 } }]);
    const help = await go(['meta', 'tag', '--help']);
    expect(help.stdout).toMatch(/^Usage: assetkit meta tag \[options\] <ref> <pairs\.\.\.>/);
    const bad = await go(['meta', 'tag', 'twelvelabs:abc', 'a=1', '--ttl', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("error: option '--ttl <n>' argument 'soon' is invalid. Expected a whole number >= 1.\nRun 'assetkit meta tag --help' for usage.\n");
    expect((await go(['--help'])).stdout).toMatch(/^ {2}meta tag\b/m);
  });
});
