/**
 * LU factorisation with partial pivoting (row interchanges, like LAPACK getrf) and what is built on it:
 * solve, inv, det, slogdet. Real matrices are row-major Float64Array batches; complex matrices are
 * interleaved (re, im) Float64Array batches, two numbers per element (matches the host layout).
 */
import { LinAlgError } from './errors.js';

export interface LUResult {
  /** Packed L (unit lower, below the diagonal) and U (upper), row-major n×n (interleaved when complex). */
  lu: Float64Array;
  /** perm[i] = the original row now in row i. */
  perm: Int32Array;
  /** +1 or -1: parity of the row interchanges. */
  parity: number;
  /** First column with an exact zero pivot, or -1 (factorisation continues past it, as LAPACK does). */
  zeroPivot: number;
}

/**
 * In-place LU of one real n×n row-major matrix stored at `a[off .. off+n*n)`. Blocked right-looking:
 * a 4-column panel is factored with partial pivoting, then the trailing rows receive the panel's
 * four rank-1 updates fused in one pass (a quarter of the memory traffic of plain rank-1 updates).
 */
function luInPlace(a: Float64Array, off: number, n: number, perm: Int32Array): { parity: number; zeroPivot: number } {
  let parity = 1;
  let zeroPivot = -1;
  for (let i = 0; i < n; i++) perm[i] = i;
  const NB = 4;
  for (let k0 = 0; k0 < n; k0 += NB) {
    const kend = Math.min(k0 + NB, n);
    // Panel factorisation (columns k0..kend-1, all rows below).
    for (let k = k0; k < kend; k++) {
      let p = k;
      let best = Math.abs(a[off + k * n + k]!);
      for (let i = k + 1; i < n; i++) {
        const v = Math.abs(a[off + i * n + k]!);
        if (v > best) { best = v; p = i; }
      }
      if (p !== k) {
        const rk = off + k * n, rp = off + p * n;
        for (let j = 0; j < n; j++) { const t = a[rk + j]!; a[rk + j] = a[rp + j]!; a[rp + j] = t; }
        const t = perm[k]!; perm[k] = perm[p]!; perm[p] = t;
        parity = -parity;
      }
      const rk = off + k * n;
      const piv = a[rk + k]!;
      if (piv === 0) { if (zeroPivot < 0) zeroPivot = k; continue; }
      const inv = 1 / piv;
      for (let i = k + 1; i < n; i++) {
        const ri = off + i * n;
        const l = a[ri + k]! * inv;
        a[ri + k] = l;
        for (let j = k + 1; j < kend; j++) a[ri + j]! -= l * a[rk + j]!;
      }
    }
    if (kend >= n) break;
    // U12: rows k0..kend-1 right of the panel, solved with the unit lower panel block.
    for (let r = k0 + 1; r < kend; r++) {
      const rr = off + r * n;
      for (let p = k0; p < r; p++) {
        const l = a[rr + p]!;
        if (l === 0) continue;
        const rp = off + p * n;
        for (let j = kend; j < n; j++) a[rr + j]! -= l * a[rp + j]!;
      }
    }
    // Trailing update, four rank-1 updates fused.
    const w = kend - k0;
    const r0 = off + k0 * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    for (let i = kend; i < n; i++) {
      const ri = off + i * n;
      if (w === 4) {
        const l0 = a[ri + k0]!, l1 = a[ri + k0 + 1]!, l2 = a[ri + k0 + 2]!, l3 = a[ri + k0 + 3]!;
        for (let j = kend; j < n; j++) a[ri + j]! -= l0 * a[r0 + j]! + l1 * a[r1 + j]! + l2 * a[r2 + j]! + l3 * a[r3 + j]!;
      } else {
        for (let p = k0; p < kend; p++) {
          const l = a[ri + p]!, rp = off + p * n;
          for (let j = kend; j < n; j++) a[ri + j]! -= l * a[rp + j]!;
        }
      }
    }
  }
  return { parity, zeroPivot };
}

/** LU factorisation of one real n×n matrix (row-major); the input is not modified. */
export function lu(a: Float64Array, n: number): LUResult {
  const m = a.slice(0, n * n);
  const perm = new Int32Array(n);
  const { parity, zeroPivot } = luInPlace(m, 0, n, perm);
  return { lu: m, perm, parity, zeroPivot };
}

/** Forward/back substitution with a packed LU for a row-major n×k right-hand side X (in place). */
function luSolveInPlace(f: Float64Array, n: number, x: Float64Array, k: number): void {
  if (k === 1) {
    // One right-hand side: dot products over contiguous rows of L and U.
    for (let i = 1; i < n; i++) {
      const ri = i * n;
      let s = x[i]!;
      for (let j = 0; j < i; j++) s -= f[ri + j]! * x[j]!;
      x[i] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n;
      let s = x[i]!;
      for (let j = i + 1; j < n; j++) s -= f[ri + j]! * x[j]!;
      x[i] = s / f[ri + i]!;
    }
    return;
  }
  // L y = P b (unit lower): row i -= sum_{j<i} L[i,j] row j, four rows of X per pass over row i.
  // Column blocks of X keep the rows being re-read in cache.
  const KB = 64;
  for (let c0 = 0; c0 < k; c0 += KB) {
    const c1 = Math.min(k, c0 + KB);
    for (let i = 1; i < n; i++) subRows(f, i * n, 0, i, x, i * k, k, c0, c1);
    for (let i = n - 1; i >= 0; i--) {
      subRows(f, i * n, i + 1, n, x, i * k, k, c0, c1);
      const d = 1 / f[i * n + i]!, xi = i * k;
      for (let c = c0; c < c1; c++) x[xi + c]! *= d;
    }
  }
}

/** x[xi + c] -= Σ_{j in [j0, j1)} f[fi + j] · x[j·k + c] for c in [c0, c1). */
function subRows(f: Float64Array, fi: number, j0: number, j1: number, x: Float64Array, xi: number, k: number,
  c0: number, c1: number): void {
  let j = j0;
  for (; j + 3 < j1; j += 4) {
    const l0 = f[fi + j]!, l1 = f[fi + j + 1]!, l2 = f[fi + j + 2]!, l3 = f[fi + j + 3]!;
    const x0 = j * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
    for (let c = c0; c < c1; c++) x[xi + c]! -= l0 * x[x0 + c]! + l1 * x[x1 + c]! + l2 * x[x2 + c]! + l3 * x[x3 + c]!;
  }
  for (; j < j1; j++) {
    const l0 = f[fi + j]!;
    if (l0 === 0) continue;
    const x0 = j * k;
    for (let c = c0; c < c1; c++) x[xi + c]! -= l0 * x[x0 + c]!;
  }
}

function singular(fn: string, b: number, pivot: number): LinAlgError {
  return new LinAlgError('singular', b, pivot,
    `${fn}: matrix ${b} of the batch is singular (exact zero pivot in column ${pivot} of its LU factorisation)`);
}

/**
 * Solves A X = B for a batch: `a` is batch×n×n, `b` is batch×n×k (row-major); returns X, batch×n×k.
 * Throws `LinAlgError('singular')` naming the batch index and pivot when some A has an exact zero pivot.
 */
export function solve(a: Float64Array, b: Float64Array, batch: number, n: number, k: number): Float64Array {
  const out = new Float64Array(batch * n * k);
  const f = new Float64Array(n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(t * n * n, (t + 1) * n * n));
    const { zeroPivot } = luInPlace(f, 0, n, perm);
    if (zeroPivot >= 0) throw singular('solve', t, zeroPivot);
    const x = out.subarray(t * n * k, (t + 1) * n * k);
    const bo = t * n * k;
    for (let i = 0; i < n; i++) x.set(b.subarray(bo + perm[i]! * k, bo + perm[i]! * k + k), i * k);
    luSolveInPlace(f, n, x, k);
  }
  return out;
}

/** Inverse of each n×n matrix of a batch (row-major). Throws `LinAlgError('singular')` like `solve`. */
export function inv(a: Float64Array, batch: number, n: number): Float64Array {
  const out = new Float64Array(batch * n * n);
  const f = new Float64Array(n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(t * n * n, (t + 1) * n * n));
    const { zeroPivot } = luInPlace(f, 0, n, perm);
    if (zeroPivot >= 0) throw singular('inv', t, zeroPivot);
    const x = out.subarray(t * n * n, (t + 1) * n * n);
    for (let i = 0; i < n; i++) x[i * n + perm[i]!] = 1;
    luSolveInPlace(f, n, x, n);
  }
  return out;
}

/** Determinant of each n×n matrix (length `batch`); exactly 0 for an exactly singular factorisation. */
export function det(a: Float64Array, batch: number, n: number): Float64Array {
  const out = new Float64Array(batch);
  const f = new Float64Array(n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(t * n * n, (t + 1) * n * n));
    const { parity, zeroPivot } = luInPlace(f, 0, n, perm);
    if (zeroPivot >= 0) { out[t] = 0; continue; }
    let d = parity;
    for (let i = 0; i < n; i++) d *= f[i * n + i]!;
    out[t] = d;
  }
  return out;
}

/**
 * Sign and natural log of |det| of each n×n matrix. Singular: sign 0, logabsdet -Infinity (as NumPy).
 * Empty (n = 0): sign 1, logabsdet 0.
 */
export function slogdet(a: Float64Array, batch: number, n: number): { sign: Float64Array; logabsdet: Float64Array } {
  const sign = new Float64Array(batch), logabsdet = new Float64Array(batch);
  const f = new Float64Array(n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(t * n * n, (t + 1) * n * n));
    const { parity, zeroPivot } = luInPlace(f, 0, n, perm);
    if (zeroPivot >= 0) { sign[t] = 0; logabsdet[t] = -Infinity; continue; }
    let s = parity, l = 0;
    for (let i = 0; i < n; i++) {
      const d = f[i * n + i]!;
      if (d < 0) s = -s;
      l += Math.log(Math.abs(d));
    }
    sign[t] = s; logabsdet[t] = l;
  }
  return { sign, logabsdet };
}

// ---------------------------------------------------------------- complex (interleaved re, im)

function luInPlaceC(a: Float64Array, n: number, perm: Int32Array): { parity: number; zeroPivot: number } {
  let parity = 1;
  let zeroPivot = -1;
  const n2 = 2 * n;
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k;
    // LAPACK's izamax uses |re| + |im|.
    let best = Math.abs(a[k * n2 + 2 * k]!) + Math.abs(a[k * n2 + 2 * k + 1]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n2 + 2 * k]!) + Math.abs(a[i * n2 + 2 * k + 1]!);
      if (v > best) { best = v; p = i; }
    }
    if (p !== k) {
      const rk = k * n2, rp = p * n2;
      for (let j = 0; j < n2; j++) { const t = a[rk + j]!; a[rk + j] = a[rp + j]!; a[rp + j] = t; }
      const t = perm[k]!; perm[k] = perm[p]!; perm[p] = t;
      parity = -parity;
    }
    const rk = k * n2;
    const pr = a[rk + 2 * k]!, pi = a[rk + 2 * k + 1]!;
    if (pr === 0 && pi === 0) { if (zeroPivot < 0) zeroPivot = k; continue; }
    const [ir, ii] = cinv(pr, pi);
    for (let i = k + 1; i < n; i++) {
      const ri = i * n2;
      const xr = a[ri + 2 * k]!, xi = a[ri + 2 * k + 1]!;
      const lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
      a[ri + 2 * k] = lr; a[ri + 2 * k + 1] = li;
      if (lr === 0 && li === 0) continue;
      for (let j = 2 * (k + 1); j < n2; j += 2) {
        const ur = a[rk + j]!, ui = a[rk + j + 1]!;
        a[ri + j]! -= lr * ur - li * ui;
        a[ri + j + 1]! -= lr * ui + li * ur;
      }
    }
  }
  return { parity, zeroPivot };
}

/** 1/(re + i im) without needless overflow (Smith's method). */
export function cinv(re: number, im: number): [number, number] {
  if (Math.abs(re) >= Math.abs(im)) {
    const r = im / re, d = re + im * r;
    return [1 / d, -r / d];
  }
  const r = re / im, d = re * r + im;
  return [r / d, -1 / d];
}

function luSolveInPlaceC(f: Float64Array, n: number, x: Float64Array, k: number): void {
  const n2 = 2 * n, k2 = 2 * k;
  for (let i = 1; i < n; i++) {
    const xi = i * k2;
    for (let j = 0; j < i; j++) {
      const lr = f[i * n2 + 2 * j]!, li = f[i * n2 + 2 * j + 1]!;
      if (lr === 0 && li === 0) continue;
      const xj = j * k2;
      for (let c = 0; c < k2; c += 2) {
        const yr = x[xj + c]!, yi = x[xj + c + 1]!;
        x[xi + c]! -= lr * yr - li * yi;
        x[xi + c + 1]! -= lr * yi + li * yr;
      }
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const xi = i * k2;
    for (let j = i + 1; j < n; j++) {
      const ur = f[i * n2 + 2 * j]!, ui = f[i * n2 + 2 * j + 1]!;
      if (ur === 0 && ui === 0) continue;
      const xj = j * k2;
      for (let c = 0; c < k2; c += 2) {
        const yr = x[xj + c]!, yi = x[xj + c + 1]!;
        x[xi + c]! -= ur * yr - ui * yi;
        x[xi + c + 1]! -= ur * yi + ui * yr;
      }
    }
    const [dr, di] = cinv(f[i * n2 + 2 * i]!, f[i * n2 + 2 * i + 1]!);
    for (let c = 0; c < k2; c += 2) {
      const yr = x[xi + c]!, yi = x[xi + c + 1]!;
      x[xi + c] = yr * dr - yi * di;
      x[xi + c + 1] = yr * di + yi * dr;
    }
  }
}

/** Complex `solve`: `a` batch×n×n, `b` batch×n×k, interleaved; returns X interleaved. */
export function solveComplex(a: Float64Array, b: Float64Array, batch: number, n: number, k: number): Float64Array {
  const out = new Float64Array(2 * batch * n * k);
  const f = new Float64Array(2 * n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(2 * t * n * n, 2 * (t + 1) * n * n));
    const { zeroPivot } = luInPlaceC(f, n, perm);
    if (zeroPivot >= 0) throw singular('solve', t, zeroPivot);
    const x = out.subarray(2 * t * n * k, 2 * (t + 1) * n * k);
    const bo = 2 * t * n * k;
    for (let i = 0; i < n; i++) x.set(b.subarray(bo + 2 * perm[i]! * k, bo + 2 * (perm[i]! + 1) * k), 2 * i * k);
    luSolveInPlaceC(f, n, x, k);
  }
  return out;
}

/** Complex `inv` (interleaved). */
export function invComplex(a: Float64Array, batch: number, n: number): Float64Array {
  const out = new Float64Array(2 * batch * n * n);
  const f = new Float64Array(2 * n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(2 * t * n * n, 2 * (t + 1) * n * n));
    const { zeroPivot } = luInPlaceC(f, n, perm);
    if (zeroPivot >= 0) throw singular('inv', t, zeroPivot);
    const x = out.subarray(2 * t * n * n, 2 * (t + 1) * n * n);
    for (let i = 0; i < n; i++) x[2 * (i * n + perm[i]!)] = 1;
    luSolveInPlaceC(f, n, x, n);
  }
  return out;
}

/** Complex determinants, interleaved (length 2·batch). */
export function detComplex(a: Float64Array, batch: number, n: number): Float64Array {
  const out = new Float64Array(2 * batch);
  const f = new Float64Array(2 * n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(2 * t * n * n, 2 * (t + 1) * n * n));
    const { parity, zeroPivot } = luInPlaceC(f, n, perm);
    if (zeroPivot >= 0) continue;
    let dr = parity, di = 0;
    for (let i = 0; i < n; i++) {
      const ur = f[2 * (i * n + i)]!, ui = f[2 * (i * n + i) + 1]!;
      const r = dr * ur - di * ui; di = dr * ui + di * ur; dr = r;
    }
    out[2 * t] = dr; out[2 * t + 1] = di;
  }
  return out;
}

/** Complex slogdet: `sign` interleaved complex of modulus 1 (0 when singular), `logabsdet` real. */
export function slogdetComplex(a: Float64Array, batch: number, n: number): { sign: Float64Array; logabsdet: Float64Array } {
  const sign = new Float64Array(2 * batch), logabsdet = new Float64Array(batch);
  const f = new Float64Array(2 * n * n);
  const perm = new Int32Array(n);
  for (let t = 0; t < batch; t++) {
    f.set(a.subarray(2 * t * n * n, 2 * (t + 1) * n * n));
    const { parity, zeroPivot } = luInPlaceC(f, n, perm);
    if (zeroPivot >= 0) { logabsdet[t] = -Infinity; continue; }
    let sr = parity, si = 0, l = 0;
    for (let i = 0; i < n; i++) {
      const ur = f[2 * (i * n + i)]!, ui = f[2 * (i * n + i) + 1]!;
      const ab = Math.hypot(ur, ui);
      l += Math.log(ab);
      const pr = ur / ab, pi = ui / ab;
      const r = sr * pr - si * pi; si = sr * pi + si * pr; sr = r;
    }
    // Renormalise the accumulated phase (rounding drift over n products).
    const ab = Math.hypot(sr, si);
    sign[2 * t] = sr / ab; sign[2 * t + 1] = si / ab;
    logabsdet[t] = l;
  }
  return { sign, logabsdet };
}
