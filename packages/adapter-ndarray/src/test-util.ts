/** Helpers for this package's unit tests: make kernel arrays from plain values and read them back. */
import { type DType, type HostArray, type KernelArray, HOST_ARRAY, halfToNumber, numberToHalf } from '@arr/core';
import { NdarrayAdapter } from './adapter.js';
import type { Handle } from './storage.js';

export const ad = new NdarrayAdapter();
export const dev = ad.defaultDevice();

export function arr(values: readonly (number | bigint)[], shape: readonly number[], dtype: DType): KernelArray<Handle> {
  const n = values.length;
  const cpx = dtype === 'complex64' || dtype === 'complex128';
  const data = new (HOST_ARRAY[dtype] as any)(n) as any;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    data[i] = dtype === 'float16' ? numberToHalf(Number(v)) : dtype === 'int64' || dtype === 'uint64' ? BigInt(v) : v;
  }
  // complex values are given interleaved: shape counts complex elements
  return { handle: ad.fromHost(data as HostArray, shape, dtype, dev), shape: cpx ? shape : shape, dtype };
}

export const wrap = (handle: Handle, shape: readonly number[], dtype: DType): KernelArray<Handle> => ({ handle, shape, dtype });

export function values(x: KernelArray<Handle>): number[] {
  const d = ad.readSync(x) as any;
  return Array.from(d as ArrayLike<number>, (v: any) => (x.dtype === 'float16' ? halfToNumber(v) : Number(v)));
}
