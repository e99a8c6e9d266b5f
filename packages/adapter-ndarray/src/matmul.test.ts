import { describe, expect, it } from 'vitest';
import type { DType } from '@arr/core';
import { ad, arr, values, wrap } from './test-util.js';

function ref(a: number[], b: number[], batch: number, m: number, k: number, n: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < batch; t++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[t * m * k + i * k + p]! * b[t * k * n + p * n + j]!;
        out.push(s);
      }
  return out;
}

const rand = (n: number, int = false) => Array.from({ length: n }, () => (int ? Math.floor(Math.random() * 7) - 3 : Math.random() * 2 - 1));

describe('matmul', () => {
  for (const dtype of ['float64', 'float32'] as DType[]) {
    for (const [batch, m, k, n] of [[1, 1, 1, 1], [1, 3, 5, 7], [1, 65, 129, 33], [3, 4, 300, 5], [2, 17, 2, 9], [1, 5, 0, 3]]) {
      it(`${dtype} ${batch}×${m}×${k}·${k}×${n}`, () => {
        const a = rand(batch * m * k), b = rand(batch * k * n);
        const shapeA = batch > 1 ? [batch, m, k] : [m, k], shapeB = batch > 1 ? [batch, k, n] : [k, n];
        const outShape = batch > 1 ? [batch, m, n] : [m, n];
        const got = values(wrap(ad.matmul(arr(a, shapeA, dtype), arr(b, shapeB, dtype)), outShape, dtype));
        const want = ref(dtype === 'float32' ? a.map(Math.fround) : a, dtype === 'float32' ? b.map(Math.fround) : b, batch, m, k, n);
        const tol = dtype === 'float32' ? 1e-5 : 1e-12;
        got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(want[i]!))));
      });
    }
  }

  it('reads transposed operands through their strides', () => {
    const a = rand(6 * 4), b = rand(6 * 5);
    // aT is [4, 6] stored as [6, 4] transposed; bT likewise
    const A = arr(a, [6, 4], 'float64'), B = arr(b, [5, 6], 'float64');
    const aT = wrap(ad.permute(A, [1, 0]), [4, 6], 'float64');
    const bT = wrap(ad.permute(B, [1, 0]), [6, 5], 'float64');
    const got = values(wrap(ad.matmul(aT, bT), [4, 5], 'float64'));
    const at: number[] = [], bt: number[] = [];
    for (let i = 0; i < 4; i++) for (let p = 0; p < 6; p++) at.push(a[p * 4 + i]!);
    for (let p = 0; p < 6; p++) for (let j = 0; j < 5; j++) bt.push(b[j * 6 + p]!);
    const want = ref(at, bt, 1, 4, 6, 5);
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i]!, 12));
  });

  for (const dtype of ['int8', 'int32', 'uint16', 'int64', 'float16'] as DType[]) {
    it(`${dtype} simple loop`, () => {
      const a = rand(2 * 3 * 4, true).map((v) => (dtype.startsWith('u') ? Math.abs(v) : v)), b = rand(2 * 4 * 5, true).map((v) => (dtype.startsWith('u') ? Math.abs(v) : v));
      const got = values(wrap(ad.matmul(arr(a, [2, 3, 4], dtype), arr(b, [2, 4, 5], dtype)), [2, 3, 5], dtype));
      expect(got).toEqual(ref(a, b, 2, 3, 4, 5));
    });
  }

  it('int32 wraps and complex multiplies', () => {
    const big = 2 ** 30;
    expect(values(wrap(ad.matmul(arr([big, big], [1, 2], 'int32'), arr([4, 4], [2, 1], 'int32')), [1, 1], 'int32'))).toEqual([0]);
    // (1+2i)(3+4i) + (0+1i)(0+1i) = (-5+10i) + (-1) = -6+10i
    const a = arr([1, 2, 0, 1], [1, 2], 'complex128'), b = arr([3, 4, 0, 1], [2, 1], 'complex128');
    expect(values(wrap(ad.matmul(a, b), [1, 1], 'complex128'))).toEqual([-6, 10]);
  });
});
