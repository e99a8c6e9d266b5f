/**
 * Symmetric / Hermitian eigen-decomposition A = V·diag(w)·Vᴴ, eigenvalues ascending, reading only the
 * lower triangle of A (NumPy's UPLO='L').
 *
 * Real: Householder tridiagonalisation + implicit-shift QL (the EISPACK tred2/tql2 algorithm), with
 * the eigenvector matrix kept transposed internally so every inner loop runs over contiguous memory.
 * Complex: cyclic Jacobi with complex (phase) rotations; O(n³) per sweep, meant for modest n.
 */
import { LinAlgError } from './errors.js';

export interface EighResult {
  /** batch×n eigenvalues, ascending. */
  w: Float64Array;
  /** batch×n×n row-major, eigenvectors in columns (interleaved complex for `eighComplex`); absent when not asked for. */
  v?: Float64Array;
}

const EPS = 2 ** -52;

function noConv(fn: string, b: number): LinAlgError {
  return new LinAlgError('no-convergence', b, -1,
    `${fn}: eigenvalue iteration did not converge for matrix ${b} of the batch (non-finite input?)`);
}

/** Real symmetric eigh of each n×n matrix; `vectors = false` computes eigenvalues only (eigvalsh). */
export function eigh(a: Float64Array, batch: number, n: number, vectors = true): EighResult {
  const w = new Float64Array(batch * n);
  const v = vectors ? new Float64Array(batch * n * n) : undefined;
  const z = new Float64Array(n * n); // z[c*n + r] = V[r][c]
  const d = new Float64Array(n), e = new Float64Array(n);
  for (let t = 0; t < batch; t++) {
    const o = t * n * n;
    for (let r = 0; r < n; r++) for (let c = 0; c <= r; c++) {
      const x = a[o + r * n + c]!;
      z[c * n + r] = x; z[r * n + c] = x;
    }
    if (n === 0) continue;
    tred2(z, n, d, e, vectors);
    if (!tql2(z, n, d, e, vectors)) throw noConv('eigh', t);
    w.set(d, t * n);
    if (v) for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) v[o + r * n + c] = z[c * n + r]!;
  }
  return v ? { w, v } : { w };
}

/** Householder reduction to tridiagonal form (d: diagonal, e[1..n-1]: sub-diagonal). z = Vᵀ. */
function tred2(z: Float64Array, n: number, d: Float64Array, e: Float64Array, vectors: boolean): void {
  for (let j = 0; j < n; j++) d[j] = z[j * n + n - 1]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0, h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = z[j * n + i - 1]!;
        z[j * n + i] = 0; z[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) { d[k]! /= scale; h += d[k]! * d[k]!; }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        z[i * n + j] = f;
        const zj = j * n;
        g = e[j]! + z[zj + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += z[zj + k]! * d[k]!;
          e[k]! += z[zj + k]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) { e[j]! /= h; f += e[j]! * d[j]!; }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!; g = e[j]!;
        const zj = j * n;
        for (let k = j; k <= i - 1; k++) z[zj + k]! -= f * e[k]! + g * d[k]!;
        d[j] = z[zj + i - 1]!;
        z[zj + i] = 0;
      }
    }
    d[i] = h;
  }
  if (!vectors) {
    // Without accumulation the tridiagonal diagonal sits on z's diagonal.
    for (let i = 0; i < n; i++) d[i] = z[i * n + i]!;
    e[0] = 0;
    return;
  }
  for (let i = 0; i < n - 1; i++) {
    z[i * n + n - 1] = z[i * n + i]!;
    z[i * n + i] = 1;
    const h = d[i + 1]!;
    const zi1 = (i + 1) * n;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = z[zi1 + k]! / h;
      for (let j = 0; j <= i; j++) {
        const zj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += z[zi1 + k]! * z[zj + k]!;
        for (let k = 0; k <= i; k++) z[zj + k]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) z[zi1 + k] = 0;
  }
  for (let j = 0; j < n; j++) { d[j] = z[j * n + n - 1]!; z[j * n + n - 1] = 0; }
  z[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Implicit QL on the tridiagonal (d, e); accumulates rotations into the rows of z. Sorts ascending. */
function tql2(z: Float64Array, n: number, d: Float64Array, e: Float64Array, vectors: boolean): boolean {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0, tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= EPS * tst1) break;
      m++;
    }
    if (m === n) return false; // only with NaN
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) return false;
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
        const el1 = e[l + 1]!;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2; c2 = c; s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          if (vectors) {
            const zi = i * n, zi1 = zi + n;
            for (let k = 0; k < n; k++) {
              const x = z[zi1 + k]!, y = z[zi + k]!;
              z[zi1 + k] = s * y + c * x;
              z[zi + k] = c * y - s * x;
            }
          }
        }
        p = -s * s2 * c3 * el1 * e[l]! / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!Number.isFinite(p)) return false;
      } while (Math.abs(e[l]!) > EPS * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i, p = d[i]!;
    for (let j = i + 1; j < n; j++) if (d[j]! < p) { k = j; p = d[j]!; }
    if (k !== i) {
      d[k] = d[i]!; d[i] = p;
      if (vectors) {
        const zi = i * n, zk = k * n;
        for (let j = 0; j < n; j++) { const x = z[zi + j]!; z[zi + j] = z[zk + j]!; z[zk + j] = x; }
      }
    }
  }
  return true;
}

/** Complex Hermitian eigh (interleaved input and eigenvectors; eigenvalues real). */
export function eighComplex(a: Float64Array, batch: number, n: number, vectors = true): EighResult {
  const w = new Float64Array(batch * n);
  const v = vectors ? new Float64Array(2 * batch * n * n) : undefined;
  const n2 = 2 * n;
  const h = new Float64Array(2 * n * n);
  const q = new Float64Array(2 * n * n);
  const order: number[] = [];
  for (let t = 0; t < batch; t++) {
    const o = 2 * t * n * n;
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < r; c++) {
        const xr = a[o + r * n2 + 2 * c]!, xi = a[o + r * n2 + 2 * c + 1]!;
        h[r * n2 + 2 * c] = xr; h[r * n2 + 2 * c + 1] = xi;
        h[c * n2 + 2 * r] = xr; h[c * n2 + 2 * r + 1] = -xi;
      }
      h[r * n2 + 2 * r] = a[o + r * n2 + 2 * r]!; h[r * n2 + 2 * r + 1] = 0;
    }
    q.fill(0);
    for (let i = 0; i < n; i++) q[i * n2 + 2 * i] = 1;
    let sweep = 0;
    for (;;) {
      let rotated = false;
      for (let p = 0; p < n - 1; p++) for (let qq = p + 1; qq < n; qq++) {
        const br = h[p * n2 + 2 * qq]!, bi = h[p * n2 + 2 * qq + 1]!;
        const g = Math.hypot(br, bi);
        if (g === 0) continue;
        const app = h[p * n2 + 2 * p]!, aqq = h[qq * n2 + 2 * qq]!;
        // Negligible next to both diagonal entries: leave it (Numerical Recipes' test).
        if (sweep > 3 && Math.abs(app) + 100 * g === Math.abs(app) && Math.abs(aqq) + 100 * g === Math.abs(aqq)) {
          h[p * n2 + 2 * qq] = 0; h[p * n2 + 2 * qq + 1] = 0; h[qq * n2 + 2 * p] = 0; h[qq * n2 + 2 * p + 1] = 0;
          continue;
        }
        rotated = true;
        const er = br / g, ei = bi / g; // e^{iφ}
        const theta = (aqq - app) / (2 * g);
        const tt = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(1 + tt * tt), s = tt * c;
        // Columns: A[:,p] = c x - s e^{-iφ} y ; A[:,q] = s x + c e^{-iφ} y  (same for Q).
        rotCols(h, n, p, qq, c, s, er, -ei);
        if (vectors) rotCols(q, n, p, qq, c, s, er, -ei);
        // Rows: A[p,:] = c x - s e^{iφ} y ; A[q,:] = s x + c e^{iφ} y.
        const rp = p * n2, rq = qq * n2;
        for (let k = 0; k < n2; k += 2) {
          const xr = h[rp + k]!, xi = h[rp + k + 1]!, yr = h[rq + k]!, yi = h[rq + k + 1]!;
          const zr = er * yr - ei * yi, zi = er * yi + ei * yr;
          h[rp + k] = c * xr - s * zr; h[rp + k + 1] = c * xi - s * zi;
          h[rq + k] = s * xr + c * zr; h[rq + k + 1] = s * xi + c * zi;
        }
        h[rp + 2 * qq] = 0; h[rp + 2 * qq + 1] = 0; h[rq + 2 * p] = 0; h[rq + 2 * p + 1] = 0;
        h[rp + 2 * p + 1] = 0; h[rq + 2 * qq + 1] = 0;
      }
      if (!rotated) break;
      if (++sweep > 100) throw noConv('eigh', t);
    }
    order.length = 0;
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((x, y) => h[x * n2 + 2 * x]! - h[y * n2 + 2 * y]!);
    for (let i = 0; i < n; i++) {
      const dv = h[order[i]! * n2 + 2 * order[i]!]!;
      if (!Number.isFinite(dv)) throw noConv('eigh', t);
      w[t * n + i] = dv;
    }
    if (v) for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
      v[o + r * n2 + 2 * c] = q[r * n2 + 2 * order[c]!]!;
      v[o + r * n2 + 2 * c + 1] = q[r * n2 + 2 * order[c]! + 1]!;
    }
  }
  return v ? { w, v } : { w };
}

/** [col p, col q] ← [c x - s·u·y, s x + c·u·y] with u = ur + i·ui, over all n rows (row-major complex). */
function rotCols(x: Float64Array, n: number, p: number, q: number, c: number, s: number, ur: number, ui: number): void {
  const n2 = 2 * n;
  for (let k = 0; k < n; k++) {
    const ip = k * n2 + 2 * p, iq = k * n2 + 2 * q;
    const xr = x[ip]!, xi = x[ip + 1]!, yr = x[iq]!, yi = x[iq + 1]!;
    const zr = ur * yr - ui * yi, zi = ur * yi + ui * yr;
    x[ip] = c * xr - s * zr; x[ip + 1] = c * xi - s * zi;
    x[iq] = s * xr + c * zr; x[iq + 1] = s * xi + c * zi;
  }
}
