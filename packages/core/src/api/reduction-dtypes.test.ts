import { describe, expect, it } from 'vitest';
import { meanDTypes, sumDType } from './statistical.js';
import { nonzeroPositions } from './searching.js';
import { DTypeError } from '../errors.js';

describe('sumDType', () => {
  it('widens narrow integers and bool as NumPy does, with the int32 default', () => {
    expect(sumDType('sum', 'bool', undefined)).toBe('int32');
    expect(sumDType('sum', 'int8', undefined)).toBe('int32');
    expect(sumDType('sum', 'int16', undefined)).toBe('int32');
    expect(sumDType('sum', 'uint8', undefined)).toBe('uint32');
    expect(sumDType('sum', 'uint16', undefined)).toBe('uint32');
    expect(sumDType('sum', 'int64', undefined)).toBe('int64');
    expect(sumDType('sum', 'uint32', undefined)).toBe('uint32');
    expect(sumDType('sum', 'float16', undefined)).toBe('float16');
    expect(sumDType('sum', 'complex64', undefined)).toBe('complex64');
  });
  it('takes an explicit dtype, refusing bool and complex → real', () => {
    expect(sumDType('sum', 'int8', 'float64')).toBe('float64');
    expect(() => sumDType('sum', 'int8', 'bool')).toThrow(DTypeError);
    expect(() => sumDType('prod', 'complex64', 'float32')).toThrow(/prod/);
  });
});

describe('meanDTypes', () => {
  it('computes integers in float32 and float16 in float32, returning the real dtype when asked', () => {
    expect(meanDTypes('int64', false)).toEqual({ compute: 'float32', out: 'float32' });
    expect(meanDTypes('float16', false)).toEqual({ compute: 'float32', out: 'float16' });
    expect(meanDTypes('complex128', true)).toEqual({ compute: 'complex128', out: 'float64' });
    expect(meanDTypes('complex64', false)).toEqual({ compute: 'complex64', out: 'complex64' });
  });
});

describe('nonzeroPositions', () => {
  it('counts NaN as non-zero and both zeros as zero', () => {
    expect(nonzeroPositions(Int8Array.from([1, 0, 0, -3]), 'int8', 4)).toBeInstanceOf(Int32Array);
    expect(Array.from(nonzeroPositions(Float32Array.from([0, -0, NaN, 2]), 'float32', 4))).toEqual([2, 3]);
    expect(Array.from(nonzeroPositions(Uint16Array.from([0, 0x8000, 0x3c00]), 'float16', 3))).toEqual([2]);
    expect(Array.from(nonzeroPositions(Float64Array.from([0, 0, 0, 1]), 'complex128', 2))).toEqual([1]);
    expect(Array.from(nonzeroPositions(BigInt64Array.from([0n, 3n]), 'int64', 2))).toEqual([1]);
  });
  it('gives exact lengths whether the last element is kept or not', () => {
    const bools = (xs: number[]) => nonzeroPositions(Uint8Array.from(xs), 'bool', xs.length);
    expect(Array.from(bools([1, 0, 1, 1, 0]))).toEqual([0, 2, 3]);
    expect(Array.from(bools([0, 1, 0, 0, 1]))).toEqual([1, 4]);
    expect(bools([0, 0, 0]).length).toBe(0);
    expect(Array.from(bools([1, 1, 1]))).toEqual([0, 1, 2]);
    expect(bools([]).length).toBe(0);
  });
});
