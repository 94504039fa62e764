import { readEnv } from './options.js';
import { redact } from './redact.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go: console-shaped, so `console` itself or a pino/winston logger fits. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  debug(message: string): void;
}

/** What the transport calls; a level below the configured one is undefined, so the call site costs one check. */
export type Log = Partial<Record<Exclude<LogLevel, 'off'>, (line: string) => void>>;

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;

/**
 * Resolves logLevel/logger (and the older `debug` option, and ASSETKIT_LOG_LEVEL /
 * ASSETKIT_DEBUG) to per-level writers that redact every line. Default: off; stderr when no logger is given.
 */
export interface LogOptions {
  logLevel?: LogLevel | undefined;
  logger?: Logger | undefined;
  debug?: boolean | ((line: string) => void) | undefined;
}

export type LogFactory = (options: LogOptions, secrets: () => (string | undefined)[]) => Log;

export function createLog(options: LogOptions, secrets: () => (string | undefined)[]): Log {
  const sink = typeof options.debug === 'function' ? options.debug : undefined;
  const level: LogLevel =
    options.logLevel ??
    (options.debug || readEnv('ASSETKIT_DEBUG') ? 'debug' : undefined) ??
    (readEnv('ASSETKIT_LOG_LEVEL') as LogLevel | undefined) ??
    'off';
  const logger = options.logger;
  const log: Log = {};
  const max = LEVELS.indexOf(level as (typeof LEVELS)[number]);
  LEVELS.forEach((name, i) => {
    // Without a logger every level goes to stderr (console.error), so a CLI's stdout stays clean.
    const write = sink ?? (logger ? (l: string) => logger[name](l) : (l: string) => console.error(l));
    if (i <= max) log[name] = (line) => write(`[assetkit] ${redact(line, secrets())}`);
  });
  return log;
}
