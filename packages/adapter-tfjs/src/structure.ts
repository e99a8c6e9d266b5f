/**
 * Shape, indexing, sorting and scan kernels on tfjs ops. Arrays are tf.Tensors; complex64 goes
 * through `perPart` (real and imaginary parts separately) wherever a tfjs kernel lacks complex
 * support on some backend. Callers run these inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { indexOutOfRange } from '@arr/core';
import { checkIndices } from './host-kernels.js';
import { num } from './elementwise.js';
import type { Traits } from './traits.js';
import * as C from './complex.js';

type T = tf.Tensor;

/** Applies a structural `fn` to each part of a complex tensor (bool via int32 where needed). */
// bool goes through int32: some wasm kernels (Select, …) write 4-byte elements into bool's
// 1-byte buffers and corrupt the heap.
export function perPart(x: T, fn: (p: T) => T): T {
  if (x.dtype === 'complex64') return tf.complex(fn(C.real(x)), fn(C.imag(x)));
  if (x.dtype === 'bool') return tf.cast(fn(tf.cast(x, 'int32')), 'bool');
  return fn(x);
}
export function perPart2(xs: readonly T[], fn: (ps: T[]) => T): T {
  if (xs[0]!.dtype === 'complex64') return tf.complex(fn(xs.map((x) => C.real(x))), fn(xs.map((x) => C.imag(x))));
  if (xs[0]!.dtype === 'bool') return tf.cast(fn(xs.map((x) => tf.cast(x, 'int32'))), 'bool');
  return fn(xs as T[]);
}

/**
 * Strided slice: indices start + k*step, k < shape. Unit steps use tf.slice; other axes gather
 * host-built index vectors (wasm's StridedSlice returns wrong int32/bool data for non-unit steps).
 */
export function stridedSlice(x: T, start: readonly number[], step: readonly number[], shape: readonly number[]): T {
  if (x.rank === 0) return x.clone();
  if (shape.some((d) => d === 0)) return tf.zeros(shape as number[], x.dtype);
  const begin = start.map((b, i) => (step[i] === 1 ? b : 0));
  const size = shape.map((n, i) => (step[i] === 1 ? n : x.shape[i]!));
  return perPart(x, (p) => {
    let y = size.every((n, i) => n === x.shape[i]) ? p : tf.slice(p, begin, size);
    for (let i = 0; i < step.length; i++) {
      if (step[i] === 1) continue;
      const idx = new Int32Array(shape[i]!);
      for (let k = 0; k < idx.length; k++) idx[k] = start[i]! + k * step[i]!;
      y = tf.gather(y, tf.tensor1d(idx, 'int32'), i);
    }
    return y === p ? p.clone() : y;
  });
}

/** Flat (row-major) indices of a strided region of an array of `shape`. */
export function regionIndices(shape: readonly number[], start: readonly number[], step: readonly number[], region: readonly number[]): Int32Array {
  const n = region.reduce((a, b) => a * b, 1);
  const out = new Int32Array(n);
  const nd = shape.length;
  const strides = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) { strides[i] = s; s *= shape[i]!; }
  const idx = new Array<number>(nd).fill(0);
  for (let k = 0; k < n; k++) {
    let p = 0;
    for (let d = 0; d < nd; d++) p += (start[d]! + idx[d]! * step[d]!) * strides[d]!;
    out[k] = p;
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d]! < region[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** gather that works for every dtype (complex per part). */
export const gather = (x: T, idx: T, axis: number, batchDims = 0): T => perPart(x, (p) => tf.gather(p, idx, axis, batchDims));

/** Normalises negative indices and checks the range where read-back is synchronous. */
export function normIndices(fn: string, indices: T, n: number, axis: number, traits: Traits): T {
  const idx = indices.dtype === 'int32' ? indices : tf.cast(indices, 'int32');
  checkIndices(idx, n, (v) => indexOutOfRange(fn, v, axis, n), traits);
  return tf.where(tf.less(idx, num(0, idx)), tf.add(idx, num(n, idx)), idx);
}

/** Moves `axis` to the end (returns the permutation, or null when it already is last). */
export function toLast(rank: number, axis: number): number[] | null {
  if (axis === rank - 1) return null;
  const p = [...Array(rank).keys()].filter((i) => i !== axis);
  p.push(axis);
  return p;
}
export function inversePerm(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((a, i) => { inv[a] = i; });
  return inv;
}

export function takeAlongAxis(x: T, indices: T, axis: number, traits: Traits): T {
  const shape = indices.shape;
  const nd = x.rank;
  const idx = normIndices('takeAlongAxis', indices, x.shape[axis]!, axis, traits);
  const strides = new Array<number>(nd);
  for (let i = nd - 1, s = 1; i >= 0; i--) { strides[i] = s; s *= x.shape[i]!; }
  let flat = tf.mul(idx, num(strides[axis]!, idx));
  for (let d = 0; d < nd; d++) {
    if (d === axis || shape[d] === 1) continue;
    const bshape = new Array<number>(nd).fill(1);
    bshape[d] = shape[d]!;
    flat = tf.add(flat, tf.reshape(tf.mul(tf.range(0, shape[d]!, 1, 'int32'), tf.scalar(strides[d]!, 'int32')), bshape));
  }
  return tf.reshape(gather(tf.reshape(x, [x.size]), tf.reshape(flat, [flat.size]), 0), shape);
}

/** Copy of x with the strided region replaced by values (a gather from [x; values]). */
export function setSlice(x: T, start: readonly number[], step: readonly number[], values: T): T {
  const n = values.size;
  if (n === 0) return x.clone();
  const size = x.size;
  const pos = tf.tensor2d(regionIndices(x.shape, start, step, values.shape), [n, 1], 'int32');
  const posMap = tf.scatterND(pos, tf.range(1, n + 1, 1, 'int32'), [size]);
  const src = tf.where(tf.greater(posMap, 0), tf.add(posMap, tf.scalar(size - 1, 'int32')), tf.range(0, size, 1, 'int32'));
  const both = perPart2([tf.reshape(x, [size]), tf.reshape(values, [n])], (ps) => tf.concat(ps, 0));
  return tf.reshape(gather(both, src, 0), x.shape);
}

/** Copy of x with rows `indices` along `axis` replaced by `values` (later duplicates win). */
export function scatter(x: T, indices: T, axis: number, values: T, traits: Traits): T {
  const n = x.shape[axis]!;
  const m = indices.size;
  if (m === 0) return x.clone();
  const idx = normIndices('scatter', tf.reshape(indices, [m]), n, axis, traits);
  let posMap: T;
  if (traits.sync) {
    const v = idx.dataSync();
    const map = new Int32Array(n);
    for (let j = 0; j < m; j++) map[v[j]!] = j + 1;
    posMap = tf.tensor1d(map, 'int32');
  } else {
    const eq = tf.equal(tf.reshape(idx, [m, 1]), tf.reshape(tf.range(0, n, 1, 'int32'), [1, n]));
    posMap = tf.max(tf.where(eq, tf.reshape(tf.range(1, m + 1, 1, 'int32'), [m, 1]), tf.zeros([m, n], 'int32')), 0);
  }
  const src = tf.where(tf.greater(posMap, 0), tf.add(posMap, tf.scalar(n - 1, 'int32')), tf.range(0, n, 1, 'int32'));
  const both = perPart2([x, values], (ps) => tf.concat(ps, axis));
  return gather(both, src, axis);
}

// ---- sorting ----

/** ~x = -x - 1 for int32, exactly (no float32 round trip). */
const invert = (k: T): T => tf.sub(tf.sub(tf.zerosLike(k), k), tf.scalar(1, 'int32'));

/** x[..., idx[..., j]] along the last axis, as one flat gather (wasm's batched gather is unreliable). */
function gatherLast(x: T, idx: T): T {
  const n = x.shape[x.rank - 1]!;
  const rows = x.size / n;
  const off = tf.reshape(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(n, 'int32')), [...x.shape.slice(0, -1), 1]);
  const flat = tf.reshape(tf.add(idx, off), [idx.size]);
  return tf.reshape(gather(tf.reshape(x, [x.size]), flat, 0), idx.shape);
}

/** Stable argsort along the last axis of a real key (ties keep index order, as tf.topk does). */
function argsortLast(key: T, descending: boolean): T {
  const n = key.shape[key.rank - 1]!;
  let k = key;
  if (k.dtype === 'bool') k = tf.cast(k, 'int32');
  // topk is descending with ties by lower index; ascending uses an order-reversing key that
  // keeps ties tied: -x for floats, ~x = -x-1 for int32 (no overflow at INT_MIN).
  if (!descending) k = k.dtype === 'int32' ? invert(k) : tf.neg(k);
  return tf.topk(k, n, true).indices;
}

/** argsort along the last axis with NumPy's NaN placement (last ascending, first descending). */
function argsortLastNaN(x: T, descending: boolean, traits: Traits): T {
  if (x.dtype !== 'float32') return argsortLast(x, descending);
  const nan = tf.isNaN(x);
  if (traits.sync && !tf.any(nan).dataSync()[0]) return argsortLast(x, descending);
  const p1 = argsortLast(tf.where(nan, tf.fill(x.shape, Infinity), x), descending);
  const nan1 = gatherLast(tf.cast(nan, 'int32'), p1);
  // ascending: NaN (1) after +inf → ascending on the flag; descending: NaN first → descending.
  const p2 = argsortLast(nan1, descending);
  return gatherLast(p1, p2);
}

function argsortComplexLast(x: T, descending: boolean, traits: Traits): T {
  // Lexicographic (re, im): stable sort by im, then stable by re.
  const re = C.real(x), im = C.imag(x);
  const p1 = argsortLastNaN(im, descending, traits);
  const re1 = gatherLast(re, p1);
  const p2 = argsortLastNaN(re1, descending, traits);
  return gatherLast(p1, p2);
}

export function argsort(x: T, axis: number, descending: boolean, traits: Traits): T {
  if (x.size === 0) return tf.zeros(x.shape, 'int32');
  if (x.rank === 0) return tf.zeros([], 'int32');
  const p = toLast(x.rank, axis);
  const xt = p ? perPart(x, (q) => tf.transpose(q, p)) : x;
  const r = x.dtype === 'complex64' ? argsortComplexLast(xt, descending, traits) : argsortLastNaN(xt, descending, traits);
  return p ? tf.transpose(r, inversePerm(p)) : r;
}

export function sort(x: T, axis: number, descending: boolean, traits: Traits): T {
  if (x.size === 0 || x.rank === 0) return x.clone();
  const p = toLast(x.rank, axis);
  const xt = p ? perPart(x, (q) => tf.transpose(q, p)) : x;
  let r: T;
  if (x.dtype === 'int32' || x.dtype === 'bool') {
    const k = x.dtype === 'bool' ? tf.cast(xt, 'int32') : xt;
    const n = k.shape[k.rank - 1]!;
    r = descending ? tf.topk(k, n, true).values : invert(tf.topk(invert(k), n, true).values);
    if (x.dtype === 'bool') r = tf.cast(r, 'bool');
  } else {
    const idx = x.dtype === 'complex64' ? argsortComplexLast(xt, descending, traits) : argsortLastNaN(xt, descending, traits);
    r = gatherLast(xt, idx);
  }
  return p ? perPart(r, (q) => tf.transpose(q, inversePerm(p))) : r;
}

export function searchsorted(x1: T, v: T, side: 'left' | 'right'): T {
  const n = x1.size;
  const flat = tf.reshape(v, [v.size]);
  if (v.size === 0) return tf.zeros(v.shape, 'int32');
  if (n === 0) return tf.zeros(v.shape, 'int32');
  let seq = x1.dtype === 'bool' ? tf.cast(x1, 'int32') : x1;
  let vals = v.dtype === 'bool' ? tf.cast(flat, 'int32') : flat;
  if (seq.dtype !== 'float32') return tf.reshape(tf.searchSorted(seq, vals, side), v.shape);
  // NaN sorts last: search a NaN-free copy (NaN → +inf) and place NaN keys after every number.
  const seqNaN = tf.isNaN(seq);
  const nonNaN = tf.sub(tf.scalar(n, 'int32'), tf.sum(tf.cast(seqNaN, 'int32')));
  seq = tf.where(seqNaN, tf.fill(seq.shape, Infinity), seq);
  const vNaN = tf.isNaN(vals);
  vals = tf.where(vNaN, tf.zerosLike(vals), vals);
  let r = tf.searchSorted(seq, vals, side);
  r = tf.minimum(r, nonNaN);
  const nanPos = side === 'left' ? tf.broadcastTo(nonNaN, r.shape) : tf.fill(r.shape, n, 'int32');
  return tf.reshape(tf.where(vNaN, nanPos, r), v.shape);
}

// ---- scans ----

export function scan(op: 'sum' | 'prod' | 'max' | 'min', x: T, axis: number, maxFn: (a: T, b: T) => T, minFn: (a: T, b: T) => T): T {
  if (x.size === 0) return x.clone();
  if (op === 'sum') return perPart(x, (p) => tf.cumsum(p, axis));
  if (op === 'prod') {
    if (x.dtype === 'complex64') return doubling(x, axis, (a, b) => {
      const ar = C.real(a), ai = C.imag(a), br = C.real(b), bi = C.imag(b);
      return tf.complex(tf.sub(tf.mul(ar, br), tf.mul(ai, bi)), tf.add(tf.mul(ar, bi), tf.mul(ai, br)));
    });
    return tf.cumprod(x, axis);
  }
  return doubling(x, axis, op === 'max' ? maxFn : minFn);
}

/** Inclusive scan by recursive doubling: log2(n) steps of `x[i] = f(x[i - s], x[i])`. */
function doubling(x: T, axis: number, f: (a: T, b: T) => T): T {
  const n = x.shape[axis]!;
  let y = x;
  for (let s = 1; s < n; s *= 2) {
    const begin = new Array<number>(x.rank).fill(0);
    const headSize = x.shape.slice();
    headSize[axis] = s;
    const tailSize = x.shape.slice();
    tailSize[axis] = n - s;
    const tailBegin = begin.slice();
    tailBegin[axis] = s;
    const head = perPart(y, (p) => tf.slice(p, begin, headSize));
    const shifted = perPart(y, (p) => tf.slice(p, begin, tailSize));
    const tail = perPart(y, (p) => tf.slice(p, tailBegin, tailSize));
    y = perPart2([head, f(shifted, tail)], (ps) => tf.concat(ps, axis));
  }
  return y === x ? x.clone() : y;
}
