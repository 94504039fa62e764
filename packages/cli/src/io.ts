import type { Provider } from './choices.js';

/** The part of a stream the CLI writes to; process.stdout fits, so does a test buffer. */
export interface WritableLike {
  write(chunk: string): boolean | void;
  /** When present with write() returning false, output waits for 'drain' (backpressure). */
  once?(event: 'drain', listener: () => void): unknown;
}

export interface Io {
  stdout: WritableLike;
  stderr: WritableLike;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal: enables the progress indicator. */
  isTTY: boolean;
  /** Aborted on SIGINT/SIGTERM: stops a listing (exit 130) or shuts `mock` down. */
  signal?: AbortSignal;
  /**
   * Asks a question on the terminal and resolves to the answer. Present only
   * when stdin and stderr are terminals: a command that must confirm (rm)
   * refuses without it unless told --yes.
   */
  prompt?: (question: string) => Promise<string>;
}

/** Writes and, when the stream asks for it, waits until it has drained. */
export async function write(stream: WritableLike, chunk: string): Promise<void> {
  if (stream.write(chunk) === false && stream.once) {
    await new Promise<void>((resolve) => stream.once!('drain', resolve));
  }
}

export const CREDENTIAL_VARS = ['TWELVELABS_API_KEY', 'RENDERNET_API_KEY', 'TENOVOS_API_KEY', 'TENOVOS_USERNAME', 'TENOVOS_PASSWORD'] as const;

export const API_KEY_VAR: Record<Provider, string> = {
  twelvelabs: 'TWELVELABS_API_KEY',
  rendernet: 'RENDERNET_API_KEY',
  tenovos: 'TENOVOS_API_KEY',
};

/** An environment value, trimmed; blank counts as unset. */
export function envValue(env: Io['env'], name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/**
 * Replaces every credential value from the environment (defence in depth for error text), with the runtime's
 * redaction. Loaded on first use: the runtime's index (with openapi-fetch) is not needed to print help.
 */
export async function redact(text: string, env: Io['env']): Promise<string> {
  const { redact: redactSecrets } = await import('@assetkit/runtime');
  return redactSecrets(text, CREDENTIAL_VARS.map((name) => envValue(env, name)));
}
