/** The dtype table: kinds, sizes, host storage types, `finfo`, `iinfo`, `isdtype`. */
import { DTypeError, ValueError, show } from './errors.js';

export const DTYPES = [
  'bool',
  'int8', 'int16', 'int32', 'int64',
  'uint8', 'uint16', 'uint32', 'uint64',
  'float16', 'float32', 'float64',
  'complex64', 'complex128',
] as const;

/** One of the 14 dtypes of the contract. */
export type DType = (typeof DTYPES)[number];

export type DTypeKind = 'bool' | 'signed integer' | 'unsigned integer' | 'real floating' | 'complex floating';

/** Categories accepted by {@link isdtype}, as in the Array API. */
export type DTypeCategory = DTypeKind | 'integral' | 'numeric';

export interface DTypeInfo {
  readonly kind: DTypeKind;
  /** Bytes per element. */
  readonly itemsize: number;
  /** Bits of the whole dtype (complex64: 64). */
  readonly bits: number;
  /** NumPy's `dtype.str` for `.npy` headers (little-endian). */
  readonly npy: string;
}

export const DTYPE_INFO: Readonly<Record<DType, DTypeInfo>> = {
  bool: { kind: 'bool', itemsize: 1, bits: 8, npy: '|b1' },
  int8: { kind: 'signed integer', itemsize: 1, bits: 8, npy: '|i1' },
  int16: { kind: 'signed integer', itemsize: 2, bits: 16, npy: '<i2' },
  int32: { kind: 'signed integer', itemsize: 4, bits: 32, npy: '<i4' },
  int64: { kind: 'signed integer', itemsize: 8, bits: 64, npy: '<i8' },
  uint8: { kind: 'unsigned integer', itemsize: 1, bits: 8, npy: '|u1' },
  uint16: { kind: 'unsigned integer', itemsize: 2, bits: 16, npy: '<u2' },
  uint32: { kind: 'unsigned integer', itemsize: 4, bits: 32, npy: '<u4' },
  uint64: { kind: 'unsigned integer', itemsize: 8, bits: 64, npy: '<u8' },
  float16: { kind: 'real floating', itemsize: 2, bits: 16, npy: '<f2' },
  float32: { kind: 'real floating', itemsize: 4, bits: 32, npy: '<f4' },
  float64: { kind: 'real floating', itemsize: 8, bits: 64, npy: '<f8' },
  complex64: { kind: 'complex floating', itemsize: 8, bits: 64, npy: '<c8' },
  complex128: { kind: 'complex floating', itemsize: 16, bits: 128, npy: '<c16' },
};

/**
 * Host storage of each dtype, as returned by `data()`: int64/uint64 as BigInt arrays, complex
 * interleaved (re, im, re, im, …) in a float array of twice the length, float16 as its IEEE bits
 * in a `Uint16Array` (Node 20 has no `Float16Array`), bool as 0/1 bytes.
 */
export interface HostTypedArrayMap {
  bool: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  uint16: Uint16Array;
  uint32: Uint32Array;
  uint64: BigUint64Array;
  float16: Uint16Array;
  float32: Float32Array;
  float64: Float64Array;
  complex64: Float32Array;
  complex128: Float64Array;
}
export type HostArray = HostTypedArrayMap[DType];

type Ctor = { new (n: number): HostArray; new (b: ArrayBufferLike, off?: number, len?: number): HostArray; BYTES_PER_ELEMENT: number };
export const HOST_ARRAY: Readonly<Record<DType, Ctor>> = {
  bool: Uint8Array, int8: Int8Array, int16: Int16Array, int32: Int32Array, int64: BigInt64Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, uint64: BigUint64Array,
  float16: Uint16Array, float32: Float32Array, float64: Float64Array,
  complex64: Float32Array, complex128: Float64Array,
} as unknown as Record<DType, Ctor>;

/** Number of host array slots per element (2 for complex). */
export const lanes = (dtype: DType): number => (DTYPE_INFO[dtype].kind === 'complex floating' ? 2 : 1);

/** Allocates a zeroed host array for `size` elements of `dtype`. */
export function allocHost<D extends DType>(dtype: D, size: number): HostTypedArrayMap[D] {
  return new HOST_ARRAY[dtype](size * lanes(dtype)) as HostTypedArrayMap[D];
}

export const isDType = (x: unknown): x is DType => typeof x === 'string' && (DTYPES as readonly string[]).includes(x);

/** Checks a user-supplied dtype string and returns it typed. */
export function checkDType(fn: string, arg: string, x: unknown): DType {
  if (isDType(x)) return x;
  throw new DTypeError(`${fn}: ${arg} must be one of ${DTYPES.join(', ')}; received ${show(x)}`);
}

export const kindOf = (d: DType): DTypeKind => DTYPE_INFO[d].kind;
export const isBool = (d: DType) => d === 'bool';
export const isInteger = (d: DType) => kindOf(d) === 'signed integer' || kindOf(d) === 'unsigned integer';
export const isSigned = (d: DType) => kindOf(d) === 'signed integer';
export const isUnsigned = (d: DType) => kindOf(d) === 'unsigned integer';
export const isRealFloat = (d: DType) => kindOf(d) === 'real floating';
export const isComplex = (d: DType) => kindOf(d) === 'complex floating';
export const isFloating = (d: DType) => isRealFloat(d) || isComplex(d);
export const isNumeric = (d: DType) => d !== 'bool';
export const is64BitInt = (d: DType) => d === 'int64' || d === 'uint64';

/** complex64 → float32, complex128 → float64, others unchanged. */
export function realDType(d: DType): DType {
  return d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d;
}
/** float32 → complex64, float64 → complex128 (float16 → complex64). */
export function complexDType(d: DType): DType {
  if (isComplex(d)) return d;
  return d === 'float64' ? 'complex128' : 'complex64';
}

/**
 * `isdtype(dtype, kind)` of the Array API: `kind` is a dtype, a category name or a list of them.
 * @example
 * isdtype('int8', 'integral'); // true
 * isdtype('float32', ['complex floating', 'bool']); // false
 */
export function isdtype(dtype: DType, kind: DType | DTypeCategory | readonly (DType | DTypeCategory)[]): boolean {
  checkDType('isdtype', 'dtype', dtype);
  if (Array.isArray(kind)) return kind.some((k) => isdtype(dtype, k));
  const k = kind as DType | DTypeCategory;
  if (isDType(k)) return k === dtype;
  switch (k as string) {
    case 'bool': case 'signed integer': case 'unsigned integer': case 'real floating': case 'complex floating':
      return kindOf(dtype) === k;
    case 'integral':
      return isInteger(dtype);
    case 'numeric':
      return isNumeric(dtype);
    default:
      throw new ValueError(`isdtype: kind must be a dtype or one of bool, signed integer, unsigned integer, integral, real floating, complex floating, numeric; received ${show(kind)}`);
  }
}

/** Machine limits of a floating-point dtype, as NumPy's `finfo`. */
export interface FInfo {
  readonly bits: number;
  readonly eps: number;
  readonly max: number;
  readonly min: number;
  readonly smallestNormal: number;
  readonly dtype: DType;
}

const FINFO: Record<'float16' | 'float32' | 'float64', Omit<FInfo, 'dtype'>> = {
  float16: { bits: 16, eps: 2 ** -10, max: 65504, min: -65504, smallestNormal: 2 ** -14 },
  float32: { bits: 32, eps: 2 ** -23, max: (2 - 2 ** -23) * 2 ** 127, min: -(2 - 2 ** -23) * 2 ** 127, smallestNormal: 2 ** -126 },
  float64: { bits: 64, eps: Number.EPSILON, max: Number.MAX_VALUE, min: -Number.MAX_VALUE, smallestNormal: 2 ** -1022 },
};

/**
 * Limits of a floating-point dtype. For complex dtypes, the limits of their real parts.
 * @example
 * finfo('float32').eps; // 1.1920928955078125e-7
 */
export function finfo(dtype: DType): FInfo {
  const d = checkDType('finfo', 'dtype', dtype);
  if (!isFloating(d)) throw new DTypeError(`finfo: dtype must be a floating-point dtype; received ${show(dtype)}`);
  const r = realDType(d) as 'float16' | 'float32' | 'float64';
  return { ...FINFO[r], dtype: r };
}

/** Limits of an integer dtype, as NumPy's `iinfo` (`bigint` for 64-bit types). */
export interface IInfo {
  readonly bits: number;
  readonly max: number | bigint;
  readonly min: number | bigint;
  readonly dtype: DType;
}

/**
 * Limits of an integer dtype.
 * @example
 * iinfo('int8').min; // -128
 */
export function iinfo(dtype: DType): IInfo {
  const d = checkDType('iinfo', 'dtype', dtype);
  if (!isInteger(d)) throw new DTypeError(`iinfo: dtype must be an integer dtype; received ${show(dtype)}`);
  const bits = DTYPE_INFO[d].bits;
  if (d === 'int64') return { bits, min: -(2n ** 63n), max: 2n ** 63n - 1n, dtype: d };
  if (d === 'uint64') return { bits, min: 0n, max: 2n ** 64n - 1n, dtype: d };
  if (isSigned(d)) return { bits, min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1, dtype: d };
  return { bits, min: 0, max: 2 ** bits - 1, dtype: d };
}
