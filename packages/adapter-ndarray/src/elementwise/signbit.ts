/** signbit reads the sign bit itself, so it is right for -0 and negative NaNs too. */
import type { DType, HostArray, Shape } from '@arr/core';
import { copy } from '../flat.js';
import { sizeOfShape, type View } from '../storage.js';

export function signbit(v: View, dtype: DType, shape: Shape): HostArray {
  const size = sizeOfShape(shape);
  const out = new Uint8Array(size);
  const src = copy(v, dtype) as any;
  if (dtype === 'float16') {
    for (let i = 0; i < size; i++) out[i] = src[i] >>> 15;
  } else if (dtype === 'float32' || dtype === 'float64') {
    // Little-endian: the sign is the top bit of the last 32-bit word of each element.
    const w = new Int32Array(src.buffer, src.byteOffset, (src.byteLength / 4) | 0);
    const step = dtype === 'float64' ? 2 : 1;
    for (let i = 0; i < size; i++) out[i] = w[i * step + step - 1]! < 0 ? 1 : 0;
  } else if (dtype === 'int64') {
    for (let i = 0; i < size; i++) out[i] = src[i] < 0n ? 1 : 0;
  } else {
    for (let i = 0; i < size; i++) out[i] = src[i] < 0 ? 1 : 0;
  }
  return out;
}
