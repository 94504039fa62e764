import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates HTTP responses (and the spec's own examples) against an OpenAPI 3.1
 * document with a real JSON Schema 2020-12 validator. Used by the mock's tests
 * and reusable by other packages' tests: import from `@assetkit/mock/spec-validator`
 * (a separate entry, so the mock itself does not load Ajv).
 */
export interface SpecValidator {
  /** The parsed OpenAPI document. */
  readonly spec: Record<string, unknown>;
  /**
   * Errors of `body` against the schema the operation declares for `status`
   * (exact status, then `4XX`/`5XX`, then `default`); an undeclared status is an error.
   * `pathTemplate` is the spec's key, e.g. `/assets/{asset_id}`.
   */
  validateResponse(method: string, pathTemplate: string, status: number, body: unknown): string[];
  /** Errors of `body` against the operation's JSON request body schema. */
  validateRequestBody(method: string, pathTemplate: string, body: unknown): string[];
  /** Errors of `value` against `components/schemas/<name>`. */
  validateSchema(name: string, value: unknown): string[];
  /** Errors of every `example`/`examples` in the spec against the schema it illustrates. */
  validateExamples(): string[];
}

type Json = Record<string, unknown>;

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (ajv: Ajv2020) => void;

const SPEC_ID = 'https://assetkit.invalid/spec.json';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function at(doc: Json, pointer: string): unknown {
  let node: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Json)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

/** Follows a local `$ref` chain; returns the target and the pointer it lives at. */
function deref(doc: Json, node: unknown, pointer: string): { node: unknown; pointer: string } {
  let current = node;
  let where = pointer;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string' && hops < 20; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
    where = ref.slice(1);
    current = at(doc, where);
  }
  return { node: current, pointer: where };
}

function describe(errors: ErrorObject[] | null | undefined, label: string): string[] {
  return (errors ?? []).map((e) => `${label}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export function createSpecValidator(specPath: string | URL): SpecValidator {
  const file = specPath instanceof URL ? fileURLToPath(specPath) : specPath;
  const spec = parse(readFileSync(file, 'utf8')) as Json;
  if (!isObject(spec) || typeof spec.openapi !== 'string') throw new Error(`${file} is not an OpenAPI document`);
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // The whole document is one schema resource, so `#/components/...` refs resolve against it.
  ajv.addSchema(spec, SPEC_ID);
  const compiled = new Map<string, ValidateFunction>();

  function validateAt(pointer: string, value: unknown, label: string): string[] {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.getSchema(`${SPEC_ID}#${pointer}`);
      if (!validate) return [`${label}: no schema at #${pointer}`];
      compiled.set(pointer, validate);
    }
    return validate(value) ? [] : describe(validate.errors, label);
  }

  function operation(method: string, pathTemplate: string): { pointer: string; node: Json } | undefined {
    const pointer = `/paths/${escape(pathTemplate)}/${method.toLowerCase()}`;
    const node = at(spec, pointer);
    return isObject(node) ? { pointer, node } : undefined;
  }

  /** The pointer of the JSON schema under a (possibly referenced) object with `content`. */
  function jsonSchemaPointer(node: unknown, pointer: string): string | undefined {
    const target = deref(spec, node, pointer);
    if (!isObject(target.node) || !isObject(target.node.content)) return undefined;
    const type = Object.keys(target.node.content).find((t) => /json/i.test(t));
    return type === undefined ? undefined : `${target.pointer}/content/${escape(type)}/schema`;
  }

  function examplesOf(media: Json, schemaPointer: string, label: string, errors: string[]): void {
    if ('example' in media) errors.push(...validateAt(schemaPointer, media.example, `${label} example`));
    if (isObject(media.examples)) {
      for (const [name, example] of Object.entries(media.examples)) {
        const resolved = deref(spec, example, '').node;
        if (isObject(resolved) && 'value' in resolved) errors.push(...validateAt(schemaPointer, resolved.value, `${label} examples.${name}`));
      }
    }
  }

  function contentExamples(holder: unknown, pointer: string, label: string, errors: string[]): void {
    if (!isObject(holder) || !isObject(holder.content)) return;
    for (const [type, media] of Object.entries(holder.content)) {
      if (isObject(media) && isObject(media.schema)) examplesOf(media, `${pointer}/content/${escape(type)}/schema`, `${label} ${type}`, errors);
    }
  }

  /** Schema-level `examples` (2020-12 array) and `example` (OpenAPI, deprecated), in every subschema. */
  function schemaExamples(schema: unknown, pointer: string, errors: string[]): void {
    if (!isObject(schema)) return;
    if (Array.isArray(schema.examples)) schema.examples.forEach((ex, i) => errors.push(...validateAt(pointer, ex, `#${pointer} examples[${i}]`)));
    if ('example' in schema) errors.push(...validateAt(pointer, schema.example, `#${pointer} example`));
    for (const key of ['properties', 'patternProperties', '$defs'] as const) {
      const map = schema[key];
      if (isObject(map)) for (const [name, sub] of Object.entries(map)) schemaExamples(sub, `${pointer}/${key}/${escape(name)}`, errors);
    }
    for (const key of ['items', 'additionalProperties', 'not', 'contains'] as const) schemaExamples(schema[key], `${pointer}/${key}`, errors);
    for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
      const list = schema[key];
      if (Array.isArray(list)) list.forEach((sub, i) => schemaExamples(sub, `${pointer}/${key}/${i}`, errors));
    }
  }

  return {
    spec,
    validateResponse(method, pathTemplate, status, body) {
      const op = operation(method, pathTemplate);
      const label = `${method.toUpperCase()} ${pathTemplate} ${status}`;
      if (!op) return [`${label}: the spec has no such operation`];
      const responses = isObject(op.node.responses) ? op.node.responses : {};
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in responses);
      if (key === undefined) return [`${label}: status ${status} is not declared`];
      const schemaPointer = jsonSchemaPointer(responses[key], `${op.pointer}/responses/${escape(key)}`);
      if (schemaPointer === undefined) return body === undefined || body === '' ? [] : [`${label}: the spec declares no JSON body`];
      return validateAt(schemaPointer, body, label);
    },
    validateRequestBody(method, pathTemplate, body) {
      const op = operation(method, pathTemplate);
      const label = `${method.toUpperCase()} ${pathTemplate} request body`;
      if (!op) return [`${label}: the spec has no such operation`];
      const schemaPointer = jsonSchemaPointer(op.node.requestBody, `${op.pointer}/requestBody`);
      return schemaPointer === undefined ? [`${label}: the spec declares no JSON request body`] : validateAt(schemaPointer, body, label);
    },
    validateSchema(name, value) {
      return validateAt(`/components/schemas/${escape(name)}`, value, name);
    },
    validateExamples() {
      const errors: string[] = [];
      const paths = isObject(spec.paths) ? spec.paths : {};
      for (const [path, item] of Object.entries(paths)) {
        if (!isObject(item)) continue;
        for (const [method, op] of Object.entries(item)) {
          if (!isObject(op)) continue;
          const pointer = `/paths/${escape(path)}/${method}`;
          const label = `${method.toUpperCase()} ${path}`;
          if (Array.isArray(op.parameters)) {
            op.parameters.forEach((param, i) => {
              const resolved = deref(spec, param, `${pointer}/parameters/${i}`);
              if (isObject(resolved.node) && isObject(resolved.node.schema)) {
                examplesOf(resolved.node, `${resolved.pointer}/schema`, `${label} parameter ${String(resolved.node.name)}`, errors);
              }
            });
          }
          // Referenced bodies and responses are checked once, under components.
          if (isObject(op.requestBody) && !('$ref' in op.requestBody)) contentExamples(op.requestBody, `${pointer}/requestBody`, `${label} request`, errors);
          if (isObject(op.responses)) {
            for (const [status, response] of Object.entries(op.responses)) {
              if (isObject(response) && !('$ref' in response)) contentExamples(response, `${pointer}/responses/${escape(status)}`, `${label} ${status}`, errors);
            }
          }
        }
      }
      const components = isObject(spec.components) ? spec.components : {};
      for (const kind of ['responses', 'requestBodies'] as const) {
        const map = components[kind];
        if (isObject(map)) for (const [name, holder] of Object.entries(map)) contentExamples(holder, `/components/${kind}/${escape(name)}`, `components.${kind}.${name}`, errors);
      }
      if (isObject(components.schemas)) {
        for (const [name, schema] of Object.entries(components.schemas)) schemaExamples(schema, `/components/schemas/${escape(name)}`, errors);
      }
      return errors;
    },
  };
}
