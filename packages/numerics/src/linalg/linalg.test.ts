import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cholesky, choleskyComplex, det, detComplex, eigh, eighComplex, inv, invComplex, LinAlgError, qr, qrComplex,
  slogdet, slogdetComplex, solve, solveComplex, svd, svdComplex, svdvals,
} from './index.js';

interface Case { name: string; shape: number[]; complex: boolean; a: number[]; [k: string]: unknown }
const fixtures = JSON.parse(readFileSync(new URL('./__fixtures__/linalg.json', import.meta.url), 'utf8')) as Record<string, Case[]>;

const F = (x: unknown) => Float64Array.from(x as number[]);
const EPS = 2 ** -52;

/** max |a-b| / max(1, max|b|): relative error of a whole array. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0, m = 1;
  for (let i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i]! - b[i]!)); m = Math.max(m, Math.abs(b[i]!)); }
  return d / m;
}

// Complex (interleaved) helpers; real matrices are lifted with `cx`.
const cx = (x: Float64Array, complex: boolean): Float64Array => {
  if (complex) return x;
  const o = new Float64Array(2 * x.length);
  for (let i = 0; i < x.length; i++) o[2 * i] = x[i]!;
  return o;
};
function matmul(a: Float64Array, b: Float64Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(2 * m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) {
    const ar = a[2 * (i * k + p)]!, ai = a[2 * (i * k + p) + 1]!;
    for (let j = 0; j < n; j++) {
      const br = b[2 * (p * n + j)]!, bi = b[2 * (p * n + j) + 1]!;
      c[2 * (i * n + j)]! += ar * br - ai * bi; c[2 * (i * n + j) + 1]! += ar * bi + ai * br;
    }
  }
  return c;
}
function adjoint(a: Float64Array, m: number, n: number): Float64Array {
  const o = new Float64Array(2 * m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    o[2 * (j * m + i)] = a[2 * (i * n + j)]!; o[2 * (j * m + i) + 1] = -a[2 * (i * n + j) + 1]!;
  }
  return o;
}
function eye(n: number): Float64Array { const o = new Float64Array(2 * n * n); for (let i = 0; i < n; i++) o[2 * (i * n + i)] = 1; return o; }
function scaleCols(a: Float64Array, m: number, n: number, s: ArrayLike<number>): Float64Array {
  const o = a.slice();
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) { o[2 * (i * n + j)]! *= s[j]!; o[2 * (i * n + j) + 1]! *= s[j]!; }
  return o;
}
const mat = (x: Float64Array, t: number, r: number, c: number, complex: boolean) =>
  cx(x.subarray((complex ? 2 : 1) * t * r * c, (complex ? 2 : 1) * (t + 1) * r * c), complex);

function dims(c: Case): { batch: number; m: number; n: number } {
  const s = c.shape;
  const m = s[s.length - 2]!, n = s[s.length - 1]!;
  return { batch: s.slice(0, -2).reduce((p, v) => p * v, 1), m, n };
}
const label = (c: Case) => `${c.name} ${c.complex ? 'complex ' : ''}${c.shape.join('×')}`;

describe('solve / inv', () => {
  for (const c of fixtures.solve!) it(label(c), () => {
    const { batch, n } = dims(c);
    const bs = c.bshape as number[], k = bs[bs.length - 1]!;
    const x = c.complex ? solveComplex(F(c.a), F(c.b), batch, n, k) : solve(F(c.a), F(c.b), batch, n, k);
    const cond = (c.cond as number | undefined) ?? 1;
    expect(relErr(x, c.x as number[])).toBeLessThan(1e-12 * cond);
  });
  for (const c of fixtures.inv!) it(`inv ${label(c)}`, () => {
    const { batch, n } = dims(c);
    const x = c.complex ? invComplex(F(c.a), batch, n) : inv(F(c.a), batch, n);
    expect(relErr(x, c.x as number[])).toBeLessThan(1e-12 * (c.cond as number));
    if (c.name !== 'hilbert10') for (let t = 0; t < batch; t++) {
      const prod = matmul(mat(F(c.a), t, n, n, c.complex), mat(x, t, n, n, c.complex), n, n, n);
      expect(relErr(prod, eye(n))).toBeLessThan(1e-12);
    }
  });
  it('reports a singular matrix with its batch index and pivot', () => {
    const a = F([1, 0, 0, 1, /* second matrix singular */ 1, 2, 2, 4]);
    let err: unknown;
    try { inv(a, 2, 2); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(LinAlgError);
    expect(err).toMatchObject({ kind: 'singular', batchIndex: 1, pivot: 1 });
    expect(() => solve(F([0, 0, 0, 0]), F([1, 1]), 1, 2, 1)).toThrow(/singular.*column 0/);
    expect(() => invComplex(F([0, 0]), 1, 1)).toThrow(LinAlgError);
    expect(Array.from(det(a, 2, 2))).toEqual([1, 0]);
    const sl = slogdet(a, 2, 2);
    expect(Array.from(sl.sign)).toEqual([1, 0]);
    expect(sl.logabsdet[1]).toBe(-Infinity);
  });
  it('handles 0×0', () => {
    expect(inv(new Float64Array(0), 3, 0).length).toBe(0);
    expect(solve(new Float64Array(0), new Float64Array(0), 2, 0, 3).length).toBe(0);
  });
});

describe('det / slogdet', () => {
  for (const c of fixtures.det!) it(label(c), () => {
    const { batch, n } = dims(c);
    const a = F(c.a);
    const d = c.complex ? detComplex(a, batch, n) : det(a, batch, n);
    // det of Hilbert(10) is ~2e-53 with condition number ~1e13: only a few digits are meaningful.
    const tol = c.name === 'hilbert10' ? 1e-3 : 1e-12;
    const d0 = c.det as number[];
    const scale = Math.max(1e-300, ...d0.map(Math.abs));
    expect(relErr(d, d0) * Math.max(1, scale) / scale).toBeLessThan(tol);
    const s = c.complex ? slogdetComplex(a, batch, n) : slogdet(a, batch, n);
    expect(relErr(s.sign, c.sign as number[])).toBeLessThan(1e-10);
    expect(relErr(s.logabsdet, c.logabsdet as number[])).toBeLessThan(tol);
  });
});

describe('cholesky', () => {
  for (const c of fixtures.cholesky!) it(label(c), () => {
    const { batch, n } = dims(c);
    const a = F(c.a);
    const l = c.complex ? choleskyComplex(a, batch, n) : cholesky(a, batch, n);
    expect(relErr(l, c.l as number[])).toBeLessThan(1e-12);
    for (let t = 0; t < batch; t++) {
      const lt = mat(l, t, n, n, c.complex);
      expect(relErr(matmul(lt, adjoint(lt, n, n), n, n, n), mat(a, t, n, n, c.complex))).toBeLessThan(1e-13);
    }
    const u = c.complex ? choleskyComplex(a, batch, n, true) : cholesky(a, batch, n, true);
    const ut = mat(u, 0, n, n, c.complex);
    expect(relErr(matmul(adjoint(ut, n, n), ut, n, n, n), mat(a, 0, n, n, c.complex))).toBeLessThan(1e-13);
  });
  it('names the failing pivot of a matrix that is not positive definite', () => {
    const a = F([4, 0, 0, /**/ 2, 1, 0, /**/ 0, 0, 1]); // lower triangle read: [[4,2,0],[2,1,0],[0,0,1]] singular
    expect(() => cholesky(F([1, 0, 0, 1, ...a]), 2, 3)).toThrow(); // shape mismatch guard not needed: sizes fit
    let err: unknown;
    try { cholesky(F([...eye(3).filter((_, i) => i % 2 === 0), ...a]), 2, 3); } catch (e) { err = e; }
    expect(err).toMatchObject({ kind: 'not-positive-definite', batchIndex: 1, pivot: 1 });
    expect(() => choleskyComplex(F([-1, 0]), 1, 1)).toThrow(/pivot 0/);
  });
});

describe('qr', () => {
  for (const c of fixtures.qr!) it(label(c), () => {
    const { batch, m, n } = dims(c);
    const a = F(c.a);
    const k = Math.min(m, n);
    for (const mode of ['reduced', 'complete'] as const) {
      const r = c.complex ? qrComplex(a, batch, m, n, mode) : qr(a, batch, m, n, mode);
      const qc = mode === 'reduced' ? k : m, rr = mode === 'reduced' ? k : m;
      expect(r.qCols).toBe(qc); expect(r.rRows).toBe(rr);
      // Same Householder conventions as LAPACK: Q and R agree with NumPy's directly.
      expect(relErr(r.q!, (mode === 'reduced' ? c.q : c.qc) as number[])).toBeLessThan(1e-12);
      expect(relErr(r.r, (mode === 'reduced' ? c.r : c.rc) as number[])).toBeLessThan(1e-12);
      for (let t = 0; t < batch; t++) {
        const q = mat(r.q!, t, m, qc, c.complex), rt = mat(r.r, t, rr, n, c.complex);
        expect(relErr(matmul(q, rt, m, qc, n), mat(a, t, m, n, c.complex))).toBeLessThan(1e-13);
        expect(relErr(matmul(adjoint(q, m, qc), q, qc, m, qc), eye(qc))).toBeLessThan(1e-13);
      }
    }
    const ronly = c.complex ? qrComplex(a, batch, m, n, 'r') : qr(a, batch, m, n, 'r');
    expect(ronly.q).toBeUndefined();
    expect(relErr(ronly.r, c.r as number[])).toBeLessThan(1e-12);
  });
  it('handles empty matrices', () => {
    const r = qr(new Float64Array(0), 1, 3, 0, 'complete');
    expect(Array.from(r.q!)).toEqual(Array.from(eye(3).filter((_, i) => i % 2 === 0)));
    expect(r.r.length).toBe(0);
  });
});

describe('eigh', () => {
  for (const c of fixtures.eigh!) it(label(c), () => {
    const { batch, n } = dims(c);
    const a = F(c.a);
    const r = c.complex ? eighComplex(a, batch, n) : eigh(a, batch, n);
    expect(relErr(r.w, c.w as number[])).toBeLessThan(1e-12);
    const wOnly = c.complex ? eighComplex(a, batch, n, false) : eigh(a, batch, n, false);
    expect(wOnly.v).toBeUndefined();
    expect(relErr(wOnly.w, c.w as number[])).toBeLessThan(1e-12);
    for (let t = 0; t < batch; t++) {
      const v = mat(r.v!, t, n, n, c.complex);
      const rec = matmul(scaleCols(v, n, n, r.w.subarray(t * n, (t + 1) * n)), adjoint(v, n, n), n, n, n);
      expect(relErr(rec, mat(a, t, n, n, c.complex))).toBeLessThan(1e-13);
      expect(relErr(matmul(adjoint(v, n, n), v, n, n, n), eye(n))).toBeLessThan(1e-13);
    }
  });
  it('uses only the lower triangle', () => {
    const r = eigh(F([2, 99, 1, 2]), 1, 2);
    expect(relErr(r.w, [1, 3])).toBeLessThan(1e-15);
  });
  it('fails loudly on NaN', () => {
    expect(() => eigh(F([1, NaN, NaN, 1]), 1, 2)).toThrow(LinAlgError);
  });
});

describe('svd', () => {
  for (const c of fixtures.svd!) it(label(c), () => {
    const { batch, m, n } = dims(c);
    const a = F(c.a);
    const k = Math.min(m, n);
    const s0 = c.s as number[];
    expect(relErr(c.complex ? svdComplex(a, batch, m, n, { computeUV: false }).s : svdvals(a, batch, m, n), s0))
      .toBeLessThan(1e-12);
    for (const fullMatrices of [true, false]) {
      const r = c.complex ? svdComplex(a, batch, m, n, { fullMatrices }) : svd(a, batch, m, n, { fullMatrices });
      expect(relErr(r.s, s0)).toBeLessThan(1e-12);
      const uc = fullMatrices ? m : k, vr = fullMatrices ? n : k;
      for (let t = 0; t < batch; t++) {
        const s = r.s.subarray(t * k, (t + 1) * k);
        for (let i = 1; i < k; i++) expect(s[i]!).toBeLessThanOrEqual(s[i - 1]!);
        const u = mat(r.u!, t, m, uc, c.complex), vh = mat(r.vh!, t, vr, n, c.complex);
        expect(relErr(matmul(adjoint(u, m, uc), u, uc, m, uc), eye(uc))).toBeLessThan(1e-13);
        expect(relErr(matmul(vh, adjoint(vh, vr, n), vr, n, vr), eye(vr))).toBeLessThan(1e-13);
        // U[:, :k]·diag(s)·Vh[:k, :] = A
        const uk = new Float64Array(2 * m * k), vk = vh.subarray(0, 2 * k * n);
        for (let i = 0; i < m; i++) uk.set(u.subarray(2 * i * uc, 2 * (i * uc + k)), 2 * i * k);
        expect(relErr(matmul(scaleCols(uk, m, k, s), vk, m, k, n), mat(a, t, m, n, c.complex))).toBeLessThan(1e-13);
      }
    }
  });
  it('handles empty matrices and rejects NaN', () => {
    const r = svd(new Float64Array(0), 2, 0, 3);
    expect(r.s.length).toBe(0);
    expect(r.vh!.length).toBe(2 * 9);
    expect(() => svd(F([1, NaN]), 1, 1, 2)).toThrow(/did not converge/);
    expect(() => svdComplex(F([Infinity, 0]), 1, 1, 1)).toThrow(LinAlgError);
  });
  it('converges on a larger ill-conditioned and rank-deficient matrix', () => {
    const m = 40, n = 30;
    const a = new Float64Array(m * n);
    // rank 10, entries of widely different scales
    for (let r = 0; r < 10; r++) for (let i = 0; i < m; i++) for (let j = 0; j < n; j++)
      a[i * n + j]! += Math.sin(i * (r + 1) * 0.7) * Math.cos(j * (r + 2) * 1.3) * 10 ** (-r);
    const res = svd(a, 1, m, n, { fullMatrices: false });
    for (let i = 10; i < n; i++) expect(res.s[i]!).toBeLessThan(1e-13 * res.s[0]!);
    const uk = scaleCols(cx(res.u!, false), m, n, res.s);
    expect(relErr(matmul(uk, cx(res.vh!, false), m, n, n), cx(a, false))).toBeLessThan(50 * EPS * n);
  });
});
