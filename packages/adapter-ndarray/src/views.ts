/** O(1) views (reshape of contiguous data, permute, slice, broadcast) and concat. */
import { type DType, type HostArray, type Shape, lanes } from '@arr/core';
import { flat, copy } from './flat.js';
import { alloc, isContiguous, makeView, rowMajor, sizeOfShape, type View } from './storage.js';

/** A view with a new shape, or undefined when the data is not contiguous (caller copies). */
export function reshapeView(v: View, shape: Shape): View | undefined {
  if (!isContiguous(v)) return undefined;
  return makeView(v.data, shape, rowMajor(shape), v.offset);
}

export function reshapeCopy(v: View, dtype: DType): HostArray {
  return copy(v, dtype);
}

export function permuteView(v: View, axes: readonly number[]): View {
  return makeView(v.data, axes.map((a) => v.shape[a]!), axes.map((a) => v.stride[a]!), v.offset);
}

export function sliceView(v: View, start: readonly number[], step: readonly number[], shape: Shape): View {
  let offset = v.offset;
  const stride = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    // An empty selection may name a start past the end; it is never read.
    if (shape[i]! > 0) offset += start[i]! * v.stride[i]!;
    stride[i] = v.stride[i]! * step[i]!;
  }
  if (sizeOfShape(shape) === 0) offset = v.offset;
  return makeView(v.data, shape, stride, offset);
}

export function broadcastView(v: View, shape: Shape): View {
  const stride = shape.map((d, i) => (v.shape[i] === d ? v.stride[i]! : 0));
  return makeView(v.data, shape, stride, v.offset);
}

export function concat(xs: readonly { v: View; shape: Shape }[], axis: number, dtype: DType, outShape: Shape): HostArray {
  const L = lanes(dtype);
  const out = alloc(dtype, sizeOfShape(outShape)) as any;
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= outShape[i]!;
  let inner = L;
  for (let i = axis + 1; i < outShape.length; i++) inner *= outShape[i]!;
  const rowOut = outShape[axis]! * inner;
  let col = 0;
  for (const x of xs) {
    const src = flat(x.v, dtype) as any;
    const chunk = x.shape[axis]! * inner;
    if (chunk > 0) for (let o = 0; o < outer; o++) out.set(src.subarray(o * chunk, (o + 1) * chunk), o * rowOut + col);
    col += chunk;
  }
  return out;
}
