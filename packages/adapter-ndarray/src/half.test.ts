import { describe, expect, it } from 'vitest';
import { halfToNumber, numberToHalf } from '@arr/core';
import { H2F, toHalf } from './half.js';
import { ad, arr, values, wrap } from './test-util.js';

describe('float16', () => {
  it('toHalf rounds exactly as core numberToHalf (ties to even, subnormals, overflow)', () => {
    const xs = [0, -0, 1, -1, 65504, 65519.99, 65520, 1e6, -1e6, 2 ** -24, 2 ** -25, 2 ** -25 * 1.0001, 3 * 2 ** -26, 2 ** -14,
      2 ** -14 * (1 - 2 ** -11), 1 + 2 ** -11, 1 + 3 * 2 ** -11, Infinity, -Infinity, 5e-324, 0.1, 1 / 3];
    for (let i = 0; i < 4000; i++) xs.push((Math.random() - 0.5) * 2 ** (Math.random() * 44 - 28));
    const bad = xs.filter((x) => toHalf(x) !== (numberToHalf(x) | (x < 0 || Object.is(x, -0) ? 0x8000 : 0)));
    expect(bad).toEqual([]);
    expect(toHalf(NaN) & 0x7fff).toBe(0x7e00);
    for (let h = 0; h < 65536; h += 7) {
      const v = halfToNumber(h);
      if (!Number.isNaN(v)) expect(H2F[h]).toBe(v);
    }
  });

  it('kernels round to float16 after each op', () => {
    const a = arr([2048, 1, 0.1], [3], 'float16');
    const b = arr([1, 2 ** -11, 0.2], [3], 'float16');
    const s = wrap(ad.binary('add', a, b, 'float16'), [3], 'float16');
    // 2048 + 1 = 2049 is not a half (spacing 2 there): ties to even give 2048; 1 + 2^-11 ties to 1.
    expect(values(s)).toEqual([2048, 1, halfToNumber(numberToHalf(halfToNumber(numberToHalf(0.1)) + halfToNumber(numberToHalf(0.2))))]);
    const sum = wrap(ad.reduce('sum', arr([0.1, 0.2, 0.3], [3], 'float16'), [0]), [], 'float16');
    expect(values(sum)[0]).toBe(halfToNumber(numberToHalf(0.0999755859375 + 0.199951171875 + 0.300048828125)));
  });
});
