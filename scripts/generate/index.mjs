#!/usr/bin/env node
// pnpm generate: specs/<provider>.yaml -> packages/<provider>/src/{schema,client,index}.ts
//   node scripts/generate/index.mjs [provider...]   write (all providers when none named)
//   node scripts/generate/index.mjs --check         exit 1 if any generated file differs from what the spec gives
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { descriptorFromSpec } from './descriptor.mjs';
import { header, renderClient, renderIndex } from './render.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** Every file the spec of `name` produces, as path -> content. */
export async function generate(name) {
  const specPath = join(root, 'specs', `${name}.yaml`);
  const source = readFileSync(specPath, 'utf8');
  const hash = createHash('sha256').update(source).digest('hex');
  const doc = parse(source);
  const { descriptor, clientName } = descriptorFromSpec(name, doc);
  const ast = await openapiTS(doc, { silent: true });
  const top = header(name, hash);
  const dir = join(root, 'packages', name, 'src');
  return new Map([
    [join(dir, 'schema.ts'), `${top}\n${astToString(ast)}`],
    [join(dir, 'client.ts'), `${top}\n${renderClient(name, clientName, descriptor)}`],
    [join(dir, 'index.ts'), `${top}\n${renderIndex(name, clientName, Object.keys(doc.components?.schemas ?? {}))}`],
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
