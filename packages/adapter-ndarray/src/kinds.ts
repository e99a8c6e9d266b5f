/** How kernels see a dtype's storage. */
import type { DType } from '@arr/core';

/**
 * `num`: plain numbers in a typed array (ints ≤ 32 bits, float32/64); `bool`: 0/1 bytes;
 * `half`: float16 bits; `big`: BigInt64/BigUint64; `cpx`: interleaved re, im.
 */
export type Kind = 'num' | 'bool' | 'half' | 'big' | 'cpx';

export function kindOf(d: DType): Kind {
  switch (d) {
    case 'bool': return 'bool';
    case 'float16': return 'half';
    case 'int64': case 'uint64': return 'big';
    case 'complex64': case 'complex128': return 'cpx';
    default: return 'num';
  }
}

/** ints stored as numbers (≤ 32 bits). */
export const isSmallInt = (d: DType): boolean =>
  d === 'int8' || d === 'int16' || d === 'int32' || d === 'uint8' || d === 'uint16' || d === 'uint32';
export const isFloatD = (d: DType): boolean => d === 'float16' || d === 'float32' || d === 'float64';
export const isSignedD = (d: DType): boolean => d === 'int8' || d === 'int16' || d === 'int32' || d === 'int64';
export const bitsOf = (d: DType): number =>
  d === 'bool' || d === 'int8' || d === 'uint8' ? 8 : d === 'int16' || d === 'uint16' || d === 'float16' ? 16 : d === 'int64' || d === 'uint64' || d === 'float64' ? 64 : 32;
