export { startRecordingServer, sendJson, type RecordingServer, type RecordedRequest, type Responder } from './recording-server.js';
export { startMockServer } from './start-mock-server.js';
export { FAULT_KINDS } from './faults.js';
export type { FaultKind, FaultOptions, MockInspection, MockOptions, MockServer, MockStats, ProviderName } from './types.js';
export type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
export type { RenderNetAsset } from './data/rendernet-assets.js';
export type { TenovosAsset, TenovosMetadataEntry } from './data/tenovos-assets.js';
export {
  startObjectStore,
  ObjectStoreError,
  type ObjectStore,
  type ObjectStoreOptions,
  type ObjectStoreFaults,
  type ObjectStoreStats,
  type PartFault,
  type StoredObject,
} from './object-store/index.js';
