import { readEnv } from './options.js';
import { redact } from './redact.js';

export type DebugSink = (line: string) => void;

/** Resolves the debug option (or ASSETKIT_DEBUG) to a sink that redacts every line, or undefined when off. */
export function debugSink(option: boolean | DebugSink | undefined, secrets: () => (string | undefined)[]): DebugSink | undefined {
  const enabled = option ?? (readEnv('ASSETKIT_DEBUG') ? true : undefined);
  if (!enabled) return undefined;
  const write: DebugSink = typeof enabled === 'function' ? enabled : (line) => console.error(line);
  return (line) => write(`[assetkit] ${redact(line, secrets())}`);
}
