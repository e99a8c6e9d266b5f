import { describe, expect, it } from 'vitest';
import type { DType } from '@arr/core';
import { ad, arr, values, wrap } from '../test-util.js';

const cast = (vals: (number | bigint)[], from: DType, to: DType, shape = [vals.length]) =>
  values(wrap(ad.cast(arr(vals, shape, from), to), shape, to));

describe('cast', () => {
  it('float → int truncates toward zero, NaN/Inf → 0, out of range wraps', () => {
    expect(cast([1.9, -1.9, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1], 'float64', 'int32')).toEqual([1, -1, 0, 0, 0, -(2 ** 31), 2 ** 31 - 1]);
    expect(cast([-1, 300.7], 'float32', 'uint8')).toEqual([255, 44]);
    expect(cast([-1.5, 2 ** 64 + 2 ** 12, NaN], 'float64', 'int64')).toEqual([-1, 4096, 0]);
  });
  it('to bool is x != 0 (NaN → true); bool → number is 0/1', () => {
    expect(cast([0, -0, NaN, 0.1], 'float32', 'bool')).toEqual([0, 0, 1, 1]);
    expect(cast([1, 0], 'bool', 'float16')).toEqual([1, 0]);
  });
  it('complex → real keeps the real part; real → complex has zero imaginary part', () => {
    expect(cast([1.5, 2, -3, 4], 'complex128', 'float32', [2])).toEqual([1.5, -3]);
    expect(cast([1.5, -3], 'float64', 'complex64')).toEqual([1.5, 0, -3, 0]);
    expect(cast([0, 2], 'complex64', 'bool', [1])).toEqual([1]);
  });
  it('64-bit ints wrap between widths and convert to floats', () => {
    expect(cast([2n ** 32n + 5n, -1n], 'int64', 'int32')).toEqual([5, -1]);
    expect(cast([-1n], 'int64', 'uint64')).toEqual([2 ** 64]);
    expect(cast([2n ** 53n + 1n], 'uint64', 'float64')).toEqual([2 ** 53]);
    expect(cast([70000], 'float64', 'float16')).toEqual([Infinity]);
  });
});

describe('integer semantics', () => {
  const bin = (op: Parameters<typeof ad.binary>[0], a: number[], b: number[], d: DType) =>
    values(wrap(ad.binary(op, arr(a, [a.length], d), arr(b, [b.length], d), d), [a.length], d));
  it('floorDivide/remainder by zero give 0; remainder takes the divisor sign; overflow wraps', () => {
    expect(bin('floorDivide', [7, -7, 5, -128], [2, 2, 0, -1], 'int8')).toEqual([3, -4, 0, -128]);
    expect(bin('remainder', [7, -7, 7, 5], [-3, 3, 0, 3], 'int16')).toEqual([-2, 2, 0, 2]);
    expect(bin('multiply', [65536, 3], [65536, -5], 'int32')).toEqual([0, -15]);
  });
  it('shifts past the width give 0 (or -1 for negative right shifts)', () => {
    expect(bin('bitwiseLeftShift', [1, 1, 1], [3, 32, -1], 'int32')).toEqual([8, 0, 0]);
    expect(bin('bitwiseRightShift', [-8, -8, 8], [1, 40, 40], 'int32')).toEqual([-4, -1, 0]);
  });
  it('pow is exact and refuses negative exponents', () => {
    expect(bin('pow', [3, 2, -2], [4, 31, 3], 'int32')).toEqual([81, -(2 ** 31), -8]);
    expect(values(wrap(ad.binary('pow', arr([3n], [1], 'int64'), arr([40n], [1], 'int64'), 'int64'), [1], 'int64'))).toEqual([Number(BigInt.asIntN(64, 3n ** 40n))]);
    expect(() => bin('pow', [2], [-1], 'int32')).toThrow('pow: integers to negative integer powers are not allowed');
  });
});
