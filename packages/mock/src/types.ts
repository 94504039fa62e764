import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ObjectStore } from './object-store/index.js';

export type ProviderName = 'twelvelabs' | 'rendernet' | 'tenovos';

export type FaultKind = '429' | '500' | '502' | '503' | 'reset' | 'stall' | 'truncate' | 'non-json';

export interface FaultOptions {
  /** Scripted faults for the first fault-eligible requests, in order (null = answer normally); then the rates apply. */
  plan?: Array<FaultKind | null>;
  /** Probabilities per request, drawn from a PRNG seeded by `seed`. Their sum must not exceed 1. */
  rate429?: number;
  rate5xx?: number;
  rateReset?: number;
  rateStall?: number;
  rateTruncate?: number;
  rateNonJson?: number;
  /** Sent as `Retry-After` with a 429. Default 1. */
  retryAfterSeconds?: number;
  /** The status `rate5xx` sends. Default 503. */
  status5xx?: 500 | 502 | 503;
  /** Also fault the Tenovos token operation (by default it never faults). */
  includeAuth?: boolean;
}

export interface MockOptions {
  /** The API key the server accepts. Default `mock-<provider>-key`. */
  apiKey?: string;
  /** How many assets the data set holds. Default 300. */
  assets?: number;
  /** Same seed => byte-identical data and fault sequence. Default 1. */
  seed?: number;
  /** Default 0 (any free port). */
  port?: number;
  /** Added before every response. Default 0. */
  latencyMs?: number;
  faults?: FaultOptions;
  /** Tenovos: the user that may log in. Default `demo@assetkit.dev`. */
  username?: string;
  /** Tenovos: that user's password. Default `mock-password`. */
  password?: string;
  /** Tenovos: lifetime of an access token in ms. Default 3_600_000. */
  tokenTtlMs?: number;
  /** Tenovos: bytes per part URL of a multipart upload (`POST /asset` with `filesize`). Default 100 MiB; tests use small parts. */
  tenovosPartSize?: number;
  /** Where presigned upload URLs point. If absent, `startMockServer` starts one (and closes it on close). */
  objectStore?: ObjectStore;
  /** New assets are `processing`, then ready (or failed) once `delayMs` has passed, computed on read (no timers). */
  processing?: ProcessingOptions;
  /** TwelveLabs: bounds on what uploads add to a server's state, and how uploads are checked. */
  uploads?: UploadOptions;
}

export interface ProcessingOptions {
  /** A new asset is `processing` for this long, then `ready` or `failed`. Default 50. */
  delayMs?: number;
  /** Share of new assets that end `failed` (with a reason). Default 0. */
  failRate?: number;
  /** Seeds the ready/failed draw. Default: the server's seed. */
  seed?: number;
}

export interface UploadOptions {
  /** Keep the bytes of direct uploads (`MockServer.upload(id).bytes`). Default false: only size and SHA-256. */
  keepBytes?: boolean;
  /** Largest direct-upload file part accepted. Default 200 MB (TwelveLabs' documented local-file limit). */
  maxDirectBytes?: number;
  /** Chunk size multipart sessions hand out. Default 5 MiB. */
  chunkSize?: number;
  /** Most assets made by uploads a server remembers; the oldest is forgotten first. Default 1000. */
  maxCreatedAssets?: number;
  /** Most multipart sessions a server remembers; the oldest is forgotten first. Default 200. */
  maxSessions?: number;
}

/** What the server keeps about an uploaded file. */
export interface UploadRecord {
  size: number;
  /** Hex SHA-256 of the file. */
  sha256: string;
  /** Only with `uploads.keepBytes`. */
  bytes?: Uint8Array;
}

/** What uploads did to a server's state, for tests (read-only; computed on call). */
export interface MockInspection {
  /** Assets created by uploads on this server, in creation order. `live`: not archived, recycled or deleted. */
  created: Array<{ id: string; name?: string; live: boolean; hasFile: boolean; sha256?: string; size?: number }>;
  /** Upload sessions neither completed nor cancelled (Tenovos multipart, TwelveLabs multipart). */
  openSessions: number;
}

export interface MockStats {
  /** Every request received, preflights included. */
  requests: number;
  /** Requests per path (without the query string, as sent). */
  byPath: Record<string, number>;
  /** Tenovos token operations (logins and refreshes). */
  tokenRequests: number;
  /** Faults injected, per kind. */
  faults: Record<string, number>;
}

export interface MockServer {
  provider: ProviderName;
  /** `http://127.0.0.1:PORT`, no trailing slash: use it as a client's baseUrl. */
  url: string;
  apiKey: string;
  username?: string;
  password?: string;
  /** The data set, in the order the provider lists it (TwelveLabs: newest first). */
  assets: readonly unknown[];
  stats: MockStats;
  /** The object store upload URLs point at (the one passed in, or the server's own). */
  objectStore: ObjectStore;
  /** Tenovos: makes every access token issued so far expired now (refresh tokens stay valid). */
  expireTokens(): void;
  /** The file an upload stored for this asset id (TwelveLabs), if the server still remembers it. */
  upload(assetId: string): UploadRecord | undefined;
  /** Assets uploads created and sessions left open (read-only). */
  inspect(): MockInspection;
  /** Closes the server and every connection, stalled ones included. */
  close(): Promise<void>;
}

/** A request as a provider handler sees it. */
export interface MockRequest {
  method: string;
  /** The path as sent, still percent-encoded, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface MockResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the server needs from one provider's behaviour. */
export interface ProviderMock {
  assets: readonly unknown[];
  handle(req: MockRequest): MockResponse;
  /** The provider's error body for an injected 429 or 5xx. */
  faultBody(status: number, retryAfterSeconds: number): unknown;
  /** Whether this request is the provider's token operation (exempt from faults unless includeAuth). */
  isAuthOperation(req: MockRequest): boolean;
  expireTokens(): void;
  /**
   * Answers a request whose body is a stream (multipart/form-data, octet-stream)
   * without buffering it. Providers without it get such bodies as text.
   */
  handleStream?(req: MockRequest, body: Readable): Promise<MockResponse>;
  upload?(assetId: string): UploadRecord | undefined;
  inspect?(): MockInspection;
}
