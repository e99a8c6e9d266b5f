import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, show } from './errors.js';
import { halfToNumber, numberToHalf, parseNested, scalarsToHost } from './host.js';

// [value, np.float16(value).view(np.uint16)] from NumPy 2.4 (round to nearest even, subnormals, overflow).
const NUMPY_HALF: [number, number][] = [[0.0, 0], [-0.0, 32768], [1.0, 15360], [-2.5, 49408], [65504.0, 31743], [65519.99, 31743], [65520.0, 31744], [1e-08, 0], [5.960464477539063e-08, 1], [2.9802322387695312e-08, 0], [2.980232536792755e-08, 1], [4.470348358154297e-08, 1], [6.103515625e-05, 1024], [6.1005353927612305e-05, 1024], [0.1, 11878], [0.3333333333333333, 13653], [1.00048828125, 15360], [1.00146484375, 15362], [100000.0, 31744], [-100000.0, 64512], [Infinity, 31744], [-Infinity, 64512], [2049.0, 26624], [2051.0, 26626], [6.1e-05, 1023], [3.14159, 16968]];

describe('float16', () => {
  it('rounds as NumPy does', () => {
    for (const [v, bits] of NUMPY_HALF) expect([v, numberToHalf(v)]).toEqual([v, bits]);
    expect(numberToHalf(-0)).toBe(0x8000);
    expect(Number.isNaN(halfToNumber(numberToHalf(NaN)))).toBe(true);
  });
  it('round-trips every finite half exactly', () => {
    const bad: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      if (((h >> 10) & 0x1f) !== 31 && numberToHalf(halfToNumber(h)) !== h) bad.push(h);
    }
    expect(bad).toEqual([]);
  });
});

describe('parseNested', () => {
  it('finds the shape and the widest leaf kind', () => {
    expect(parseNested('asarray', [[1, 2], [3, 4]], show)).toEqual({ shape: [2, 2], values: [1, 2, 3, 4], kind: 'int' });
    expect(parseNested('asarray', [true, 1.5], show).kind).toBe('float');
    expect(parseNested('asarray', [[], []], show)).toEqual({ shape: [2, 0], values: [], kind: undefined });
    expect(parseNested('asarray', 3n, show)).toEqual({ shape: [], values: [3n], kind: 'bigint' });
    expect(parseNested('asarray', [new Float32Array([1, 2])], show).shape).toEqual([1, 2]);
    expect(parseNested('asarray', [{ re: 1, im: 0 }, 2], show).kind).toBe('complex');
  });
  it('rejects ragged input and other values', () => {
    expect(() => parseNested('asarray', [[1, 2], [3]], show)).toThrow(/ragged.*\[1\] has length 1/);
    expect(() => parseNested('asarray', [1, [2]], show)).toThrow(/ragged/);
    expect(() => parseNested('asarray', [[1], 2], show)).toThrow(/ragged/);
    expect(() => parseNested('asarray', ['a'], show)).toThrow(ValueError);
    expect(() => parseNested('asarray', [null], show)).toThrow(/\[0\] must be a number/);
  });
});

describe('scalarsToHost', () => {
  it('converts as NumPy converts Python scalars', () => {
    expect(Array.from(scalarsToHost('f', [1.9, -1.9, true], 'int8') as ArrayLike<number | bigint>)).toEqual([1, -1, 1]);
    expect(Array.from(scalarsToHost('f', [2, 0, NaN], 'bool') as ArrayLike<number | bigint>)).toEqual([1, 0, 1]);
    expect(Array.from(scalarsToHost('f', [2n ** 63n - 1n, -5], 'int64') as ArrayLike<number | bigint>)).toEqual([2n ** 63n - 1n, -5n]);
    expect(Array.from(scalarsToHost('f', [1, { re: 2, im: 3 }], 'complex64') as ArrayLike<number | bigint>)).toEqual([1, 0, 2, 3]);
    expect(Array.from(scalarsToHost('f', [1], 'float16') as ArrayLike<number | bigint>)).toEqual([0x3c00]);
  });
  it('rejects values that do not fit', () => {
    expect(() => scalarsToHost('f', [300], 'int8')).toThrow(/300 is out of bounds for int8/);
    expect(() => scalarsToHost('f', [-1], 'uint32')).toThrow(ValueError);
    expect(() => scalarsToHost('f', [2n ** 64n], 'uint64')).toThrow(ValueError);
    expect(() => scalarsToHost('f', [NaN], 'int32')).toThrow(/NaN/);
    expect(() => scalarsToHost('f', [{ re: 1, im: 1 }], 'float32')).toThrow(DTypeError);
  });
});
