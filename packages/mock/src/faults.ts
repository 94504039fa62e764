import { createPrng, subSeed } from './prng.js';
import type { FaultKind, FaultOptions } from './types.js';

export const FAULT_KINDS: readonly FaultKind[] = ['429', '500', '502', '503', 'reset', 'stall', 'truncate', 'non-json'];

/**
 * Decides, request by request, which fault (if any) to inject: first the
 * scripted plan, then the rates. Each eligible request past the plan draws
 * exactly one number from a PRNG seeded by `seed`, so the sequence of faults
 * depends only on the seed and the order of requests.
 */
export function createFaultSource(options: FaultOptions | undefined, seed: number): () => FaultKind | null {
  const plan = options?.plan ?? [];
  for (const kind of plan) {
    if (kind !== null && !FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind ${JSON.stringify(kind)}`);
  }
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
  let total = 0;
  for (const [kind, rate] of rates) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`fault rate for ${kind} must be between 0 and 1, got ${rate}`);
    total += rate;
  }
  if (total > 1 + 1e-9) throw new RangeError(`fault rates add up to ${total}, more than 1`);

  const prng = createPrng(subSeed(seed, 'faults'));
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
