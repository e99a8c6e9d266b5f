import { describe, expect, it } from 'vitest';
import { ad, arr, values, wrap } from './test-util.js';

describe('reductions', () => {
  const x = arr([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
  it('sum/prod/max/min over any axes, strided input', () => {
    expect(values(wrap(ad.reduce('sum', x, [0]), [3], 'float32'))).toEqual([5, 7, 9]);
    expect(values(wrap(ad.reduce('sum', x, [1]), [2], 'float32'))).toEqual([6, 15]);
    expect(values(wrap(ad.reduce('prod', x, [0, 1]), [], 'float32'))).toEqual([720]);
    expect(values(wrap(ad.reduce('max', x, []), [2, 3], 'float32'))).toEqual([1, 2, 3, 4, 5, 6]);
    const t = wrap(ad.permute(x, [1, 0]), [3, 2], 'float32');
    expect(values(wrap(ad.reduce('min', t, [1]), [3], 'float32'))).toEqual([1, 2, 3]);
    expect(values(wrap(ad.reduce('sum', arr([], [0, 3], 'float64'), [0]), [3], 'float64'))).toEqual([0, 0, 0]);
  });
  it('sums over leading axes row by row (float32, int8 wrapping, float16, two reduced axes, offset view)', () => {
    const m = 7, n = 20;
    const vals = Array.from({ length: m * n }, (_, i) => (i % 13) - 6);
    const colSums = Array.from({ length: n }, (_, j) => vals.filter((_, i) => i % n === j).reduce((a, b) => a + b, 0));
    expect(values(wrap(ad.reduce('sum', arr(vals, [m, n], 'float32'), [0]), [n], 'float32'))).toEqual(colSums);
    expect(values(wrap(ad.reduce('sum', arr(vals, [m, n], 'float16'), [0]), [n], 'float16'))).toEqual(colSums);
    const big = arr(Array.from({ length: 3 * 16 }, () => 100), [3, 16], 'int8');
    expect(values(wrap(ad.reduce('sum', big, [0]), [16], 'int8'))).toEqual(new Array(16).fill(44)); // 300 wraps to 44
    const x3 = arr(vals.slice(0, 2 * 3 * 20), [2, 3, 20], 'float64');
    const s01 = Array.from({ length: 20 }, (_, j) => vals.slice(0, 120).filter((_, i) => i % 20 === j).reduce((a, b) => a + b, 0));
    expect(values(wrap(ad.reduce('sum', x3, [0, 1]), [20], 'float64'))).toEqual(s01);
    const tail = wrap(ad.slice(arr(vals, [m, n], 'float64'), [1, 0], [1, 1], [m - 1, n]), [m - 1, n], 'float64');
    expect(values(wrap(ad.reduce('sum', tail, [0]), [n], 'float64'))).toEqual(colSums.map((c, j) => c - vals[j]!));
  });
  it('NaN propagates through max/min; argmax picks the first NaN', () => {
    const y = arr([1, NaN, 3, NaN], [4], 'float64');
    expect(values(wrap(ad.reduce('max', y, [0]), [], 'float64'))).toEqual([NaN]);
    expect(values(wrap(ad.argReduce('argmax', y, 0), [], 'int32'))).toEqual([1]);
    expect(values(wrap(ad.argReduce('argmin', arr([3, 1, 1], [3], 'float64'), 0), [], 'int32'))).toEqual([1]);
  });
  it('int sums wrap; all/any; int64 sums', () => {
    expect(values(wrap(ad.reduce('sum', arr([2 ** 31 - 1, 1], [2], 'int32'), [0]), [], 'int32'))).toEqual([-(2 ** 31)]);
    expect(values(wrap(ad.reduce('all', arr([1, 0, 2], [3], 'int8'), [0]), [], 'bool'))).toEqual([0]);
    expect(values(wrap(ad.reduce('any', arr([0, 0, 2], [3], 'int8'), [0]), [], 'bool'))).toEqual([1]);
    expect(values(wrap(ad.reduce('sum', arr([2n ** 62n, 2n ** 62n], [2], 'int64'), [0]), [], 'int64'))).toEqual([-(2 ** 63)]);
  });
  it('scans', () => {
    expect(values(wrap(ad.scan('sum', x, 0), [2, 3], 'float32'))).toEqual([1, 2, 3, 5, 7, 9]);
    expect(values(wrap(ad.scan('prod', x, 1), [2, 3], 'float32'))).toEqual([1, 2, 6, 4, 20, 120]);
    expect(values(wrap(ad.scan('max', arr([1, 3, 2, NaN, 5], [5], 'float64'), 0), [5], 'float64'))).toEqual([1, 3, 3, NaN, NaN]);
  });
});

describe('sorting and indexing', () => {
  it('sort puts NaN last; descending is stable with NaN first', () => {
    const y = arr([3, NaN, 1, 2, 1], [5], 'float64');
    expect(values(wrap(ad.sort(y, 0, false, true), [5], 'float64'))).toEqual([1, 1, 2, 3, NaN]);
    expect(values(wrap(ad.sort(y, 0, true, true), [5], 'float64'))).toEqual([NaN, 3, 2, 1, 1]);
    expect(values(wrap(ad.argsort(y, 0, false, true), [5], 'int32'))).toEqual([2, 4, 3, 0, 1]);
    expect(values(wrap(ad.argsort(y, 0, true, true), [5], 'int32'))).toEqual([1, 0, 3, 2, 4]);
    const m = arr([3, 1, 2, 0, 5, 4], [3, 2], 'int32');
    expect(values(wrap(ad.sort(m, 0, false, true), [3, 2], 'int32'))).toEqual([2, 0, 3, 1, 5, 4]);
  });
  it('searchsorted handles NaN as NumPy', () => {
    const s = arr([1, 2, NaN], [3], 'float64'), v = arr([NaN, 2, 5], [3], 'float64');
    expect(values(wrap(ad.searchsorted(s, v, 'left'), [3], 'int32'))).toEqual([2, 1, 2]);
    expect(values(wrap(ad.searchsorted(s, v, 'right'), [3], 'int32'))).toEqual([3, 2, 2]);
  });
  it('take / takeAlongAxis / scatter / setSlice with negative and bad indices', () => {
    const x = arr([0, 1, 2, 3, 4, 5], [2, 3], 'float32');
    expect(values(wrap(ad.take(x, arr([-1, 0], [2], 'int64'), 1), [2, 2], 'float32'))).toEqual([2, 0, 5, 3]);
    expect(() => ad.take(x, arr([3], [1], 'int32'), 1)).toThrow(/take: index 3 is out of bounds for axis 1 with size 3/);
    expect(() => ad.take(x, arr([-4], [1], 'int32'), 1)).toThrow(/index -4/);
    expect(values(wrap(ad.takeAlongAxis(x, arr([2, 0, 1, -1], [2, 2], 'int32'), 1), [2, 2], 'float32'))).toEqual([2, 0, 4, 5]);
    expect(values(wrap(ad.scatter(x, arr([0, 0, -1], [3], 'int32'), 1, arr([7, 8, 9, 10, 11, 12], [2, 3], 'float32')), [2, 3], 'float32'))).toEqual([8, 1, 9, 11, 4, 12]);
    expect(values(wrap(ad.setSlice(x, [1, 2], [-1, -2], arr([9, 8, 7, 6], [2, 2], 'float32')), [2, 3], 'float32'))).toEqual([6, 1, 7, 8, 4, 9]);
  });
  it('concat along a middle axis, complex', () => {
    const a = arr([1, 1, 2, 2], [2, 1], 'complex64'), b = arr([3, 3, 4, 4, 5, 5, 6, 6], [2, 2], 'complex64');
    expect(values(wrap(ad.concat([a, b], 1), [2, 3], 'complex64'))).toEqual([1, 1, 3, 3, 4, 4, 2, 2, 5, 5, 6, 6]);
  });
});
