/**
 * How each dtype looks in generated CUDA C: the storage type in device memory, the value type
 * kernels compute in (float16 in float, complex64 in double pairs, each op's result rounded back
 * so fused and unfused chains agree), and the conversions between values of two dtypes.
 */
import type { DType } from '@arr/core';

export interface CType {
  /** Type in device memory. */
  readonly storage: string;
  /** Type computed in. */
  readonly value: string;
  readonly bytes: number;
}

export const CTYPES: Readonly<Record<DType, CType>> = {
  bool: { storage: 'u8', value: 'bool', bytes: 1 },
  int8: { storage: 'i8', value: 'i8', bytes: 1 },
  int16: { storage: 'i16', value: 'i16', bytes: 2 },
  int32: { storage: 'i32', value: 'i32', bytes: 4 },
  int64: { storage: 'i64', value: 'i64', bytes: 8 },
  uint8: { storage: 'u8', value: 'u8', bytes: 1 },
  uint16: { storage: 'u16', value: 'u16', bytes: 2 },
  uint32: { storage: 'u32', value: 'u32', bytes: 4 },
  uint64: { storage: 'u64', value: 'u64', bytes: 8 },
  float16: { storage: 'u16', value: 'float', bytes: 2 },
  float32: { storage: 'float', value: 'float', bytes: 4 },
  float64: { storage: 'double', value: 'double', bytes: 8 },
  complex64: { storage: 'c64s', value: 'cd', bytes: 8 },
  complex128: { storage: 'c128s', value: 'cd', bytes: 16 },
};

export const isCpx = (d: DType) => d === 'complex64' || d === 'complex128';
export const isFlt = (d: DType) => d === 'float16' || d === 'float32' || d === 'float64';
export const isInt = (d: DType) => !isCpx(d) && !isFlt(d) && d !== 'bool';
export const isSignedInt = (d: DType) => d === 'int8' || d === 'int16' || d === 'int32' || d === 'int64';

/** Sections of the preamble a dtype needs. */
export function sectionsFor(d: DType): string[] {
  if (d === 'float16') return ['half'];
  if (isCpx(d)) return ['complex'];
  return [];
}

/** Storage expression → value. */
export function load(d: DType, e: string): string {
  switch (d) {
    case 'bool': return `(${e} != 0)`;
    case 'float16': return `h2f(${e})`;
    case 'complex64': case 'complex128': return `ldc(${e})`;
    default: return e;
  }
}

/** Value → storage expression. */
export function store(d: DType, e: string): string {
  switch (d) {
    case 'bool': return `(u8)(${e})`;
    case 'float16': return `f2h(${e})`;
    case 'complex64': return `st64(${e})`;
    case 'complex128': return `st128(${e})`;
    default: return e;
  }
}

/** Rounds a freshly computed value to the dtype (float16 and complex64 compute wider). */
export function round(d: DType, e: string): string {
  if (d === 'float16') return `rh(${e})`;
  if (d === 'complex64') return `rc(${e})`;
  if (isInt(d)) return `(${CTYPES[d].value})(${e})`;
  return e;
}

/** Converts a value of dtype `from` to a value of dtype `to` (C casting rules; NaN → 0 for ints). */
export function convert(from: DType, to: DType, e: string): string {
  if (from === to) return e;
  const tv = CTYPES[to].value;
  if (to === 'bool') return isCpx(from) ? `c_nonzero(${e})` : `(${e} != 0)`;
  if (isCpx(to)) {
    const v = isCpx(from) ? e : `mk((double)(${e}), 0.0)`;
    return to === 'complex64' ? `rc(${v})` : v;
  }
  const src = isCpx(from) ? `(${e}).re` : e;
  const srcFloat = isCpx(from) || isFlt(from);
  if (isInt(to)) return srcFloat ? `f2i<${tv}>((double)(${src}))` : `(${tv})(${src})`;
  // to a float
  if (to === 'float16') {
    if (from === 'float64' || from === 'complex128' || from === 'int64' || from === 'uint64' || from === 'int32' || from === 'uint32') {
      return `h2f(d2h((double)(${src})))`;
    }
    return `rh((float)(${src}))`;
  }
  return `(${tv})(${src})`;
}
