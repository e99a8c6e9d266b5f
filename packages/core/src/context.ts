/**
 * The per-namespace context the API functions share: the adapter, array bookkeeping (live
 * counts, scopes, the FinalizationRegistry backstop), operand checks and small helpers that
 * call kernels with the shapes and dtypes core computed.
 */
import type { Adapter, Device, FillValue } from './adapter.js';
import { NDArray, isNDArray, type IndexKey, type ArrayLike, type NestedArray, type Scalar } from './array.js';
import { type DType, type HostArray, isComplex, is64BitInt, isBool, kindOf } from './dtypes.js';
import { DTypeError, DeviceError, DisposedError, ShapeError, ValueError, show } from './errors.js';
import { isComplexLike, isWeakScalar, weakScalarDType, scalarDefaultDType, type WeakScalar } from './promotion.js';
import { type Shape, shapeEqual, showShape } from './shape.js';
import { toNested, toScalar } from './host.js';
import type { ArrayNamespace } from './namespace.js';

export class Context {
  /** Set by `createNamespace` once the namespace object exists. */
  ns!: ArrayNamespace;
  /** Indexing, installed by api/indexing.ts (kept out of this file). */
  getItem!: (x: NDArray, keys: IndexKey[]) => NDArray;
  setItem!: (x: NDArray, keys: IndexKey[], value: ArrayLike) => NDArray;

  private live = 0;
  private readonly scopes: Set<NDArray>[] = [];
  private readonly registry: FinalizationRegistry<unknown>;
  private readonly supported = new Map<Device, ReadonlySet<DType>>();

  constructor(readonly adapter: Adapter) {
    // Backstop for arrays user code forgot: free the handle when the wrapper is collected.
    this.registry = new FinalizationRegistry((handle) => {
      this.live--;
      this.adapter.free(handle);
    });
  }

  get defaultDevice(): Device {
    return this.adapter.defaultDevice();
  }

  // ---- making and checking arrays ----

  /** Wraps a kernel result with the shape and dtype core computed. */
  wrap(handle: unknown, shape: Shape, dtype: DType, device: Device): NDArray {
    const a = new NDArray(this, handle, shape, dtype, device);
    this.live++;
    // Arrays made inside a scope are disposed or handed on when it ends; only those that
    // leave every scope need the (costly) FinalizationRegistry backstop.
    const top = this.scopes[this.scopes.length - 1];
    if (top) top.add(a);
    else this.registry.register(a, handle, a);
    return a;
  }

  disposeArray(a: NDArray): void {
    const h = a._handle;
    if (h === undefined) return;
    a._handle = undefined;
    this.registry.unregister(a);
    this.live--;
    this.adapter.free(h);
  }

  /** Checks that `x` is a live array of this namespace. */
  arr(fn: string, arg: string, x: unknown): NDArray {
    if (!isNDArray(x)) throw new ValueError(`${fn}: ${arg} must be an array of this namespace; received ${show(x)}`);
    if ((x as NDArray)._ctx !== this) {
      throw new DeviceError(`${fn}: ${arg} belongs to another namespace (${x._ctx.adapter.name} on ${x.device}); this namespace is ${this.adapter.name}. Move it explicitly: np.asarray(await x.data(), { shape: x.shape, dtype: x.dtype })`);
    }
    if (x.isDisposed) throw new DisposedError(`${fn}: ${arg} is a disposed array (${x.dtype}, shape ${showShape(x.shape)}) and cannot be used`);
    return x as NDArray;
  }

  /** Checks that every array is on one device and returns it. */
  sameDevice(fn: string, arrays: readonly NDArray[]): Device {
    const d = arrays[0]?.device ?? this.defaultDevice;
    for (const a of arrays) {
      if (a.device !== d) throw new DeviceError(`${fn}: arrays on different devices (${d} and ${a.device}); move one with x.toDevice(device)`);
    }
    return d;
  }

  /** Checks that the adapter supports `dtype` on `device`. */
  checkSupported(fn: string, dtype: DType, device: Device = this.defaultDevice): DType {
    let set = this.supported.get(device);
    if (!set) {
      set = new Set(this.adapter.dtypes(device));
      this.supported.set(device, set);
    }
    if (!set.has(dtype)) {
      throw new DTypeError(`${fn}: dtype ${dtype} is not supported by the ${this.adapter.name} adapter on ${device}; supported: ${[...set].join(', ')}`);
    }
    return dtype;
  }

  /** Normalises a user-supplied device (undefined → default). */
  device(fn: string, device: unknown): Device {
    if (device === undefined || device === null) return this.defaultDevice;
    const ds = this.adapter.devices();
    const found = ds.find((d) => d === device || (typeof device === 'string' && (d.id === device || String(d) === device)));
    if (!found) throw new DeviceError(`${fn}: device ${show(device === undefined ? device : String(device))} is not a device of the ${this.adapter.name} adapter; devices: ${ds.map(String).join(', ')}`);
    return found;
  }

  // ---- operands ----

  /** A 0-d array holding a JS scalar converted to `dtype`. */
  scalarArray(fn: string, value: WeakScalar, dtype: DType, device: Device, arg = 'value'): NDArray {
    return this.wrap(this.adapter.full([], this.fillValue(fn, value, dtype, arg), dtype, device), [], dtype, device);
  }

  /** Converts a JS scalar into the fill value for `dtype` (C-style conversion). */
  fillValue(fn: string, value: WeakScalar, dtype: DType, arg = 'fillValue'): FillValue {
    if (!isWeakScalar(value)) throw new ValueError(`${fn}: ${arg} must be a number, boolean, bigint or {re, im}; received ${show(value)}`);
    if (isComplex(dtype)) {
      if (isComplexLike(value)) return [value.re, value.im];
      return [Number(value), 0];
    }
    // Complex → bool compares with zero (NumPy's logical_* with a complex scalar).
    if (isBool(dtype) && isComplexLike(value)) return value.re !== 0 || value.im !== 0;
    if (isComplexLike(value)) throw new DTypeError(`${fn}: ${arg} is the complex value ${value.re}+${value.im}j, which a ${dtype} array cannot hold`);
    if (isBool(dtype)) return typeof value === 'bigint' ? value !== 0n : Boolean(value);
    if (is64BitInt(dtype)) {
      if (typeof value === 'bigint') return value;
      if (typeof value === 'boolean') return value ? 1n : 0n;
      if (!Number.isFinite(value)) throw new ValueError(`${fn}: ${arg} ${show(value)} cannot be converted to ${dtype} (integers must be finite)`);
      return BigInt(Math.trunc(value));
    }
    if (typeof value === 'bigint') return Number(value);
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (kindOf(dtype) !== 'real floating' && !Number.isFinite(value)) throw new ValueError(`${fn}: ${arg} ${show(value)} cannot be converted to ${dtype} (integers must be finite)`);
    return value;
  }

  /** Dtype of an operand when paired with `partner` (an array dtype), following weak-scalar rules. */
  operandDType(fn: string, x: ArrayLike, partner: DType | undefined): DType {
    if (isNDArray(x)) return x.dtype;
    if (!isWeakScalar(x)) throw new ValueError(`${fn}: operands must be arrays or scalars; received ${show(x)}`);
    return partner === undefined ? scalarDefaultDType(x) : weakScalarDType(fn, partner, x);
  }

  // ---- kernel helpers with no-op shortcuts ----

  cast(x: NDArray, dtype: DType): NDArray {
    if (x.dtype === dtype) return x;
    this.checkSupported('astype', dtype, x.device);
    return this.wrap(this.adapter.cast(x, dtype), x.shape, dtype, x.device);
  }

  reshape(x: NDArray, shape: Shape): NDArray {
    if (shapeEqual(x.shape, shape)) return x;
    return this.wrap(this.adapter.reshape(x, shape), shape, x.dtype, x.device);
  }

  /** Broadcasts (adding leading axes as needed) to `shape`; `fn` names the caller in errors. */
  broadcastTo(fn: string, x: NDArray, shape: Shape): NDArray {
    if (shapeEqual(x.shape, shape)) return x;
    if (x.ndim > shape.length) throw new ShapeError(`${fn}: cannot broadcast shape ${showShape(x.shape)} to ${showShape(shape)}`);
    const off = shape.length - x.ndim;
    x.shape.forEach((d, i) => {
      if (d !== 1 && d !== shape[off + i]) throw new ShapeError(`${fn}: cannot broadcast shape ${showShape(x.shape)} to ${showShape(shape)}`);
    });
    const lifted = off > 0 ? this.reshape(x, [...new Array<number>(off).fill(1), ...x.shape]) : x;
    if (shapeEqual(lifted.shape, shape)) return lifted;
    const out = this.wrap(this.adapter.broadcastTo(lifted, shape), shape, x.dtype, x.device);
    // The lifted view is an intermediate; views keep their base alive, so it can go now.
    if (lifted !== x) this.disposeArray(lifted);
    return out;
  }

  // ---- scope and memory (public via the namespace) ----

  /**
   * Runs `fn` with the arrays it makes collected in a set (not registered for finalization); on
   * a throw they are disposed. Scopes and operand temporaries are built on it.
   */
  private collecting<T>(fn: () => T): [T, Set<NDArray>] {
    const made = new Set<NDArray>();
    this.scopes.push(made);
    try {
      return [fn(), made];
    } catch (e) {
      for (const a of made) this.disposeArray(a);
      throw e;
    } finally {
      this.scopes.pop();
    }
  }

  scope<T>(fn: () => T): T {
    if (typeof fn !== 'function') throw new ValueError(`scope: fn must be a function; received ${show(fn)}`);
    const [result, made] = this.collecting(fn);
    if (result instanceof Promise) {
      for (const a of made) this.disposeArray(a);
      throw new ValueError('scope: fn returned a Promise; scopes are synchronous (like tf.tidy). Await outside the scope, or use `using` / dispose() in async code');
    }
    const kept = new Set<unknown>(collectArrays(result));
    const outer = this.scopes[this.scopes.length - 1];
    for (const a of made) {
      if (!kept.has(a)) this.disposeArray(a);
      else if (outer) outer.add(a);
      else if (!a.isDisposed) this.registry.register(a, a._handle, a);
    }
    return result;
  }

  /**
   * Runs `prepare`, then `use` on what it returns, then disposes every array `prepare` made
   * (operand casts, scalars, broadcasts). Those temporaries go into a set instead of the
   * FinalizationRegistry, whose register/unregister pair costs more than the rest of a small op.
   */
  withTemporaries<P, T>(prepare: () => P, use: (prepared: P) => T): T {
    const [prepared, made] = this.collecting(prepare);
    try {
      return use(prepared);
    } finally {
      for (const a of made) this.disposeArray(a);
    }
  }

  memory(): { arrays: number; bytes: number } {
    return { arrays: this.live, bytes: this.adapter.memoryBytes() };
  }

  // ---- read-back ----

  /** Async so that every validation error surfaces as a rejected Promise. */
  async read(x: NDArray, fn = 'data'): Promise<HostArray> {
    this.arr(fn, 'x', x);
    return this.adapter.read(x);
  }

  readSync(x: NDArray): HostArray {
    this.arr('dataSync', 'x', x);
    if (!this.adapter.readSync || !this.adapter.capabilities()['sync readback']) {
      throw new DeviceError(`dataSync: the ${this.adapter.name} adapter (${this.adapter.engine().backend}) has no synchronous read-back; use await x.data() / x.toArray() / x.item()`);
    }
    return this.adapter.readSync(x);
  }

  toNested(x: NDArray, data: HostArray): NestedArray {
    return toNested(data, x.shape, x.dtype);
  }

  toItem(x: NDArray, data: HostArray): Scalar {
    if (x.size !== 1) throw new ValueError(`item: the array must have exactly one element; it has shape ${showShape(x.shape)} (${x.size} elements)`);
    return toScalar(data, 0, x.dtype);
  }

  toDevice(x: NDArray, device: Device): NDArray {
    this.arr('toDevice', 'x', x);
    const d = this.device('toDevice', device);
    if (d === x.device) return x;
    this.checkSupported('toDevice', x.dtype, d);
    if (!this.adapter.toDevice) throw new DeviceError(`toDevice: the ${this.adapter.name} adapter cannot move arrays between devices`);
    return this.wrap(this.adapter.toDevice(x, d), x.shape, x.dtype, d);
  }

  require2D(fn: string, x: NDArray): NDArray {
    if (x.ndim !== 2) throw new ShapeError(`${fn}: expected a 2-D array; received shape ${showShape(x.shape)} (use mT for stacks of matrices)`);
    return x;
  }

}

/** The arrays inside a scope's result (an array, or arrays nested in lists and plain objects). */
function collectArrays(x: unknown, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 8 || x === null || typeof x !== 'object') return out;
  if (isNDArray(x)) out.push(x);
  else if (Array.isArray(x)) for (const v of x) collectArrays(v, out, depth + 1);
  else if (Object.getPrototypeOf(x) === Object.prototype) for (const v of Object.values(x)) collectArrays(v, out, depth + 1);
  return out;
}
