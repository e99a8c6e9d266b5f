/**
 * `np.fft`: the Array API 2024.12 FFT extension. Core pads or truncates to the requested
 * length, loops over axes for n-d transforms, computes the normalisation and builds hfft/ihfft,
 * the frequency helpers and the shifts; adapters supply 1-D transforms along one axis.
 */
import type { Device, FftKernels } from '../adapter.js';
import type { NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, complexDType, isComplex, isFloating, realDType } from '../dtypes.js';
import { AxisError, DTypeError, DeviceError, ShapeError, ValueError, show } from '../errors.js';
import { DEFAULT_FLOAT } from '../promotion.js';
import { checkInt, normalizeAxis } from '../shape.js';

export type FftNorm = 'backward' | 'ortho' | 'forward';

export interface FftOptions {
  /** Length of the transformed axis: the input is zero-padded or truncated to it. */
  n?: number;
  axis?: number;
  norm?: FftNorm;
}
export interface FftNOptions {
  /** Lengths of the transformed axes. */
  s?: number[];
  axes?: number[];
  norm?: FftNorm;
}

export interface FftFunctions {
  /**
   * One-dimensional discrete Fourier transform (complex output).
   * @example
   * const X = np.fft.fft(np.asarray([1, 1, 1, 1]));
   * await np.real(X).toArray(); // => [4, 0, 0, 0]
   */
  fft(x: NDArray, options?: FftOptions): NDArray;
  /**
   * Inverse of `fft`.
   * @example
   * const x = np.fft.ifft(np.fft.fft(np.asarray([1, 2, 3, 4], { dtype: 'float64' })));
   * await np.round(np.real(x)).toArray(); // => [1, 2, 3, 4]
   */
  ifft(x: NDArray, options?: FftOptions): NDArray;
  /**
   * n-dimensional FFT over `axes` (all axes, or the last `s.length`).
   * @example
   * await np.real(np.fft.fftn(np.ones([2, 2]))).toArray(); // => [[4, 0], [0, 0]]
   */
  fftn(x: NDArray, options?: FftNOptions): NDArray;
  /**
   * Inverse of `fftn`.
   * @example
   * await np.real(np.fft.ifftn(np.fft.fftn(np.ones([2, 2])))).toArray(); // => [[1, 1], [1, 1]]
   */
  ifftn(x: NDArray, options?: FftNOptions): NDArray;
  /**
   * FFT of real input: the n/2 + 1 non-negative frequency terms.
   * @example
   * await np.real(np.fft.rfft(np.asarray([1, 1, 1, 1]))).toArray(); // => [4, 0, 0]
   */
  rfft(x: NDArray, options?: FftOptions): NDArray;
  /**
   * Inverse of `rfft`: real output of length `n` (default 2·(m − 1)).
   * @example
   * await np.fft.irfft(np.fft.rfft(np.asarray([1, 1, 1, 1]))).toArray(); // => [1, 1, 1, 1]
   */
  irfft(x: NDArray, options?: FftOptions): NDArray;
  /**
   * n-dimensional FFT of real input (the last axis halved).
   * @example
   * await np.real(np.fft.rfftn(np.ones([2, 2]))).toArray(); // => [[4, 0], [0, 0]]
   */
  rfftn(x: NDArray, options?: FftNOptions): NDArray;
  /**
   * Inverse of `rfftn`.
   * @example
   * await np.fft.irfftn(np.fft.rfftn(np.ones([2, 2]))).toArray(); // => [[1, 1], [1, 1]]
   */
  irfftn(x: NDArray, options?: FftNOptions): NDArray;
  /**
   * FFT of a Hermitian-symmetric signal given by its first half: real output.
   * @example
   * await np.fft.hfft(np.asarray([1, 0, 0])).toArray(); // => [1, 1, 1, 1]
   */
  hfft(x: NDArray, options?: FftOptions): NDArray;
  /**
   * Inverse of `hfft`.
   * @example
   * await np.real(np.fft.ihfft(np.asarray([1, 1, 1, 1]))).toArray(); // => [1, 0, 0]
   */
  ihfft(x: NDArray, options?: FftOptions): NDArray;
  /**
   * Sample frequencies of an `n`-point FFT with sample spacing `d`.
   * @example
   * await np.fft.fftfreq(4).toArray(); // => [0, 0.25, -0.5, -0.25]
   */
  fftfreq(n: number, options?: { d?: number; dtype?: DType; device?: Device }): NDArray;
  /**
   * Non-negative sample frequencies of an `n`-point `rfft`.
   * @example
   * await np.fft.rfftfreq(4).toArray(); // => [0, 0.25, 0.5]
   */
  rfftfreq(n: number, options?: { d?: number; dtype?: DType; device?: Device }): NDArray;
  /**
   * Moves the zero-frequency term to the centre (over `axes`, all by default).
   * @example
   * await np.fft.fftshift(np.asarray([0, 1, 2, 3])).toArray(); // => [2, 3, 0, 1]
   */
  fftshift(x: NDArray, options?: { axes?: number | number[] }): NDArray;
  /**
   * Inverse of `fftshift`.
   * @example
   * await np.fft.ifftshift(np.asarray([2, 3, 0, 1])).toArray(); // => [0, 1, 2, 3]
   */
  ifftshift(x: NDArray, options?: { axes?: number | number[] }): NDArray;
}

export function fftFunctions(ctx: Context): FftFunctions {
  const np = () => ctx.ns;
  const kernels = (fn: string): FftKernels<unknown> => {
    const k = ctx.adapter.fft;
    if (!k) throw new DeviceError(`fft.${fn}: the ${ctx.adapter.name} adapter has no FFT kernels`);
    return k;
  };
  const checkNorm = (fn: string, norm: unknown): FftNorm => {
    const v = norm ?? 'backward';
    if (v !== 'backward' && v !== 'ortho' && v !== 'forward') throw new ValueError(`fft.${fn}: norm must be 'backward', 'ortho' or 'forward'; received ${show(norm)}`);
    return v;
  };
  /** Scale of a transform of length n: backward transforms are unscaled forward, 1/n inverse. */
  const scaleOf = (norm: FftNorm, n: number, inverse: boolean) =>
    norm === 'ortho' ? 1 / Math.sqrt(n) : (norm === 'forward') !== inverse ? 1 / n : 1;

  /** Validates x and picks the computation dtype; the cast happens inside each caller's scope. */
  const input = (fn: string, x: NDArray, want: 'complex' | 'real'): { a: NDArray; d: DType } => {
    const a = ctx.arr(`fft.${fn}`, 'x', x);
    if (a.ndim === 0) throw new ShapeError(`fft.${fn}: x must have at least one dimension; received a 0-d array`);
    let d: DType = isFloating(a.dtype) ? a.dtype : DEFAULT_FLOAT;
    if (d === 'float16') d = 'float32';
    if (want === 'complex') d = complexDType(d);
    else if (isComplex(d)) throw new DTypeError(`fft.${fn}: x must be real; received x of dtype ${a.dtype} (use fft for complex input)`);
    ctx.checkSupported(`fft.${fn}`, d, a.device);
    return { a, d };
  };

  /** Zero-pads or truncates `x` along `axis` to length `n`. */
  const fit = (x: NDArray, axis: number, n: number): NDArray => {
    const cur = x.shape[axis]!;
    if (cur === n) return x;
    if (cur > n) {
      const h = ctx.adapter.slice(x, x.shape.map(() => 0), x.shape.map(() => 1), x.shape.map((d, i) => (i === axis ? n : d)));
      return ctx.wrap(h, x.shape.map((d, i) => (i === axis ? n : d)), x.dtype, x.device);
    }
    const pad = np().zeros(x.shape.map((d, i) => (i === axis ? n - cur : d)), { dtype: x.dtype, device: x.device });
    return np().concat([x, pad], { axis });
  };

  const lengthOf = (fn: string, n: unknown, fallback: number): number => (n === undefined || n === null ? fallback : checkInt(`fft.${fn}`, 'n', n, 1));

  const c2c = (fn: string, x: NDArray, options: FftOptions | undefined, inverse: boolean): NDArray => {
    const norm = checkNorm(fn, options?.norm);
    const { a, d } = input(fn, x, 'complex');
    const axis = normalizeAxis(`fft.${fn}`, options?.axis ?? -1, a.ndim);
    const n = lengthOf(fn, options?.n, a.shape[axis]!);
    if (n < 1) throw new ValueError(`fft.${fn}: the transform length must be at least 1; received ${n}`);
    return ctx.scope(() => {
      const f = fit(ctx.cast(a, d), axis, n);
      return ctx.wrap(kernels(fn).fft(f, axis, inverse, scaleOf(norm, n, inverse)), f.shape, f.dtype, f.device);
    });
  };

  const r2c = (fn: string, x: NDArray, options: FftOptions | undefined): NDArray => {
    const norm = checkNorm(fn, options?.norm);
    const { a, d } = input(fn, x, 'real');
    const axis = normalizeAxis(`fft.${fn}`, options?.axis ?? -1, a.ndim);
    const n = lengthOf(fn, options?.n, a.shape[axis]!);
    if (n < 1) throw new ValueError(`fft.${fn}: the transform length must be at least 1; received ${n}`);
    return ctx.scope(() => {
      const f = fit(ctx.cast(a, d), axis, n);
      const shape = f.shape.map((d, i) => (i === axis ? Math.floor(n / 2) + 1 : d));
      return ctx.wrap(kernels(fn).rfft(f, axis, scaleOf(norm, n, false)), shape, complexDType(f.dtype), f.device);
    });
  };

  const c2r = (fn: string, x: NDArray, options: FftOptions | undefined): NDArray => {
    const norm = checkNorm(fn, options?.norm);
    const { a, d } = input(fn, x, 'complex');
    const axis = normalizeAxis(`fft.${fn}`, options?.axis ?? -1, a.ndim);
    const n = lengthOf(fn, options?.n, 2 * (a.shape[axis]! - 1));
    if (n < 1) throw new ValueError(`fft.${fn}: the output length must be at least 1; received ${n} (x has ${a.shape[axis]} bins along axis ${axis})`);
    return ctx.scope(() => {
      const f = fit(ctx.cast(a, d), axis, Math.floor(n / 2) + 1);
      const shape = f.shape.map((d, i) => (i === axis ? n : d));
      return ctx.wrap(kernels(fn).irfft(f, axis, n, scaleOf(norm, n, true)), shape, realDType(f.dtype), f.device);
    });
  };

  /** Axes and lengths of an n-d transform, as NumPy resolves `s` and `axes`. */
  const nd = (fn: string, x: NDArray, options: FftNOptions | undefined) => {
    const a = ctx.arr(`fft.${fn}`, 'x', x);
    const s = options?.s;
    let axes = options?.axes;
    if (s !== undefined && !Array.isArray(s)) throw new ValueError(`fft.${fn}: s must be an array of lengths; received ${show(s)}`);
    if (axes === undefined) axes = s ? s.map((_, i) => a.ndim - s.length + i) : a.shape.map((_, i) => i);
    if (!Array.isArray(axes)) throw new ValueError(`fft.${fn}: axes must be an array of integers; received ${show(axes)}`);
    const norm = axes.map((ax) => normalizeAxis(`fft.${fn}`, ax, a.ndim, 'axes'));
    if (new Set(norm).size !== norm.length) throw new AxisError(`fft.${fn}: axes must not repeat; received ${show(axes)}`);
    if (s && s.length !== norm.length) throw new ShapeError(`fft.${fn}: s and axes must have the same length; received ${s.length} and ${norm.length}`);
    return { axes: norm, s };
  };

  const fns: FftFunctions = {
    fft: (x, o) => c2c('fft', x, o, false),
    ifft: (x, o) => c2c('ifft', x, o, true),
    fftn(x, o) {
      const { axes, s } = nd('fftn', x, o);
      return ctx.scope(() => axes.reduce<NDArray>((acc, axis, i) => c2c('fftn', acc, { axis, n: s?.[i], norm: o?.norm }, false), x));
    },
    ifftn(x, o) {
      const { axes, s } = nd('ifftn', x, o);
      return ctx.scope(() => axes.reduce<NDArray>((acc, axis, i) => c2c('ifftn', acc, { axis, n: s?.[i], norm: o?.norm }, true), x));
    },
    rfft: (x, o) => r2c('rfft', x, o),
    irfft: (x, o) => c2r('irfft', x, o),
    rfftn(x, o) {
      const { axes, s } = nd('rfftn', x, o);
      if (axes.length === 0) throw new ValueError('fft.rfftn: at least one axis is required');
      return ctx.scope(() => {
        // Real transform along the last axis, complex transforms along the others.
        const last = axes.length - 1;
        let acc = r2c('rfftn', x, { axis: axes[last], n: s?.[last], norm: o?.norm });
        for (let i = 0; i < last; i++) acc = c2c('rfftn', acc, { axis: axes[i], n: s?.[i], norm: o?.norm }, false);
        return acc;
      });
    },
    irfftn(x, o) {
      const { axes, s } = nd('irfftn', x, o);
      if (axes.length === 0) throw new ValueError('fft.irfftn: at least one axis is required');
      return ctx.scope(() => {
        const last = axes.length - 1;
        let acc: NDArray = x;
        for (let i = 0; i < last; i++) acc = c2c('irfftn', acc, { axis: axes[i], n: s?.[i], norm: o?.norm }, true);
        return c2r('irfftn', acc, { axis: axes[last], n: s?.[last], norm: o?.norm });
      });
    },
    hfft(x, o) {
      // hfft(x, n) = irfft(conj(x), n) with the forward/backward scaling swapped.
      const norm = checkNorm('hfft', o?.norm);
      const swapped: FftNorm = norm === 'backward' ? 'forward' : norm === 'forward' ? 'backward' : 'ortho';
      return ctx.scope(() => {
        const { a, d } = input('hfft', x, 'complex');
        return c2r('hfft', np().conj(ctx.cast(a, d)), { ...o, norm: swapped });
      });
    },
    ihfft(x, o) {
      const norm = checkNorm('ihfft', o?.norm);
      const swapped: FftNorm = norm === 'backward' ? 'forward' : norm === 'forward' ? 'backward' : 'ortho';
      return ctx.scope(() => np().conj(r2c('ihfft', x, { ...o, norm: swapped })));
    },
    fftfreq(n, options) {
      const len = checkInt('fft.fftfreq', 'n', n, 1);
      const d = options?.d ?? 1;
      if (typeof d !== 'number' || !Number.isFinite(d) || d === 0) throw new ValueError(`fft.fftfreq: d must be a finite non-zero number; received ${show(d)}`);
      const vals = Array.from({ length: len }, (_, i) => (i < Math.ceil(len / 2) ? i : i - len) / (len * d));
      return np().asarray(vals, { dtype: options?.dtype ?? DEFAULT_FLOAT, device: options?.device });
    },
    rfftfreq(n, options) {
      const len = checkInt('fft.rfftfreq', 'n', n, 1);
      const d = options?.d ?? 1;
      if (typeof d !== 'number' || !Number.isFinite(d) || d === 0) throw new ValueError(`fft.rfftfreq: d must be a finite non-zero number; received ${show(d)}`);
      const vals = Array.from({ length: Math.floor(len / 2) + 1 }, (_, i) => i / (len * d));
      return np().asarray(vals, { dtype: options?.dtype ?? DEFAULT_FLOAT, device: options?.device });
    },
    fftshift: (x, options) => shift('fftshift', x, options?.axes, false),
    ifftshift: (x, options) => shift('ifftshift', x, options?.axes, true),
  };

  const shift = (fn: string, x: NDArray, axesArg: number | number[] | undefined, inverse: boolean): NDArray => {
    const a = ctx.arr(`fft.${fn}`, 'x', x);
    const axes = axesArg === undefined ? a.shape.map((_, i) => i) : (Array.isArray(axesArg) ? axesArg : [axesArg]).map((ax) => normalizeAxis(`fft.${fn}`, ax, a.ndim, 'axes'));
    const shifts = axes.map((ax) => (inverse ? -Math.floor(a.shape[ax]! / 2) : Math.floor(a.shape[ax]! / 2)));
    return np().roll(a, shifts, { axis: axes });
  };

  return fns;
}
