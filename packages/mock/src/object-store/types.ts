export type PartFault = '500' | 'reset' | 'stall' | 'expired';

export interface ObjectStoreFaults {
  /** Scripted faults for the first PUTs with a valid signature, in order (null = answer normally); then the rates apply. */
  plan?: Array<PartFault | null>;
  /** Probabilities per PUT, drawn from a PRNG seeded by `seed`. Their sum must not exceed 1. */
  rate500?: number;
  rateReset?: number;
  rateStall?: number;
  rateExpired?: number;
  /** Same seed and the same order of PUTs => the same faults. Default 1. */
  seed?: number;
}

export interface ObjectStoreOptions {
  /** Added before every PUT answer (after the body has arrived). Default 0. */
  latencyMs?: number;
  /** Smallest size of a part that is not the last one, as S3's EntityTooSmall. Default 5 MiB. */
  minPartSize?: number;
  /** Keep the bytes of objects (`StoredObject.bytes`). Default false: only size and hashes are kept. */
  keepBytes?: boolean;
  faults?: ObjectStoreFaults;
  /** Default 0 (any free port). */
  port?: number;
}

export interface StoredObject {
  key: string;
  size: number;
  /** Hex SHA-256 of the whole object. */
  sha256: string;
  /** As S3 sends it, quoted: `"<md5>"` for a single PUT, `"<md5 of part md5s>-<n>"` for a multipart upload. */
  etag: string;
  bytes?: Uint8Array;
}

export interface ObjectStoreStats {
  /** Body bytes received by PUTs, faulted ones included. */
  bytesReceived: number;
  /** PUT requests received (any outcome). */
  puts: number;
  openUploads: number;
  objects: number;
  /** Faults injected, per kind; `expiredUrl` and `badSignature` count refusals of real expired or tampered URLs. */
  faults: Record<string, number>;
  /** PUTs being received or answered right now. */
  putsInFlight: number;
  /** The most PUTs that were in flight at the same time. */
  maxPutsInFlight: number;
  /** PUTs that stored a part, per `<uploadId>:<partNumber>` (the first 100 000 distinct parts). */
  partPuts: Record<string, number>;
}

export interface ObjectStore {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  /** A presigned URL for one PUT of a whole object. */
  presignPut(key: string, opts?: { expiresInSeconds?: number }): string;
  /** Starts a multipart upload; returns its uploadId. */
  createMultipartUpload(key: string): string;
  presignPart(key: string, uploadId: string, partNumber: number, opts?: { expiresInSeconds?: number }): string;
  /** Throws ObjectStoreError: InvalidPart, InvalidPartOrder, EntityTooSmall, NoSuchUpload, MalformedXML (no parts). */
  completeMultipartUpload(key: string, uploadId: string, parts: Array<{ partNumber: number; etag: string }>): StoredObject;
  abortMultipartUpload(key: string, uploadId: string): void;
  /** Parts received so far, ascending, ETags quoted as S3 lists them. */
  listParts(key: string, uploadId: string): Array<{ partNumber: number; etag: string; size: number }>;
  getObject(key: string): StoredObject | undefined;
  /** Every URL issued so far now answers 403 "Request has expired". */
  expireAll(): void;
  stats(): ObjectStoreStats;
  close(): Promise<void>;
}

/** What S3 would answer as an XML error; `code` is S3's error code. */
export class ObjectStoreError extends Error {
  override name = 'ObjectStoreError';
  readonly code: string;
  constructor(code: string, message: string) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}
