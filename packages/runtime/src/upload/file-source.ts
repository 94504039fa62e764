/// <reference types="node" />
import { InvalidRequestError } from '../errors.js';
import { sampleHash, type Source } from './source.js';

type NodeFs = typeof import('node:fs/promises');

/**
 * node:fs is loaded only when a file path is uploaded, through a specifier
 * bundlers do not follow: a browser bundle of the upload engine carries no
 * Node built-in, and a path given in a browser is a typed error.
 */
async function loadFs(): Promise<NodeFs> {
  const specifier = 'node:fs/promises';
  try {
    return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as NodeFs;
  } catch (cause) {
    throw new InvalidRequestError('a file path can only be uploaded in Node; in a browser pass the File or Blob', { cause });
  }
}

const basename = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? path;

/** Chunk size of a part's body stream: a part never sits in memory whole; 1 MiB keeps per-chunk overhead low. */
const CHUNK = 1024 * 1024;

/**
 * A file read by offset through one file handle: each part's body is a stream
 * over [start, end), read again for every attempt. No temp files, no copy of
 * the part in memory.
 */
export async function openFileSource(path: string): Promise<Source> {
  if (path.trim() === '') throw new InvalidRequestError('the file path is empty');
  const { open, stat } = await loadFs();
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    throw new InvalidRequestError(code === 'ENOENT' ? `no file at ${path}` : `cannot read ${path} (${code ?? String(cause)})`, { cause });
  }
  if (info.isDirectory()) throw new InvalidRequestError(`${path} is a directory, not a file`);
  if (!info.isFile()) throw new InvalidRequestError(`${path} is not a regular file`);
  if (info.size === 0) throw new InvalidRequestError(`${path} is empty (0 bytes); there is nothing to upload`);
  const handle = await open(path, 'r');
  const size = info.size;
  const readAt = async (start: number, end: number) => {
    const buffer = new Uint8Array(end - start);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) throw new InvalidRequestError(`${path} got shorter while it was being uploaded`);
      filled += bytesRead;
    }
    return buffer;
  };
  return {
    kind: 'file',
    size,
    name: basename(path),
    rereadable: true,
    fingerprint: async () => `file:${size}:${Math.trunc(info.mtimeMs)}:${await sampleHash(readAt, size)}`,
    range(start, end, onRead) {
      let position = start;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (position >= end) return controller.close();
          const chunk = await readAt(position, Math.min(end, position + CHUNK));
          position += chunk.length;
          onRead?.(chunk.length);
          controller.enqueue(chunk);
          if (position >= end) controller.close();
        },
      });
      return { body, length: end - start };
    },
    next: () => {
      throw new InvalidRequestError('a file source is read by range');
    },
    close: () => handle.close(),
  };
}
