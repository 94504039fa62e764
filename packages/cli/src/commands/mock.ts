import type { MockServer } from '@assetkit/mock';
import { PROVIDERS } from '../choices.js';
import { defineCommand, examples } from '../command.js';
import { API_KEY_VAR, write } from '../io.js';
import { integer } from '../option-values.js';

export interface MockSet {
  servers: MockServer[];
  close(): Promise<void>;
}

/** Starts one loopback mock server per provider; if one fails to start, the others are closed. */
export async function startMocks(options: { assets: number; seed: number }): Promise<MockSet> {
  const { startMockServer } = await import('@assetkit/mock');
  const results = await Promise.allSettled(PROVIDERS.map((p) => startMockServer(p, options)));
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const close = async () => {
    await Promise.allSettled(servers.map((s) => s.close()));
  };
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return { servers, close };
}

/** The text `assetkit mock` prints: URLs, mock credentials and lines to paste. Mock credentials only, never the user's. */
export function describeMocks(servers: readonly MockServer[], options: { assets: number; seed: number }): string {
  const w = Math.max(...servers.map((s) => s.provider.length));
  const lines: string[] = [`assetkit mock: ${servers.length} servers, ${options.assets} assets each, seed ${options.seed}`, ''];
  for (const s of servers) {
    let line = `  ${s.provider.padEnd(w)}  ${s.url}  api key: ${s.apiKey}`;
    if (s.username !== undefined) line += `  username: ${s.username}`;
    if (s.password !== undefined) line += `  password: ${s.password}`;
    lines.push(line);
  }
  lines.push('', 'Paste into another shell:');
  for (const s of servers) lines.push(`  export ${API_KEY_VAR[s.provider]}='${s.apiKey}'`);
  const tenovos = servers.find((s) => s.provider === 'tenovos');
  if (tenovos?.username !== undefined) lines.push(`  export TENOVOS_USERNAME='${tenovos.username}'`);
  if (tenovos?.password !== undefined) lines.push(`  export TENOVOS_PASSWORD='${tenovos.password}'`);
  const flags = servers.map((s) => `--base-url ${s.provider}=${s.url}`).join(' ');
  lines.push(`  alias assetkit-mock='assetkit ${flags}'`);
  lines.push('', 'Then try:', '  assetkit-mock list --limit 10', '', 'Press Ctrl-C to stop.');
  return `${lines.join('\n')}\n`;
}

export const mock = defineCommand<{ assets: number; seed: number }>({
  name: 'mock',
  summary: 'Start local mock servers for all three providers and print how to use them; runs until Ctrl-C',
  configure(cmd) {
    cmd
      .option('--assets <n>', 'assets per provider', integer(0), 300)
      .option('--seed <n>', 'data seed: the same seed gives the same data', integer(0), 1)
      .addHelpText('after', examples('assetkit mock --assets 120 --seed 1'));
  },
  async run({ options, io }) {
    const settings = { assets: options.assets, seed: options.seed };
    const mocks = await startMocks(settings);
    try {
      await write(io.stdout, describeMocks(mocks.servers, settings));
      // Runs until SIGINT/SIGTERM (io.signal); with no signal, until the process ends.
      await new Promise<void>((resolve) => {
        if (!io.signal) return;
        if (io.signal.aborted) return resolve();
        io.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    } finally {
      await mocks.close();
    }
    await write(io.stderr, 'mock servers stopped\n');
    return 0;
  },
});
