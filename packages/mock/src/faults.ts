import { checkFaultPlan, createFaultDraw } from './fault-draw.js';
import { createPrng, subSeed } from './prng.js';
import type { FaultKind, FaultOptions } from './types.js';

export const FAULT_KINDS: readonly FaultKind[] = ['429', '500', '502', '503', 'reset', 'stall', 'truncate', 'non-json'];

/** Decides, request by request, which fault (if any) to inject: first the scripted plan, then the seeded rates. */
export function createFaultSource(options: FaultOptions | undefined, seed: number): () => FaultKind | null {
  const plan = options?.plan ?? [];
  checkFaultPlan(plan, FAULT_KINDS, 'fault kind');
  const status5xx = options?.status5xx ?? 503;
  if (![500, 502, 503].includes(status5xx)) throw new RangeError(`status5xx must be 500, 502 or 503, got ${status5xx}`);
  const rates: [FaultKind, number][] = [
    ['429', options?.rate429 ?? 0],
    [String(status5xx) as FaultKind, options?.rate5xx ?? 0],
    ['reset', options?.rateReset ?? 0],
    ['stall', options?.rateStall ?? 0],
    ['truncate', options?.rateTruncate ?? 0],
    ['non-json', options?.rateNonJson ?? 0],
  ];
  return createFaultDraw(plan, rates, createPrng(subSeed(seed, 'faults')));
}
