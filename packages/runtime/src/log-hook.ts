import type { LogFactory } from './log.js';

// Set by enableLogging() ('@assetkit/runtime/log'); read by the browser build's createProviderClient.
let installed: LogFactory | undefined;

export const installLog = (factory: LogFactory): void => {
  installed = factory;
};
export const installedLog = (): LogFactory | undefined => installed;
