// Node (and any non-browser) entry: logging is built in.
export { createProviderClient } from './create-client.js';
export * from './exports.js';
