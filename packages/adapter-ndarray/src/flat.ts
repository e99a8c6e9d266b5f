/** Row-major access to a view's elements. */
import { type DType, type HostArray, lanes } from '@arr/core';
import { runMap } from './elementwise/codegen.js';
import { castSpec } from './elementwise/cast.js';
import { alloc, isContiguous, sizeOfShape, type View } from './storage.js';

/** The view's elements in row-major order: a subarray (no copy) when contiguous, else a copy. */
export function flat(v: View, dtype: DType): HostArray {
  const size = sizeOfShape(v.shape);
  const L = lanes(dtype);
  if (isContiguous(v)) return (v.data as HostArray).subarray(v.offset * L, (v.offset + size) * L) as HostArray;
  return copy(v, dtype);
}

/** A new row-major copy of the view. */
export function copy(v: View, dtype: DType): HostArray {
  const size = sizeOfShape(v.shape);
  if (isContiguous(v)) {
    const L = lanes(dtype);
    return (v.data as HostArray).slice(v.offset * L, (v.offset + size) * L) as HostArray;
  }
  const out = alloc(dtype, size);
  runMap(castSpec(dtype, dtype), out, v.shape, size, [v]);
  return out;
}
