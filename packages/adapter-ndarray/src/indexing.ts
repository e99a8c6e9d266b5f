/** take, takeAlongAxis, setSlice, scatter: on row-major copies, moving storage slots as they are. */
import { type DType, type HostArray, type Shape, indexOutOfRange, lanes } from '@arr/core';
import { copy, flat } from './flat.js';
import { alloc, sizeOfShape, type View } from './storage.js';

/** Reads integer indices as numbers, wrapping negatives once and checking the range. */
function readIndices(fn: string, v: View, dtype: DType, axis: number, n: number): Float64Array | Int32Array {
  const src = flat(v, dtype) as ArrayLike<number | bigint>;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const raw = src[i]!;
    let k = typeof raw === 'bigint' ? Number(raw) : raw;
    if (k < 0) k += n;
    if (!(k >= 0 && k < n)) throw indexOutOfRange(fn, raw, axis, n);
    out[i] = k;
  }
  return out;
}

const prod = (s: Shape, a: number, b: number) => {
  let p = 1;
  for (let i = a; i < b; i++) p *= s[i]!;
  return p;
};

export function take(x: View, dtype: DType, indices: View, idtype: DType, axis: number): HostArray {
  const shape = x.shape, L = lanes(dtype);
  const n = shape[axis]!;
  const idx = readIndices('take', indices, idtype, axis, n);
  const outer = prod(shape, 0, axis), inner = prod(shape, axis + 1, shape.length) * L, ni = idx.length;
  const src = flat(x, dtype) as any;
  const out = alloc(dtype, (outer * ni * inner) / L) as any;
  let q = 0;
  for (let o = 0; o < outer; o++) {
    const base = o * n * inner;
    for (let t = 0; t < ni; t++) {
      let s = base + idx[t]! * inner;
      for (let r = 0; r < inner; r++) out[q++] = src[s++];
    }
  }
  return out;
}

export function takeAlongAxis(x: View, dtype: DType, indices: View, idtype: DType, axis: number): HostArray {
  const shape = x.shape, ishape = indices.shape, L = lanes(dtype);
  const n = shape[axis]!, ni = ishape[axis]!;
  const idx = readIndices('takeAlongAxis', indices, idtype, axis, n);
  const outer = prod(ishape, 0, axis), inner = prod(ishape, axis + 1, ishape.length);
  const src = flat(x, dtype) as any;
  const out = alloc(dtype, idx.length) as any;
  let q = 0;
  for (let o = 0; o < outer; o++) {
    for (let t = 0; t < ni; t++) {
      for (let r = 0; r < inner; r++) {
        const s = ((o * n + idx[q]!) * inner + r) * L;
        for (let l = 0; l < L; l++) out[q * L + l] = src[s + l];
        q++;
      }
    }
  }
  return out;
}

export function setSlice(x: View, dtype: DType, start: readonly number[], step: readonly number[], values: View): HostArray {
  const out = copy(x, dtype) as any;
  const vshape = values.shape, nd = vshape.length, L = lanes(dtype);
  const size = sizeOfShape(vshape);
  if (size === 0) return out;
  const vals = flat(values, dtype) as any;
  // destination strides (row-major of x) times steps
  const xs = new Array<number>(nd);
  let acc = 1;
  for (let i = nd - 1; i >= 0; i--) { xs[i] = acc; acc *= x.shape[i]!; }
  let base = 0;
  for (let i = 0; i < nd; i++) base += start[i]! * xs[i]!;
  const ds = xs.map((s, i) => s * step[i]!);
  const idx = new Array<number>(nd).fill(0);
  let p = base;
  for (let e = 0; e < size; e++) {
    for (let l = 0; l < L; l++) out[p * L + l] = vals[e * L + l];
    for (let d = nd - 1; d >= 0; d--) {
      p += ds[d]!;
      if (++idx[d]! < vshape[d]!) break;
      idx[d] = 0;
      p -= ds[d]! * vshape[d]!;
    }
  }
  return out;
}

export function scatter(x: View, dtype: DType, indices: View, idtype: DType, axis: number, values: View): HostArray {
  const shape = x.shape, L = lanes(dtype);
  const n = shape[axis]!;
  const idx = readIndices('scatter', indices, idtype, axis, n);
  const out = copy(x, dtype) as any;
  const vals = flat(values, dtype) as any;
  const outer = prod(shape, 0, axis), inner = prod(shape, axis + 1, shape.length) * L, ni = idx.length;
  let q = 0;
  for (let o = 0; o < outer; o++) {
    for (let t = 0; t < ni; t++) {
      let d = (o * n + idx[t]!) * inner;
      for (let r = 0; r < inner; r++) out[d++] = vals[q++];
    }
  }
  return out;
}
