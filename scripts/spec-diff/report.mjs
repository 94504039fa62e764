// The readable report of `pnpm spec:diff`.
import { LEVEL_NAMES } from './classify.mjs';
import { packageOf } from './changeset.mjs';

/** @param {import('./diff-specs.mjs').SpecResult[]} results @param {Map<string, string>} bumps @param {string} base */
export function formatReport(results, bumps, base) {
  const out = [`Spec changes against ${base}:`, ''];
  for (const r of results) {
    if (r.status === 'unchanged') {
      out.push(`${r.provider} (${packageOf(r.provider)}): no change`);
      continue;
    }
    out.push(`${r.provider} (${packageOf(r.provider)}): ${r.status}, ${LEVEL_NAMES[r.level]} → ${r.level}`);
    const width = Math.max(...r.changes.map((c) => c.kind.length));
    for (const c of r.changes) {
      out.push(`  ${c.level.padEnd(5)}  ${c.kind.padEnd(width)}  ${c.path}${c.detail ? `  (${c.detail})` : ''}`);
    }
  }
  out.push('', 'Package bumps:');
  if (bumps.size === 0) out.push('  none');
  for (const [name, level] of bumps) out.push(`  ${name}: ${level}`);
  return out.join('\n');
}
