import { InvalidRequestError } from '../errors.js';
import { openFileSource } from './file-source.js';

/** What can be uploaded: a file path (Node), a Blob or File, a ReadableStream of unknown length, or bytes. */
export type SourceInput = string | Blob | ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer;

/** One part's body, ready for fetch. */
export interface PartBody {
  body: BodyInit;
  /** Sent as Content-Length (S3 refuses a PUT without one). */
  length: number;
}

/**
 * An upload source. Ranges of a re-readable source (file, Blob, bytes) are
 * read again for every attempt, so a retry never needs the bytes kept in
 * memory. A ReadableStream is read once, front to back, one part at a time.
 */
export interface Source {
  readonly kind: 'file' | 'blob' | 'bytes' | 'stream';
  /** Total bytes; undefined for a stream of unknown length. */
  readonly size: number | undefined;
  /** File or File name, when there is one. */
  readonly name?: string | undefined;
  /** Blob/File MIME type, when there is one. */
  readonly type?: string | undefined;
  /** False for a stream: its bytes can be read only once, so it cannot resume in another process. */
  readonly rereadable: boolean;
  /** Identifies the content for resume checks (size, modification time, sampled hash); undefined for streams. */
  fingerprint(): Promise<string | undefined>;
  /**
   * Bytes [start, end) as a body, read from the source now. A file's body is a
   * stream over the range and tells `onRead` each chunk it hands to fetch
   * (progress within a part); other bodies are counted when the part is done.
   */
  range(start: number, end: number, onRead?: (bytes: number) => void): PartBody;
  /** Streams only: the next `length` bytes (fewer at the end, none after it), held in memory. */
  next(length: number): Promise<Uint8Array<ArrayBuffer> | undefined>;
  /** Releases a file handle or the stream's reader. */
  close(): Promise<void>;
}

const SAMPLE = 64 * 1024;

async function sha256Hex(data: BufferSource): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of the first and last 64 KiB: cheap, and catches a file replaced by another of the same size. */
export async function sampleHash(read: (start: number, end: number) => Promise<Uint8Array<ArrayBuffer>>, size: number): Promise<string> {
  const head = await read(0, Math.min(size, SAMPLE));
  const tail = size > SAMPLE ? await read(Math.max(SAMPLE, size - SAMPLE), size) : new Uint8Array(0);
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return sha256Hex(joined);
}

function notRereadable(kind: string): never {
  throw new InvalidRequestError(`a ${kind} source is read front to back; it has no ranges`);
}

function bytesSource(bytes: Uint8Array): Source {
  if (bytes.byteLength === 0) throw new InvalidRequestError('the source is empty (0 bytes); there is nothing to upload');
  return {
    kind: 'bytes',
    size: bytes.byteLength,
    rereadable: true,
    fingerprint: async () => `bytes:${bytes.byteLength}:${await sha256Hex(bytes as Uint8Array<ArrayBuffer>)}`,
    range(start, end) {
      // A view, not a copy: the bytes are already in memory. (Progress counts it when the part is done.)
      const body = bytes.subarray(start, end) as Uint8Array<ArrayBuffer>;
      return { body, length: body.byteLength };
    },
    next: () => notRereadable('bytes'),
    close: async () => {},
  };
}

function blobSource(blob: Blob): Source {
  if (blob.size === 0) throw new InvalidRequestError('the source is empty (0 bytes); there is nothing to upload');
  const file = blob as Partial<File>;
  return {
    kind: 'blob',
    size: blob.size,
    name: file.name,
    type: blob.type || undefined,
    rereadable: true,
    async fingerprint() {
      const sample = await sampleHash(async (s, e) => new Uint8Array(await blob.slice(s, e).arrayBuffer()), blob.size);
      return `blob:${blob.size}:${file.lastModified ?? ''}:${sample}`;
    },
    range(start, end) {
      // A slice is lazy (a File's slice reads from disk when sent); fetch sets Content-Length from it.
      const body = blob.slice(start, end);
      return { body, length: body.size };
    },
    next: () => notRereadable('Blob'),
    close: async () => {},
  };
}

/**
 * A ReadableStream of unknown length: parts are cut as it is read, each held
 * in memory until its PUT succeeds (so at most concurrency x partSize). The
 * held part can be retried; nothing before it can, and the upload cannot be
 * resumed in another process (the bytes are gone).
 */
function streamSource(stream: ReadableStream<Uint8Array>): Source {
  if (stream.locked) throw new InvalidRequestError('the ReadableStream is locked (already being read)');
  const reader = stream.getReader();
  let leftover: Uint8Array | undefined;
  let ended = false;
  let reading: Promise<unknown> = Promise.resolve();
  const readPart = async (length: number): Promise<Uint8Array<ArrayBuffer> | undefined> => {
    const out = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      let chunk = leftover;
      leftover = undefined;
      if (!chunk) {
        if (ended) break;
        const { value, done } = await reader.read();
        if (done) {
          ended = true;
          break;
        }
        chunk = value;
      }
      const take = Math.min(chunk.byteLength, length - filled);
      out.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.byteLength) leftover = chunk.subarray(take);
    }
    if (filled === 0) return undefined;
    return filled === length ? out : out.slice(0, filled);
  };
  return {
    kind: 'stream',
    size: undefined,
    rereadable: false,
    fingerprint: async () => undefined,
    range: () => notRereadable('ReadableStream'),
    next(length) {
      // Reads are serialized: parts are cut in order even when several workers ask at once.
      const result = reading.then(() => readPart(length));
      reading = result.catch(() => {});
      return result;
    },
    async close() {
      try {
        await reader.cancel();
      } catch {
        // already errored or closed
      }
      reader.releaseLock();
    },
  };
}

/** Opens a source; bad input (missing file, directory, empty source) is an InvalidRequestError before anything is sent. */
export async function openSource(input: SourceInput | Source): Promise<Source> {
  if (typeof input === 'string') return openFileSource(input);
  if (typeof Blob !== 'undefined' && input instanceof Blob) return blobSource(input);
  if (typeof ReadableStream !== 'undefined' && input instanceof ReadableStream) return streamSource(input);
  if (input instanceof Uint8Array) return bytesSource(input);
  if (input instanceof ArrayBuffer) return bytesSource(new Uint8Array(input));
  if (isSource(input)) return input;
  throw new InvalidRequestError(
    `cannot upload a ${input === null ? 'null' : typeof input}: pass a file path, a Blob or File, a ReadableStream, a Uint8Array or an ArrayBuffer`,
  );
}

function isSource(value: unknown): value is Source {
  const v = value as Partial<Source> | null;
  return typeof v === 'object' && v !== null && typeof v.range === 'function' && typeof v.next === 'function' && typeof v.kind === 'string';
}
