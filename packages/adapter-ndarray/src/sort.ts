/**
 * sort, argsort, searchsorted. NaN sorts last (complex: NumPy's order R+Rj < R+nanj < nan+Rj <
 * nan+nanj). Both sorts are always stable; descending keeps equal keys in their original order
 * (so NaN comes first), as `flip(argsort(flip(x)))` does.
 */
import { type DType, type HostArray, lanes } from '@arr/core';
import { H2F, toHalf } from './half.js';
import { ccmp } from './elementwise/helpers.js';
import { copy, flat } from './flat.js';
import { kindOf } from './kinds.js';
import type { View } from './storage.js';

const cmpNum = (a: number, b: number): number =>
  a < b ? -1 : a > b ? 1 : a === b ? 0 : a === a ? -1 : b === b ? 1 : 0;
const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function geometry(shape: readonly number[], axis: number) {
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, inner, n: shape[axis]! };
}

/** Stable order of one line: `order[j]` is the position of the j-th smallest (or largest). */
function orderLine(kind: string, data: any, base: number, step: number, n: number, descending: boolean): Int32Array {
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  const sign = descending ? -1 : 1;
  let cmp: (i: number, j: number) => number;
  if (kind === 'cpx') {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let j = 0; j < n; j++) { re[j] = data[2 * (base + j * step)]; im[j] = data[2 * (base + j * step) + 1]; }
    cmp = (i, j) => sign * ccmp(re[i]!, im[i]!, re[j]!, im[j]!) || i - j;
  } else if (kind === 'big') {
    const keys = new Array<bigint>(n);
    for (let j = 0; j < n; j++) keys[j] = data[base + j * step];
    cmp = (i, j) => sign * cmpBig(keys[i]!, keys[j]!) || i - j;
  } else {
    const keys = new Float64Array(n);
    if (kind === 'half') for (let j = 0; j < n; j++) keys[j] = H2F[data[base + j * step]]!;
    else for (let j = 0; j < n; j++) keys[j] = data[base + j * step];
    cmp = (i, j) => sign * cmpNum(keys[i]!, keys[j]!) || i - j;
  }
  // Array#sort is stable; ties also compare by index so descending stays in original order.
  const arr = Array.from(order);
  arr.sort(cmp);
  order.set(arr);
  return order;
}

export function argsort(x: View, dtype: DType, axis: number, descending: boolean): HostArray {
  const src = flat(x, dtype) as any;
  const { outer, inner, n } = geometry(x.shape, axis);
  const out = new Int32Array(outer * n * inner);
  const kind = kindOf(dtype);
  for (let o = 0; o < outer; o++) {
    for (let r = 0; r < inner; r++) {
      const base = o * n * inner + r;
      const ord = orderLine(kind, src, base, inner, n, descending);
      for (let j = 0; j < n; j++) out[base + j * inner] = ord[j]!;
    }
  }
  return out;
}

export function sort(x: View, dtype: DType, axis: number, descending: boolean): HostArray {
  const src = flat(x, dtype) as any;
  const { outer, inner, n } = geometry(x.shape, axis);
  const out = copy(x, dtype) as any;
  const kind = kindOf(dtype);
  const L = lanes(dtype);
  // Fast path: real numbers along the last axis sort as typed arrays (NaN last; reversed for descending).
  if (inner === 1 && (kind === 'num' || kind === 'bool' || kind === 'half')) {
    const line = new Float64Array(n);
    for (let o = 0; o < outer; o++) {
      const base = o * n;
      if (kind === 'half') for (let j = 0; j < n; j++) line[j] = H2F[src[base + j]]!;
      else for (let j = 0; j < n; j++) line[j] = src[base + j];
      line.sort();
      if (descending) line.reverse();
      if (kind === 'half') for (let j = 0; j < n; j++) out[base + j] = toHalf(line[j]!);
      else for (let j = 0; j < n; j++) out[base + j] = line[j]!;
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    for (let r = 0; r < inner; r++) {
      const base = o * n * inner + r;
      const ord = orderLine(kind, src, base, inner, n, descending);
      for (let j = 0; j < n; j++) {
        const d = (base + j * inner) * L, s = (base + ord[j]! * inner) * L;
        for (let l = 0; l < L; l++) out[d + l] = src[s + l];
      }
    }
  }
  return out;
}

export function searchsorted(x1: View, dtype: DType, v: View, side: 'left' | 'right'): HostArray {
  const a = flat(x1, dtype) as any;
  const vals = flat(v, dtype) as any;
  const n = x1.shape[0]!;
  const kind = kindOf(dtype);
  const m = vals.length / lanes(dtype);
  const out = new Int32Array(m);
  // lt(i, key): a[i] < key in the NaN-last order; right side uses !(key < a[i]).
  for (let q = 0; q < m; q++) {
    let lo = 0, hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      let c: number;
      if (kind === 'cpx') c = ccmp(a[2 * mid], a[2 * mid + 1], vals[2 * q], vals[2 * q + 1]);
      else if (kind === 'big') c = cmpBig(a[mid], vals[q]);
      else if (kind === 'half') c = cmpNum(H2F[a[mid]]!, H2F[vals[q]]!);
      else c = cmpNum(a[mid], vals[q]);
      if (side === 'left' ? c < 0 : c <= 0) lo = mid + 1;
      else hi = mid;
    }
    out[q] = lo;
  }
  return out;
}
