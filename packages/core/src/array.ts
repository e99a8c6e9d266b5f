/**
 * The array object. Immutable; every method returns a new array. Its methods delegate to the
 * namespace that made it, so validation lives in one place.
 */
import type { Device, KernelArray } from './adapter.js';
import type { DType, HostArray } from './dtypes.js';
import { DisposedError } from './errors.js';
import type { ComplexLike, WeakScalar } from './promotion.js';
import type { Shape } from './shape.js';
import type { ArrayNamespace } from './namespace.js';
import type { Context } from './context.js';

/** A scalar as read back by `item()` / `toArray()`: number, bigint (64-bit ints), boolean, or complex. */
export type Scalar = number | bigint | boolean | ComplexLike;
/** Nested JS arrays as returned by `toArray()`. */
export type NestedArray = Scalar | NestedArray[];

/**
 * One indexing key of `get`/`set`: an integer, a slice string `'start:stop:step'`, `null`
 * (`np.newaxis`), `'...'`, or an integer array (`set` also takes a boolean mask of the same shape).
 */
export type IndexKey = number | string | null | NDArray;

/** An array operand or a weak JS scalar. */
export type ArrayLike = NDArray | WeakScalar;

export interface ReduceOptions {
  axis?: number | readonly number[];
  keepdims?: boolean;
}

/** Brand shared by every copy of @arr/core loaded in one process (instanceof is not enough then). */
const BRAND = Symbol.for('@arr/core.NDArray');

export class NDArray implements KernelArray<unknown> {
  /** @internal */ readonly [BRAND] = true;
  /** @internal */ readonly _ctx: Context;
  /** @internal */ _handle: unknown;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly device: Device;

  /** @internal Arrays are made by namespace functions, never by `new`. */
  constructor(ctx: Context, handle: unknown, shape: Shape, dtype: DType, device: Device) {
    this._ctx = ctx;
    this._handle = handle;
    this.shape = Object.isFrozen(shape) ? shape : Object.freeze(shape.slice());
    this.dtype = dtype;
    this.device = device;
  }

  /** The engine handle (throws DisposedError after `dispose()`). */
  get handle(): unknown {
    if (this._handle === undefined) throw new DisposedError(`this ${this.dtype} array of shape [${this.shape.join(',')}] was disposed and cannot be used`);
    return this._handle;
  }
  get ndim(): number {
    return this.shape.length;
  }
  get size(): number {
    let n = 1;
    for (const d of this.shape) n *= d;
    return n;
  }
  get isDisposed(): boolean {
    return this._handle === undefined;
  }
  /** The namespace this array belongs to. */
  get namespace(): ArrayNamespace {
    return this._ctx.ns;
  }
  /** Transpose of a 2-D array. */
  get T(): NDArray {
    return this._ctx.ns.matrixTranspose(this._ctx.require2D('T', this));
  }
  /** Transpose of the last two axes (a stack of matrices). */
  get mT(): NDArray {
    return this._ctx.ns.matrixTranspose(this);
  }

  // ---- operators (named as the namespace functions) ----
  add(other: ArrayLike): NDArray { return this._ctx.ns.add(this, other); }
  subtract(other: ArrayLike): NDArray { return this._ctx.ns.subtract(this, other); }
  multiply(other: ArrayLike): NDArray { return this._ctx.ns.multiply(this, other); }
  divide(other: ArrayLike): NDArray { return this._ctx.ns.divide(this, other); }
  floorDivide(other: ArrayLike): NDArray { return this._ctx.ns.floorDivide(this, other); }
  remainder(other: ArrayLike): NDArray { return this._ctx.ns.remainder(this, other); }
  pow(other: ArrayLike): NDArray { return this._ctx.ns.pow(this, other); }
  matmul(other: NDArray): NDArray { return this._ctx.ns.matmul(this, other); }
  bitwiseAnd(other: ArrayLike): NDArray { return this._ctx.ns.bitwiseAnd(this, other); }
  bitwiseOr(other: ArrayLike): NDArray { return this._ctx.ns.bitwiseOr(this, other); }
  bitwiseXor(other: ArrayLike): NDArray { return this._ctx.ns.bitwiseXor(this, other); }
  bitwiseLeftShift(other: ArrayLike): NDArray { return this._ctx.ns.bitwiseLeftShift(this, other); }
  bitwiseRightShift(other: ArrayLike): NDArray { return this._ctx.ns.bitwiseRightShift(this, other); }
  bitwiseInvert(): NDArray { return this._ctx.ns.bitwiseInvert(this); }
  equal(other: ArrayLike): NDArray { return this._ctx.ns.equal(this, other); }
  notEqual(other: ArrayLike): NDArray { return this._ctx.ns.notEqual(this, other); }
  less(other: ArrayLike): NDArray { return this._ctx.ns.less(this, other); }
  lessEqual(other: ArrayLike): NDArray { return this._ctx.ns.lessEqual(this, other); }
  greater(other: ArrayLike): NDArray { return this._ctx.ns.greater(this, other); }
  greaterEqual(other: ArrayLike): NDArray { return this._ctx.ns.greaterEqual(this, other); }
  negative(): NDArray { return this._ctx.ns.negative(this); }
  positive(): NDArray { return this._ctx.ns.positive(this); }
  abs(): NDArray { return this._ctx.ns.abs(this); }

  // ---- common methods ----
  reshape(shape: readonly number[]): NDArray { return this._ctx.ns.reshape(this, shape); }
  astype(dtype: DType): NDArray { return this._ctx.ns.astype(this, dtype); }
  sum(options?: ReduceOptions & { dtype?: DType }): NDArray { return this._ctx.ns.sum(this, options); }
  mean(options?: ReduceOptions): NDArray { return this._ctx.ns.mean(this, options); }
  max(options?: ReduceOptions): NDArray { return this._ctx.ns.max(this, options); }
  min(options?: ReduceOptions): NDArray { return this._ctx.ns.min(this, options); }

  /** Indexing: integers, slice strings, `null` (newaxis), `'...'`, integer arrays. */
  get(...keys: IndexKey[]): NDArray { return this._ctx.getItem(this, keys); }
  /** A copy with `this[keys] = value` applied (arrays are immutable). */
  set(keys: IndexKey | readonly IndexKey[], value: ArrayLike): NDArray {
    return this._ctx.setItem(this, Array.isArray(keys) ? (keys as IndexKey[]) : [keys as IndexKey], value);
  }

  /** Copies to another device of the same adapter. */
  toDevice(device: Device): NDArray { return this._ctx.toDevice(this, device); }

  // ---- read-back ----
  /** Row-major host data of the dtype's storage type (see the dtype model in the docs). */
  data(): Promise<HostArray> { return this._ctx.read(this, 'data'); }
  /** Synchronous `data()`; throws DeviceError where `capabilities()['sync readback']` is false. */
  dataSync(): HostArray { return this._ctx.readSync(this); }
  /** Nested JS arrays (a scalar for 0-d arrays). */
  async toArray(): Promise<NestedArray> { return this._ctx.toNested(this, await this._ctx.read(this, 'toArray')); }
  toArraySync(): NestedArray { return this._ctx.toNested(this, this.dataSync()); }
  /** The single element of a size-1 array. */
  async item(): Promise<Scalar> { return this._ctx.toItem(this, await this._ctx.read(this, 'item')); }
  itemSync(): Scalar { return this._ctx.toItem(this, this.dataSync()); }

  // ---- memory ----
  /** Frees the engine memory now. Idempotent. */
  dispose(): void { this._ctx.disposeArray(this); }
  [Symbol.dispose](): void { this.dispose(); }

  toString(): string {
    return `NDArray(shape=[${this.shape.join(',')}], dtype=${this.dtype}, device=${this.device}${this.isDisposed ? ', disposed' : ''})`;
  }
}

/** True for an @arr array (of any namespace). */
export function isNDArray(x: unknown): x is NDArray {
  return typeof x === 'object' && x !== null && (x as { [BRAND]?: unknown })[BRAND] === true;
}
