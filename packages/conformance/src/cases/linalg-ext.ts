/**
 * The `np.linalg` extension: NumPy-generated fixtures (`linalg-ext.json`). Unique results are
 * compared element by element (tolerances widened by a condition-number bound); decompositions
 * whose factors are unique only up to signs or phases (qr, svd, eigh) are checked through
 * reconstruction identities on the read-back data, in float64: Q·R = A with QᴴQ = I and R upper
 * triangular, U·diag(S)·Vh = A with orthonormal U and Vh, V·diag(w)·Vᴴ = A with ascending w,
 * L·Lᴴ = A with L lower triangular, A·inv(A) = I, and A·X = B for solve.
 */
import { isNDArray, type NDArray } from '@arr/core';
import { decodeElement, type EncodedArray, type FixtureCase } from '../fixtures.js';
import { hostElements } from '../matchers.js';
import type { Suite } from '../suite.js';
import { describeValue, registerFixtureFile, runCase } from './run-fixtures.js';

export function linalgExtCases(suite: Suite): void {
  registerFixtureFile(suite, 'linalg-ext', 'linalg (extension)', runCheckedCase);
}

/** Runs a fixture case and, when it has a `check`, the output shapes and the identity. */
export function runCheckedCase(suite: Suite, c: FixtureCase): Promise<void> {
  if (!c.check && !c.outShapes) return runCase(suite, c);
  return runCase(suite, c, async (result) => (await checkShapes(c, result)) ?? (c.check ? await checkIdentity(c, result) : undefined));
}

async function checkShapes(c: FixtureCase, result: unknown): Promise<string | undefined> {
  for (const [key, want] of Object.entries(c.outShapes ?? {})) {
    const a = (result as Record<string, unknown> | null)?.[key];
    if (!isNDArray(a)) return `result.${key}: expected an array, got ${describeValue(a)}`;
    if (a.dtype !== want.dtype) return `result.${key}: dtype ${a.dtype}, expected ${want.dtype}`;
    if (a.shape.length !== want.shape.length || a.shape.some((d, i) => d !== want.shape[i])) {
      return `result.${key}: shape [${a.shape.join(',')}], expected [${want.shape.join(',')}]`;
    }
  }
  return undefined;
}

// ---- complex matrices in float64 (re/im planes, row-major) --------------------------------------

interface Mat {
  m: number;
  n: number;
  re: Float64Array;
  im: Float64Array;
}

/** A batch of matrices (or vectors, as n×1) in float64. */
interface Stack {
  batch: number[];
  mats: Mat[];
}

const mat = (m: number, n: number): Mat => ({ m, n, re: new Float64Array(m * n), im: new Float64Array(m * n) });

function toStack(shape: readonly number[], re: ArrayLike<number>, im: ArrayLike<number> | null, vector = false): Stack {
  const [m, n] = vector ? [shape[shape.length - 1]!, 1] : (shape.slice(-2) as [number, number]);
  const batch = shape.slice(0, vector ? -1 : -2);
  const count = batch.reduce((p, d) => p * d, 1);
  const mats: Mat[] = [];
  for (let b = 0; b < count; b++) {
    const M = mat(m, n);
    for (let i = 0; i < m * n; i++) {
      M.re[i] = re[b * m * n + i]!;
      M.im[i] = im ? im[b * m * n + i]! : 0;
    }
    mats.push(M);
  }
  return { batch, mats };
}

function planes(els: readonly unknown[]): [Float64Array, Float64Array | null] {
  const re = new Float64Array(els.length);
  let im: Float64Array | null = null;
  els.forEach((v, i) => {
    if (Array.isArray(v)) {
      im ??= new Float64Array(els.length);
      re[i] = v[0] as number;
      im[i] = v[1] as number;
    } else re[i] = Number(v as number | bigint | boolean);
  });
  return [re, im];
}

function stackOfEncoded(a: EncodedArray, vector = false): Stack {
  const [re, im] = planes(a.data.map((v) => decodeElement(v, a.dtype)));
  return toStack(a.shape, re, im, vector);
}

async function stackOf(x: NDArray, vector = false): Promise<Stack> {
  const [re, im] = planes(hostElements(await x.data(), x.dtype));
  return toStack(x.shape, re, im, vector);
}

/** A·B, with optional conjugate transposes. */
function mul(A: Mat, B: Mat, ha = false, hb = false): Mat {
  const [m, k] = ha ? [A.n, A.m] : [A.m, A.n];
  const n = hb ? B.m : B.n;
  const C = mat(m, n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sr = 0, si = 0;
      for (let l = 0; l < k; l++) {
        const ai = ha ? l * A.n + i : i * A.n + l;
        const bi = hb ? j * B.n + l : l * B.n + j;
        const ar = A.re[ai]!, aim = ha ? -A.im[ai]! : A.im[ai]!;
        const br = B.re[bi]!, bim = hb ? -B.im[bi]! : B.im[bi]!;
        sr += ar * br - aim * bim;
        si += ar * bim + aim * br;
      }
      C.re[i * n + j] = sr;
      C.im[i * n + j] = si;
    }
  }
  return C;
}

/** Scales column l of A by s[l] (A · diag(s)), keeping the first `k` columns. */
function scaleCols(A: Mat, s: Float64Array, k: number): Mat {
  const C = mat(A.m, k);
  for (let i = 0; i < A.m; i++) for (let l = 0; l < k; l++) {
    C.re[i * k + l] = A.re[i * A.n + l]! * s[l]!;
    C.im[i * k + l] = A.im[i * A.n + l]! * s[l]!;
  }
  return C;
}

/** The first `k` rows of A. */
const rows = (A: Mat, k: number): Mat => ({ m: k, n: A.n, re: A.re.slice(0, k * A.n), im: A.im.slice(0, k * A.n) });

const fro = (A: Mat): number => {
  let s = 0;
  for (let i = 0; i < A.re.length; i++) s += A.re[i]! ** 2 + A.im[i]! ** 2;
  return Math.sqrt(s);
};

/** max |A − B| (NaN counts as infinitely far). */
function maxDiff(A: Mat, B: Mat): number {
  let d = 0;
  for (let i = 0; i < A.re.length; i++) {
    const e = Math.hypot(A.re[i]! - B.re[i]!, A.im[i]! - B.im[i]!);
    d = Number.isNaN(e) ? Infinity : Math.max(d, e);
  }
  return d;
}

function eye(n: number): Mat {
  const I = mat(n, n);
  for (let i = 0; i < n; i++) I.re[i * n + i] = 1;
  return I;
}

/** Largest |A_ij| strictly below (lower) or above (upper) the diagonal. */
function offTriangle(A: Mat, below: boolean): number {
  let d = 0;
  for (let i = 0; i < A.m; i++) for (let j = 0; j < A.n; j++) {
    if (below ? i > j : j > i) d = Math.max(d, Math.hypot(A.re[i * A.n + j]!, A.im[i * A.n + j]!));
  }
  return d;
}

/** Index into a batch that broadcasts to `outBatch`. */
function bcast(outBatch: readonly number[], inBatch: readonly number[], flat: number): number {
  let idx = 0, stride = 1;
  for (let k = outBatch.length - 1, j = inBatch.length - 1; k >= 0; k--, j--) {
    const i = flat % outBatch[k]!;
    flat = Math.floor(flat / outBatch[k]!);
    if (j >= 0) {
      if (inBatch[j] !== 1) idx += i * stride;
      stride *= inBatch[j]!;
    }
  }
  return idx;
}

const fmt = (x: number) => x.toExponential(2);

/** Checks the case's identity on the result; returns a description of the first violation. */
async function checkIdentity(c: FixtureCase, result: unknown): Promise<string | undefined> {
  const check = c.check!;
  const tol = check.rtol;
  const A = stackOfEncoded(c.args[0] as EncodedArray);
  const r = result as Record<string, NDArray>;
  const where = (b: number, what: string) => `${check.kind} identity, matrix ${b} of the batch: ${what}`;
  const over = (b: number, what: string, got: number, bound: number) =>
    !(got <= bound) ? where(b, `${what} = ${fmt(got)} exceeds ${fmt(bound)} (rtol ${fmt(tol)})`) : undefined;

  switch (check.kind) {
    case 'qr': {
      const Q = await stackOf(r.Q!), R = await stackOf(r.R!);
      for (let b = 0; b < A.mats.length; b++) {
        const a = A.mats[b]!, q = Q.mats[b]!, rr = R.mats[b]!;
        const na = Math.max(fro(a), Number.MIN_VALUE);
        const msg = over(b, 'max|Q·R − A|', maxDiff(mul(q, rr), a), tol * na)
          ?? over(b, 'max|Qᴴ·Q − I|', maxDiff(mul(q, q, true), eye(q.n)), tol)
          ?? over(b, 'max |R| below the diagonal', offTriangle(rr, true), tol * na);
        if (msg) return msg;
      }
      return undefined;
    }
    case 'svd': {
      const U = await stackOf(r.U!), Vh = await stackOf(r.Vh!), S = await stackOf(r.S!, true);
      for (let b = 0; b < A.mats.length; b++) {
        const a = A.mats[b]!, u = U.mats[b]!, vh = Vh.mats[b]!, s = S.mats[b]!.re;
        const k = s.length;
        const na = Math.max(fro(a), Number.MIN_VALUE);
        for (let i = 0; i < k; i++) {
          if (!(s[i]! >= 0) || (i > 0 && s[i]! > s[i - 1]!)) return where(b, `S must be non-negative and descending; got [${[...s].join(', ')}]`);
        }
        const msg = over(b, 'max|U·diag(S)·Vh − A|', maxDiff(mul(scaleCols(u, s, k), rows(vh, k)), a), tol * na)
          ?? over(b, 'max|Uᴴ·U − I|', maxDiff(mul(u, u, true), eye(u.n)), tol)
          ?? over(b, 'max|Vh·Vhᴴ − I|', maxDiff(mul(vh, vh, false, true), eye(vh.m)), tol);
        if (msg) return msg;
      }
      return undefined;
    }
    case 'eigh': {
      const V = await stackOf(r.eigenvectors!), W = await stackOf(r.eigenvalues!, true);
      for (let b = 0; b < A.mats.length; b++) {
        const a = A.mats[b]!, v = V.mats[b]!, w = W.mats[b]!.re;
        const na = Math.max(fro(a), Number.MIN_VALUE);
        for (let i = 1; i < w.length; i++) if (!(w[i]! >= w[i - 1]!)) return where(b, `eigenvalues must be ascending; got [${[...w].join(', ')}]`);
        const msg = over(b, 'max|V·diag(w)·Vᴴ − A|', maxDiff(mul(scaleCols(v, w, w.length), v, false, true), a), tol * na)
          ?? over(b, 'max|Vᴴ·V − I|', maxDiff(mul(v, v, true), eye(v.n)), tol);
        if (msg) return msg;
      }
      return undefined;
    }
    case 'cholesky': {
      const L = await stackOf(result as NDArray);
      for (let b = 0; b < A.mats.length; b++) {
        const a = A.mats[b]!, l = L.mats[b]!;
        const na = Math.max(fro(a), Number.MIN_VALUE);
        const upper = check.upper === true;
        const tri = offTriangle(l, upper);
        if (tri !== 0) return where(b, `the factor must be ${upper ? 'upper' : 'lower'} triangular; max |entry| on the other side = ${fmt(tri)}`);
        const msg = upper ? over(b, 'max|Uᴴ·U − A|', maxDiff(mul(l, l, true), a), tol * na) : over(b, 'max|L·Lᴴ − A|', maxDiff(mul(l, l, false, true), a), tol * na);
        if (msg) return msg;
      }
      return undefined;
    }
    case 'inv': {
      const X = await stackOf(result as NDArray);
      for (let b = 0; b < A.mats.length; b++) {
        const a = A.mats[b]!, x = X.mats[b]!;
        const msg = over(b, 'max|A·inv(A) − I|', maxDiff(mul(a, x), eye(a.n)), tol * fro(a) * fro(x));
        if (msg) return msg;
      }
      return undefined;
    }
    case 'solve': {
      const bArg = c.args[1] as EncodedArray;
      const vector = bArg.shape.length === 1;
      const B = stackOfEncoded(bArg, vector);
      const out = result as NDArray;
      const X = await stackOf(out, vector);
      for (let i = 0; i < X.mats.length; i++) {
        const a = A.mats[bcast(X.batch, A.batch, i)]!, bb = B.mats[vector ? 0 : bcast(X.batch, B.batch, i)]!, x = X.mats[i]!;
        const msg = over(i, 'max|A·X − B|', maxDiff(mul(a, x), bb), tol * (fro(a) * fro(x) + fro(bb)));
        if (msg) return msg;
      }
      return undefined;
    }
    default:
      return `unknown check ${JSON.stringify(check.kind)}`;
  }
}
