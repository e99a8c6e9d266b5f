/**
 * `np.linalg` / `np.fft` kernels for adapters whose arrays live in host memory: read the array
 * as row-major host data, compute in float64 (the numerics in linalg/ and fft/), convert back to
 * the array's precision, and map numerical failures to core's typed errors.
 */
import { type DType, type FftKernels, type HostArray, type KernelArray, type LinalgKernels, type Shape, isdtype, linalgError } from '@arr/core';
import * as L from './linalg/index.js';
import * as F from './fft/index.js';

/** How the kernels reach an adapter's arrays: synchronous read-back and creation from host data. */
export interface HostIO<H> {
  /** Row-major host data of the array's dtype (may be a fresh copy; the kernels may write to it). */
  read(x: KernelArray<H>): HostArray;
  /** A new handle owning `data` (row-major, `shape`, `dtype`'s storage type). */
  make(data: HostArray, shape: Shape, dtype: DType): H;
}

type K = KernelArray<unknown>;

/** Row-major float64 copy of a float32/float64/complex64/complex128 array (complex interleaved). */
function f64Reader<H>(io: HostIO<H>) {
  return (x: KernelArray<H>): Float64Array => {
    const data = io.read(x);
    return data instanceof Float64Array ? data : Float64Array.from(data as Float32Array);
  };
}

const isComplexD = (d: DType) => isdtype(d, 'complex floating');
const single = (d: DType) => d === 'float32' || d === 'complex64';

/** Matrix dims and batch count of a stack [...B, m, n]. */
function dims(x: K): { batch: number; m: number; n: number } {
  const s = x.shape;
  const m = s[s.length - 2]!, n = s[s.length - 1]!;
  let batch = 1;
  for (let i = 0; i < s.length - 2; i++) batch *= s[i]!;
  return { batch, m, n };
}

/** Refuses NaN/±Infinity input with a typed error instead of returning garbage. */
function finite(fn: string, data: Float64Array): Float64Array {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) throw linalgError(fn, `the input contains non-finite values (NaN or ±Infinity) (first at flat position ${i}); check the data before factorising`);
  }
  return data;
}

/** Maps a numerics failure to ValueError naming the function, the matrix and the pivot. */
function guard<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof L.LinAlgError) {
      const where = `matrix ${e.batchIndex} of the stack`;
      const problem =
        e.kind === 'singular' ? `${where} is singular (zero pivot in column ${e.pivot})`
        : e.kind === 'not-positive-definite' ? `${where} is not positive definite (pivot ${e.pivot} is not positive)`
        : `${where}: the iteration did not converge`;
      throw linalgError(fn, problem);
    }
    throw e;
  }
}

export function hostLinalgKernels<H>(io: HostIO<H>): LinalgKernels<H> {
  const toF64 = f64Reader(io);
  /** A new handle holding float64 results converted to `dtype`'s precision. */
  const out = (data: Float64Array, shape: readonly number[], dtype: DType): H =>
    io.make(single(dtype) ? Float32Array.from(data) : data, shape, dtype);
  const realOf = (d: DType): DType => (d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d);

  return {
    cholesky(x, upper) {
      const { batch, n } = dims(x);
      const a = finite('cholesky', toF64(x));
      const r = guard('cholesky', () => (isComplexD(x.dtype) ? L.choleskyComplex(a, batch, n, upper) : L.cholesky(a, batch, n, upper)));
      return out(r, x.shape, x.dtype);
    },
    solve(a, b) {
      const { batch, n } = dims(a);
      const k = b.shape[b.shape.length - 1]!;
      const A = finite('solve', toF64(a)), B = finite('solve', toF64(b));
      const r = guard('solve', () => (isComplexD(a.dtype) ? L.solveComplex(A, B, batch, n, k) : L.solve(A, B, batch, n, k)));
      return out(r, b.shape, a.dtype);
    },
    inv(x) {
      const { batch, n } = dims(x);
      const a = finite('inv', toF64(x));
      return out(guard('inv', () => (isComplexD(x.dtype) ? L.invComplex(a, batch, n) : L.inv(a, batch, n))), x.shape, x.dtype);
    },
    slogdet(x) {
      const { batch, n } = dims(x);
      const a = finite('slogdet', toF64(x));
      const { sign, logabsdet } = isComplexD(x.dtype) ? L.slogdetComplex(a, batch, n) : L.slogdet(a, batch, n);
      const bshape = x.shape.slice(0, -2);
      return [out(sign, bshape, x.dtype), out(logabsdet, bshape, realOf(x.dtype))];
    },
    qr(x, mode) {
      const { batch, m, n } = dims(x);
      const a = finite('qr', toF64(x));
      const r = isComplexD(x.dtype) ? L.qrComplex(a, batch, m, n, mode) : L.qr(a, batch, m, n, mode);
      const bshape = x.shape.slice(0, -2);
      return [out(r.q!, [...bshape, m, r.qCols], x.dtype), out(r.r, [...bshape, r.rRows, n], x.dtype)];
    },
    eigh(x) {
      const { batch, n } = dims(x);
      const a = finite('eigh', toF64(x));
      const r = guard('eigh', () => (isComplexD(x.dtype) ? L.eighComplex(a, batch, n, true) : L.eigh(a, batch, n, true)));
      const bshape = x.shape.slice(0, -2);
      return [out(r.w, [...bshape, n], realOf(x.dtype)), out(r.v!, x.shape, x.dtype)];
    },
    svd(x, fullMatrices) {
      const { batch, m, n } = dims(x);
      const a = finite('svd', toF64(x));
      const r = guard('svd', () => (isComplexD(x.dtype) ? L.svdComplex(a, batch, m, n, { fullMatrices }) : L.svd(a, batch, m, n, { fullMatrices })));
      const bshape = x.shape.slice(0, -2);
      const k = Math.min(m, n);
      return [
        out(r.u!, [...bshape, m, r.uCols], x.dtype),
        out(r.s, [...bshape, k], realOf(x.dtype)),
        out(r.vh!, [...bshape, r.vRows, n], x.dtype),
      ];
    },
  };
}

export function hostFftKernels<H>(io: HostIO<H>): FftKernels<H> {
  const toF64 = f64Reader(io);
  const scaled = (data: Float64Array, scale: number) => {
    if (scale !== 1) for (let i = 0; i < data.length; i++) data[i]! *= scale;
    return data;
  };
  const out = (data: Float64Array, shape: readonly number[], dtype: DType): H =>
    io.make(single(dtype) ? Float32Array.from(data) : data, shape, dtype);
  // The numerics take NumPy norms; 'backward' forward and 'forward' inverse are the unscaled transforms.
  return {
    fft(x, axis, inverse, scale) {
      const n = x.shape[axis]!;
      const r = F.fftAxis(toF64(x), x.shape, axis, n, inverse, inverse ? 'forward' : 'backward');
      return out(scaled(r, scale), x.shape, x.dtype);
    },
    rfft(x, axis, scale) {
      const n = x.shape[axis]!;
      const r = F.rfftAxis(toF64(x), x.shape, axis, n, 'backward');
      const shape = x.shape.map((d, i) => (i === axis ? Math.floor(n / 2) + 1 : d));
      return out(scaled(r, scale), shape, x.dtype === 'float32' ? 'complex64' : 'complex128');
    },
    irfft(x, axis, n, scale) {
      const r = F.irfftAxis(toF64(x), x.shape, axis, n, 'forward');
      const shape = x.shape.map((d, i) => (i === axis ? n : d));
      return out(scaled(r, scale), shape, x.dtype === 'complex64' ? 'float32' : 'float64');
    },
  };
}
