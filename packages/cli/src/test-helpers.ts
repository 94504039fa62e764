import { startMockServer, type MockOptions, type MockServer } from '@assetkit/mock';
import type { Io } from './io.js';
import { run } from './run.js';

/** Distinctive credentials so a leak is easy to spot in captured output. */
export const CREDENTIALS = {
  twelvelabs: 'tl-SECRET-key-9f2c1e7a',
  rendernet: 'rn-SECRET-key-41b8d0c3',
  tenovos: 'tv-SECRET-key-77e0a5d2',
  username: 'secret-user-5c1d@assetkit.test',
  password: 'secret-pass-2a9b3f6e',
} as const;

export interface Mocks {
  twelvelabs: MockServer;
  rendernet: MockServer;
  tenovos: MockServer;
}

export async function startMocks(options: MockOptions = {}): Promise<Mocks> {
  const [twelvelabs, rendernet, tenovos] = await Promise.all([
    startMockServer('twelvelabs', { ...options, apiKey: CREDENTIALS.twelvelabs }),
    startMockServer('rendernet', { ...options, apiKey: CREDENTIALS.rendernet }),
    startMockServer('tenovos', { ...options, apiKey: CREDENTIALS.tenovos, username: CREDENTIALS.username, password: CREDENTIALS.password }),
  ]);
  return { twelvelabs, rendernet, tenovos };
}

export const closeMocks = async (mocks: Mocks | undefined) => {
  if (mocks) await Promise.all([mocks.twelvelabs.close(), mocks.rendernet.close(), mocks.tenovos.close()]);
};

/** Every provider configured, as a user would with all variables set. */
export const fullEnv = (): Io['env'] => ({
  TWELVELABS_API_KEY: CREDENTIALS.twelvelabs,
  RENDERNET_API_KEY: CREDENTIALS.rendernet,
  TENOVOS_API_KEY: CREDENTIALS.tenovos,
  TENOVOS_USERNAME: CREDENTIALS.username,
  TENOVOS_PASSWORD: CREDENTIALS.password,
});

export const baseUrlArgs = (mocks: Mocks): string[] =>
  (['twelvelabs', 'rendernet', 'tenovos'] as const).flatMap((p) => ['--base-url', `${p}=${mocks[p].url}`]);

export class Capture {
  chunks: string[] = [];
  onWrite?: (chunk: string) => void;
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    this.onWrite?.(chunk);
    return true;
  }
  get text(): string {
    return this.chunks.join('');
  }
}

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Everything any test captured, scanned for credentials at the end. */
export const transcript: string[] = [];

export async function runCli(argv: string[], options: Partial<Omit<Io, 'stdout' | 'stderr'>> & { stdout?: Capture; stderr?: Capture } = {}): Promise<Result> {
  const stdout = options.stdout ?? new Capture();
  const stderr = options.stderr ?? new Capture();
  const io: Io = { stdout, stderr, env: options.env ?? fullEnv(), isTTY: options.isTTY ?? false };
  if (options.signal) io.signal = options.signal;
  if (options.prompt) io.prompt = options.prompt;
  const code = await run(argv, io);
  transcript.push(stdout.text, stderr.text);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
