import { InvalidRequestError } from '../errors.js';
import type { Source } from './source.js';

/** Browser stand-in for file-source.ts (swapped in by the package's "browser" field): no file system there. */
export async function openFileSource(path: string): Promise<Source> {
  throw new InvalidRequestError(`a file path (${path}) can only be uploaded in Node; in a browser pass the File or Blob`);
}
