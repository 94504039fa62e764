import type { Named } from './base-url.js';
import { ConfigurationError } from './errors.js';
import type { Log, LogOptions } from './log.js';

const OFF: Log = {};

/** The log of a build without the log module: off, and a typed error when logging was asked for. */
export function noLog(who: Named, options: LogOptions): Log {
  if ((options.logLevel && options.logLevel !== 'off') || options.logger || options.debug) {
    throw new ConfigurationError(
      `${who.displayName}: in a browser bundle, logging needs enableLogging() from '@assetkit/runtime/log' first`,
      { provider: who.provider },
    );
  }
  return OFF;
}
