/** fast-check arbitraries for dtypes, shapes and encoded arrays (fed to `makeArray`). */
import fc from 'fast-check';
import { iinfo, type DType } from '@arr/core';
import type { EncodedArray, EncodedValue } from './fixtures.js';

/** One of `dtypes`. */
export const dtypeArb = (dtypes: readonly DType[]): fc.Arbitrary<DType> => fc.constantFrom(...dtypes);

/** A shape of 0..maxDims dimensions, each 0..maxSide (sizes stay small). */
export const shapeArb = (maxDims = 3, maxSide = 4, minSide = 0): fc.Arbitrary<number[]> =>
  fc.array(fc.integer({ min: minSide, max: maxSide }), { minLength: 0, maxLength: maxDims });

/** Two shapes that broadcast together (built from one shape by replacing dims with 1 and dropping leading ones). */
export const broadcastablePairArb = (maxDims = 4): fc.Arbitrary<[number[], number[]]> =>
  shapeArb(maxDims, 4).chain((s) =>
    fc.tuple(fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }), fc.nat(s.length), fc.nat(s.length)).map(
      ([m1, m2, d1, d2]) => [s.map((v, i) => (m1[i] ? 1 : v)).slice(d1), s.map((v, i) => (m2[i] ? 1 : v)).slice(d2)] as [number[], number[]],
    ),
  );

/** A value of `dtype` in the encoding of the fixtures (finite floats, any integer in range). */
export function valueArb(dtype: DType): fc.Arbitrary<EncodedValue> {
  switch (dtype) {
    case 'bool':
      return fc.boolean();
    case 'int64': case 'uint64': {
      const { min, max } = iinfo(dtype);
      return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(String);
    }
    case 'int8': case 'int16': case 'int32': case 'uint8': case 'uint16': case 'uint32': {
      const { min, max } = iinfo(dtype);
      return fc.integer({ min: Number(min), max: Number(max) });
    }
    case 'float16':
      return fc.integer({ min: -2048, max: 2048 }).map((i) => i / 16); // exact in float16
    case 'float32':
      return fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => (Object.is(v, -0) ? 0 : v));
    case 'float64':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((v) => (Object.is(v, -0) ? 0 : v));
    case 'complex64':
      return fc.tuple(valueArb('float32'), valueArb('float32')) as fc.Arbitrary<EncodedValue>;
    case 'complex128':
      return fc.tuple(valueArb('float64'), valueArb('float64')) as fc.Arbitrary<EncodedValue>;
  }
}

/** An encoded array of `dtype` and `shape`. */
export const arrayArb = (dtype: DType, shape: number[]): fc.Arbitrary<EncodedArray> => {
  const n = shape.reduce((a, b) => a * b, 1);
  return fc.array(valueArb(dtype), { minLength: n, maxLength: n }).map((data) => ({ dtype, shape, data }));
};

/** An encoded array of a random shape. */
export const anyArrayArb = (dtype: DType, maxDims = 3, maxSide = 4): fc.Arbitrary<EncodedArray> =>
  shapeArb(maxDims, maxSide).chain((s) => arrayArb(dtype, s));
