import { createHash, type Hash } from 'node:crypto';
import { ObjectStoreError, type StoredObject } from './types.js';

/**
 * One multipart upload. Parts are kept as size + MD5 (their ETag), not as
 * bytes, so a 10 GB upload needs no 10 GB of memory. The SHA-256 of the whole
 * object is computed while parts arrive: the part that extends the contiguous
 * prefix (1, 2, 3, ...) streams into the running hash; a part that arrives
 * ahead of the prefix is held until the prefix reaches it (a sliding-window
 * client keeps that to about window x partSize).
 */
export interface PartRecord {
  partNumber: number;
  size: number;
  md5: string;
  bytes?: Uint8Array;
}

/** Held bytes of parts that arrived ahead of the prefix, across all uploads; beyond it the SHA-256 is given up. */
const MAX_HELD_BYTES = 1024 * 1024 * 1024;
let heldBytes = 0;

export class MultipartUpload {
  readonly parts = new Map<number, PartRecord>();
  private hash: Hash = createHash('sha256');
  private nextPart = 1;
  /** MD5 of each part already fed into `hash`. */
  private readonly consumed = new Map<number, string>();
  private readonly pending = new Map<number, Buffer[]>();
  private pendingBytes = 0;
  private directOwner: object | null = null;
  /** Set when the running SHA-256 can no longer match the object (a consumed part replaced by other bytes). */
  private poisoned = false;

  constructor(
    readonly key: string,
    readonly uploadId: string,
    private readonly keepBytes: boolean,
  ) {}

  /** A sink for one PUT of `partNumber`: `write` per chunk, then `commit` on success or `discard`. */
  beginPart(partNumber: number) {
    const md5 = createHash('md5');
    let size = 0;
    const owner = {};
    const direct = partNumber === this.nextPart && this.directOwner === null && !this.poisoned;
    const copy = direct ? this.hash.copy() : undefined;
    if (direct) this.directOwner = owner;
    const chunks: Buffer[] = [];
    return {
      write: (chunk: Buffer) => {
        md5.update(chunk);
        size += chunk.length;
        if (copy) copy.update(chunk);
        if (!direct || this.keepBytes) chunks.push(chunk);
      },
      discard: () => {
        if (this.directOwner === owner) this.directOwner = null;
      },
      commit: (): PartRecord => {
        const record: PartRecord = { partNumber, size, md5: md5.digest('hex') };
        if (this.keepBytes) record.bytes = Buffer.concat(chunks);
        this.parts.set(partNumber, record);
        if (this.directOwner === owner) this.directOwner = null;
        if (copy && this.nextPart === partNumber) {
          this.hash = copy;
          this.consumed.set(partNumber, record.md5);
          this.nextPart++;
        } else if (partNumber < this.nextPart) {
          // A part sent again after it was hashed: harmless when the bytes are the same (a retry).
          if (this.consumed.get(partNumber) !== record.md5) this.poisoned = true;
        } else {
          this.hold(partNumber, chunks);
        }
        this.drain();
        return record;
      },
    };
  }

  private hold(partNumber: number, chunks: Buffer[]): void {
    const size = chunks.reduce((n, c) => n + c.length, 0);
    this.release(partNumber);
    if (heldBytes + size > MAX_HELD_BYTES) {
      this.poisoned = true;
      return;
    }
    this.pending.set(partNumber, chunks);
    this.pendingBytes += size;
    heldBytes += size;
  }

  private release(partNumber: number): void {
    const old = this.pending.get(partNumber);
    if (!old) return;
    const size = old.reduce((n, c) => n + c.length, 0);
    this.pending.delete(partNumber);
    this.pendingBytes -= size;
    heldBytes -= size;
  }

  private drain(): void {
    while (!this.poisoned && this.pending.has(this.nextPart)) {
      const n = this.nextPart;
      for (const chunk of this.pending.get(n)!) this.hash.update(chunk);
      this.consumed.set(n, this.parts.get(n)!.md5);
      this.release(n);
      this.nextPart++;
    }
  }

  /** Frees held bytes (on complete or abort). */
  dispose(): void {
    for (const n of [...this.pending.keys()]) this.release(n);
  }

  complete(parts: Array<{ partNumber: number; etag: string }>, minPartSize: number): StoredObject {
    if (parts.length === 0) throw new ObjectStoreError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.');
    const records: PartRecord[] = [];
    for (let i = 0; i < parts.length; i++) {
      const { partNumber, etag } = parts[i]!;
      if (i > 0 && partNumber <= parts[i - 1]!.partNumber) {
        throw new ObjectStoreError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.');
      }
      const record = this.parts.get(partNumber);
      if (!record || unquote(etag) !== record.md5) {
        throw new ObjectStoreError('InvalidPart', `One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag. (part ${partNumber})`);
      }
      records.push(record);
    }
    for (const record of records.slice(0, -1)) {
      if (record.size < minPartSize) {
        throw new ObjectStoreError('EntityTooSmall', `Your proposed upload is smaller than the minimum allowed size. (part ${record.partNumber}: ${record.size} bytes, minimum ${minPartSize})`);
      }
    }
    const size = records.reduce((n, r) => n + r.size, 0);
    const etag = `"${createHash('md5')
      .update(Buffer.concat(records.map((r) => Buffer.from(r.md5, 'hex'))))
      .digest('hex')}-${records.length}"`;
    const object: StoredObject = { key: this.key, size, etag, sha256: '' };
    if (this.keepBytes) {
      const bytes = Buffer.concat(records.map((r) => r.bytes!));
      object.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      object.sha256 = createHash('sha256').update(bytes).digest('hex');
    } else if (!this.poisoned && records.every((r, i) => r.partNumber === i + 1 && this.consumed.get(r.partNumber) === r.md5) && this.nextPart === records.length + 1) {
      object.sha256 = this.hash.digest('hex');
    }
    // Otherwise (parts 1..n not completed exactly as received, or too much held) the SHA-256 is unknown: ''.
    this.dispose();
    return object;
  }
}

export function unquote(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}
