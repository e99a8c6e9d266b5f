/**
 * Reductions (sum, prod, max, min, all, any), arg-reductions and scans. Each is a generated
 * kernel per (op, dtype): an odometer over the kept axes around a loop over the reduced ones
 * (coalesced, so a full reduction of contiguous data is one flat loop). Float sums accumulate in
 * float64; small-int sums wrap in int32 (the store wraps to the dtype, as NumPy); 64-bit ints in
 * BigInt; float32 products and scans round to float32 after each step, float16 scans to float16.
 */
import type { ArgReduceOp, DType, HostArray, ReduceOp, ScanOp } from '@arr/core';
import { helpers } from './elementwise/helpers.js';
import { isSmallInt, kindOf, type Kind } from './kinds.js';
import { alloc, sizeOfShape, type View } from './storage.js';

type Compiled = (...args: any[]) => unknown;
const cache = new Map<string, Compiled>();
const helperNames = Object.keys(helpers);
const helperValues = helperNames.map((k) => (helpers as Record<string, unknown>)[k]);

function compile(key: string, src: string): Compiled {
  let k = cache.get(key);
  if (!k) {
    k = (new Function(...helperNames, '"use strict";\n' + src) as (...h: unknown[]) => Compiled)(...helperValues);
    cache.set(key, k);
  }
  return k;
}

function loadX(k: Kind, idx: string): string {
  if (k === 'cpx') return `const xr = A[2*${idx}], xi = A[2*${idx}+1];`;
  if (k === 'half') return `const x = H2F[A[${idx}]];`;
  return `const x = A[${idx}];`;
}

interface Acc { init: string; step: string; final: string; cpx?: boolean }

function accumulator(op: ReduceOp, d: DType): Acc {
  const k = kindOf(d);
  if (k === 'cpx') {
    switch (op) {
      case 'sum': return { init: 'let ar = -0, ai = -0;', step: 'ar += xr; ai += xi;', final: 'rr = ar; ri = ai;', cpx: true };
      case 'prod': return { init: 'let ar = 1, ai = 0;', step: 'const t = ar * xr - ai * xi; ai = ar * xi + ai * xr; ar = t;', final: 'rr = ar; ri = ai;', cpx: true };
      case 'max': return { init: 'let ar = NaN, ai = NaN, first = true;', step: 'if (first || ccmp(xr, xi, ar, ai) > 0 || xr !== xr || xi !== xi) { if (first || ar === ar && ai === ai) { ar = xr; ai = xi; } first = false; }', final: 'rr = ar; ri = ai;', cpx: true };
      case 'min': return { init: 'let ar = NaN, ai = NaN, first = true;', step: 'if (first || ccmp(xr, xi, ar, ai) < 0 || xr !== xr || xi !== xi) { if (first || ar === ar && ai === ai) { ar = xr; ai = xi; } first = false; }', final: 'rr = ar; ri = ai;', cpx: true };
      case 'all': return { init: 'let a = 1;', step: 'if (xr === 0 && xi === 0) a = 0;', final: 'r = a;' };
      case 'any': return { init: 'let a = 0;', step: 'if (xr !== 0 || xi !== 0) a = 1;', final: 'r = a;' };
    }
  }
  if (k === 'big') {
    switch (op) {
      case 'sum': return { init: 'let a = 0n;', step: 'a += x;', final: 'r = a;' };
      case 'prod': return { init: 'let a = 1n;', step: 'a = asUintN(64, a * x);', final: 'r = a;' };
      case 'max': return { init: 'let a = null;', step: 'if (a === null || x > a) a = x;', final: 'r = a;' };
      case 'min': return { init: 'let a = null;', step: 'if (a === null || x < a) a = x;', final: 'r = a;' };
      case 'all': return { init: 'let a = 1;', step: 'if (x === 0n) a = 0;', final: 'r = a;' };
      case 'any': return { init: 'let a = 0;', step: 'if (x !== 0n) a = 1;', final: 'r = a;' };
    }
  }
  const isF = k === 'half' || d === 'float32' || d === 'float64';
  switch (op) {
    case 'sum':
      if (d === 'bool') return { init: 'let a = 0;', step: 'a |= x;', final: 'r = a;' };
      return isF ? { init: 'let a = -0;', step: 'a += x;', final: 'r = a;' } : { init: 'let a = 0;', step: 'a = (a + x) | 0;', final: 'r = a;' };
    case 'prod':
      if (d === 'bool') return { init: 'let a = 1;', step: 'a &= x;', final: 'r = a;' };
      if (isSmallInt(d)) return { init: 'let a = 1;', step: 'a = Math.imul(a, x);', final: 'r = a;' };
      return { init: 'let a = 1;', step: d === 'float32' ? 'a = fround(a * x);' : 'a *= x;', final: 'r = a;' };
    // NumPy's maximum/minimum: NaN wins, ties take the later element.
    case 'max': return { init: 'let a = -Infinity;', step: 'if (!(a > x || a !== a)) a = x;', final: 'r = a;' };
    case 'min': return { init: 'let a = Infinity;', step: 'if (!(a < x || a !== a)) a = x;', final: 'r = a;' };
    case 'all': return { init: 'let a = 1;', step: 'if (x === 0) a = 0;', final: 'r = a;' };
    case 'any': return { init: 'let a = 0;', step: 'if (x !== 0) a = 1;', final: 'r = a;' };
  }
}

function storeOut(k: Kind): string {
  switch (k) {
    case 'cpx': return 'o[2*oi] = rr; o[2*oi+1] = ri;';
    case 'half': return 'o[oi] = toHalf(r);';
    case 'bool': return 'o[oi] = r ? 1 : 0;';
    default: return 'o[oi] = r;';
  }
}

/** Merges adjacent axes (a's stride = b's stride × b's length) and drops length-1 axes. */
function coalesce(dims: number[], strides: number[]): [number[], number[]] {
  const d: number[] = [], s: number[] = [];
  for (let i = 0; i < dims.length; i++) {
    const n = dims[i]!;
    if (n === 1) continue;
    const k = d.length - 1;
    if (k >= 0 && s[k] === strides[i]! * n) {
      d[k] = d[k]! * n;
      s[k] = strides[i]!;
    } else {
      d.push(n);
      s.push(strides[i]!);
    }
  }
  return [d, s];
}

export function reduce(op: ReduceOp, v: View, dtype: DType, axes: readonly number[]): HostArray {
  const outD: DType = op === 'all' || op === 'any' ? 'bool' : dtype;
  const shape = v.shape, stride = v.stride;
  const kd: number[] = [], ks: number[] = [], rdims: number[] = [], rstr: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) { rdims.push(shape[i]!); rstr.push(stride[i]!); }
    else { kd.push(shape[i]!); ks.push(stride[i]!); }
  }
  const outSize = sizeOfShape(kd);
  const out = alloc(outD, outSize);
  if (outSize === 0) return out;
  const rtotal = sizeOfShape(rdims);
  const [rd, rs] = coalesce(rdims, rstr);
  if (rd.length === 0) { rd.push(1); rs.push(0); }
  const k = kindOf(dtype);
  const acc = accumulator(op, dtype);
  // Unit-stride sums use four accumulators (the add latency, not the loads, bounds one chain).
  const isFloatNum = k === 'half' || dtype === 'float32' || dtype === 'float64';
  let unrolled = '', zero = '0', combine = '';
  if (op === 'sum' && (isFloatNum || (isSmallInt(dtype)))) {
    const ld = (o: number) => (k === 'half' ? `H2F[A[i + ${o}]]` : `A[i + ${o}]`);
    if (isFloatNum) {
      zero = '-0';
      unrolled = `a += ${ld(0)}; s1 += ${ld(1)}; s2 += ${ld(2)}; s3 += ${ld(3)};`;
      combine = 'a += (s1 + s2) + s3;';
    } else {
      unrolled = `a = (a + ${ld(0)}) | 0; s1 = (s1 + ${ld(1)}) | 0; s2 = (s2 + ${ld(2)}) | 0; s3 = (s3 + ${ld(3)}) | 0;`;
      combine = 'a = (a + s1 + s2 + s3) | 0;';
    }
  }
  // Full reduction of contiguous data: a small dedicated kernel optimises better than the general one.
  if (unrolled && kd.length === 0 && rd.length === 1 && rs[0] === 1) {
    const src = `
return function sumFlat(A, i, n) {
  let a = ${zero}, s1 = ${zero}, s2 = ${zero}, s3 = ${zero}, j = 0;
  for (; j + 4 <= n; j += 4) { ${unrolled} i += 4; }
  for (; j < n; j++) { ${loadX(k, 'i')} ${acc.step} i++; }
  ${combine}
  return n === 0 ? 0 : a;
};`;
    // In chunks (as the elementwise kernels), which also makes the float sum partly pairwise.
    const f = compile(`rf_${op}_${dtype}`, src);
    const n = rd[0]!;
    let total = 0;
    if (n <= 65536) total = f(v.data, v.offset, n) as number;
    else if (isFloatNum) for (let s = 0; s < n; s += 65536) total += f(v.data, v.offset + s, Math.min(65536, n - s)) as number;
    else for (let s = 0; s < n; s += 65536) total = (total + (f(v.data, v.offset + s, Math.min(65536, n - s)) as number)) | 0;
    (out as any)[0] = k === 'half' ? helpers.toHalf(total) : total;
    return out;
  }
  // Sums over leading axes of data whose kept axes are contiguous (e.g. axis 0 of a matrix):
  // add whole rows into a float64 accumulator, reading memory in order (≈4× the column-wise loop).
  const [kc, kcs] = coalesce(kd, ks);
  if (op === 'sum' && (k === 'half' || (k === 'num' && dtype !== 'bool')) && rtotal > 0 && kc.length === 1 && kcs[0] === 1 && outSize >= 16) {
    const ld = k === 'half' ? 'H2F[A[p + j]]' : 'A[p + j]';
    const step = isFloatNum ? `acc[j] += ${ld};` : `acc[j] = (acc[j] + ${ld}) | 0;`;
    const src = `
return function sumRows(acc, K, A, off, rd, rs, rtotal) {
  const rnd = rd.length, ridx = new Array(rnd).fill(0);
  let p = off;
  for (let q = 0; q < rtotal; q++) {
    for (let j = 0; j < K; j++) ${step}
    for (let d = rnd - 1; d >= 0; d--) { p += rs[d]; if (++ridx[d] < rd[d]) break; ridx[d] = 0; p -= rs[d] * rd[d]; }
  }
};`;
    const acc = new Float64Array(outSize);
    if (isFloatNum) acc.fill(-0);
    compile(`rr_${dtype}`, src)(acc, outSize, v.data, v.offset, rd, rs, rtotal);
    if (k === 'half') for (let j = 0; j < outSize; j++) (out as Uint16Array)[j] = helpers.toHalf(acc[j]!);
    else (out as Float64Array).set(acc);
    return out;
  }
  const key = `r_${op}_${dtype}_${rd.length === 1 ? 1 : 'n'}`;
  const src = `
return function reduce(o, on, kd, ks, A, off, rd, rs, rtotal) {
  const knd = kd.length, rnd = rd.length;
  const kidx = new Array(knd).fill(0), ridx = new Array(rnd).fill(0);
  const rinner = rd[rnd - 1], rstep = rs[rnd - 1], router = rtotal === 0 ? 0 : rtotal / rinner;
  let kp = off;
  for (let oi = 0; oi < on; oi++) {
    ${acc.init}
    let rp = kp;
    for (let q = 0; q < router; q++) {
      let i = rp;
      ${unrolled ? `if (rstep === 1) {
        let s1 = ${zero}, s2 = ${zero}, s3 = ${zero}, j = 0;
        for (; j + 4 <= rinner; j += 4) { ${unrolled} i += 4; }
        for (; j < rinner; j++) { ${loadX(k, 'i')} ${acc.step} i++; }
        ${combine}
      } else ` : ''}for (let j = 0; j < rinner; j++) { ${loadX(k, 'i')} ${acc.step} i += rstep; }
      ${rd.length === 1 ? '' : 'for (let d = rnd - 2; d >= 0; d--) { rp += rs[d]; if (++ridx[d] < rd[d]) break; ridx[d] = 0; rp -= rs[d] * rd[d]; }'}
    }
    ${acc.cpx ? 'let rr, ri;' : 'let r;'} ${acc.final}
    ${op === 'sum' && !acc.cpx && (k === 'half' || k === 'num') ? 'if (rtotal === 0) r = 0;' : ''}
    ${acc.cpx && op === 'sum' ? 'if (rtotal === 0) { rr = 0; ri = 0; }' : ''}
    ${storeOut(kindOf(outD))}
    for (let d = knd - 1; d >= 0; d--) { kp += ks[d]; if (++kidx[d] < kd[d]) break; kidx[d] = 0; kp -= ks[d] * kd[d]; }
  }
};`;
  compile(key, src)(out, outSize, kd, ks, v.data, v.offset, rd, rs, rtotal);
  return out;
}

/** Splits a view into the axis and the others, for arg-reductions and scans. */
function split(v: View, axis: number) {
  const od: number[] = [], os: number[] = [];
  for (let i = 0; i < v.shape.length; i++) if (i !== axis) { od.push(v.shape[i]!); os.push(v.stride[i]!); }
  return { od, os, n: v.shape[axis]!, s: v.stride[axis]! };
}

export function argReduce(op: ArgReduceOp, v: View, dtype: DType, axis: number): HostArray {
  const { od, os, n, s } = split(v, axis);
  const outSize = sizeOfShape(od);
  const out = new Int32Array(outSize);
  if (outSize === 0 || n === 0) return out;
  const k = kindOf(dtype);
  const gt = op === 'argmax' ? '>' : '<';
  let init: string, step: string;
  if (k === 'cpx') {
    init = 'let br = A[2*p], bi = A[2*p+1];';
    step = `const c = ccmp(xr, xi, br, bi); if ((br === br && bi === bi) && (c ${gt} 0 || xr !== xr || xi !== xi)) { br = xr; bi = xi; best = j; }`;
  } else {
    init = k === 'half' ? 'let b = H2F[A[p]];' : 'let b = A[p];';
    step = k === 'big' ? `if (x ${gt} b) { b = x; best = j; }` : `if (x ${gt} b || (x !== x && b === b)) { b = x; best = j; }`;
  }
  const src = `
return function argReduce(o, on, od, os, A, off, n, s) {
  const nd = od.length, idx = new Array(nd).fill(0);
  let p = off;
  for (let oi = 0; oi < on; oi++) {
    ${init} let best = 0, i = p + s;
    for (let j = 1; j < n; j++) { ${loadX(k, 'i')} ${step} i += s; }
    o[oi] = best;
    for (let d = nd - 1; d >= 0; d--) { p += os[d]; if (++idx[d] < od[d]) break; idx[d] = 0; p -= os[d] * od[d]; }
  }
};`;
  compile(`a_${op}_${dtype}`, src)(out, outSize, od, os, v.data, v.offset, n, s);
  return out;
}

export function scan(op: ScanOp, v: View, dtype: DType, axis: number): HostArray {
  const size = sizeOfShape(v.shape);
  const out = alloc(dtype, size);
  if (size === 0) return out;
  const { od, os, n, s } = split(v, axis);
  // output strides (row-major of v.shape) split the same way
  let acc = 1;
  const ostr = new Array<number>(v.shape.length);
  for (let i = v.shape.length - 1; i >= 0; i--) { ostr[i] = acc; acc *= v.shape[i]!; }
  const oos = ostr.filter((_, i) => i !== axis), on = ostr[axis]!;
  const k = kindOf(dtype);
  let init: string, step: string, st: string;
  if (k === 'cpx') {
    init = op === 'prod' ? 'let ar = 1, ai = 0;' : op === 'sum' ? 'let ar = -0, ai = -0;' : 'let ar = NaN, ai = NaN, first = true;';
    step = op === 'sum' ? 'ar += xr; ai += xi;'
      : op === 'prod' ? 'const t = ar * xr - ai * xi; ai = ar * xi + ai * xr; ar = t;'
      : `if (first || ((ar === ar && ai === ai) && (ccmp(xr, xi, ar, ai) ${op === 'max' ? '>' : '<'} 0 || xr !== xr || xi !== xi))) { ar = xr; ai = xi; first = false; }`;
    st = 'o[2*q] = ar; o[2*q+1] = ai;' + (dtype === 'complex64' ? ' ar = o[2*q]; ai = o[2*q+1];' : '');
  } else if (k === 'big') {
    init = op === 'sum' ? 'let a = 0n;' : op === 'prod' ? 'let a = 1n;' : 'let a = null;';
    step = op === 'sum' ? 'a = asIntN(64, a + x);' : op === 'prod' ? 'a = asIntN(64, a * x);' : `if (a === null || x ${op === 'max' ? '>' : '<'} a) a = x;`;
    st = 'o[q] = a;';
  } else {
    const isF = k === 'half' || dtype === 'float32' || dtype === 'float64';
    init = op === 'sum' ? (isF ? 'let a = -0;' : 'let a = 0;') : op === 'prod' ? 'let a = 1;' : op === 'max' ? 'let a = -Infinity;' : 'let a = Infinity;';
    if (op === 'sum') step = dtype === 'bool' ? 'a |= x;' : isF ? 'a += x;' : 'a = (a + x) | 0;';
    else if (op === 'prod') step = dtype === 'bool' ? 'a &= x;' : isSmallInt(dtype) ? 'a = Math.imul(a, x);' : 'a *= x;';
    else step = op === 'max' ? 'if (!(a > x || a !== a)) a = x;' : 'if (!(a < x || a !== a)) a = x;';
    // Round the running value to the dtype after each step, as NumPy accumulates in it.
    st = k === 'half' ? 'o[q] = toHalf(a); a = H2F[o[q]];' : dtype === 'float32' ? 'a = fround(a); o[q] = a;' : 'o[q] = a;';
  }
  const src = `
return function scan(o, od, os, oos, A, off, n, s, on) {
  const nd = od.length, idx = new Array(nd).fill(0);
  let outer = 1; for (let d = 0; d < nd; d++) outer *= od[d];
  let p = off, po = 0;
  for (let t = 0; t < outer; t++) {
    ${init}
    let i = p, q = po;
    for (let j = 0; j < n; j++) { ${loadX(k, 'i')} ${step} ${st} i += s; q += on; }
    for (let d = nd - 1; d >= 0; d--) { p += os[d]; po += oos[d]; if (++idx[d] < od[d]) break; idx[d] = 0; p -= os[d] * od[d]; po -= oos[d] * od[d]; }
  }
};`;
  compile(`s_${op}_${dtype}`, src)(out, od, os, oos, v.data, v.offset, n, s, on);
  return out;
}
