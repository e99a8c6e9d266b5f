/** Creation functions: arange, asarray, empty, eye, full, linspace, meshgrid, ones, tril, triu, zeros and the *Like variants. */
import type { Device, FillValue } from '../adapter.js';
import { isNDArray, type NDArray } from '../array.js';
import type { Context } from '../context.js';
import {
  type DType, type HostArray, HOST_ARRAY, allocHost, checkDType, isComplex, isInteger, lanes,
} from '../dtypes.js';
import { ArrError, DTypeError, ShapeError, ValueError, show } from '../errors.js';
import { type LeafKind, halfToNumber, parseNested, scalarsToHost } from '../host.js';
import { DEFAULT_COMPLEX, DEFAULT_FLOAT, DEFAULT_INT, type ComplexLike, type WeakScalar, isComplexLike } from '../promotion.js';
import { type Shape, checkInt, checkShape, showShape, sizeOf } from '../shape.js';
import type { NestedArray, Scalar } from '../array.js';

/** `{ dtype, device }` of the creation functions. */
export interface CreationOptions {
  dtype?: DType;
  device?: Device;
}

/** A TypedArray that `asarray` accepts. */
export type TypedArrayInput =
  | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array
  | BigUint64Array | Float32Array | Float64Array;

/** What `asarray` converts: nested JS arrays of scalars, a scalar, a TypedArray, or an array. */
export type AsArrayInput = NDArray | TypedArrayInput | NestedArray | readonly NestedArray[] | WeakScalar;

export interface CreationFunctions {
  /**
   * Evenly spaced values in `[start, stop)` (with one argument, `[0, stop)`), `ceil((stop-start)/step)`
   * of them. Integer arguments give int32, others float32, unless `dtype` says otherwise.
   * @example
   * await np.arange(5).toArray(); // => [0, 1, 2, 3, 4]
   * await np.arange(1, 2, 0.25).toArray(); // => [1, 1.25, 1.5, 1.75]
   * np.arange(3).dtype; // => "int32"
   */
  arange(start: number, stop?: number, step?: number, options?: CreationOptions): NDArray;
  /**
   * Converts nested JS arrays, scalars, TypedArrays or arrays of this namespace to an array.
   * Inferred dtypes: all booleans → bool, integers → int32, any other number → float32,
   * bigint → int64, `{re, im}` → complex64. A TypedArray keeps its element type; with `dtype` equal
   * to the storage type of that dtype it is taken as raw host data (as `x.data()` returns it:
   * float16 bits, interleaved complex, 0/1 bools). `copy: false` never copies (ValueError when it
   * would have to); `shape` reshapes the data (its size must match).
   * @example
   * await np.asarray([[1, 2], [3, 4]]).toArray(); // => [[1, 2], [3, 4]]
   * np.asarray([1, 2.5]).dtype; // => "float32"
   * np.asarray(new Float64Array(6), { shape: [2, 3] }).shape; // => [2, 3]
   */
  asarray(obj: AsArrayInput, options?: CreationOptions & { copy?: boolean; shape?: number | readonly number[] }): NDArray;
  /**
   * An array of the given shape whose contents are unspecified (here: zeros).
   * @example
   * np.empty([2, 3]).shape; // => [2, 3]
   */
  empty(shape: number | readonly number[], options?: CreationOptions): NDArray;
  /**
   * `empty` with the shape (and, by default, dtype and device) of `x`.
   * @example
   * np.emptyLike(np.ones([2], { dtype: 'int8' })).dtype; // => "int8"
   */
  emptyLike(x: NDArray, options?: CreationOptions): NDArray;
  /**
   * A 2-D array with ones on the `k`-th diagonal and zeros elsewhere.
   * @example
   * await np.eye(2).toArray(); // => [[1, 0], [0, 1]]
   * await np.eye(2, 3, { k: 1 }).toArray(); // => [[0, 1, 0], [0, 0, 1]]
   */
  eye(nRows: number, nCols?: number, options?: CreationOptions & { k?: number }): NDArray;
  /**
   * An array filled with `fillValue`; the dtype is inferred from it when not given.
   * @example
   * await np.full([2], 7).toArray(); // => [7, 7]
   * np.full([2], true).dtype; // => "bool"
   */
  full(shape: number | readonly number[], fillValue: WeakScalar, options?: CreationOptions): NDArray;
  /**
   * `full` with the shape (and, by default, dtype and device) of `x`.
   * @example
   * await np.fullLike(np.zeros([2]), 3).toArray(); // => [3, 3]
   */
  fullLike(x: NDArray, fillValue: WeakScalar, options?: CreationOptions): NDArray;
  /**
   * `num` evenly spaced values from `start` to `stop` (inclusive unless `endpoint: false`),
   * computed in float64 and converted to `dtype` (float32 by default; complex64 for complex bounds).
   * @example
   * await np.linspace(0, 1, 5).toArray(); // => [0, 0.25, 0.5, 0.75, 1]
   * await np.linspace(0, 1, 4, { endpoint: false }).toArray(); // => [0, 0.25, 0.5, 0.75]
   */
  linspace(start: number | ComplexLike, stop: number | ComplexLike, num: number, options?: CreationOptions & { endpoint?: boolean }): NDArray;
  /**
   * Coordinate matrices from 1-D coordinate vectors; `indexing: 'xy'` (default, Cartesian) swaps
   * the first two output axes, `'ij'` (matrix) does not. Pass options as a trailing object.
   * @example
   * const [X, Y] = np.meshgrid(np.asarray([1, 2, 3]), np.asarray([4, 5]));
   * await X.toArray(); // => [[1, 2, 3], [1, 2, 3]]
   * await Y.toArray(); // => [[4, 4, 4], [5, 5, 5]]
   */
  meshgrid(...arrays: (NDArray | { indexing?: 'xy' | 'ij' })[]): NDArray[];
  /**
   * An array of ones.
   * @example
   * await np.ones([2], { dtype: 'int32' }).toArray(); // => [1, 1]
   */
  ones(shape: number | readonly number[], options?: CreationOptions): NDArray;
  /**
   * `ones` with the shape (and, by default, dtype and device) of `x`.
   * @example
   * await np.onesLike(np.zeros([2, 1])).toArray(); // => [[1], [1]]
   */
  onesLike(x: NDArray, options?: CreationOptions): NDArray;
  /**
   * The lower triangle of the last two axes (elements above the `k`-th diagonal zeroed).
   * @example
   * await np.tril(np.ones([2, 2])).toArray(); // => [[1, 0], [1, 1]]
   */
  tril(x: NDArray, options?: { k?: number }): NDArray;
  /**
   * The upper triangle of the last two axes (elements below the `k`-th diagonal zeroed).
   * @example
   * await np.triu(np.ones([2, 2])).toArray(); // => [[1, 1], [0, 1]]
   */
  triu(x: NDArray, options?: { k?: number }): NDArray;
  /**
   * An array of zeros.
   * @example
   * await np.zeros([2, 2]).toArray(); // => [[0, 0], [0, 0]]
   */
  zeros(shape: number | readonly number[], options?: CreationOptions): NDArray;
  /**
   * `zeros` with the shape (and, by default, dtype and device) of `x`.
   * @example
   * await np.zerosLike(np.ones([3])).toArray(); // => [0, 0, 0]
   */
  zerosLike(x: NDArray, options?: CreationOptions): NDArray;
}

/** Checks that `options` is undefined or a plain object. */
export function opts<T extends object>(fn: string, options: T | undefined): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options) || isNDArray(options)) {
    throw new ValueError(`${fn}: options must be an object; received ${show(options)}`);
  }
  return options;
}

const optDType = (fn: string, d: unknown): DType | undefined => (d === undefined || d === null ? undefined : checkDType(fn, 'dtype', d));

/** TypedArray constructor → the dtype it stores. */
function typedArrayDType(x: ArrayBufferView): DType | undefined {
  if (x instanceof Float32Array) return 'float32';
  if (x instanceof Float64Array) return 'float64';
  if (x instanceof Int8Array) return 'int8';
  if (x instanceof Int16Array) return 'int16';
  if (x instanceof Int32Array) return 'int32';
  if (x instanceof BigInt64Array) return 'int64';
  if (x instanceof Uint8Array || x instanceof Uint8ClampedArray) return 'uint8';
  if (x instanceof Uint16Array) return 'uint16';
  if (x instanceof Uint32Array) return 'uint32';
  if (x instanceof BigUint64Array) return 'uint64';
  return undefined;
}

const INT32_MIN = -(2 ** 31), INT32_MAX = 2 ** 31 - 1;

/** The dtype of inferred leaves (asarray / full); throws for ints beyond int32 with a hint. */
function inferDType(fn: string, kind: LeafKind | undefined, values: readonly Scalar[]): DType {
  switch (kind) {
    case undefined:
      return DEFAULT_FLOAT;
    case 'bool':
      return 'bool';
    case 'int':
      for (const v of values) {
        if (typeof v === 'number' && (v < INT32_MIN || v > INT32_MAX)) {
          throw new ValueError(`${fn}: the integer ${v} does not fit the default integer dtype int32; pass { dtype: 'int64' } (or 'float64')`);
        }
      }
      return DEFAULT_INT;
    case 'bigint':
      return 'int64';
    case 'float':
      return DEFAULT_FLOAT;
    case 'complex':
      return DEFAULT_COMPLEX;
  }
}

export function creationFunctions(ctx: Context): CreationFunctions {
  const { adapter } = ctx;

  const upload = (fn: string, data: HostArray, shape: Shape, dtype: DType, device: Device): NDArray => {
    ctx.checkSupported(fn, dtype, device);
    return ctx.wrap(adapter.fromHost(data, shape, dtype, device), shape, dtype, device);
  };

  const filled = (fn: string, shape: unknown, value: WeakScalar, dtype: DType, device: Device): NDArray => {
    const s = checkShape(fn, 'shape', shape);
    ctx.checkSupported(fn, dtype, device);
    // Same checks as asarray (range, complex into real) so full(…, 300, { dtype: 'int8' }) fails alike.
    const fill = fillScalar(fn, value, dtype);
    return ctx.wrap(adapter.full(s, fill, dtype, device), s, dtype, device);
  };

  const likeOf = (fn: string, x: NDArray, options: CreationOptions | undefined) => {
    const a = ctx.arr(fn, 'x', x);
    const o = opts(fn, options);
    return { a, dtype: optDType(fn, o.dtype) ?? a.dtype, device: o.device === undefined ? a.device : ctx.device(fn, o.device) };
  };

  const triangle = (fn: 'tril' | 'triu', x: NDArray, options: { k?: number } | undefined): NDArray => {
    const a = ctx.arr(fn, 'x', x);
    const k = checkInt(fn, 'k', opts(fn, options).k ?? 0);
    if (a.ndim < 2) throw new ShapeError(`${fn}: x must have at least 2 dimensions; received shape ${showShape(a.shape)}`);
    const m = a.shape[a.ndim - 2]!, n = a.shape[a.ndim - 1]!;
    const mask = new Uint8Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) mask[i * n + j] = (fn === 'tril' ? j - i <= k : j - i >= k) ? 1 : 0;
    }
    return ctx.scope(() => {
      const cond = ctx.broadcastTo(fn, upload(fn, mask, [m, n], 'bool', a.device), a.shape);
      const zero = ctx.broadcastTo(fn, ctx.scalarArray(fn, 0, a.dtype, a.device), a.shape);
      return ctx.wrap(adapter.where(cond, a, zero), a.shape, a.dtype, a.device);
    });
  };

  const asarray: CreationFunctions['asarray'] = (obj, options) => {
    const fn = 'asarray';
    const o = opts(fn, options);
    const dtype = optDType(fn, o.dtype);
    const copy = o.copy;
    if (copy !== undefined && copy !== null && typeof copy !== 'boolean') throw new ValueError(`${fn}: copy must be a boolean; received ${show(copy)}`);
    const shape = o.shape === undefined || o.shape === null ? undefined : checkShape(fn, 'shape', o.shape);
    const checkSize = (n: number, what: string) => {
      if (shape && sizeOf(shape) !== n) throw new ShapeError(`${fn}: shape ${showShape(shape)} has ${sizeOf(shape)} elements but ${what} has ${n}`);
    };

    if (isNDArray(obj)) {
      const a = ctx.arr(fn, 'obj', obj);
      const device = o.device === undefined ? a.device : ctx.device(fn, o.device);
      const d = dtype ?? a.dtype;
      checkSize(a.size, `obj (shape ${showShape(a.shape)})`);
      const needsCopy = d !== a.dtype || device !== a.device;
      if (needsCopy && copy === false) {
        throw new ValueError(`${fn}: copy is false but converting a ${a.dtype} array on ${a.device} to ${d} on ${device} needs a copy`);
      }
      ctx.checkSupported(fn, d, device);
      return ctx.scope(() => {
        let r = device !== a.device ? ctx.toDevice(a, device) : a;
        r = ctx.cast(r, d);
        if (shape) r = ctx.reshape(r, shape);
        // Arrays are immutable, so a new array object on the same data is as good as a copy.
        return r === a ? ctx.wrap(adapter.reshape(a, a.shape), a.shape, a.dtype, a.device) : r;
      });
    }

    const device = ctx.device(fn, o.device);
    if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
      const own = typedArrayDType(obj);
      if (!own) throw new ValueError(`${fn}: unsupported TypedArray ${show(obj)}`);
      const ta = obj as unknown as HostArray;
      const d = dtype ?? own;
      // The dtype's own storage type: raw host data (as x.data() returns it).
      if (HOST_ARRAY[d] === ta.constructor || (d === 'uint8' && obj instanceof Uint8ClampedArray)) {
        const lane = lanes(d);
        if (ta.length % lane !== 0) throw new ShapeError(`${fn}: ${show(obj)} holds interleaved ${d} data and must have an even length`);
        const n = ta.length / lane;
        checkSize(n, `the ${obj.constructor.name}`);
        const s = shape ?? [n];
        let data: HostArray = obj instanceof Uint8ClampedArray ? new Uint8Array(obj.buffer, obj.byteOffset, obj.length) : ta;
        if (d === 'bool') {
          if (copy === false && data.some((v) => v !== 0 && v !== 1)) throw new ValueError(`${fn}: copy is false but the bool data holds values other than 0 and 1`);
          data = Uint8Array.from(data as Uint8Array, (v) => (v ? 1 : 0));
        } else if (copy !== false) data = data.slice();
        return upload(fn, data, s, d, device);
      }
      if (copy === false) throw new ValueError(`${fn}: copy is false but converting a ${obj.constructor.name} to ${d} needs a copy`);
      checkSize(ta.length, `the ${obj.constructor.name}`);
      const s = shape ?? [ta.length];
      if ((d === 'float32' || d === 'float64') && !(obj instanceof BigInt64Array || obj instanceof BigUint64Array)) {
        const out = allocHost(d, ta.length) as Float64Array;
        out.set(ta as Float64Array);
        return upload(fn, out, s, d, device);
      }
      return upload(fn, scalarsToHost(fn, Array.from(ta as ArrayLike<number | bigint>), d), s, d, device);
    }

    if (copy === false) throw new ValueError(`${fn}: copy is false but converting JS values always copies them`);
    const parsed = parseNested(fn, obj, show);
    const d = dtype ?? inferDType(fn, parsed.kind, parsed.values);
    ctx.checkSupported(fn, d, device);
    checkSize(parsed.values.length, `obj (shape ${showShape(parsed.shape)})`);
    return upload(fn, scalarsToHost(fn, parsed.values, d), shape ?? parsed.shape, d, device);
  };

  return {
    arange(start, stop, step, options) {
      const fn = 'arange';
      const o = opts(fn, options);
      const num = (v: unknown, arg: string) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValueError(`${fn}: ${arg} must be a finite number; received ${show(v)}`);
        return v;
      };
      let a = num(start, 'start');
      let b: number;
      if (stop === undefined || stop === null) {
        b = a;
        a = 0;
      } else b = num(stop, 'stop');
      const s = step === undefined || step === null ? 1 : num(step, 'step');
      if (s === 0) throw new ValueError(`${fn}: step must not be zero`);
      const n = Math.max(0, Math.ceil((b - a) / s));
      if (!Number.isSafeInteger(n) || n > 2 ** 32) throw new ValueError(`${fn}: the result would have ${n} elements; too many`);
      const allInt = Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(s);
      const dtype = optDType(fn, o.dtype) ?? (allInt ? DEFAULT_INT : DEFAULT_FLOAT);
      const device = ctx.device(fn, o.device);
      ctx.checkSupported(fn, dtype, device);
      if (dtype === 'bool' && n > 2) throw new DTypeError(`${fn}: a bool arange can have at most 2 elements (it has ${n}); use another dtype`);
      const vals: number[] = new Array(n);
      for (let i = 0; i < n; i++) vals[i] = a + i * s;
      if (o.dtype === undefined && allInt && n > 0) {
        const last = vals[n - 1]!;
        if (a < INT32_MIN || a > INT32_MAX || last < INT32_MIN || last > INT32_MAX) {
          throw new ValueError(`${fn}: values up to ${Math.max(Math.abs(a), Math.abs(last))} do not fit the default integer dtype int32; pass { dtype: 'int64' } (or 'float64')`);
        }
      }
      return upload(fn, scalarsToHost(fn, vals, dtype), [n], dtype, device);
    },

    asarray,

    empty(shape, options) {
      const o = opts('empty', options);
      return filled('empty', shape, 0, optDType('empty', o.dtype) ?? DEFAULT_FLOAT, ctx.device('empty', o.device));
    },
    emptyLike(x, options) {
      const { a, dtype, device } = likeOf('emptyLike', x, options);
      return filled('emptyLike', a.shape, 0, dtype, device);
    },

    eye(nRows, nCols, options) {
      const fn = 'eye';
      const o = opts(fn, options);
      const m = checkInt(fn, 'nRows', nRows, 0);
      const n = nCols === undefined || nCols === null ? m : checkInt(fn, 'nCols', nCols, 0);
      const k = checkInt(fn, 'k', o.k ?? 0);
      const dtype = optDType(fn, o.dtype) ?? DEFAULT_FLOAT;
      const device = ctx.device(fn, o.device);
      ctx.checkSupported(fn, dtype, device);
      checkShape(fn, 'shape', [m, n]);
      const vals: Scalar[] = new Array(m * n).fill(0);
      for (let i = Math.max(0, -k); i < m && i + k < n; i++) vals[i * n + i + k] = 1;
      return upload(fn, scalarsToHost(fn, vals, dtype), [m, n], dtype, device);
    },

    full(shape, fillValue, options) {
      const fn = 'full';
      const o = opts(fn, options);
      let dtype = optDType(fn, o.dtype);
      if (dtype === undefined) {
        dtype = namingFillValue(fn, fillValue, () => {
          const parsed = parseNested(fn, fillValue, show);
          if (parsed.shape.length !== 0) throw new ValueError(`${fn}: fillValue must be a scalar (number, boolean, bigint or {re, im}); received ${show(fillValue)}`);
          return inferDType(fn, parsed.kind, parsed.values);
        });
      }
      return filled(fn, shape, fillValue, dtype, ctx.device(fn, o.device));
    },
    fullLike(x, fillValue, options) {
      const { a, dtype, device } = likeOf('fullLike', x, options);
      return filled('fullLike', a.shape, fillValue, dtype, device);
    },

    linspace(start, stop, num, options) {
      const fn = 'linspace';
      const o = opts(fn, options);
      const n = checkInt(fn, 'num', num, 0);
      const endpoint = o.endpoint ?? true;
      if (typeof endpoint !== 'boolean') throw new ValueError(`${fn}: endpoint must be a boolean; received ${show(endpoint)}`);
      const parts = (v: unknown, arg: string): [number, number] => {
        if (isComplexLike(v)) return [v.re, v.im];
        if (typeof v === 'number') return [v, 0];
        throw new ValueError(`${fn}: ${arg} must be a number or {re, im}; received ${show(v)}`);
      };
      const [s0, s1] = parts(start, 'start');
      const [e0, e1] = parts(stop, 'stop');
      const complex = isComplexLike(start) || isComplexLike(stop);
      const dtype = optDType(fn, o.dtype) ?? (complex ? DEFAULT_COMPLEX : DEFAULT_FLOAT);
      if (complex && !isComplex(dtype)) throw new DTypeError(`${fn}: complex start/stop need a complex dtype; received dtype ${dtype}`);
      const device = ctx.device(fn, o.device);
      ctx.checkSupported(fn, dtype, device);
      // NumPy's algorithm, per real/imaginary part, in float64.
      const div = endpoint ? n - 1 : n;
      const lin = (a: number, b: number): number[] => {
        const delta = b - a;
        const step = div > 0 ? delta / div : NaN;
        const out = new Array<number>(n);
        for (let i = 0; i < n; i++) out[i] = (step === 0 ? (i / div) * delta : div > 0 ? i * step : i * delta) + a;
        if (endpoint && n > 1) out[n - 1] = b;
        return out;
      };
      const re = lin(s0, e0);
      if (complex || isComplex(dtype)) {
        const im = lin(s1, e1);
        return upload(fn, scalarsToHost(fn, re.map((r, i) => ({ re: r, im: im[i]! })), dtype), [n], dtype, device);
      }
      // Integer dtypes round toward -inf, as NumPy does.
      const vals = isInteger(dtype) ? re.map(Math.floor) : re;
      return upload(fn, scalarsToHost(fn, vals, dtype), [n], dtype, device);
    },

    meshgrid(...args) {
      const fn = 'meshgrid';
      let indexing: 'xy' | 'ij' = 'xy';
      const last = args[args.length - 1];
      if (last !== undefined && !isNDArray(last)) {
        const o = opts(fn, last as { indexing?: 'xy' | 'ij' });
        args = args.slice(0, -1);
        if (o.indexing !== undefined) {
          if (o.indexing !== 'xy' && o.indexing !== 'ij') throw new ValueError(`${fn}: indexing must be 'xy' or 'ij'; received ${show(o.indexing)}`);
          indexing = o.indexing;
        }
      }
      const xs = args.map((a, i) => ctx.arr(fn, `arrays[${i}]`, a));
      if (xs.length === 0) return [];
      const device = ctx.sameDevice(fn, xs);
      void device;
      const lens = xs.map((x) => x.size);
      const shape = lens.slice();
      if (indexing === 'xy' && xs.length > 1) [shape[0], shape[1]] = [shape[1]!, shape[0]!];
      return xs.map((x, i) => {
        const axis = indexing === 'xy' && xs.length > 1 && i < 2 ? 1 - i : i;
        const s = shape.map((_, j) => (j === axis ? lens[i]! : 1));
        return ctx.scope(() => {
          const r = ctx.broadcastTo(fn, ctx.reshape(x, s), shape);
          return r === x ? ctx.wrap(adapter.reshape(x, x.shape), x.shape, x.dtype, x.device) : r;
        });
      });
    },

    ones(shape, options) {
      const o = opts('ones', options);
      return filled('ones', shape, 1, optDType('ones', o.dtype) ?? DEFAULT_FLOAT, ctx.device('ones', o.device));
    },
    onesLike(x, options) {
      const { a, dtype, device } = likeOf('onesLike', x, options);
      return filled('onesLike', a.shape, 1, dtype, device);
    },
    tril: (x, options) => triangle('tril', x, options),
    triu: (x, options) => triangle('triu', x, options),
    zeros(shape, options) {
      const o = opts('zeros', options);
      return filled('zeros', shape, 0, optDType('zeros', o.dtype) ?? DEFAULT_FLOAT, ctx.device('zeros', o.device));
    },
    zerosLike(x, options) {
      const { a, dtype, device } = likeOf('zerosLike', x, options);
      return filled('zerosLike', a.shape, 0, dtype, device);
    },
  };
}

/** Converts a fill value to `dtype` exactly as asarray does (range checks, complex into real). */
function fillScalar(fn: string, value: unknown, dtype: DType): FillValue {
  return namingFillValue(fn, value, () => fillScalarUnnamed(fn, value, dtype));
}

/** Runs `body`, naming `fillValue` in conversion errors (host conversion speaks of "the value"). */
function namingFillValue<T>(fn: string, value: unknown, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof ArrError && !e.message.includes('fillValue')) {
      const Ctor = e.constructor as new (m: string) => ArrError;
      throw new Ctor(e.message.replace(`${fn}: `, `${fn}: fillValue ${show(value)}: `));
    }
    throw e;
  }
}

function fillScalarUnnamed(fn: string, value: unknown, dtype: DType): FillValue {
  const parsed = parseNested(fn, value, show);
  if (parsed.shape.length !== 0) throw new ValueError(`${fn}: fillValue must be a scalar (number, boolean, bigint or {re, im}); received ${show(value)}`);
  const h = scalarsToHost(fn, parsed.values, dtype);
  if (isComplex(dtype)) return [h[0] as number, h[1] as number];
  if (dtype === 'bool') return h[0] === 1;
  if (dtype === 'float16') return halfToNumber(h[0] as number);
  return h[0]!;
}
