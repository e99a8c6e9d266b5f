// The elementwise cases compute what they say: each op's @arr result on the ndarray adapter
// against the same formula evaluated in float64 here.
import np from '@arr/adapter-ndarray';
import { describe, expect, it } from 'vitest';
import { OPS, randomF32, resultOf } from './cases.js';
import type { BenchNs } from './ns.js';

const FORMULAS: Record<string, (x: number, y: number) => number> = {
  'mul-scalar': (x) => x * 5,
  square: (x) => x * x,
  add: (x) => x + x,
  chain: (x) => 2 * (5 * x) ** 2,
  axpy: (x, y) => x * 5 + y,
  chain10: (x) => {
    let t = x;
    for (let k = 0; k < 5; k++) t = t * 1.0001 + 0.5;
    return t;
  },
};

describe('elementwise cases', () => {
  const ops = OPS.filter((o) => o.case === 'elementwise');
  it('cover every formula', () => {
    expect(ops.map((o) => o.op).sort()).toEqual(Object.keys(FORMULAS).sort());
  });
  for (const op of ops) {
    it(`${op.op} matches its float64 formula`, async () => {
      const n = 1000;
      const t = await op.arr(np as unknown as BenchNs, n, 'float32');
      try {
        const got = (await resultOf(t).data()) as Float32Array;
        const x = randomF32(n, 3), y = randomF32(n, 4); // the inputs the case uses
        expect(got.length).toBe(n);
        for (let i = 0; i < n; i++) {
          const want = FORMULAS[op.op]!(x[i]!, y[i]!);
          expect(Math.abs(got[i]! - want)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
        }
      } finally {
        t.dispose();
      }
    });
  }
});
