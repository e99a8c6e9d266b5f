import { describe, expect, it } from 'vitest';
import { uniqueHost } from './set-host.js';
import { numberToHalf } from '../host.js';
import type { HostArray } from '../dtypes.js';

/** Host data as a plain array (the union of typed arrays has no common Array.from overload). */
const list = (a: HostArray): (number | bigint)[] => [...(a as Iterable<number | bigint>)];

describe('uniqueHost', () => {
  it('sorts, gives first indices, inverse and counts (as np.unique)', () => {
    const u = uniqueHost(Float32Array.from([3, 1, 3, 2, 1]), 'float32', 5);
    expect(list(u.values)).toEqual([1, 2, 3]);
    expect(Array.from(u.indices)).toEqual([1, 3, 0]);
    expect(Array.from(u.inverse)).toEqual([2, 0, 2, 1, 0]);
    expect(Array.from(u.counts)).toEqual([2, 1, 2]);
  });

  it('keeps every NaN as its own value, last; -0 equals +0 (first occurrence kept)', () => {
    const u = uniqueHost(Float64Array.from([NaN, -0, 1, 0, NaN]), 'float64', 5);
    expect(list(u.values)).toEqual([-0, 1, NaN, NaN]);
    expect(Object.is(u.values[0], -0)).toBe(true);
    expect(Array.from(u.indices)).toEqual([1, 2, 0, 4]);
    expect(Array.from(u.inverse)).toEqual([2, 0, 1, 0, 3]);
    expect(Array.from(u.counts)).toEqual([2, 1, 1, 1]);
  });

  it('handles 64-bit integers, float16 bits, complex and empty input', () => {
    const b = uniqueHost(BigInt64Array.from([5n, -(2n ** 62n), 5n]), 'int64', 3);
    expect(list(b.values)).toEqual([-(2n ** 62n), 5n]);
    const h = uniqueHost(Uint16Array.from([2, -1, 2].map(numberToHalf)), 'float16', 3);
    expect(list(h.values)).toEqual([numberToHalf(-1), numberToHalf(2)]);
    // complex: lexicographic (re, then im); values with a NaN part last and distinct
    const c = uniqueHost(Float32Array.from([1, 2, 1, 1, NaN, 0, 1, 1, 0, 5]), 'complex64', 5);
    expect(list(c.values)).toEqual([0, 5, 1, 1, 1, 2, NaN, 0]);
    expect(Array.from(c.counts)).toEqual([1, 2, 1, 1]);
    const e = uniqueHost(new Int32Array(0), 'int32', 0);
    expect(e.values.length).toBe(0);
    expect(e.counts.length).toBe(0);
  });
});
