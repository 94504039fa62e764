export { startObjectStore } from './start-object-store.js';
export { ObjectStoreError } from './types.js';
export type { ObjectStore, ObjectStoreOptions, ObjectStoreFaults, ObjectStoreStats, PartFault, StoredObject } from './types.js';
