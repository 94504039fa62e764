// Reading one OpenAPI document from a file: JSON or YAML, 3.0 or 3.1 (the
// diff rules read `nullable` as well as `type: [..., 'null']`), in one file or
// split over several (`$ref: v2/schemas/400.yaml`, as Tenovos publishes).
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { bundle, createConfig } from '@redocly/openapi-core';
import { parseSpec } from './load-spec.mjs';

/**
 * Like readDocument, but a document with `$ref`s to other files is bundled
 * into one first (Redocly's bundler: the tool `pnpm lint:specs` already uses),
 * so the diff sees the referenced schemas instead of empty ones.
 * @param {string} file @returns {Promise<{ doc: any, text: string }>}
 */
export async function loadDocument(file) {
  const read = readDocument(file);
  if (!hasExternalRef(read.doc)) return read;
  const { bundle: bundled, problems } = await bundle({ ref: resolve(file), config: await createConfig({}) });
  const missing = problems.filter((p) => p.severity === 'error');
  if (missing.length) throw new Error(`${file}: cannot bundle its $refs (${missing.map((p) => p.message).slice(0, 3).join('; ')})`);
  return { doc: bundled.parsed, text: read.text };
}

function hasExternalRef(node) {
  if (!node || typeof node !== 'object') return false;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) return true;
  return Object.values(node).some(hasExternalRef);
}

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
