import { checkFaultPlan, createFaultDraw } from '../fault-draw.js';
import { createPrng, subSeed } from '../prng.js';
import type { ObjectStoreFaults, PartFault } from './types.js';

export const PART_FAULTS: readonly PartFault[] = ['500', 'reset', 'stall', 'expired'];

/** Which fault (if any) the next validly signed PUT gets: first the scripted plan, then the seeded rates. */
export function createPartFaultSource(options: ObjectStoreFaults | undefined): () => PartFault | null {
  const plan = options?.plan ?? [];
  checkFaultPlan(plan, PART_FAULTS, 'object-store fault');
  const rates: [PartFault, number][] = [
    ['500', options?.rate500 ?? 0],
    ['reset', options?.rateReset ?? 0],
    ['stall', options?.rateStall ?? 0],
    ['expired', options?.rateExpired ?? 0],
  ];
  return createFaultDraw(plan, rates, createPrng(subSeed(options?.seed ?? 1, 'object-store-faults')));
}
