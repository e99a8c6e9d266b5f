/**
 * Singular value decomposition A = U·diag(S)·Vh, singular values descending.
 *
 * Real: Golub–Kahan Householder bidiagonalisation + implicit-shift QR on the bidiagonal (the LINPACK
 * dsvdc algorithm), run on column-major working copies so that every Householder and Givens update
 * touches contiguous memory. m < n is handled through Aᵀ = V·S·Uᵀ.
 * Complex: one-sided (Hestenes) Jacobi with complex rotations; robust, O(n³) per sweep, for modest n.
 */
import { LinAlgError } from './errors.js';

export interface SVDResult {
  /** batch×m×uCols row-major: uCols = m when fullMatrices, else min(m,n). Absent when computeUV is false. */
  u?: Float64Array;
  /** batch×min(m,n), descending. */
  s: Float64Array;
  /** batch×vRows×n row-major: vRows = n when fullMatrices, else min(m,n). Absent when computeUV is false. */
  vh?: Float64Array;
  uCols: number;
  vRows: number;
}

export interface SVDOptions {
  fullMatrices?: boolean;
  computeUV?: boolean;
}

const EPS = 2 ** -52;
const TINY = 2 ** -966;

function noConv(b: number): LinAlgError {
  return new LinAlgError('no-convergence', b, -1,
    `svd: singular value iteration did not converge for matrix ${b} of the batch (non-finite input?)`);
}

function allFinite(x: Float64Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!Number.isFinite(x[i]!)) return false;
  return true;
}

/** SVD of each m×n matrix of a real row-major batch. Throws `LinAlgError('no-convergence')` on NaN/Inf. */
export function svd(a: Float64Array, batch: number, m: number, n: number, opts: SVDOptions = {}): SVDResult {
  const full = opts.fullMatrices ?? true;
  const wantUV = opts.computeUV ?? true;
  const k = Math.min(m, n);
  const uCols = full ? m : k, vRows = full ? n : k;
  const s = new Float64Array(batch * k);
  const u = wantUV ? new Float64Array(batch * m * uCols) : undefined;
  const vh = wantUV ? new Float64Array(batch * vRows * n) : undefined;
  if (k === 0) {
    // Empty: only the identity parts of full U / Vh exist.
    if (u) for (let t = 0; t < batch; t++) for (let i = 0; i < Math.min(m, uCols); i++) u[t * m * uCols + i * uCols + i] = 1;
    if (vh) for (let t = 0; t < batch; t++) for (let i = 0; i < Math.min(n, vRows); i++) vh[t * vRows * n + i * n + i] = 1;
    return u && vh ? { u, s, vh, uCols, vRows } : { s, uCols, vRows };
  }
  // Work on a tall matrix R (rows ≥ cols): R = A if m ≥ n, else Aᵀ. Column-major R.
  const tall = m >= n;
  const rm = tall ? m : n, rn = tall ? n : m;
  const ncu = full ? rm : rn; // columns of the tall problem's U
  const rc = new Float64Array(rm * rn);
  const uc = new Float64Array(rm * ncu);
  const vc = new Float64Array(rn * rn);
  const sv = new Float64Array(rn);
  const e = new Float64Array(rn), work = new Float64Array(rm);
  const tmp = new Float64Array(wantUV ? rm * Math.max(ncu, rn) : 0);
  for (let t = 0; t < batch; t++) {
    const o = t * m * n;
    if (!allFinite(a, o, o + m * n)) throw noConv(t);
    if (tall) { for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) rc[j * m + i] = a[o + i * n + j]!; }
    else rc.set(a.subarray(o, o + m * n)); // column-major Aᵀ is row-major A
    if (!dsvdc(rc, rm, rn, sv, e, work, uc, ncu, vc, wantUV, tmp)) throw noConv(t);
    s.set(sv, t * k);
    if (!u || !vh) continue;
    const uo = t * m * uCols, vo = t * vRows * n;
    // uc (rm×ncu) and vc (rn×rn) are row-major now.
    if (tall) {
      u.set(uc.subarray(0, m * uCols), uo);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vh[vo + i * n + j] = vc[j * n + i]!;
    } else {
      // A = V'·S·U'ᵀ: U = V' (m×m), Vh = U'ᵀ.
      u.set(vc.subarray(0, m * m), uo);
      for (let i = 0; i < vRows; i++) for (let j = 0; j < n; j++) vh[vo + i * n + j] = uc[j * ncu + i]!;
    }
  }
  return u && vh ? { u, s, vh, uCols, vRows } : { s, uCols, vRows };
}

/** Singular values only (descending), batch×min(m,n). */
export function svdvals(a: Float64Array, batch: number, m: number, n: number): Float64Array {
  return svd(a, batch, m, n, { computeUV: false }).s;
}

/**
 * LINPACK-style SVD of a column-major m×n matrix x with m ≥ n ≥ 1 (x is destroyed).
 * s: n values; on return u is row-major m×ncu (ncu = n or m) and v row-major n×n (both built
 * column-major first); tmpU: scratch of m·max(ncu, n). Returns false on no convergence.
 */
function dsvdc(x: Float64Array, m: number, n: number, s: Float64Array, e: Float64Array, work: Float64Array,
  u: Float64Array, ncu: number, v: Float64Array, want: boolean, tmpU: Float64Array): boolean {
  const nct = Math.min(m - 1, n);
  const nrt = Math.max(0, Math.min(n - 2, m));
  s.fill(0); e.fill(0);
  for (let k = 0; k < Math.max(nct, nrt); k++) {
    const ck = k * m;
    if (k < nct) {
      // Householder for column k; s[k] gets the diagonal.
      let nrm = 0;
      for (let i = k; i < m; i++) nrm = Math.hypot(nrm, x[ck + i]!);
      if (nrm !== 0) {
        if (x[ck + k]! < 0) nrm = -nrm;
        const inv = 1 / nrm;
        for (let i = k; i < m; i++) x[ck + i]! *= inv;
        x[ck + k]! += 1;
      }
      s[k] = -nrm;
    }
    for (let j = k + 1; j < n; j++) {
      const cj = j * m;
      if (k < nct && s[k] !== 0) {
        let t = 0;
        for (let i = k; i < m; i++) t += x[ck + i]! * x[cj + i]!;
        t = -t / x[ck + k]!;
        for (let i = k; i < m; i++) x[cj + i]! += t * x[ck + i]!;
      }
      e[j] = x[cj + k]!;
    }
    if (want && k < nct) for (let i = k; i < m; i++) u[ck + i] = x[ck + i]!;
    if (k < nrt) {
      // Householder for row k; e[k] gets the super-diagonal.
      let nrm = 0;
      for (let i = k + 1; i < n; i++) nrm = Math.hypot(nrm, e[i]!);
      if (nrm !== 0) {
        if (e[k + 1]! < 0) nrm = -nrm;
        const inv = 1 / nrm;
        for (let i = k + 1; i < n; i++) e[i]! *= inv;
        e[k + 1]! += 1;
      }
      e[k] = -nrm;
      if (k + 1 < m && nrm !== 0) {
        for (let i = k + 1; i < m; i++) work[i] = 0;
        for (let j = k + 1; j < n; j++) {
          const ej = e[j]!, cj = j * m;
          for (let i = k + 1; i < m; i++) work[i]! += ej * x[cj + i]!;
        }
        const ek1 = e[k + 1]!;
        for (let j = k + 1; j < n; j++) {
          const t = -e[j]! / ek1, cj = j * m;
          for (let i = k + 1; i < m; i++) x[cj + i]! += t * work[i]!;
        }
      }
      if (want) for (let i = k + 1; i < n; i++) v[k * n + i] = e[i]!;
    }
  }
  let p = n; // min(n, m+1) with m ≥ n
  if (nct < n) s[nct] = x[nct * m + nct]!;
  if (m < p) s[p - 1] = 0;
  if (nrt + 1 < p) e[nrt] = x[(p - 1) * m + nrt]!;
  e[p - 1] = 0;

  if (want) {
    for (let j = nct; j < ncu; j++) {
      u.fill(0, j * m, (j + 1) * m);
      u[j * m + j] = 1;
    }
    for (let k = nct - 1; k >= 0; k--) {
      const ck = k * m;
      if (s[k] !== 0) {
        for (let j = k + 1; j < ncu; j++) {
          const cj = j * m;
          let t = 0;
          for (let i = k; i < m; i++) t += u[ck + i]! * u[cj + i]!;
          t = -t / u[ck + k]!;
          for (let i = k; i < m; i++) u[cj + i]! += t * u[ck + i]!;
        }
        for (let i = k; i < m; i++) u[ck + i] = -u[ck + i]!;
        u[ck + k] = 1 + u[ck + k]!;
        for (let i = 0; i < k; i++) u[ck + i] = 0;
      } else {
        u.fill(0, ck, ck + m);
        u[ck + k] = 1;
      }
    }
    for (let k = n - 1; k >= 0; k--) {
      const ck = k * n;
      if (k < nrt && e[k] !== 0) {
        for (let j = k + 1; j < n; j++) {
          const cj = j * n;
          let t = 0;
          for (let i = k + 1; i < n; i++) t += v[ck + i]! * v[cj + i]!;
          t = -t / v[ck + k + 1]!;
          for (let i = k + 1; i < n; i++) v[cj + i]! += t * v[ck + i]!;
        }
      }
      v.fill(0, ck, ck + n);
      v[ck + k] = 1;
    }
  }

  // The QR phase applies whole sequences of Givens rotations to adjacent columns; row-major U and V
  // let each row absorb a sequence in one contiguous pass (as LAPACK's dlasr does).
  if (want) { transposeSq(u, m, ncu, tmpU); transposeSq(v, n, n, tmpU); }
  const csV = new Float64Array(n), snV = new Float64Array(n), csU = new Float64Array(n), snU = new Float64Array(n);

  // QR iteration on the bidiagonal (s, e).
  const pp = p - 1;
  let iter = 0;
  const maxIter = 75 * n + 100;
  while (p > 0) {
    if (++iter > maxIter * 4) return false;
    let k: number, kase: number;
    for (k = p - 2; k >= 0; k--) {
      if (Math.abs(e[k]!) <= TINY + EPS * (Math.abs(s[k]!) + Math.abs(s[k + 1]!))) { e[k] = 0; break; }
    }
    if (k === p - 2) kase = 4;
    else {
      let ks: number;
      for (ks = p - 1; ks > k; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]!) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1]!) : 0);
        if (Math.abs(s[ks]!) <= TINY + EPS * t) { s[ks] = 0; break; }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else { kase = 2; k = ks; }
    }
    k++;
    switch (kase) {
      case 1: { // deflate negligible s[p-1]
        let f = e[p - 2]!;
        e[p - 2] = 0;
        for (let j = p - 2; j >= k; j--) {
          const t = Math.hypot(s[j]!, f);
          const cs = s[j]! / t, sn = f / t;
          s[j] = t;
          if (j !== k) { f = -sn * e[j - 1]!; e[j - 1] = cs * e[j - 1]!; }
          if (want) rotRM(v, n, n, j, p - 1, cs, sn);
        }
        break;
      }
      case 2: { // split at negligible s[k-1]
        let f = e[k - 1]!;
        e[k - 1] = 0;
        for (let j = k; j < p; j++) {
          const t = Math.hypot(s[j]!, f);
          const cs = s[j]! / t, sn = f / t;
          s[j] = t;
          f = -sn * e[j]!;
          e[j] = cs * e[j]!;
          if (want) rotRM(u, m, ncu, j, k - 1, cs, sn);
        }
        break;
      }
      case 3: { // one implicit-shift QR step
        const scale = Math.max(Math.abs(s[p - 1]!), Math.abs(s[p - 2]!), Math.abs(e[p - 2]!), Math.abs(s[k]!), Math.abs(e[k]!));
        const sp = s[p - 1]! / scale, spm1 = s[p - 2]! / scale, epm1 = e[p - 2]! / scale;
        const sk = s[k]! / scale, ek = e[k]! / scale;
        const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
        const c = (sp * epm1) * (sp * epm1);
        let shift = 0;
        if (b !== 0 || c !== 0) {
          shift = Math.sqrt(b * b + c);
          if (b < 0) shift = -shift;
          shift = c / (b + shift);
        }
        let f = (sk + sp) * (sk - sp) + shift;
        let g = sk * ek;
        for (let j = k; j < p - 1; j++) {
          let t = Math.hypot(f, g);
          let cs = f / t, sn = g / t;
          if (j !== k) e[j - 1] = t;
          f = cs * s[j]! + sn * e[j]!;
          e[j] = cs * e[j]! - sn * s[j]!;
          g = sn * s[j + 1]!;
          s[j + 1] = cs * s[j + 1]!;
          csV[j] = cs; snV[j] = sn;
          t = Math.hypot(f, g);
          cs = f / t; sn = g / t;
          s[j] = t;
          f = cs * e[j]! + sn * s[j + 1]!;
          s[j + 1] = -sn * e[j]! + cs * s[j + 1]!;
          g = sn * e[j + 1]!;
          e[j + 1] = cs * e[j + 1]!;
          csU[j] = cs; snU[j] = sn;
        }
        e[p - 2] = f;
        if (want) { rotSeq(v, n, n, k, p - 1, csV, snV); rotSeq(u, m, ncu, k, p - 1, csU, snU); }
        break;
      }
      default: { // convergence of s[k]
        if (s[k]! <= 0) {
          s[k] = s[k]! < 0 ? -s[k]! : 0;
          if (want) for (let i = 0; i <= pp; i++) v[i * n + k] = -v[i * n + k]!;
        }
        while (k < pp) {
          if (s[k]! >= s[k + 1]!) break;
          const t = s[k]!; s[k] = s[k + 1]!; s[k + 1] = t;
          if (want) {
            swapCols(v, n, n, k);
            swapCols(u, m, ncu, k);
          }
          k++;
        }
        p--;
      }
    }
  }
  return true;
}

/** Givens on columns jx, jy of a row-major rows×cols matrix: x ← cs·x + sn·y, y ← cs·y - sn·x. */
function rotRM(a: Float64Array, rows: number, cols: number, jx: number, jy: number, cs: number, sn: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols, x = a[o + jx]!, y = a[o + jy]!;
    a[o + jx] = cs * x + sn * y;
    a[o + jy] = cs * y - sn * x;
  }
}

/** The rotations (cs[j], sn[j]) on columns (j, j+1), j = k..last-1 in order, applied row by row. */
function rotSeq(a: Float64Array, rows: number, cols: number, k: number, last: number, cs: Float64Array, sn: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let x = a[o + k]!;
    for (let j = k; j < last; j++) {
      const y = a[o + j + 1]!, c = cs[j]!, s = sn[j]!;
      a[o + j] = c * x + s * y;
      x = c * y - s * x;
    }
    a[o + last] = x;
  }
}

function swapCols(a: Float64Array, rows: number, cols: number, k: number): void {
  for (let i = 0; i < rows; i++) { const o = i * cols + k, t = a[o]!; a[o] = a[o + 1]!; a[o + 1] = t; }
}

/** In place: column-major rows×cols → row-major rows×cols (tmp: scratch of rows·cols). */
function transposeSq(a: Float64Array, rows: number, cols: number, tmp: Float64Array): void {
  tmp.set(a.subarray(0, rows * cols));
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) a[i * cols + j] = tmp[j * rows + i]!;
}

// ---------------------------------------------------------------- complex: one-sided Jacobi

/** SVD of each m×n matrix of a complex batch (interleaved re, im); U and Vh interleaved, S real. */
export function svdComplex(a: Float64Array, batch: number, m: number, n: number, opts: SVDOptions = {}): SVDResult {
  const full = opts.fullMatrices ?? true;
  const wantUV = opts.computeUV ?? true;
  const k = Math.min(m, n);
  const uCols = full ? m : k, vRows = full ? n : k;
  const s = new Float64Array(batch * k);
  const u = wantUV ? new Float64Array(2 * batch * m * uCols) : undefined;
  const vh = wantUV ? new Float64Array(2 * batch * vRows * n) : undefined;
  const tall = m >= n;
  const rm = tall ? m : n, rn = tall ? n : m;
  const ncu = full ? rm : rn;
  const g = new Float64Array(2 * rm * Math.max(rn, ncu)); // column-major, columns of length rm
  const v = new Float64Array(2 * rn * rn); // column-major
  const sv = new Float64Array(rn);
  for (let t = 0; t < batch; t++) {
    const o = 2 * t * m * n;
    if (!allFinite(a, o, o + 2 * m * n)) throw noConv(t);
    const rm2 = 2 * rm;
    g.fill(0);
    if (tall) {
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        g[j * rm2 + 2 * i] = a[o + 2 * (i * n + j)]!; g[j * rm2 + 2 * i + 1] = a[o + 2 * (i * n + j) + 1]!;
      }
    } else {
      // Aᴴ: its column j is the conjugate of row j of A.
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        g[i * rm2 + 2 * j] = a[o + 2 * (i * n + j)]!; g[i * rm2 + 2 * j + 1] = -a[o + 2 * (i * n + j) + 1]!;
      }
    }
    if (!jacobiC(g, rm, rn, v, sv, wantUV)) throw noConv(t);
    s.set(sv, t * k);
    if (!u || !vh) continue;
    completeColumns(g, rm, rn, ncu, sv);
    const uo = 2 * t * m * uCols, vo = 2 * t * vRows * n;
    if (tall) {
      for (let i = 0; i < m; i++) for (let j = 0; j < uCols; j++) {
        u[uo + 2 * (i * uCols + j)] = g[j * rm2 + 2 * i]!; u[uo + 2 * (i * uCols + j) + 1] = g[j * rm2 + 2 * i + 1]!;
      }
      // Vh[i][j] = conj(V[j][i]) = conj(v[i*n + j]).
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        vh[vo + 2 * (i * n + j)] = v[2 * (i * n + j)]!; vh[vo + 2 * (i * n + j) + 1] = -v[2 * (i * n + j) + 1]!;
      }
    } else {
      // Aᴴ = U'·S·V'ᴴ ⇒ A = V'·S·U'ᴴ: U = V' (m×m), Vh = U'ᴴ.
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
        u[uo + 2 * (i * m + j)] = v[2 * (j * m + i)]!; u[uo + 2 * (i * m + j) + 1] = v[2 * (j * m + i) + 1]!;
      }
      for (let i = 0; i < vRows; i++) for (let j = 0; j < n; j++) {
        vh[vo + 2 * (i * n + j)] = g[i * rm2 + 2 * j]!; vh[vo + 2 * (i * n + j) + 1] = -g[i * rm2 + 2 * j + 1]!;
      }
    }
  }
  return u && vh ? { u, s, vh, uCols, vRows } : { s, uCols, vRows };
}

/**
 * One-sided Jacobi on the columns of g (column-major m×n complex, m ≥ n). On return the first n
 * columns of g hold U·S normalised to U (zero columns left zero), sv the descending singular values,
 * v (column-major n×n) the right singular vectors; columns are sorted to match.
 */
function jacobiC(g: Float64Array, m: number, n: number, v: Float64Array, sv: Float64Array, wantV: boolean): boolean {
  const m2 = 2 * m, n2 = 2 * n;
  v.fill(0);
  for (let i = 0; i < n; i++) v[i * n2 + 2 * i] = 1;
  // Pairs whose inner product is at rounding level of the whole matrix are orthogonal enough:
  // without this, the (numerically zero) columns of a rank-deficient matrix rotate forever.
  let total = 0;
  for (let i = 0; i < m2 * n; i++) total += g[i]! * g[i]!;
  const negligible = EPS * EPS * total;
  for (let sweep = 0; ; sweep++) {
    if (sweep > 60) return false;
    let rotated = false;
    for (let p = 0; p < n - 1; p++) for (let q = p + 1; q < n; q++) {
      const op = p * m2, oq = q * m2;
      let al = 0, be = 0, gr = 0, gi = 0;
      for (let i = 0; i < m2; i += 2) {
        const xr = g[op + i]!, xi = g[op + i + 1]!, yr = g[oq + i]!, yi = g[oq + i + 1]!;
        al += xr * xr + xi * xi; be += yr * yr + yi * yi;
        gr += xr * yr + xi * yi; gi += xr * yi - xi * yr; // conj(x)·y
      }
      const ga = Math.hypot(gr, gi);
      if (ga === 0 || ga <= EPS * Math.sqrt(al * be) || ga <= negligible) continue;
      rotated = true;
      const er = gr / ga, ei = gi / ga;
      const theta = (be - al) / (2 * ga);
      const tt = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(1 + tt * tt), s = tt * c;
      rotColsC(g, op, oq, m, c, s, er, -ei);
      if (wantV) rotColsC(v, p * n2, q * n2, n, c, s, er, -ei);
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m2; i++) ss += g[j * m2 + i]! ** 2;
    norms[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => norms[y]! - norms[x]!);
  const gs = g.slice(0, m2 * n), vs = v.slice();
  for (let j = 0; j < n; j++) {
    const src = order[j]!, nrm = norms[src]!;
    sv[j] = nrm;
    const inv = nrm > 1e-290 ? 1 / nrm : 0;
    for (let i = 0; i < m2; i++) g[j * m2 + i] = gs[src * m2 + i]! * inv;
    for (let i = 0; i < n2; i++) v[j * n2 + i] = vs[src * n2 + i]!;
  }
  return true;
}

function rotColsC(x: Float64Array, op: number, oq: number, len: number, c: number, s: number, ur: number, ui: number): void {
  for (let i = 0; i < 2 * len; i += 2) {
    const xr = x[op + i]!, xi = x[op + i + 1]!, yr = x[oq + i]!, yi = x[oq + i + 1]!;
    const zr = ur * yr - ui * yi, zi = ur * yi + ui * yr;
    x[op + i] = c * xr - s * zr; x[op + i + 1] = c * xi - s * zi;
    x[oq + i] = s * xr + c * zr; x[oq + i + 1] = s * xi + c * zi;
  }
}

/**
 * Makes the first `cols` columns of g (column-major, length m, complex) orthonormal where the
 * singular value was zero, and fills columns n..cols-1, by Gram–Schmidt (twice) on unit vectors.
 */
function completeColumns(g: Float64Array, m: number, n: number, cols: number, sv: Float64Array): void {
  const m2 = 2 * m;
  // Singular values at rounding level (relative to the largest) leave columns of noise, not
  // directions: replace them too, so U stays orthonormal for rank-deficient input.
  const tol = Math.max(1e-290, Math.max(m, n) * EPS * (sv[0] ?? 0));
  const good: number[] = [];
  for (let j = 0; j < n; j++) if (sv[j]! > tol) good.push(j);
  const w = new Float64Array(m2);
  for (let j = 0; j < cols; j++) {
    if (j < n && sv[j]! > tol) continue;
    let done = false;
    for (let e = 0; e < m && !done; e++) {
      w.fill(0); w[2 * e] = 1;
      for (let pass = 0; pass < 2; pass++) for (const q of good) {
        const oq = q * m2;
        let dr = 0, di = 0; // qᴴw
        for (let i = 0; i < m2; i += 2) {
          dr += g[oq + i]! * w[i]! + g[oq + i + 1]! * w[i + 1]!;
          di += g[oq + i]! * w[i + 1]! - g[oq + i + 1]! * w[i]!;
        }
        for (let i = 0; i < m2; i += 2) {
          w[i]! -= dr * g[oq + i]! - di * g[oq + i + 1]!;
          w[i + 1]! -= dr * g[oq + i + 1]! + di * g[oq + i]!;
        }
      }
      let nn = 0;
      for (let i = 0; i < m2; i++) nn += w[i]! * w[i]!;
      if (nn > 0.5 / m) {
        const inv = 1 / Math.sqrt(nn);
        for (let i = 0; i < m2; i++) g[j * m2 + i] = w[i]! * inv;
        good.push(j);
        done = true;
      }
    }
  }
}
