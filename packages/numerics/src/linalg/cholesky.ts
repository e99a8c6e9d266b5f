/**
 * Cholesky factorisation A = L·Lᴴ (lower L), reading only the lower triangle of A as NumPy does.
 * Real: row-major batch×n×n Float64Array; complex: interleaved (re, im).
 */
import { LinAlgError } from './errors.js';

function notPD(b: number, j: number, d: number): LinAlgError {
  return new LinAlgError('not-positive-definite', b, j,
    `cholesky: matrix ${b} of the batch is not positive definite (pivot ${j} is ${d}, expected > 0)`);
}

/** Lower Cholesky factor of each matrix (upper = true returns Lᴴ instead). Throws `LinAlgError`. */
export function cholesky(a: Float64Array, batch: number, n: number, upper = false): Float64Array {
  const out = new Float64Array(batch * n * n);
  for (let t = 0; t < batch; t++) {
    const o = t * n * n;
    const l = out.subarray(o, o + n * n);
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j <= i; j++) {
        const rj = j * n;
        // Dot product of two contiguous row prefixes.
        let s = a[o + ri + j]!;
        for (let k = 0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
        if (i === j) {
          if (!(s > 0)) throw notPD(t, j, s);
          l[ri + i] = Math.sqrt(s);
        } else {
          l[ri + j] = s / l[rj + j]!;
        }
      }
    }
    if (upper) transposeInPlace(l, n);
  }
  return out;
}

function transposeInPlace(x: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const t = x[i * n + j]!; x[i * n + j] = x[j * n + i]!; x[j * n + i] = t;
  }
}

/** Complex Hermitian Cholesky (interleaved); the diagonal of L is real and positive. */
export function choleskyComplex(a: Float64Array, batch: number, n: number, upper = false): Float64Array {
  const out = new Float64Array(2 * batch * n * n);
  const n2 = 2 * n;
  for (let t = 0; t < batch; t++) {
    const o = 2 * t * n * n;
    const l = out.subarray(o, o + 2 * n * n);
    for (let i = 0; i < n; i++) {
      const ri = i * n2;
      for (let j = 0; j <= i; j++) {
        const rj = j * n2;
        // s = A[i,j] - sum_k L[i,k] conj(L[j,k])
        let sr = a[o + ri + 2 * j]!, si = i === j ? 0 : a[o + ri + 2 * j + 1]!;
        for (let k = 0; k < 2 * j; k += 2) {
          const xr = l[ri + k]!, xi = l[ri + k + 1]!, yr = l[rj + k]!, yi = l[rj + k + 1]!;
          sr -= xr * yr + xi * yi;
          si -= xi * yr - xr * yi;
        }
        if (i === j) {
          if (!(sr > 0)) throw notPD(t, j, sr);
          l[ri + 2 * i] = Math.sqrt(sr);
        } else {
          const d = l[rj + 2 * j]!;
          l[ri + 2 * j] = sr / d; l[ri + 2 * j + 1] = si / d;
        }
      }
    }
    if (upper) {
      for (let i = 0; i < n; i++) {
        l[2 * (i * n + i) + 1] = 0;
        for (let j = i + 1; j < n; j++) {
          const p = 2 * (i * n + j), q = 2 * (j * n + i);
          const tr = l[p]!, ti = l[p + 1]!;
          l[p] = l[q]!; l[p + 1] = -l[q + 1]!; l[q] = tr; l[q + 1] = -ti;
        }
      }
    }
  }
  return out;
}
