/**
 * Batched matmul. float32/float64 use a cache-blocked kernel: B is packed into KC×8 column
 * panels and A into 8×KC row panels (from any strides, so transposed inputs need no copy), and an
 * 8×8 register-tiled micro-kernel (generated) accumulates in float64 locals. Other dtypes use a plain loop
 * with their own arithmetic (wrapping ints, BigInt, complex, bool as or-of-ands, float16 in float64).
 */
import type { DType, HostArray } from '@arr/core';
import { H2F, toHalf } from './half.js';
import { alloc, type View } from './storage.js';
import { kindOf } from './kinds.js';

// An 8×8 register tile measured best among 4×4 … 16×4 here (V8 keeps most accumulators in registers).
const MR = 8, NR = 8, KC = 256, NC = 512, MC = 256;

let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * NC);
const tile = new Float64Array(MR * NR);

type Micro = (pa: Float64Array, ia: number, pb: Float64Array, ib: number, kc: number, c: Float32Array | Float64Array | Float64Array, ci: number, ldc: number) => void;

/** Generates the MR×NR micro-kernel: accumulators in locals, one packed column of A and row of B per step. */
function makeMicro(): Micro {
  const acc: string[] = [], lines: string[] = ['"use strict";'];
  for (let r = 0; r < MR; r++) for (let q = 0; q < NR; q++) acc.push(`c${r}_${q}`);
  lines.push(`let ${acc.map((a) => a + ' = 0').join(', ')};`, 'for (let p = 0; p < kc; p++) {');
  for (let r = 0; r < MR; r++) lines.push(`const a${r} = pa[ia + ${r}];`);
  for (let q = 0; q < NR; q++) {
    lines.push(`const b${q} = pb[ib + ${q}];`);
    for (let r = 0; r < MR; r++) lines.push(`c${r}_${q} += a${r} * b${q};`);
  }
  lines.push(`ia += ${MR}; ib += ${NR};`, '}');
  for (let r = 0; r < MR; r++) for (let q = 0; q < NR; q++) lines.push(`c[ci + ${r} * ldc + ${q}] += c${r}_${q};`);
  return new Function('pa', 'ia', 'pb', 'ib', 'kc', 'c', 'ci', 'ldc', lines.join('\n')) as Micro;
}
const micro = makeMicro();

/**
 * Packs `panels` panels of `width` lanes (rows of A or columns of B) for `kc` steps along the inner
 * dimension: dst[(panel·kc + p)·width + q] = src[base + (first + panel·width + q)·laneStride + p·stepStride],
 * zero-padded for lanes at or past `limit`.
 */
function packPanels(
  dst: Float64Array, src: ArrayLike<number>, base: number, first: number, panels: number, limit: number,
  width: number, kc: number, laneStride: number, stepStride: number,
): void {
  for (let panel = 0; panel < panels; panel++) {
    const l0 = first + panel * width, used = Math.min(width, limit - l0);
    let d = panel * kc * width;
    for (let p = 0; p < kc; p++) {
      let at = base + l0 * laneStride + p * stepStride;
      for (let q = 0; q < used; q++) { dst[d + q] = src[at]!; at += laneStride; }
      for (let q = used; q < width; q++) dst[d + q] = 0;
      d += width;
    }
  }
}

/** C[m×n] (row-major at cOff in c) = A·B for one matrix; A and B given by data, offset and strides. */
export function gemmFloat(
  m: number, n: number, k: number,
  a: ArrayLike<number>, aOff: number, ars: number, acs: number,
  b: ArrayLike<number>, bOff: number, brs: number, bcs: number,
  c: Float32Array | Float64Array, cOff: number,
): void {
  c.fill(0, cOff, cOff + m * n);
  if (k === 0) return;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    const ncPanels = Math.ceil(nc / NR);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      // B[pc:pc+kc, jc:jc+nc] as panels of NR columns.
      const needB = ncPanels * kc * NR;
      if (packB.length < needB) packB = new Float64Array(needB);
      const pb = packB;
      packPanels(pb, b, bOff + pc * brs, jc, ncPanels, n, NR, kc, bcs, brs);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        const mcPanels = Math.ceil(mc / MR);
        // A[ic:ic+mc, pc:pc+kc] as panels of MR rows.
        const needA = mcPanels * kc * MR;
        if (packA.length < needA) packA = new Float64Array(needA);
        const pa = packA;
        packPanels(pa, a, aOff + pc * acs, ic, mcPanels, m, MR, kc, ars, acs);
        for (let ip = 0; ip < mcPanels; ip++) {
          const i0 = ic + ip * MR, h = Math.min(MR, m - i0);
          for (let jp = 0; jp < ncPanels; jp++) {
            const j0 = jc + jp * NR, w = Math.min(NR, n - j0);
            if (h === MR && w === NR) micro(pa, ip * kc * MR, pb, jp * kc * NR, kc, c, cOff + i0 * n + j0, n);
            else {
              // edge tile: compute into a scratch tile, add the valid part
              tile.fill(0);
              micro(pa, ip * kc * MR, pb, jp * kc * NR, kc, tile, 0, NR);
              for (let r = 0; r < h; r++) for (let q = 0; q < w; q++) c[cOff + (i0 + r) * n + j0 + q] += tile[r * NR + q]!;
            }
          }
        }
      }
    }
  }
}

/** Batched matmul of views a [...B, m, k] and b [...B, k, n] (same batch shape). */
export function matmul(a: View, b: View, dtype: DType): HostArray {
  const nd = a.shape.length;
  const m = a.shape[nd - 2]!, k = a.shape[nd - 1]!, n = b.shape[nd - 1]!;
  const batch = a.shape.slice(0, nd - 2);
  let nb = 1;
  for (const d of batch) nb *= d;
  const out = alloc(dtype, nb * m * n);
  if (nb === 0 || m === 0 || n === 0) return out;
  const ars = a.stride[nd - 2]!, acs = a.stride[nd - 1]!, brs = b.stride[nd - 2]!, bcs = b.stride[nd - 1]!;
  const idx = new Array<number>(batch.length).fill(0);
  let ao = a.offset, bo = b.offset;
  // float32 with k > KC: accumulate the KC blocks in float64, round once.
  const acc = dtype === 'float32' ? new Float64Array(m * n) : undefined;
  for (let t = 0; t < nb; t++) {
    const co = t * m * n;
    if (dtype === 'float32' || dtype === 'float64') {
      if (acc) {
        gemmFloat(m, n, k, a.data, ao, ars, acs, b.data, bo, brs, bcs, acc, 0);
        (out as Float32Array).set(acc, co);
      } else gemmFloat(m, n, k, a.data, ao, ars, acs, b.data, bo, brs, bcs, out as Float64Array, co);
    } else {
      generic(kindOf(dtype), dtype, m, n, k, a.data, ao, ars, acs, b.data, bo, brs, bcs, out, co);
    }
    for (let d = batch.length - 1; d >= 0; d--) {
      ao += a.stride[d]!; bo += b.stride[d]!;
      if (++idx[d]! < batch[d]!) break;
      idx[d] = 0;
      ao -= a.stride[d]! * batch[d]!; bo -= b.stride[d]! * batch[d]!;
    }
  }
  return out;
}

function generic(
  kind: string, dtype: DType, m: number, n: number, k: number,
  A: any, ao: number, ars: number, acs: number, B: any, bo: number, brs: number, bcs: number, O: any, co: number,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let pa = ao + i * ars, pb = bo + j * bcs;
      const oi = co + i * n + j;
      if (kind === 'cpx') {
        let sr = 0, si = 0;
        for (let p = 0; p < k; p++) {
          const xr = A[2 * pa], xi = A[2 * pa + 1], yr = B[2 * pb], yi = B[2 * pb + 1];
          sr += xr * yr - xi * yi; si += xr * yi + xi * yr;
          pa += acs; pb += brs;
        }
        O[2 * oi] = sr; O[2 * oi + 1] = si;
      } else if (kind === 'big') {
        let s = 0n;
        for (let p = 0; p < k; p++) { s += (A[pa] as bigint) * (B[pb] as bigint); pa += acs; pb += brs; }
        O[oi] = s;
      } else if (kind === 'half') {
        let s = 0;
        for (let p = 0; p < k; p++) { s += H2F[A[pa]]! * H2F[B[pb]]!; pa += acs; pb += brs; }
        O[oi] = toHalf(s);
      } else if (dtype === 'bool') {
        let s = 0;
        for (let p = 0; p < k && !s; p++) { s = A[pa] & B[pb]; pa += acs; pb += brs; }
        O[oi] = s;
      } else {
        let s = 0;
        for (let p = 0; p < k; p++) { s = (s + Math.imul(A[pa], B[pb])) | 0; pa += acs; pb += brs; }
        O[oi] = s;
      }
    }
  }
}
