// Browser entry (the "browser" export condition): the same API; logging is opt-in through
// enableLogging() from '@assetkit/runtime/log', so a GET's bundle carries no logging code.
export { createProviderClient } from './create-client-browser.js';
export * from './exports.js';
