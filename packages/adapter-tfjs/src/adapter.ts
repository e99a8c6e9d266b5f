/** The tfjs adapter: @arr/core's `Adapter` kernels on TensorFlow.js ops; handles are tf.Tensors. */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import {
  type Adapter, type ArgReduceOp, type BinaryOp, type Capabilities, type Device, type DType, type EngineInfo,
  type FftKernels, type LinalgKernels, type FillValue, type HostArray, type KernelArray, type ReduceOp, type ScanOp, type Shape, type UnaryOp,
  HOST_ARRAY, makeDevice,
} from '@arr/core';
import { hostLinalgKernels } from '@arr/numerics';
import type { BackendName, LoadedBackend } from './backends.js';
import { binary, unary } from './elementwise.js';
import * as S from './structure.js';
import { traitsOf, type Traits } from './traits.js';
import * as C from './complex.js';
import { fastMatmulWebgpu, type FastMatmulChoice, type WebGPUBackendLike } from './webgpu-matmul.js';

type T = tf.Tensor;
type K = KernelArray<T>;

const isReal = (d: string): boolean => d === 'float32';
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const sizeOf = (s: readonly number[]): number => s.reduce((p, d) => p * d, 1);

export class TfjsAdapter implements Adapter<T> {
  readonly name = 'tfjs';
  readonly traits: Traits;
  readonly fft?: FftKernels<T>;
  /**
   * np.linalg on CPU backends: @arr/numerics' float64 factorisations over synchronously read
   * tensors (tfjs has no LU/Cholesky/eigh/SVD). GPU backends get none: a host round trip there
   * would be a silent GPU→CPU fallback, so np.linalg throws DeviceError instead.
   */
  readonly linalg?: LinalgKernels<T>;
  private readonly device: Device;
  private readonly deviceList: readonly Device[];
  private readonly caps: Capabilities;
  private readonly info: EngineInfo;
  /** Backends whose read() hands out their internal buffer (copy before giving it to users). */
  private readonly copyOnRead: boolean;
  private readonly copyOnWrite: boolean;
  /**
   * Reductions over at least this many elements per output run in two stages (see `splitReduce`);
   * `createNamespace` sets it on webgpu (unless `splitReductions: false`), where tfjs reduces each
   * output with one workgroup. Off (Infinity) in a bare adapter; public so tests can turn it on.
   */
  splitReductionsFrom: number;
  /**
   * webgpu: float32 matmuls (2-D, and 3-D with equal batch) run on our register-blocked WGSL
   * kernel (`webgpu-matmul.ts`) with this tile variant, or on tfjs's MatMul when false. Off in a
   * bare adapter; `createNamespace` sets it on webgpu (unless `fastMatmul: false`). Ignored on
   * other backends. Public so tests can set it.
   */
  fastMatmul: false | FastMatmulChoice;

  constructor(readonly backend: BackendName, loaded: LoadedBackend = {}, skipped: Record<string, string> = {}) {
    const registered = new Set(tf.getKernelsForBackend(backend).map((k) => k.kernelName));
    this.traits = traitsOf(backend, (k) => registered.has(k));
    const kind = backend === 'webgpu' || (backend === 'tensorflow' && /gpu/i.test(String(loaded.details?.['package']))) ? 'gpu' : 'cpu';
    this.device = makeDevice('tfjs', backend, kind);
    this.deviceList = Object.freeze([this.device]);
    this.caps = Object.freeze({
      'boolean indexing': true,
      'data-dependent shapes': true,
      'max dimensions': 6,
      'sync readback': this.traits.sync,
    });
    const details: Record<string, string | number | boolean> = { tfjs: tf.version_core, node: process.version, ...(loaded.details ?? {}) };
    for (const [k, v] of Object.entries(skipped)) details[`skipped ${k}`] = v;
    this.info = Object.freeze({
      adapter: 'tfjs',
      backend,
      device: loaded.device ?? os.cpus()[0]?.model ?? 'unknown CPU',
      details: Object.freeze(details),
    });
    this.copyOnRead = backend === 'cpu' || backend === 'webgpu';
    this.copyOnWrite = backend === 'cpu' || backend === 'webgpu';
    this.splitReductionsFrom = Infinity;
    this.fastMatmul = false;
    if (this.traits.complex) this.fft = fftKernels(this);
    if (kind === 'cpu' && this.traits.sync) {
      this.linalg = hostLinalgKernels<T>({
        read: (x) => this.readSync(x).slice() as HostArray,
        make: (data, shape, dtype) => this.fromHost(data, shape, dtype, this.device),
      });
    }
  }

  /** Makes this adapter's backend tfjs's active one (tfjs has one global engine). */
  use(): void {
    if (tf.getBackend() !== this.backend) void tf.setBackend(this.backend);
  }
  /** Runs a composite in tf.tidy on this backend. */
  run(fn: () => T): T {
    if (tf.getBackend() !== this.backend) void tf.setBackend(this.backend);
    return tf.tidy(fn);
  }

  devices(): readonly Device[] { return this.deviceList; }
  defaultDevice(): Device { return this.device; }
  dtypes(_device: Device): readonly DType[] { return this.traits.dtypes; }
  capabilities(): Capabilities { return this.caps; }
  engine(): EngineInfo { return this.info; }

  // ---- storage ----
  fromHost(data: HostArray, shape: Shape, dtype: DType, _device: Device): T {
    this.use();
    if (dtype === 'complex64') {
      const f = data as Float32Array;
      const n = f.length / 2;
      const re = new Float32Array(n), im = new Float32Array(n);
      for (let i = 0; i < n; i++) { re[i] = f[2 * i]!; im[i] = f[2 * i + 1]!; }
      return tf.tidy(() => tf.complex(tf.tensor(re, shape as number[]), tf.tensor(im, shape as number[])));
    }
    // cpu/webgpu keep a reference to the array they are given; ours must not change under them.
    const values = this.copyOnWrite ? (data as Float32Array).slice() : (data as Float32Array);
    return tf.tensor(values, shape as number[], dtype as tf.DataType);
  }
  async read(x: K): Promise<HostArray> {
    this.use();
    const t = this.h(x);
    try { return this.host((await t.data()) as HostArray, x.dtype); } finally { if (t !== x.handle) t.dispose(); }
  }
  readSync(x: K): HostArray {
    this.use();
    const t = this.h(x);
    try { return this.host(t.dataSync() as HostArray, x.dtype); } finally { if (t !== x.handle) t.dispose(); }
  }
  /**
   * The tensor of a kernel argument at its full shape. broadcastTo returns the small tensor
   * (reshaped to the target rank) instead of tiling it, since tfjs's binary ops broadcast
   * natively; everything else materialises it here.
   */
  h(x: K): T {
    const t = x.handle;
    if (sameShape(t.shape, x.shape)) return t;
    // Same size: only the shape differs (a webgpu kernel's [1] for a 0-d result): a reshape, not a broadcast.
    if (t.size === sizeOf(x.shape)) return tf.reshape(t, x.shape as number[]);
    // Per part: the cpu backend's Tile has no complex64 (bool goes through int32 for wasm).
    return tf.tidy(() => S.perPart(t, (p) => tf.broadcastTo(p, x.shape as number[])));
  }
  /** The user's copy, of the dtype's host type (the cpu backend may hand out its buffer, or an Int32Array after a cast to float32). */
  private host(v: HostArray, dtype: DType): HostArray {
    const Ctor = HOST_ARRAY[dtype];
    if (!(v instanceof Ctor)) return (Ctor as unknown as { from(a: ArrayLike<number>): HostArray }).from(v as ArrayLike<number>);
    return this.copyOnRead ? (v as Float32Array).slice() : v;
  }
  free(handle: T): void { handle.dispose(); }
  /** tfjs's engine-wide count (all backends of this process), as `tf.memory()` reports it. */
  memoryBytes(): number { return tf.memory().numBytes; }
  toDevice(x: K, _device: Device): T { return this.run(() => this.h(x).clone()); }

  // ---- creation ----
  full(shape: Shape, value: FillValue, dtype: DType, _device: Device): T {
    const s = shape as number[];
    if (dtype === 'complex64') {
      const [re, im] = Array.isArray(value) ? (value as [number, number]) : [Number(value), 0];
      return this.run(() => tf.complex(tf.fill(s, re, 'float32'), tf.fill(s, im, 'float32')));
    }
    this.use();
    if (dtype === 'bool') return tf.fill(s, value ? 1 : 0, 'bool');
    if (dtype === 'int32') return tf.fill(s, Number(value) | 0, 'int32');
    return tf.fill(s, Number(value), 'float32');
  }

  // ---- conversion and views ----
  cast(x: K, dtype: DType): T {
    if (x.dtype === dtype) return this.run(() => this.h(x).clone());
    return this.run(() => {
      const h = this.h(x);
      if (x.dtype === 'complex64') {
        if (dtype === 'bool') return tf.logicalOr(tf.notEqual(C.real(h), 0), tf.notEqual(C.imag(h), 0));
        return tf.cast(C.real(h), dtype as tf.DataType);
      }
      if (dtype === 'complex64') {
        const re = tf.cast(h, 'float32');
        return tf.complex(re, tf.zerosLike(re));
      }
      if (dtype === 'bool') return tf.notEqual(h, tf.scalar(0, h.dtype));
      // The cpu backend's int32 → float32 cast relabels the Int32Array without rounding; an
      // arithmetic op writes a real Float32Array (values above 2^24 round as NumPy's do).
      if (this.backend === 'cpu' && dtype === 'float32' && h.dtype === 'int32') return tf.add(tf.cast(h, 'float32'), tf.scalar(0));
      return tf.cast(h, dtype as tf.DataType);
    });
  }
  reshape(x: K, shape: Shape): T {
    if (sameShape(x.handle.shape, x.shape)) { this.use(); return tf.reshape(x.handle, shape as number[]); }
    return this.run(() => tf.reshape(this.h(x), shape as number[]));
  }
  permute(x: K, axes: readonly number[]): T {
    return this.run(() => (x.shape.length < 2 ? this.h(x).clone() : S.perPart(this.h(x), (p) => tf.transpose(p, axes as number[]))));
  }
  slice(x: K, start: readonly number[], step: readonly number[], shape: Shape): T {
    return this.run(() => S.stridedSlice(this.h(x), start, step, shape));
  }
  broadcastTo(x: K, shape: Shape): T {
    if (shape.some((d) => d === 0)) return this.empty(shape, x.dtype);
    // Lazy: keep the small tensor (same rank, dims of 1); this.h() materialises where needed.
    this.use();
    return tf.reshape(x.handle, x.handle.shape.length === shape.length ? x.handle.shape : (x.shape as number[]));
  }
  concat(xs: readonly K[], axis: number): T {
    return this.run(() => {
      const parts = xs.filter((x) => this.h(x).size > 0).map((x) => this.h(x));
      if (parts.length === 0) {
        const shape = xs[0]!.shape.slice();
        shape[axis] = xs.reduce((s, x) => s + x.shape[axis]!, 0);
        return tf.zeros(shape, xs[0]!.handle.dtype);
      }
      if (parts.length === 1) return parts[0]!.clone();
      return S.perPart2(parts, (ps) => tf.concat(ps, axis));
    });
  }

  // ---- elementwise ----
  /** An empty (size 0) array: tfjs kernels are not reliable on those. */
  private empty(shape: Shape, dtype: DType): T {
    return this.full(shape, dtype === 'complex64' ? [0, 0] : 0, dtype, this.device);
  }
  unary(op: UnaryOp, x: K, dtype: DType): T {
    if (sizeOf(x.shape) === 0) return this.empty(x.shape, dtype);
    return this.run(() => unary(op, this.h(x), dtype, this.traits));
  }
  binary(op: BinaryOp, a: K, b: K, dtype: DType): T {
    if (sizeOf(a.shape) === 0) return this.empty(a.shape, dtype);
    // The common ops map to one tfjs op that broadcasts natively: no tiling, no tidy bookkeeping.
    if (a.dtype === 'float32' || a.dtype === 'int32') {
      const f = op === 'add' ? tf.add : op === 'subtract' ? tf.sub : op === 'divide' ? tf.div
        : op === 'multiply' && (a.dtype === 'float32' || this.traits.exactIntMul) ? tf.mul : undefined;
      if (f) {
        this.use();
        const r = f(a.handle, b.handle);
        if (sameShape(r.shape, a.shape)) return r;
        const m = tf.broadcastTo(r, a.shape as number[]);
        r.dispose();
        return m;
      }
    }
    return this.run(() => binary(op, this.h(a), this.h(b), dtype, this.traits));
  }
  where(cond: K, a: K, b: K): T {
    if (sizeOf(a.shape) === 0) return this.empty(a.shape, a.dtype);
    return this.run(() => S.perPart2([this.h(a), this.h(b)], ([p, q]) => tf.where(this.h(cond), p!, q!)));
  }

  // ---- reductions ----
  private maxNaN = (a: T, b: T): T =>
    isReal(a.dtype) ? tf.where(tf.isNaN(a), a, tf.where(tf.isNaN(b), b, tf.maximum(a, b))) : tf.maximum(a, b);
  private minNaN = (a: T, b: T): T =>
    isReal(a.dtype) ? tf.where(tf.isNaN(a), a, tf.where(tf.isNaN(b), b, tf.minimum(a, b))) : tf.minimum(a, b);

  reduce(op: ReduceOp, x: K, axes: readonly number[]): T {
    return this.run(() => {
      const h = this.h(x);
      const outShape = x.shape.filter((_, i) => !axes.includes(i));
      const outDtype = (op === 'all' || op === 'any' ? 'bool' : h.dtype) as tf.DataType;
      if (axes.length === 0) {
        if (op === 'all' || op === 'any') return this.cast(x, 'bool');
        return h.clone();
      }
      const n = axes.reduce((p, a) => p * x.shape[a]!, 1);
      if (n === 0) {
        const v = op === 'prod' || op === 'all' ? 1 : 0;
        return outDtype === 'complex64' ? tf.complex(tf.fill(outShape, v), tf.zeros(outShape)) : tf.fill(outShape, v, outDtype);
      }
      const ax = axes as number[];
      switch (op) {
        case 'sum':
          if (h.dtype === 'complex64') return tf.complex(tf.sum(C.real(h), ax), tf.sum(C.imag(h), ax));
          return tf.cast(this.splitReduce(tf.sum, h, ax, 0), outDtype);
        case 'prod':
          if (h.dtype === 'complex64') return complexProd(h, ax);
          return tf.cast(this.splitReduce(tf.prod, h, ax, 1), outDtype);
        case 'max':
        case 'min': {
          const src = h.dtype === 'bool' ? tf.cast(h, 'int32') : h;
          const worst = src.dtype === 'int32' ? (op === 'max' ? -(2 ** 31) : 2 ** 31 - 1) : op === 'max' ? -Infinity : Infinity;
          let r = this.splitReduce(op === 'max' ? tf.max : tf.min, src, ax, worst);
          // cpu and wasm propagate NaN; make sure elsewhere.
          if (isReal(h.dtype) && this.backend !== 'cpu' && this.backend !== 'wasm') {
            r = tf.where(this.splitReduce(tf.any, tf.isNaN(h), ax, false), tf.fill(r.shape, NaN), r);
          }
          return tf.cast(r, outDtype);
        }
        case 'all':
        case 'any': {
          const b = h.dtype === 'bool' ? h : (this.cast(x, 'bool') as T);
          return op === 'all' ? this.splitReduce(tf.all, b, ax, true) : this.splitReduce(tf.any, b, ax, false);
        }
      }
    });
  }
  /**
   * `fn(h, axes)`, in two stages when each output reduces `splitReductionsFrom` elements or more:
   * the reduced elements (moved last, padded with `identity`) become [outer, k, m], reduced over m,
   * then over k, so the work spreads over k times more workgroups.
   */
  private splitReduce(fn: (t: T, axes: number[]) => T, h: T, axes: number[], identity: number | boolean): T {
    const n = axes.reduce((p, a) => p * h.shape[a]!, 1);
    if (n < this.splitReductionsFrom) return fn(h, axes);
    const kept = h.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const outShape = kept.map((i) => h.shape[i]!);
    const outer = sizeOf(outShape);
    const moved = kept.length && axes.some((a, i) => a !== kept.length + i) ? tf.transpose(h, [...kept, ...axes]) : h;
    const m = 2 ** Math.ceil(Math.log2(Math.sqrt(n)));
    const k = Math.ceil(n / m);
    let flat = tf.reshape(moved, [outer, n]);
    if (k * m > n) flat = tf.concat([flat, tf.fill([outer, k * m - n], identity as number, h.dtype)], 1);
    return tf.reshape(fn(fn(tf.reshape(flat, [outer, k, m]), [2]), [1]), outShape);
  }

  argReduce(op: ArgReduceOp, x: K, axis: number): T {
    return this.run(() => {
      let h = this.h(x);
      if (h.dtype === 'bool') h = tf.cast(h, 'int32');
      // webgpu's ArgMax/ArgMin return shape [1] where the result is 0-d: reshape to the true shape.
      const outShape = x.shape.filter((_, i) => i !== axis) as number[];
      const r = tf.reshape(op === 'argmax' ? tf.argMax(h, axis) : tf.argMin(h, axis), outShape);
      if (!isReal(h.dtype)) return r;
      // NumPy: the first NaN counts as the extreme.
      const nan = tf.isNaN(h);
      return tf.where(tf.any(nan, axis), tf.reshape(tf.argMax(tf.cast(nan, 'int32'), axis), outShape), r);
    });
  }
  scan(op: ScanOp, x: K, axis: number): T {
    return this.run(() => {
      const h = this.h(x).dtype === 'bool' ? tf.cast(this.h(x), 'int32') : this.h(x);
      return tf.cast(S.scan(op, h, axis, this.maxNaN, this.minNaN), this.h(x).dtype);
    });
  }

  // ---- linear algebra ----
  matmul(a: K, b: K): T {
    return this.run(() => {
      const nd = a.shape.length;
      const shape = [...a.shape.slice(0, nd - 1), b.shape[nd - 1]!];
      const ha = this.h(a), hb = this.h(b);
      const dt = ha.dtype;
      if (a.shape[nd - 1] === 0 || shape.some((d) => d === 0)) {
        return dt === 'complex64' ? tf.complex(tf.zeros(shape), tf.zeros(shape)) : tf.zeros(shape, dt);
      }
      if (dt === 'complex64') {
        const ar = C.real(ha), ai = C.imag(ha), br = C.real(hb), bi = C.imag(hb);
        return tf.complex(tf.sub(tf.matMul(ar, br), tf.matMul(ai, bi)), tf.add(tf.matMul(ar, bi), tf.matMul(ai, br)));
      }
      if (dt === 'bool') return tf.greater(tf.matMul(tf.cast(ha, 'int32'), tf.cast(hb, 'int32')), 0);
      if (dt === 'int32') return this.intMatmul(ha, hb);
      if (this.fastMatmul !== false && this.backend === 'webgpu') {
        // null where the kernel does not apply (other dtypes or ranks, int32-stored data, huge grids).
        const r = fastMatmulWebgpu(tf.backend() as unknown as WebGPUBackendLike, ha, hb, this.fastMatmul);
        if (r) return r;
      }
      return tf.matMul(ha, hb);
    });
  }
  /** int32 matmul, exact mod 2³² (tfjs's BatchMatMul computes int32 in float32). */
  private intMatmul(a: T, b: T): T {
    const k = a.shape[a.rank - 1]!;
    // Broadcast product and sum: exact integer arithmetic (wraps as NumPy does).
    const ae = tf.expandDims(a, -1); // [...B, m, k, 1]
    const be = tf.expandDims(b, -3); // [...B, 1, k, n]
    const p = this.traits.exactIntMul ? tf.mul(ae, be) : binary('multiply', tf.broadcastTo(ae, [...a.shape, b.shape[b.rank - 1]!]), tf.broadcastTo(be, [...a.shape.slice(0, -1), k, b.shape[b.rank - 1]!]), 'int32', this.traits);
    return tf.sum(p, a.rank - 1);
  }

  // ---- indexing ----
  take(x: K, indices: K, axis: number): T {
    return this.run(() => {
      const n = x.shape[axis]!;
      const idx = S.normIndices('take', this.h(indices), n, axis, this.traits);
      if (idx.size === 0 || this.h(x).size === 0) {
        const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
        return this.h(x).dtype === 'complex64' ? tf.complex(tf.zeros(shape), tf.zeros(shape)) : tf.zeros(shape, this.h(x).dtype);
      }
      return S.gather(this.h(x), idx, axis);
    });
  }
  takeAlongAxis(x: K, indices: K, axis: number): T {
    return this.run(() => {
      if (this.h(indices).size === 0) {
        return this.h(x).dtype === 'complex64' ? tf.complex(tf.zeros(indices.shape as number[]), tf.zeros(indices.shape as number[])) : tf.zeros(indices.shape as number[], this.h(x).dtype);
      }
      return S.takeAlongAxis(this.h(x), this.h(indices), axis, this.traits);
    });
  }
  setSlice(x: K, start: readonly number[], step: readonly number[], values: K): T {
    return this.run(() => S.setSlice(this.h(x), start, step, this.h(values)));
  }
  scatter(x: K, indices: K, axis: number, values: K): T {
    return this.run(() => S.scatter(this.h(x), this.h(indices), axis, this.h(values), this.traits));
  }

  // ---- sorting ----
  sort(x: K, axis: number, descending: boolean, _stable: boolean): T {
    return this.run(() => S.sort(this.h(x), axis, descending, this.traits));
  }
  argsort(x: K, axis: number, descending: boolean, _stable: boolean): T {
    return this.run(() => S.argsort(this.h(x), axis, descending, this.traits));
  }
  searchsorted(x1: K, v: K, side: 'left' | 'right'): T {
    return this.run(() => S.searchsorted(this.h(x1), this.h(v), side));
  }
}

/** Product over axes of a complex tensor by pairwise halving (tfjs's Prod has no complex64). */
function complexProd(h: T, axes: number[]): T {
  const keep = [...Array(h.rank).keys()].filter((i) => !axes.includes(i));
  const outShape = keep.map((i) => h.shape[i]!);
  const rest = outShape.reduce((a, b) => a * b, 1);
  const n = axes.reduce((a, i) => a * h.shape[i]!, 1);
  let re = tf.reshape(tf.transpose(C.real(h), [...keep, ...axes]), [rest, n]);
  let im = tf.reshape(tf.transpose(C.imag(h), [...keep, ...axes]), [rest, n]);
  let len = n;
  while (len > 1) {
    if (len % 2 === 1) {
      re = tf.concat([re, tf.ones([rest, 1])], 1);
      im = tf.concat([im, tf.zeros([rest, 1])], 1);
      len++;
    }
    const half = len / 2;
    const r3 = tf.reshape(re, [rest, half, 2]), i3 = tf.reshape(im, [rest, half, 2]);
    const ar = tf.squeeze(tf.slice(r3, [0, 0, 0], [rest, half, 1]), [2]), br = tf.squeeze(tf.slice(r3, [0, 0, 1], [rest, half, 1]), [2]);
    const ai = tf.squeeze(tf.slice(i3, [0, 0, 0], [rest, half, 1]), [2]), bi = tf.squeeze(tf.slice(i3, [0, 0, 1], [rest, half, 1]), [2]);
    re = tf.sub(tf.mul(ar, br), tf.mul(ai, bi));
    im = tf.add(tf.mul(ar, bi), tf.mul(ai, br));
    len = half;
  }
  return tf.complex(tf.reshape(re, outShape), tf.reshape(im, outShape));
}

/** np.fft kernels on tf.spectral (innermost axis; others are moved there and back). */
function fftKernels(ad: TfjsAdapter): FftKernels<T> {
  const along = (x: T, axis: number, fn: (t: T) => T): T => {
    const p = S.toLast(x.rank, axis);
    // Per part: tfjs's transpose of a complex tensor reads its parts through Real/Imag (stale on webgpu).
    const r = fn(p ? S.perPart(x, (q) => tf.transpose(q, p)) : x);
    return p ? S.perPart(r, (q) => tf.transpose(q, S.inversePerm(p))) : r;
  };
  const scaleC = (z: T, s: number): T => (s === 1 ? z : tf.complex(tf.mul(C.real(z), s), tf.mul(C.imag(z), s)));
  return {
    fft: (x, axis, inverse, scale) => ad.run(() => {
      const n = x.shape[axis]!;
      if (n === 0 || ad.h(x).size === 0) return ad.h(x).clone();
      // tf.spectral.ifft divides by n; the kernel contract is the raw sum times `scale`.
      return along(ad.h(x), axis, (t) => (inverse ? scaleC(tf.spectral.ifft(t), n * scale) : scaleC(tf.spectral.fft(t), scale)));
    }),
    rfft: (x, axis, scale) => ad.run(() => along(ad.h(x), axis, (t) => scaleC(tf.spectral.rfft(t), scale))),
    irfft: (x, axis, n, scale) => ad.run(() => along(ad.h(x), axis, (t) => {
      // Rebuild the Hermitian spectrum of length n and take the real part of its inverse.
      const m = t.shape[t.rank - 1]!;
      const half = Math.floor(n / 2) + 1;
      const lead = t.shape.slice(0, -1);
      const re0 = C.real(t), im0 = C.imag(t);
      const fit = (p: T): T => (m >= half ? tf.slice(p, new Array(t.rank).fill(0), [...lead, half]) : tf.concat([p, tf.zeros([...lead, half - m])], t.rank - 1));
      const re = fit(re0), im = fit(im0);
      const tailLen = n - half;
      let full: T;
      if (tailLen > 0) {
        const begin = [...new Array(t.rank - 1).fill(0), 1];
        const mirror = (p: T): T => tf.reverse(tf.slice(p, begin, [...lead, tailLen]), t.rank - 1);
        full = tf.complex(tf.concat([re, mirror(re)], t.rank - 1), tf.concat([im, tf.neg(mirror(im))], t.rank - 1));
      } else {
        full = tf.complex(re, im);
      }
      return tf.mul(C.real(tf.spectral.ifft(full)), n * scale);
    })),
  };
}
