import { createPrng, subSeed } from '../prng.js';
import type { ObjectStoreFaults, PartFault } from './types.js';

export const PART_FAULTS: readonly PartFault[] = ['500', 'reset', 'stall', 'expired'];

/**
 * Which fault (if any) the next validly signed PUT gets: first the scripted
 * plan, then the rates. Each PUT past the plan draws exactly one number from a
 * PRNG seeded by `seed`, so the faults depend only on the seed and the order of PUTs.
 */
export function createPartFaultSource(options: ObjectStoreFaults | undefined): () => PartFault | null {
  const plan = options?.plan ?? [];
  for (const kind of plan) {
    if (kind !== null && !PART_FAULTS.includes(kind)) throw new RangeError(`unknown object-store fault ${JSON.stringify(kind)}`);
  }
  const rates: [PartFault, number][] = [
    ['500', options?.rate500 ?? 0],
    ['reset', options?.rateReset ?? 0],
    ['stall', options?.rateStall ?? 0],
    ['expired', options?.rateExpired ?? 0],
  ];
  let total = 0;
  for (const [kind, rate] of rates) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate for ${kind} must be between 0 and 1, got ${rate}`);
    total += rate;
  }
  if (total > 1 + 1e-9) throw new RangeError(`fault rates add up to ${total}, more than 1`);
  const prng = createPrng(subSeed(options?.seed ?? 1, 'object-store-faults'));
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
