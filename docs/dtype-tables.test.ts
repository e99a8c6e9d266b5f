/** The tables of docs/dtypes-and-devices.md are computed facts: check them against @arr/core. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DTYPES, DTYPE_INFO, HOST_ARRAY, promoteTypes, type DType } from '@arr/core';

const text = readFileSync(join(import.meta.dirname, 'dtypes-and-devices.md'), 'utf8');
const ABBR = (d: DType) => {
  const { kind, itemsize } = DTYPE_INFO[d];
  return kind === 'bool' ? 'b' : `${{ 'signed integer': 'i', 'unsigned integer': 'u', 'real floating': 'f', 'complex floating': 'c' }[kind]}${itemsize}`;
};
const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());

describe('docs/dtypes-and-devices.md', () => {
  test('the promotion table is promoteTypes', () => {
    const block = /<!-- promotion-table:start -->\n([\s\S]*?)<!-- promotion-table:end -->/.exec(text)?.[1];
    expect(block, 'the promotion table markers').toBeDefined();
    const rows = block!.trim().split('\n').map(cells);
    const header = rows[0]!.slice(1);
    expect(header).toEqual(DTYPES.map(ABBR));
    const body = rows.slice(2);
    expect(body.length).toBe(DTYPES.length);
    DTYPES.forEach((a, i) => {
      expect(body[i]![0]).toBe(`**${ABBR(a)}**`);
      DTYPES.forEach((b, j) => {
        let want: string;
        try {
          want = ABBR(promoteTypes(a, b));
        } catch {
          want = '✗';
        }
        expect(body[i]![j + 1], `${a} with ${b}`).toBe(want);
      });
    });
  });

  test('the dtype table matches DTYPE_INFO and HOST_ARRAY', () => {
    for (const d of DTYPES) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${d}\` |`));
      expect(row, d).toBeDefined();
      const [, kind, bytes, storage] = cells(row!);
      expect(kind).toBe(DTYPE_INFO[d].kind);
      expect(Number(bytes)).toBe(DTYPE_INFO[d].itemsize);
      expect(storage!.startsWith(`\`${HOST_ARRAY[d].name}\``), `${d} is stored as ${HOST_ARRAY[d].name}`).toBe(true);
    }
  });
});
