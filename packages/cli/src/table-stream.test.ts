import { describe, expect, it } from 'vitest';
import { renderTable, type Column } from './format-table.js';
import { createTableStream } from './table-stream.js';

const COLUMNS: Column<{ a: string; n: number }>[] = [
  { header: 'A', value: (r) => r.a },
  { header: 'N', align: 'right', value: (r) => String(r.n) },
  { header: 'LAST', value: () => 'x' },
];

describe('table stream', () => {
  it('a listing shorter than the window looks exactly like a table rendered at once', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ a: 'a'.repeat(i + 1), n: i * 100 }));
    let out = '';
    const table = createTableStream(COLUMNS, async (t) => void (out += t), 10);
    for (const r of rows) await table.add(r);
    await table.end();
    expect(out).toBe(renderTable(COLUMNS, rows));
  });

  it('writes rows as they come after the first window, and widens a column from a wider cell on', async () => {
    const writes: string[] = [];
    const table = createTableStream(COLUMNS, async (t) => void writes.push(t), 3);
    for (const r of [{ a: 'aa', n: 1 }, { a: 'b', n: 2 }, { a: 'c', n: 3 }]) await table.add(r);
    expect(writes).toEqual(['A   N  LAST\naa  1  x\nb   2  x\nc   3  x\n']);
    await table.add({ a: 'dd', n: 4 });
    expect(writes.at(-1)).toBe('dd  4  x\n');
    await table.add({ a: 'eeee', n: 12345 });
    expect(writes.at(-1)).toBe('eeee  12345  x\n');
    await table.end();
    expect(table.rows).toBe(5);
  });

  it('an empty listing writes nothing', async () => {
    let out = '';
    const table = createTableStream(COLUMNS, async (t) => void (out += t));
    await table.end();
    expect(out).toBe('');
  });

  it('renderTable takes 150,000 rows (it used Math.max(...cells), which overflowed the stack)', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => ({ a: `row-${i}`, n: i }));
    const text = renderTable(COLUMNS, rows);
    expect(text.split('\n')).toHaveLength(150_002);
  });
});
