import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { UploadRecord } from '../types.js';

/** What `POST /assets` sent, with the file part reduced to its size and hash while it streamed past. */
export interface ParsedForm {
  fields: Record<string, string>;
  file?: UploadRecord & { filename?: string; mimeType: string };
  /** Set when the file part went over `maxFileBytes` (busboy stops one byte past it; the rest is drained, not kept). */
  fileTooLarge?: boolean;
  /** A second `file` part or a malformed body. */
  problem?: string;
}

/**
 * Reads a multipart/form-data body as a stream with busboy: fields are kept
 * (they are small and capped), the file part is hashed chunk by chunk and its
 * bytes dropped unless `keepBytes`, so a multi-GB upload needs no memory.
 */
export function parseUploadForm(headers: IncomingHttpHeaders, body: Readable, options: { maxFileBytes: number; keepBytes: boolean }): Promise<ParsedForm> {
  return new Promise((resolve) => {
    const result: ParsedForm = { fields: {} };
    let settled = false;
    const finish = (problem?: string) => {
      if (settled) return;
      settled = true;
      if (problem) result.problem ??= problem;
      // Whatever the parser did not read must still be drained, or the client never sees the answer.
      body.resume();
      resolve(result);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { fileSize: options.maxFileBytes + 1, fields: 20, fieldSize: 64 * 1024, files: 2 } });
    } catch (error) {
      finish(`The request body is not valid multipart/form-data: ${(error as Error).message}`);
      return;
    }
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) result.problem ??= `The ${name} field is too long.`;
      result.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || result.file) {
        result.problem ??= name === 'file' ? 'Only one file may be sent.' : `The ${name} part must not be a file.`;
        stream.resume();
        return;
      }
      const hash = createHash('sha256');
      const kept: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
        if (options.keepBytes) kept.push(chunk);
      });
      stream.on('limit', () => {
        result.fileTooLarge = true;
        kept.length = 0;
      });
      stream.on('end', () => {
        if (size > options.maxFileBytes) result.fileTooLarge = true;
        result.file = { size, sha256: hash.digest('hex'), filename: info.filename, mimeType: info.mimeType };
        if (options.keepBytes && !result.fileTooLarge) result.file.bytes = new Uint8Array(Buffer.concat(kept));
      });
    });
    parser.on('error', (error: Error) => finish(`The request body is not valid multipart/form-data: ${error.message}`));
    parser.on('close', () => finish());
    body.on('error', (error) => finish(`The upload was interrupted: ${error.message}`));
    body.pipe(parser);
  });
}
