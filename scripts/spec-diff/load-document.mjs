// Reading one OpenAPI document from a file: JSON or YAML, 3.0 or 3.1 (the
// diff rules read `nullable` as well as `type: [..., 'null']`).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseSpec } from './load-spec.mjs';

/** @param {string} file @returns {{ doc: any, text: string }} */
export function readDocument(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read (${/** @type {NodeJS.ErrnoException} */ (err).code ?? /** @type {Error} */ (err).message})`);
  }
  // YAML 1.2 is a superset of JSON, but JSON.parse is faster and its errors name the position.
  let doc;
  if (/\.json$/i.test(file)) {
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new Error(`${file}: not valid JSON (${/** @type {Error} */ (err).message})`);
    }
  } else doc = parseSpec(text, file);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file}: not an OpenAPI document (no top-level object)`);
  const version = doc.openapi ?? doc.swagger;
  if (typeof version !== 'string' || !/^3\.[01]\./.test(version)) {
    throw new Error(`${file}: not an OpenAPI 3.0/3.1 document (openapi: ${JSON.stringify(version ?? null)})`);
  }
  return { doc, text };
}

/** The file name without folder and extension. */
export function stem(file) {
  return basename(file).replace(/\.(ya?ml|json)$/i, '');
}
