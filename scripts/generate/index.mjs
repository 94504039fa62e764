#!/usr/bin/env node
// pnpm generate: specs/<provider>.yaml -> packages/<provider>/src/generated/{schema,client,index}.ts
//   node scripts/generate/index.mjs [provider...]   write (all providers when none named)
//   node scripts/generate/index.mjs --force         regenerate even when the inputs hash says up to date
//   node scripts/generate/index.mjs --check         exit 1 if any generated file differs from what the spec gives
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { header } from './render.mjs';

const root = new URL('../..', import.meta.url).pathname;
const here = new URL('.', import.meta.url).pathname;

/**
 * Hash of everything the output depends on: the spec, this generator's code and
 * the openapi-typescript version. It goes into each file's header, so an
 * unchanged input can be skipped without loading openapi-typescript (the slow part).
 */
function inputsHash(source) {
  const hash = createHash('sha256').update(source);
  for (const file of readdirSync(here).filter((f) => f.endsWith('.mjs')).sort()) hash.update(readFileSync(join(here, file)));
  hash.update(createRequire(import.meta.url)('openapi-typescript/package.json').version);
  return hash.digest('hex');
}

// Generated files live in src/generated/; hand-written helpers sit beside them in src/ (DESIGN.md).
const outputsOf = (name) => ['schema.ts', 'client.ts', 'index.ts'].map((f) => join(root, 'packages', name, 'src', 'generated', f));

/** True when every output of `name` already carries the header of these inputs. */
function upToDate(name) {
  const top = header(name, inputsHash(readFileSync(join(root, 'specs', `${name}.yaml`), 'utf8')));
  return outputsOf(name).every((file) => existsSync(file) && readFileSync(file, 'utf8').startsWith(top));
}

/** Every file the spec of `name` produces, as path -> content. */
export async function generate(name) {
  const [{ default: openapiTS, astToString }, { parse }, { descriptorFromSpec }, { renderClient, renderIndex }] = await Promise.all([
    import('openapi-typescript'),
    import('yaml'),
    import('./descriptor.mjs'),
    import('./render.mjs'),
  ]);
  const specPath = join(root, 'specs', `${name}.yaml`);
  const source = readFileSync(specPath, 'utf8');
  const hash = inputsHash(source);
  const doc = parse(source);
  const { descriptor, clientName } = descriptorFromSpec(name, doc);
  const ast = await openapiTS(doc, { silent: true });
  const top = header(name, hash);
  const [schema, client, index] = outputsOf(name);
  return new Map([
    [schema, `${top}\n${astToString(ast)}`],
    [client, `${top}\n${renderClient(name, clientName, descriptor)}`],
    [index, `${top}\n${renderIndex(name, clientName, Object.keys(doc.components?.schemas ?? {}))}`],
  ]);
}

export function allProviders() {
  return readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
}

async function main(args) {
  const check = args.includes('--check');
  const names = args.filter((a) => !a.startsWith('--'));
  let stale = 0;
  for (const name of names.length ? names : allProviders()) {
    // --check always regenerates in full; a plain run skips specs whose outputs carry the current inputs hash.
    if (!check && !args.includes('--force') && upToDate(name)) {
      console.log(`up to date: packages/${name}/src/generated`);
      continue;
    }
    for (const [file, content] of await generate(name)) {
      const rel = file.slice(root.length);
      const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (check) {
        if (current !== content) {
          stale++;
          console.error(`stale: ${rel} does not match specs/${name}.yaml — run \`pnpm generate\` and commit the result`);
        }
      } else if (current !== content) {
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, content);
        console.log(`wrote ${rel}`);
      }
    }
  }
  if (check) console.log(stale ? `${stale} generated file(s) out of date` : 'generated files are up to date');
  process.exit(stale ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv.slice(2));
