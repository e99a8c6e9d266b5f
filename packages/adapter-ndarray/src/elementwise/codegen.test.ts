import { describe, expect, it } from 'vitest';
import { kernelCacheSize } from './codegen.js';
import { ad, arr, values, wrap } from '../test-util.js';

describe('codegen cache', () => {
  it('compiles one kernel per (op, dtype, layout) and reuses it', () => {
    const a = arr([1, 2, 3, 4], [2, 2], 'float64');
    const b = arr([10, 20, 30, 40], [2, 2], 'float64');
    ad.binary('hypot', a, b, 'float64');
    const n = kernelCacheSize();
    for (let i = 0; i < 5; i++) ad.binary('hypot', a, b, 'float64');
    expect(kernelCacheSize()).toBe(n);
    // a transposed operand needs the strided layout: one more kernel, then reused
    const t = wrap(ad.permute(b, [1, 0]), [2, 2], 'float64');
    expect(values(wrap(ad.binary('hypot', a, t, 'float64'), [2, 2], 'float64'))).toEqual([Math.hypot(1, 10), Math.hypot(2, 30), Math.hypot(3, 20), Math.hypot(4, 40)]);
    expect(kernelCacheSize()).toBe(n + 1);
    ad.binary('hypot', a, t, 'float64');
    expect(kernelCacheSize()).toBe(n + 1);
  });

  it('hoists broadcast scalars and handles strided, negative-step and 0-d views', () => {
    const x = arr([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const five = wrap(ad.broadcastTo(wrap(ad.reshape(arr([5], [], 'int32'), [1, 1]), [1, 1], 'int32'), [2, 3]), [2, 3], 'int32');
    expect(values(wrap(ad.binary('multiply', x, five, 'int32'), [2, 3], 'int32'))).toEqual([5, 10, 15, 20, 25, 30]);
    const rev = wrap(ad.slice(x, [1, 2], [-1, -1], [2, 3]), [2, 3], 'int32');
    expect(values(wrap(ad.binary('subtract', x, rev, 'int32'), [2, 3], 'int32'))).toEqual([-5, -3, -1, 1, 3, 5]);
    const s = arr([7], [], 'int32');
    expect(values(wrap(ad.unary('negative', s, 'int32'), [], 'int32'))).toEqual([-7]);
  });
});
