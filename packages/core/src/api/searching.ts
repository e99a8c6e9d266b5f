/** Searching functions: argmax, argmin, countNonzero, nonzero, searchsorted, where, extract. */
import { isNDArray, type ArrayLike, type NDArray, type ReduceOptions } from '../array.js';
import type { Context } from '../context.js';
import { type DType, type HostArray, isBool, isComplex, isInteger } from '../dtypes.js';
import { DTypeError, ShapeError, ValueError, show } from '../errors.js';
import { DEFAULT_INDEX, isWeakScalar, promoteTypes, scalarDefaultDType, weakScalarDType } from '../promotion.js';
import { broadcastShapesUnchecked, normalizeAxes, normalizeAxis, showShape, stridesOf } from '../shape.js';
import { checkBool, checkOptions, fullArray, keptShape, reducedShape } from './kernel-util.js';

/** Options of `argmax` and `argmin`. */
export interface ArgReduceOptions {
  /** The axis to search along; omitted: the index into the flattened array. */
  axis?: number;
  keepdims?: boolean;
}

/** Options of `searchsorted`. */
export interface SearchsortedOptions {
  /** `'left'`: the first suitable index; `'right'`: the last (default `'left'`). */
  side?: 'left' | 'right';
  /** Integer indices that sort `x1` (as from `argsort`), when `x1` is not sorted itself. */
  sorter?: NDArray;
}

export interface SearchingFunctions {
  /**
   * Index (int32) of the first largest element along `axis`, or into the flattened array when `axis` is omitted.
   * @example
   * await np.argmax(np.asarray([[1, 9], [7, 3]]), { axis: 1 }).toArray(); // => [1, 0]
   * await np.argmax(np.asarray([[1, 9], [7, 3]])).item(); // => 1
   */
  argmax(x: NDArray, options?: ArgReduceOptions): NDArray;
  /**
   * Index (int32) of the first smallest element along `axis`, or into the flattened array when `axis` is omitted.
   * @example
   * await np.argmin(np.asarray([[1, 9], [7, 3]]), { axis: 0 }).toArray(); // => [0, 1]
   */
  argmin(x: NDArray, options?: ArgReduceOptions): NDArray;
  /**
   * Number (int32) of non-zero elements along `axis` (all axes when omitted).
   * @example
   * await np.countNonzero(np.asarray([[0, 1], [2, 3]]), { axis: 0 }).toArray(); // => [1, 2]
   */
  countNonzero(x: NDArray, options?: ReduceOptions): NDArray;
  /**
   * Indices of the non-zero elements, one int32 array per axis (0-d input is a ValueError).
   * @example
   * const [rows, cols] = await np.nonzero(np.asarray([[1, 0], [0, 2]]));
   * await rows.toArray(); // => [0, 1]
   * await cols.toArray(); // => [0, 1]
   */
  nonzero(x: NDArray): Promise<NDArray[]>;
  /**
   * Insertion indices (int32) of `x2`'s values into the sorted 1-D `x1` that keep it sorted.
   * @example
   * await np.searchsorted(np.asarray([1, 2, 3]), np.asarray([2, 4])).toArray(); // => [1, 3]
   * await np.searchsorted(np.asarray([1, 2, 3]), np.asarray([2]), { side: 'right' }).toArray(); // => [2]
   */
  searchsorted(x1: NDArray, x2: ArrayLike, options?: SearchsortedOptions): NDArray;
  /**
   * Elements of `x1` where `condition` (a bool array) is true, else of `x2`; all three broadcast together.
   * @example
   * await np.where(np.asarray([true, false]), np.asarray([1, 2]), 0).toArray(); // => [1, 0]
   */
  where(condition: NDArray, x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * The elements of `x` (flattened) where `condition` (broadcast with `x`; non-zero counts as true) holds, as NumPy's `extract`.
   * @example
   * const picked = await np.extract(np.asarray([[true, false], [false, true]]), np.asarray([[1, 2], [3, 4]]));
   * await picked.toArray(); // => [1, 4]
   */
  extract(condition: NDArray, x: NDArray): Promise<NDArray>;
}

/** Flat positions of the non-zero elements of host data (two passes: count, then fill). */
export function nonzeroPositions(data: HostArray, dtype: DType, size: number): Int32Array {
  let test: (i: number) => boolean;
  if (isComplex(dtype)) test = (i) => data[2 * i] !== 0 || data[2 * i + 1] !== 0;
  else if (dtype === 'float16') test = (i) => ((data[i] as number) & 0x7fff) !== 0;
  else if (data instanceof BigInt64Array || data instanceof BigUint64Array) test = (i) => data[i] !== 0n;
  else {
    // NaN !== 0, so NaN counts as non-zero.
    const d = data as Exclude<HostArray, BigInt64Array | BigUint64Array>;
    // Branch-free (random masks would mispredict every other element): write every position,
    // advance only past the kept ones; one spare slot takes the last unkept write.
    let count = 0;
    for (let i = 0; i < size; i++) count += +(d[i] !== 0);
    const out = new Int32Array(count + 1);
    for (let i = 0, k = 0; k < count; i++) {
      out[k] = i;
      k += +(d[i] !== 0);
    }
    return out.subarray(0, count);
  }
  let count = 0;
  for (let i = 0; i < size; i++) if (test(i)) count++;
  const out = new Int32Array(count);
  for (let i = 0, k = 0; k < count; i++) if (test(i)) out[k++] = i;
  return out;
}

export function searchingFunctions(ctx: Context): SearchingFunctions {
  const { adapter } = ctx;

  const upload = (values: Int32Array, shape: readonly number[], device: NDArray['device']): NDArray =>
    ctx.wrap(adapter.fromHost(values, shape, DEFAULT_INDEX, device), shape.slice(), DEFAULT_INDEX, device);

  const argReduce = (fn: 'argmax' | 'argmin') => (x: NDArray, options?: ArgReduceOptions): NDArray => {
    const a = ctx.arr(fn, 'x', x);
    const o = checkOptions(fn, options);
    const keepdims = checkBool(fn, 'keepdims', o.keepdims);
    const flat = o.axis === undefined || o.axis === null;
    const axis = flat ? 0 : normalizeAxis(fn, o.axis, a.ndim);
    if (isComplex(a.dtype)) throw new DTypeError(`${fn}: x must have a real dtype (complex numbers are not ordered); received x of dtype ${a.dtype}`);
    if (flat ? a.size === 0 : a.shape[axis] === 0) {
      throw new ValueError(`${fn}: cannot search an empty ${flat ? 'array' : `axis ${axis}`} (x has shape ${showShape(a.shape)})`);
    }
    ctx.checkSupported(fn, DEFAULT_INDEX, a.device);
    return ctx.scope(() => {
      // Bool is compared as int32 so every adapter can run it.
      let b = isBool(a.dtype) ? ctx.cast(a, 'int32') : a;
      if (flat) b = ctx.reshape(b, [a.size]);
      const outShape = flat ? [] : reducedShape(a.shape, [axis]);
      const r = ctx.wrap(adapter.argReduce(fn, b, flat ? 0 : axis), outShape, DEFAULT_INDEX, a.device);
      if (!keepdims) return r;
      return ctx.reshape(r, flat ? a.shape.map(() => 1) : keptShape(a.shape, [axis]));
    });
  };

  /** Broadcast `condition` (as bool) and `x`, read the condition back, and give flat positions. */
  const positions = async (fn: string, cond: NDArray, shape: readonly number[]): Promise<Int32Array> => {
    const b = ctx.scope(() => {
      const c = ctx.cast(cond, 'bool');
      const full = ctx.broadcastTo(fn, c, shape);
      return full === cond ? ctx.wrap(adapter.reshape(cond, cond.shape), cond.shape, 'bool', cond.device) : full;
    });
    try {
      const size = shape.reduce((n, d) => n * d, 1);
      return nonzeroPositions(await ctx.read(b), 'bool', size);
    } finally {
      b.dispose();
    }
  };

  return {
    argmax: argReduce('argmax'),
    argmin: argReduce('argmin'),

    countNonzero(x, options) {
      const fn = 'countNonzero';
      const a = ctx.arr(fn, 'x', x);
      const o = checkOptions(fn, options);
      const axes = normalizeAxes(fn, o.axis, a.ndim);
      const keepdims = checkBool(fn, 'keepdims', o.keepdims);
      ctx.checkSupported(fn, DEFAULT_INDEX, a.device);
      return ctx.scope(() => {
        const ones = ctx.cast(ctx.cast(a, 'bool'), DEFAULT_INDEX);
        const r = ctx.wrap(adapter.reduce('sum', ones, axes), reducedShape(a.shape, axes), DEFAULT_INDEX, a.device);
        return keepdims ? ctx.reshape(r, keptShape(a.shape, axes)) : r;
      });
    },

    async nonzero(x) {
      const fn = 'nonzero';
      const a = ctx.arr(fn, 'x', x);
      if (a.ndim === 0) {
        throw new ValueError(`${fn}: x must have at least one dimension; received a 0-d array (reshape it to [1] first, e.g. np.reshape(x, [1]))`);
      }
      ctx.checkSupported(fn, DEFAULT_INDEX, a.device);
      const pos = nonzeroPositions(await ctx.read(a), a.dtype, a.size);
      const strides = stridesOf(a.shape);
      return a.shape.map((d, ax) => {
        const idx = new Int32Array(pos.length);
        const s = strides[ax]!;
        for (let i = 0; i < pos.length; i++) idx[i] = Math.floor(pos[i]! / s) % d;
        return upload(idx, [pos.length], a.device);
      });
    },

    searchsorted(x1, x2, options) {
      const fn = 'searchsorted';
      const a = ctx.arr(fn, 'x1', x1);
      const o = checkOptions(fn, options);
      if (a.ndim !== 1) throw new ShapeError(`${fn}: x1 must be 1-D; received shape ${showShape(a.shape)}`);
      const side = o.side ?? 'left';
      if (side !== 'left' && side !== 'right') throw new ValueError(`${fn}: side must be 'left' or 'right'; received ${show(o.side)}`);
      let v: NDArray | undefined;
      let dtype: DType;
      if (isNDArray(x2)) {
        v = ctx.arr(fn, 'x2', x2);
        ctx.sameDevice(fn, [a, v]);
        dtype = promoteTypes(a.dtype, v.dtype, fn);
      } else if (isWeakScalar(x2)) dtype = weakScalarDType(fn, a.dtype, x2);
      else throw new ValueError(`${fn}: x2 must be an array or a scalar; received ${show(x2)}`);
      if (isComplex(dtype)) throw new DTypeError(`${fn}: expected real dtypes (complex numbers are not ordered); received ${dtype}`);
      let sorter: NDArray | undefined;
      if (o.sorter !== undefined && o.sorter !== null) {
        sorter = ctx.arr(fn, 'sorter', o.sorter);
        if (!isInteger(sorter.dtype)) {
          throw new DTypeError(`${fn}: sorter must have an integer dtype; received ${sorter.dtype}`);
        }
        if (sorter.ndim !== 1 || sorter.shape[0] !== a.shape[0]) {
          throw new ShapeError(`${fn}: sorter must be 1-D with the length of x1 (${a.shape[0]}); received shape ${showShape(sorter.shape)}`);
        }
        ctx.sameDevice(fn, [a, sorter]);
      }
      ctx.checkSupported(fn, dtype, a.device);
      ctx.checkSupported(fn, DEFAULT_INDEX, a.device);
      const outShape = v ? v.shape.slice() : [];
      return ctx.scope(() => {
        // Nothing to search, or nothing to search in: every insertion index is 0.
        if (outShape.reduce((n, d) => n * d, 1) === 0 || a.shape[0] === 0) return fullArray(ctx, a, outShape, 0, DEFAULT_INDEX);
        let s = ctx.cast(a, dtype);
        if (sorter) s = ctx.wrap(adapter.take(s, sorter, 0), s.shape, dtype, a.device);
        const vv = v ? ctx.cast(v, dtype) : ctx.scalarArray(fn, x2 as never, dtype, a.device);
        const flat = ctx.reshape(vv, [vv.size]);
        const r = ctx.wrap(adapter.searchsorted(s, flat, side), [vv.size], DEFAULT_INDEX, a.device);
        return ctx.reshape(r, outShape);
      });
    },

    where(condition, x1, x2) {
      const fn = 'where';
      const c = ctx.arr(fn, 'condition', condition);
      if (c.dtype !== 'bool') throw new DTypeError(`${fn}: condition must have dtype bool; received ${c.dtype} (compare it first, e.g. np.notEqual(condition, 0))`);
      const a = isNDArray(x1) ? ctx.arr(fn, 'x1', x1) : undefined;
      const b = isNDArray(x2) ? ctx.arr(fn, 'x2', x2) : undefined;
      for (const [arg, v] of [['x1', x1], ['x2', x2]] as const) {
        if (!isNDArray(v) && !isWeakScalar(v)) throw new ValueError(`${fn}: ${arg} must be an array or a scalar; received ${show(v)}`);
      }
      const device = ctx.sameDevice(fn, [c, ...(a ? [a] : []), ...(b ? [b] : [])]);
      let dtype: DType;
      if (a && b) dtype = promoteTypes(a.dtype, b.dtype, fn);
      else if (a) dtype = weakScalarDType(fn, a.dtype, x2 as never);
      else if (b) dtype = weakScalarDType(fn, b.dtype, x1 as never);
      else dtype = promoteTypes(scalarDefaultDType(x1 as never), scalarDefaultDType(x2 as never), fn);
      ctx.checkSupported(fn, dtype, device);
      const shape = broadcastShapesUnchecked(fn, c.shape, a?.shape ?? [], b?.shape ?? []);
      return ctx.scope(() => {
        const prep = (arr: NDArray | undefined, value: ArrayLike) =>
          ctx.broadcastTo(fn, arr ? ctx.cast(arr, dtype) : ctx.scalarArray(fn, value as never, dtype, device), shape);
        const pc = ctx.broadcastTo(fn, c, shape);
        return ctx.wrap(adapter.where(pc, prep(a, x1), prep(b, x2)), shape, dtype, device);
      });
    },

    async extract(condition, x) {
      const fn = 'extract';
      const c = ctx.arr(fn, 'condition', condition);
      const a = ctx.arr(fn, 'x', x);
      const device = ctx.sameDevice(fn, [c, a]);
      const shape = broadcastShapesUnchecked(fn, c.shape, a.shape);
      ctx.checkSupported(fn, DEFAULT_INDEX, device);
      if (adapter.compress) {
        const size = shape.reduce((n, d) => n * d, 1);
        const [fx, fm] = ctx.scope(() => [
          ctx.reshape(ctx.broadcastTo(fn, a, shape), [size]),
          ctx.reshape(ctx.broadcastTo(fn, ctx.cast(c, 'bool'), shape), [size]),
        ]);
        try {
          const r = await adapter.compress(fx!, fm!);
          return ctx.wrap(r.handle, [r.count], a.dtype, device);
        } finally {
          // (either may be the caller's own array when no broadcast or reshape was needed)
          if (fx !== a) fx!.dispose();
          if (fm !== c) fm!.dispose();
        }
      }
      const pos = await positions(fn, c, shape);
      ctx.arr(fn, 'x', a); // still alive after the read-back
      return ctx.scope(() => {
        if (pos.length === 0) return fullArray(ctx, a, [0], 0, a.dtype);
        const flat = ctx.reshape(ctx.broadcastTo(fn, a, shape), [shape.reduce((n, d) => n * d, 1)]);
        const idx = upload(pos, [pos.length], device);
        return ctx.wrap(adapter.take(flat, idx, 0), [pos.length], a.dtype, device);
      });
    },
  };
}
