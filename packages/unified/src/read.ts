// Defensive readers for provider payloads: a field of the wrong type reads as
// absent, an enum value nobody documented reads as the fallback. Mapping never throws.

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A non-negative finite number, or undefined. */
export const count = (v: unknown): number | undefined => {
  const n = num(v);
  return n !== undefined && n >= 0 ? n : undefined;
};

export function date(v: unknown): Date | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Reads an enum-typed field as the open string it is on the wire: the spec's
 * union says what is documented today, the server may send more tomorrow.
 */
export function fromEnum<T extends string>(value: unknown, table: Readonly<Record<string, T>>, fallback: NoInfer<T>): T {
  return typeof value === 'string' && Object.hasOwn(table, value) ? table[value]! : fallback;
}

/** Drops undefined values so mapped objects only carry what the provider sent. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
