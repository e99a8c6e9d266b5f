/**
 * The kernel interface an adapter implements. Core has already validated every argument,
 * computed the output shape and dtype, broadcast operands to equal shapes and cast them to the
 * computation dtype, so kernels trust their inputs (stdlib-js style: public functions validate,
 * internal ones do not). Kernels return a handle; core wraps it with the shape and dtype it
 * computed, so every adapter gives the same shapes and dtypes for the same call.
 */
import type { DType, HostArray } from './dtypes.js';
import type { Shape } from './shape.js';
import { IndexError, ValueError } from './errors.js';

/** The error every adapter throws for an index outside `[-size, size)`. */
export function indexOutOfRange(fn: string, index: number | bigint, axis: number, size: number): IndexError {
  return new IndexError(`${fn}: index ${index} is out of bounds for axis ${axis} with size ${size}`);
}

/** The error every adapter throws for an integer `pow` with a negative exponent (as NumPy). */
export function negativeIntegerPower(): ValueError {
  return new ValueError('pow: integers to negative integer powers are not allowed');
}

/** A place where arrays live. Compared by identity within one namespace. */
export interface Device {
  /** The adapter that owns it, e.g. `'ndarray'`. */
  readonly adapter: string;
  /** A stable id, e.g. `'cpu'`, `'webgpu:0'`. */
  readonly id: string;
  readonly kind: 'cpu' | 'gpu';
  toString(): string;
}

/** Makes a device object (a helper for adapters). */
export function makeDevice(adapter: string, id: string, kind: 'cpu' | 'gpu'): Device {
  return Object.freeze({ adapter, id, kind, toString: () => `${adapter}:${id}` });
}

/** `np.info().capabilities()`, as in the Array API plus `'sync readback'`. */
export interface Capabilities {
  readonly 'boolean indexing': boolean;
  readonly 'data-dependent shapes': boolean;
  readonly 'max dimensions': number;
  readonly 'sync readback': boolean;
}

/** What actually runs, as reported by `np.info().engine()`. */
export interface EngineInfo {
  readonly adapter: string;
  /** Backend or execution provider, e.g. `'js'`, `'webgpu'`, `'cpu'`. */
  readonly backend: string;
  /** Device name, e.g. a CPU or GPU model. */
  readonly device: string;
  /** Anything else worth reporting (versions, threads, …). */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** An array as a kernel sees it: its handle plus the shape and dtype core knows. */
export interface KernelArray<H> {
  readonly handle: H;
  readonly shape: Shape;
  readonly dtype: DType;
}

/** A fill value for `full`: number for real dtypes, bigint for 64-bit ints, [re, im] for complex. */
export type FillValue = number | bigint | boolean | readonly [number, number];

/** Elementwise functions of one argument, by their namespace names. */
export type UnaryOp =
  | 'abs' | 'acos' | 'acosh' | 'asin' | 'asinh' | 'atan' | 'atanh' | 'bitwiseInvert' | 'ceil' | 'conj'
  | 'cos' | 'cosh' | 'exp' | 'expm1' | 'floor' | 'imag' | 'isfinite' | 'isinf' | 'isnan' | 'log'
  | 'log1p' | 'log2' | 'log10' | 'logicalNot' | 'negative' | 'real' | 'reciprocal' | 'round' | 'sign'
  | 'signbit' | 'sin' | 'sinh' | 'square' | 'sqrt' | 'tan' | 'tanh' | 'trunc';

/** Elementwise functions of two arguments, by their namespace names. */
export type BinaryOp =
  | 'add' | 'atan2' | 'bitwiseAnd' | 'bitwiseLeftShift' | 'bitwiseOr' | 'bitwiseRightShift' | 'bitwiseXor'
  | 'copysign' | 'divide' | 'equal' | 'floorDivide' | 'greater' | 'greaterEqual' | 'hypot' | 'less'
  | 'lessEqual' | 'logaddexp' | 'logicalAnd' | 'logicalOr' | 'logicalXor' | 'maximum' | 'minimum'
  | 'multiply' | 'nextafter' | 'notEqual' | 'pow' | 'remainder' | 'subtract';

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any';
export type ArgReduceOp = 'argmax' | 'argmin';
export type ScanOp = 'sum' | 'prod' | 'max' | 'min';

/**
 * The kernels. `H` is the adapter's handle type. Unless noted, inputs of one call have the same
 * shape and dtype, and the output has the `shape`/`dtype` core passes or documents.
 */
export interface Adapter<H = unknown> {
  /** Short name, e.g. `'ndarray'`; used in error messages and `engine()`. */
  readonly name: string;
  devices(): readonly Device[];
  defaultDevice(): Device;
  /** The dtypes this device can hold and compute. Core raises DTypeError for the rest. */
  dtypes(device: Device): readonly DType[];
  capabilities(): Capabilities;
  engine(): EngineInfo;

  // ---- storage ----
  /**
   * Uploads a host array (layout and length as `data()` returns them) into a new handle. Core
   * hands over `data`: a fresh array nothing else holds, or the user's own under
   * `asarray(…, { copy: false })`, whose caller promises not to change it. An adapter may keep it
   * as its storage without copying; it must never reuse it for other data.
   */
  fromHost(data: HostArray, shape: Shape, dtype: DType, device: Device): H;
  /** Reads back a row-major host array of the dtype's storage type (see `HOST_ARRAY`). */
  read(x: KernelArray<H>): Promise<HostArray>;
  /** Synchronous read-back; present only when `capabilities()['sync readback']`. */
  readSync?(x: KernelArray<H>): HostArray;
  /** Releases the handle. Called once per handle; views must keep their base alive. */
  free(handle: H): void;
  /** Bytes this adapter holds for live handles (views count their base once). */
  memoryBytes(): number;
  /** Moves to another device of the same adapter. */
  toDevice?(x: KernelArray<H>, device: Device): H;

  // ---- creation ----
  full(shape: Shape, value: FillValue, dtype: DType, device: Device): H;

  // ---- conversion and views (results may share memory with the input) ----
  /** Converts to `dtype` (C casting rules: float → int truncates toward zero, NaN → 0; to bool: x != 0). */
  cast(x: KernelArray<H>, dtype: DType): H;
  /** Same size, new shape (a view when the input is contiguous). */
  reshape(x: KernelArray<H>, shape: Shape): H;
  /** Reorders axes: output axis i is input axis `axes[i]`. */
  permute(x: KernelArray<H>, axes: readonly number[]): H;
  /**
   * A strided selection: along axis i, indices `start[i] + k*step[i]` for k < `shape[i]`
   * (`step` may be negative; all indices are in range).
   */
  slice(x: KernelArray<H>, start: readonly number[], step: readonly number[], shape: Shape): H;
  /** Broadcasts to `shape` (same ndim; each input dim is 1 or equal). */
  broadcastTo(x: KernelArray<H>, shape: Shape): H;
  /** Joins along an existing `axis` (same dtype, shapes equal except along `axis`). */
  concat(xs: readonly KernelArray<H>[], axis: number): H;

  // ---- elementwise ----
  /**
   * One-argument elementwise function; `dtype` is the output dtype (the input's, or bool for
   * predicates, or the real dtype for abs/real/imag of complex input).
   */
  unary(op: UnaryOp, x: KernelArray<H>, dtype: DType): H;
  /** Two-argument elementwise function; `a` and `b` share shape and dtype; `dtype` is the output dtype. */
  binary(op: BinaryOp, a: KernelArray<H>, b: KernelArray<H>, dtype: DType): H;
  /** `cond ? a : b`; cond is bool; a, b and output share a dtype; all share a shape. */
  where(cond: KernelArray<H>, a: KernelArray<H>, b: KernelArray<H>): H;

  // ---- reductions and scans ----
  /**
   * Reduces over `axes` (sorted, unique, possibly empty; output drops them). Output dtype is the
   * input's for sum/prod/max/min, bool for all/any. Sum of an empty axis is 0, prod 1; max/min
   * of an empty axis never reaches the kernel. NaN propagates through max/min.
   */
  reduce(op: ReduceOp, x: KernelArray<H>, axes: readonly number[]): H;
  /** Index (int32) of the first max/min along `axis` (output drops it; NaN counts as the extreme). */
  argReduce(op: ArgReduceOp, x: KernelArray<H>, axis: number): H;
  /** Inclusive cumulative sum/prod/max/min along `axis`, same shape and dtype. */
  scan(op: ScanOp, x: KernelArray<H>, axis: number): H;

  // ---- linear algebra ----
  /** Batched matrix product: a [...B, m, k] @ b [...B, k, n] → [...B, m, n], same dtype and batch. */
  matmul(a: KernelArray<H>, b: KernelArray<H>): H;

  // ---- indexing ----
  /**
   * Gathers along `axis`: output shape is x.shape with axis replaced by indices.shape.
   * `indices` is an integer dtype; negative values count from the end (once). Values outside
   * `[-n, n)` throw `indexOutOfRange('take', …)` (an adapter that cannot check at call time
   * throws it at read-back).
   */
  take(x: KernelArray<H>, indices: KernelArray<H>, axis: number): H;
  /**
   * `take_along_axis`: indices (integer dtype) has x's ndim and x's shape except along `axis`;
   * output has indices' shape. Negative and out-of-range values as in `take`.
   */
  takeAlongAxis(x: KernelArray<H>, indices: KernelArray<H>, axis: number): H;
  /**
   * A copy of `x` with the strided region (as in `slice`) replaced by `values`
   * (values has the region's shape and x's dtype).
   */
  setSlice(x: KernelArray<H>, start: readonly number[], step: readonly number[], values: KernelArray<H>): H;
  /**
   * A copy of `x` with positions along `axis` given by `indices` (1-D integer, negative and
   * out-of-range values as in `take`) replaced by `values` (x's shape with axis replaced by
   * indices.length, x's dtype). Later duplicates win.
   */
  scatter(x: KernelArray<H>, indices: KernelArray<H>, axis: number, values: KernelArray<H>): H;

  // ---- sorting and searching ----
  /** Sorts along `axis` (NaN last, as NumPy); stable when asked. */
  sort(x: KernelArray<H>, axis: number, descending: boolean, stable: boolean): H;
  /** Indices (int32) that sort along `axis`. */
  argsort(x: KernelArray<H>, axis: number, descending: boolean, stable: boolean): H;
  /** For each value of `v`, its insertion index (int32) in the sorted 1-D `x1`. */
  searchsorted(x1: KernelArray<H>, v: KernelArray<H>, side: 'left' | 'right'): H;
  /**
   * Optional: the elements of 1-D `x` where the 1-D bool `mask` (same length) is true, in
   * order, computed on the device (`extract`). Without it core reads the mask back, finds the
   * positions on the host and gathers with `take`.
   */
  compress?(x: KernelArray<H>, mask: KernelArray<H>): Promise<{ handle: H; count: number }>;

  // ---- optional extensions (np.linalg / np.fft); without them those functions throw DeviceError ----
  readonly linalg?: LinalgKernels<H>;
  readonly fft?: FftKernels<H>;
}

/**
 * Kernels of `np.linalg`. Inputs are float32/float64/complex64/complex128 stacks of matrices
 * `[...B, m, n]` (core has checked squareness where needed). Kernels compute in at least the
 * input's precision and throw `ValueError` (via `linalgError`) for singular or non-finite input.
 */
export interface LinalgKernels<H> {
  /** Lower (or upper) Cholesky factor of Hermitian positive-definite matrices. */
  cholesky(x: KernelArray<H>, upper: boolean): H;
  /** Solves a X = b for a [...B, n, n], b [...B, n, k] (same batch) → [...B, n, k]. */
  solve(a: KernelArray<H>, b: KernelArray<H>): H;
  /** Inverse of [...B, n, n]. */
  inv(x: KernelArray<H>): H;
  /** Sign (input dtype, |sign| = 1 or 0) and log|det| (real dtype), both of shape [...B]. */
  slogdet(x: KernelArray<H>): [H, H];
  /** Q [...B, m, k] and R [...B, k, n], k = min(m, n) ('reduced') or m ('complete'). */
  qr(x: KernelArray<H>, mode: 'reduced' | 'complete'): [H, H];
  /** Eigenvalues ascending (real dtype, [...B, n]) and orthonormal eigenvectors ([...B, n, n]) of Hermitian matrices. */
  eigh(x: KernelArray<H>): [H, H];
  /** U, S (real dtype, descending), Vh with k = min(m, n): U [...B, m, k|m], Vh [...B, k|n, n]. */
  svd(x: KernelArray<H>, fullMatrices: boolean): [H, H, H];
}

/**
 * Kernels of `np.fft`: one-dimensional transforms along `axis`; core pads/truncates to the
 * requested length, loops over axes for n-d transforms and computes the scale from `norm`.
 */
export interface FftKernels<H> {
  /** Complex → complex (complex64/complex128), same shape; the result is multiplied by `scale`. */
  fft(x: KernelArray<H>, axis: number, inverse: boolean, scale: number): H;
  /** Real (float32/float64) of length n along axis → complex of length n/2+1 (floor), times `scale`. */
  rfft(x: KernelArray<H>, axis: number, scale: number): H;
  /** Complex with n/2+1 bins along axis → real of length `n`, inverse transform, times `scale`. */
  irfft(x: KernelArray<H>, axis: number, n: number, scale: number): H;
}

/** The error adapters throw for singular, non-positive-definite or non-finite linalg input. */
export function linalgError(fn: string, problem: string): ValueError {
  return new ValueError(`linalg.${fn}: ${problem}`);
}
