export { startRecordingServer, sendJson, type RecordingServer, type RecordedRequest, type Responder } from './recording-server.js';
