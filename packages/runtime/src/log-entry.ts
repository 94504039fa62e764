// '@assetkit/runtime/log': in a browser bundle, logging is opt-in (Node always has it).
import { installLog } from './log-hook.js';
import { createLog } from './log.js';

export type { LogLevel, Logger } from './log.js';

/** Makes clients created afterwards honour logLevel / logger / debug in a browser build. */
export function enableLogging(): void {
  installLog(createLog);
}
