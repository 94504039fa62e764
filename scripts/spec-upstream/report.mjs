// The readable report of `pnpm spec:upstream`.
import { packageOf } from '../spec-diff/changeset.mjs';

const line = (c) => `  ${c.level.padEnd(5)}  ${c.kind}  ${c.path}${c.detail ? `  (${c.detail})` : ''}`;

/** @param {import('./compare.mjs').UpstreamReport} r @param {{ vendorFile: string, specFile: string, corrections: Map<string, any> }} ctx */
export function formatUpstream(r, { vendorFile, specFile, corrections }) {
  const out = [`spec:upstream ${r.provider}: ${vendorFile} against ${specFile}`, ''];
  const ops = r.operations;
  out.push(`Operations: ${ops.matched.length} matched by method and path, ${ops.extra.length} upstream only, ${ops.missing.length} ours only${ops.missing.length ? ` (${ops.missing.join(', ')})` : ''}.`);
  if (r.normalised.length) {
    out.push('Normalised in the vendor document before comparing:');
    for (const n of r.normalised) out.push(`  ${n.rule}: ${n.detail}`);
  }
  out.push('', `(a) Upstream has, we lack: ${r.upstreamHas.length}${r.upstreamHas.length ? ` — adopting all is a ${r.level} for ${packageOf(r.provider)}` : ''}`);
  r.upstreamHas.forEach((c) => out.push(line(c)));
  out.push('', `(b) Differences on purpose (CORRECTIONS.md): ${r.explained.length}`);
  for (const c of r.explained) {
    out.push(`${line(c)}`);
    for (const id of c.corrections) out.push(`         ${id}: ${short(corrections.get(id)?.cells?.[1] ?? '')}`);
    if (c.unknownCorrections) out.push(`         also names ${c.unknownCorrections.join(', ')}, not in CORRECTIONS.md`);
  }
  out.push('', `(c) Unexplained differences: ${r.unexplained.length}`);
  for (const c of r.unexplained) {
    out.push(line(c));
    if (c.unknownCorrections) out.push(`         x-assetkit-correction names ${c.unknownCorrections.join(', ')}, not in CORRECTIONS.md`);
  }
  if (r.wording) out.push('', `${r.wording} wording difference(s) (descriptions, examples, validation keywords: patch) not listed; --all lists them.`);
  out.push('', r.unexplained.length ? `Unexplained differences: ${r.unexplained.length} (exit 1).` : 'Nothing unexplained (exit 0).');
  return out.join('\n');
}

function short(s) {
  return s.length > 100 ? `${s.slice(0, 97)}...` : s;
}
