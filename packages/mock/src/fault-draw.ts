import type { Prng } from './prng.js';

/** Throws if the scripted plan names a fault this source cannot inject. */
export function checkFaultPlan<K extends string>(plan: readonly (K | null)[], known: readonly K[], what: string): void {
  for (const kind of plan) {
    if (kind !== null && !known.includes(kind)) throw new RangeError(`unknown ${what} ${JSON.stringify(kind)}`);
  }
}

/**
 * The seeded draw shared by the API mock's faults and the object store's
 * part faults: first the scripted plan, then the rates. Each call past the
 * plan draws exactly one number from `prng`, so the faults depend only on the
 * seed and the order of calls.
 */
export function createFaultDraw<K extends string>(
  plan: readonly (K | null)[],
  rates: readonly (readonly [K, number])[],
  prng: Prng,
): () => K | null {
  let total = 0;
  for (const [kind, rate] of rates) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate for ${kind} must be between 0 and 1, got ${rate}`);
    total += rate;
  }
  if (total > 1 + 1e-9) throw new RangeError(`fault rates add up to ${total}, more than 1`);
  let index = 0;
  return () => {
    const i = index++;
    if (i < plan.length) return plan[i] ?? null;
    if (total === 0) return null;
    let r = prng.next();
    for (const [kind, rate] of rates) {
      if (r < rate) return kind;
      r -= rate;
    }
    return null;
  };
}
