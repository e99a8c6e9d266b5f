/**
 * Householder QR (LAPACK geqrf/orgqr conventions, so Q and R match NumPy's up to rounding):
 * H_k = I - tau·v·vᴴ with v[k] = 1, R[k,k] = beta = -sign(Re a_kk)·‖a_k‖ (real for complex input).
 * Works for m ≥ n and m < n. Real: row-major Float64Array; complex: interleaved (re, im).
 */

export type QRMode = 'reduced' | 'complete' | 'r';

export interface QRResult {
  /** batch×m×qCols (absent in mode 'r'): qCols = min(m,n) for 'reduced', m for 'complete'. */
  q?: Float64Array;
  /** batch×rRows×n upper-trapezoidal: rRows = min(m,n) for 'reduced' and 'r', m for 'complete'. */
  r: Float64Array;
  qCols: number;
  rRows: number;
}

function norm2(x: Float64Array, from: number, to: number, step: number): number {
  // Scaled sum of squares: no overflow/underflow for extreme magnitudes.
  let scale = 0, ssq = 1;
  for (let i = from; i < to; i += step) {
    const v = x[i]!;
    if (v !== 0) {
      const av = Math.abs(v);
      if (scale < av) { ssq = 1 + ssq * (scale / av) ** 2; scale = av; } else ssq += (av / scale) ** 2;
    }
  }
  return scale * Math.sqrt(ssq);
}

/** QR of each m×n matrix of a real batch. */
export function qr(a: Float64Array, batch: number, m: number, n: number, mode: QRMode = 'reduced'): QRResult {
  const kmax = Math.min(m, n);
  const qCols = mode === 'complete' ? m : kmax;
  const rRows = mode === 'complete' ? m : kmax;
  const r = new Float64Array(batch * rRows * n);
  const q = mode === 'r' ? undefined : new Float64Array(batch * m * qCols);
  const at = new Float64Array(m * n);
  const tau = new Float64Array(kmax);
  const qt = new Float64Array(m * qCols);
  for (let t = 0; t < batch; t++) {
    const o = t * m * n;
    // Column-major working copy: Householder reflections then touch contiguous memory.
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) at[j * m + i] = a[o + i * n + j]!;
    for (let k = 0; k < kmax; k++) {
      const c = k * m;
      const alpha = at[c + k]!;
      const xnorm = norm2(at, c + k + 1, c + m, 1);
      if (xnorm === 0) { tau[k] = 0; continue; }
      const h = Math.hypot(alpha, xnorm);
      const beta = alpha >= 0 ? -h : h;
      tau[k] = (beta - alpha) / beta;
      const sc = 1 / (alpha - beta);
      for (let i = c + k + 1; i < c + m; i++) at[i]! *= sc;
      at[c + k] = beta;
      const tk = tau[k]!;
      for (let j = k + 1; j < n; j++) {
        const cj = j * m;
        let w = at[cj + k]!;
        for (let i = k + 1; i < m; i++) w += at[c + i]! * at[cj + i]!;
        w *= tk;
        at[cj + k]! -= w;
        for (let i = k + 1; i < m; i++) at[cj + i]! -= w * at[c + i]!;
      }
    }
    const ro = t * rRows * n;
    for (let i = 0; i < kmax; i++) for (let j = i; j < n; j++) r[ro + i * n + j] = at[j * m + i]!;
    if (!q) continue;
    qt.fill(0);
    for (let j = 0; j < qCols; j++) qt[j * m + j] = 1;
    for (let k = kmax - 1; k >= 0; k--) {
      const tk = tau[k]!;
      if (tk === 0) continue;
      const c = k * m;
      for (let j = k; j < qCols; j++) {
        const cj = j * m;
        let w = qt[cj + k]!;
        for (let i = k + 1; i < m; i++) w += at[c + i]! * qt[cj + i]!;
        w *= tk;
        qt[cj + k]! -= w;
        for (let i = k + 1; i < m; i++) qt[cj + i]! -= w * at[c + i]!;
      }
    }
    const qo = t * m * qCols;
    for (let i = 0; i < m; i++) for (let j = 0; j < qCols; j++) q[qo + i * qCols + j] = qt[j * m + i]!;
  }
  return q ? { q, r, qCols, rRows } : { r, qCols, rRows };
}

/** QR of each m×n matrix of a complex batch (interleaved re, im). */
export function qrComplex(a: Float64Array, batch: number, m: number, n: number, mode: QRMode = 'reduced'): QRResult {
  const kmax = Math.min(m, n);
  const qCols = mode === 'complete' ? m : kmax;
  const rRows = mode === 'complete' ? m : kmax;
  const r = new Float64Array(2 * batch * rRows * n);
  const q = mode === 'r' ? undefined : new Float64Array(2 * batch * m * qCols);
  const m2 = 2 * m;
  const at = new Float64Array(2 * m * n);
  const tau = new Float64Array(2 * kmax);
  const qt = new Float64Array(2 * m * qCols);
  for (let t = 0; t < batch; t++) {
    const o = 2 * t * m * n;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      at[j * m2 + 2 * i] = a[o + 2 * (i * n + j)]!;
      at[j * m2 + 2 * i + 1] = a[o + 2 * (i * n + j) + 1]!;
    }
    for (let k = 0; k < kmax; k++) {
      const c = k * m2;
      const ar = at[c + 2 * k]!, ai = at[c + 2 * k + 1]!;
      const xnorm = norm2(at, c + 2 * k + 2, c + m2, 1); // re and im parts together
      if (xnorm === 0 && ai === 0) { tau[2 * k] = 0; tau[2 * k + 1] = 0; continue; }
      const h = Math.hypot(ar, ai, xnorm);
      const beta = ar >= 0 ? -h : h;
      const tr = (beta - ar) / beta, ti = -ai / beta;
      tau[2 * k] = tr; tau[2 * k + 1] = ti;
      // v = x / (alpha - beta)
      const dr = ar - beta, di = ai;
      const den = dr * dr + di * di;
      const sr = dr / den, si = -di / den;
      for (let i = c + 2 * k + 2; i < c + m2; i += 2) {
        const xr = at[i]!, xi = at[i + 1]!;
        at[i] = xr * sr - xi * si; at[i + 1] = xr * si + xi * sr;
      }
      at[c + 2 * k] = beta; at[c + 2 * k + 1] = 0;
      // Apply Hᴴ = I - conj(tau) v vᴴ to the remaining columns.
      for (let j = k + 1; j < n; j++) {
        const cj = j * m2;
        let wr = at[cj + 2 * k]!, wi = at[cj + 2 * k + 1]!;
        for (let i = 2 * k + 2; i < m2; i += 2) {
          const vr = at[c + i]!, vi = at[c + i + 1]!, yr = at[cj + i]!, yi = at[cj + i + 1]!;
          wr += vr * yr + vi * yi; wi += vr * yi - vi * yr;
        }
        const zr = tr * wr + ti * wi, zi = tr * wi - ti * wr; // conj(tau)·w
        at[cj + 2 * k]! -= zr; at[cj + 2 * k + 1]! -= zi;
        for (let i = 2 * k + 2; i < m2; i += 2) {
          const vr = at[c + i]!, vi = at[c + i + 1]!;
          at[cj + i]! -= zr * vr - zi * vi; at[cj + i + 1]! -= zr * vi + zi * vr;
        }
      }
    }
    const ro = 2 * t * rRows * n;
    for (let i = 0; i < kmax; i++) for (let j = i; j < n; j++) {
      r[ro + 2 * (i * n + j)] = at[j * m2 + 2 * i]!;
      r[ro + 2 * (i * n + j) + 1] = at[j * m2 + 2 * i + 1]!;
    }
    if (!q) continue;
    qt.fill(0);
    for (let j = 0; j < qCols; j++) qt[j * m2 + 2 * j] = 1;
    for (let k = kmax - 1; k >= 0; k--) {
      const tr = tau[2 * k]!, ti = tau[2 * k + 1]!;
      if (tr === 0 && ti === 0) continue;
      const c = k * m2;
      for (let j = k; j < qCols; j++) {
        const cj = j * m2;
        let wr = qt[cj + 2 * k]!, wi = qt[cj + 2 * k + 1]!;
        for (let i = 2 * k + 2; i < m2; i += 2) {
          const vr = at[c + i]!, vi = at[c + i + 1]!, yr = qt[cj + i]!, yi = qt[cj + i + 1]!;
          wr += vr * yr + vi * yi; wi += vr * yi - vi * yr;
        }
        const zr = tr * wr - ti * wi, zi = tr * wi + ti * wr; // tau·w
        qt[cj + 2 * k]! -= zr; qt[cj + 2 * k + 1]! -= zi;
        for (let i = 2 * k + 2; i < m2; i += 2) {
          const vr = at[c + i]!, vi = at[c + i + 1]!;
          qt[cj + i]! -= zr * vr - zi * vi; qt[cj + i + 1]! -= zr * vi + zi * vr;
        }
      }
    }
    const qo = 2 * t * m * qCols;
    for (let i = 0; i < m; i++) for (let j = 0; j < qCols; j++) {
      q[qo + 2 * (i * qCols + j)] = qt[j * m2 + 2 * i]!;
      q[qo + 2 * (i * qCols + j) + 1] = qt[j * m2 + 2 * i + 1]!;
    }
  }
  return q ? { q, r, qCols, rRows } : { r, qCols, rRows };
}
