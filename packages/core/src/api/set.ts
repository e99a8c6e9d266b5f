/** Set functions: uniqueAll, uniqueCounts, uniqueInverse, uniqueValues, isin. */
import { isNDArray, type ArrayLike, type NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, type HostArray, isComplex } from '../dtypes.js';
import { ValueError, show } from '../errors.js';
import { DEFAULT_INDEX, isWeakScalar, promoteTypes, weakScalarDType } from '../promotion.js';
import type { Shape } from '../shape.js';
import { checkBool, checkOptions, fullArray } from './kernel-util.js';
import { uniqueHost, type UniqueHost } from './set-host.js';

/** The result of `uniqueAll`. */
export interface UniqueAllResult {
  /** The unique values, sorted (1-D, x's dtype). */
  values: NDArray;
  /** Flat index (int32) of the first occurrence of each value. */
  indices: NDArray;
  /** For each element of x (x's shape), the index (int32) of its value in `values`. */
  inverseIndices: NDArray;
  /** How many times (int32) each value occurs. */
  counts: NDArray;
}

/** Options of `isin`. */
export interface IsinOptions {
  /** Give true where the element is *not* in `x2` (default false). */
  invert?: boolean;
}

export interface SetFunctions {
  /**
   * The sorted unique values of `x` (flattened) with first indices, inverse indices and counts.
   * NaNs are distinct values; −0 and +0 are one value.
   * @example
   * const u = await np.uniqueAll(np.asarray([3, 1, 3, 2]));
   * await u.values.toArray(); // => [1, 2, 3]
   * await u.indices.toArray(); // => [1, 3, 0]
   * await u.inverseIndices.toArray(); // => [2, 0, 2, 1]
   * await u.counts.toArray(); // => [1, 1, 2]
   */
  uniqueAll(x: NDArray): Promise<UniqueAllResult>;
  /**
   * The sorted unique values of `x` and how many times (int32) each occurs.
   * @example
   * const { values, counts } = await np.uniqueCounts(np.asarray([1, 1, 2]));
   * await values.toArray(); // => [1, 2]
   * await counts.toArray(); // => [2, 1]
   */
  uniqueCounts(x: NDArray): Promise<{ values: NDArray; counts: NDArray }>;
  /**
   * The sorted unique values of `x` and, for each element of `x` (x's shape), the int32 index of its value.
   * @example
   * const { values, inverseIndices } = await np.uniqueInverse(np.asarray([[2, 1], [1, 2]]));
   * await values.toArray(); // => [1, 2]
   * await inverseIndices.toArray(); // => [[1, 0], [0, 1]]
   */
  uniqueInverse(x: NDArray): Promise<{ values: NDArray; inverseIndices: NDArray }>;
  /**
   * The sorted unique values of `x` (flattened), as a 1-D array.
   * @example
   * await (await np.uniqueValues(np.asarray([[2, 1], [1, 2]]))).toArray(); // => [1, 2]
   */
  uniqueValues(x: NDArray): Promise<NDArray>;
  /**
   * True where an element of `x1` equals some element of `x2` (dtypes promoted); the result has x1's shape.
   * @example
   * await np.isin(np.asarray([1, 2, 3]), np.asarray([3, 1])).toArray(); // => [true, false, true]
   * await np.isin(np.asarray([1, 2, 3]), np.asarray([3, 1]), { invert: true }).toArray(); // => [false, true, false]
   */
  isin(x1: ArrayLike, x2: ArrayLike, options?: IsinOptions): NDArray;
}

/** Above this many element pairs, `isin` sorts x2 and searches instead of comparing all pairs. */
const ISIN_PAIRWISE_LIMIT = 1 << 20;

export function setFunctions(ctx: Context): SetFunctions {
  const { adapter } = ctx;

  const compute = async (fn: string, x: NDArray): Promise<{ a: NDArray; u: UniqueHost }> => {
    const a = ctx.arr(fn, 'x', x);
    ctx.checkSupported(fn, DEFAULT_INDEX, a.device);
    return { a, u: uniqueHost(await ctx.read(a), a.dtype, a.size) };
  };
  const upload = (a: NDArray, data: HostArray, shape: Shape, dtype: DType): NDArray =>
    ctx.wrap(adapter.fromHost(data, shape, dtype, a.device), shape.slice(), dtype, a.device);
  const values = (a: NDArray, u: UniqueHost) => upload(a, u.values, [u.counts.length], a.dtype);
  const index = (a: NDArray, data: Int32Array, shape: Shape = [data.length]) => upload(a, data, shape, DEFAULT_INDEX);

  return {
    async uniqueAll(x) {
      const { a, u } = await compute('uniqueAll', x);
      return { values: values(a, u), indices: index(a, u.indices), inverseIndices: index(a, u.inverse, a.shape), counts: index(a, u.counts) };
    },
    async uniqueCounts(x) {
      const { a, u } = await compute('uniqueCounts', x);
      return { values: values(a, u), counts: index(a, u.counts) };
    },
    async uniqueInverse(x) {
      const { a, u } = await compute('uniqueInverse', x);
      return { values: values(a, u), inverseIndices: index(a, u.inverse, a.shape) };
    },
    async uniqueValues(x) {
      const { a, u } = await compute('uniqueValues', x);
      return values(a, u);
    },

    isin(x1, x2, options) {
      const fn = 'isin';
      const a = isNDArray(x1) ? ctx.arr(fn, 'x1', x1) : undefined;
      const b = isNDArray(x2) ? ctx.arr(fn, 'x2', x2) : undefined;
      for (const [arg, v] of [['x1', x1], ['x2', x2]] as const) {
        if (!isNDArray(v) && !isWeakScalar(v)) throw new ValueError(`${fn}: ${arg} must be an array or a scalar; received ${show(v)}`);
      }
      if (!a && !b) throw new ValueError(`${fn}: at least one of x1 and x2 must be an array; received ${show(x1)} and ${show(x2)}`);
      const o = checkOptions(fn, options);
      const invert = checkBool(fn, 'invert', o.invert);
      const device = ctx.sameDevice(fn, [...(a ? [a] : []), ...(b ? [b] : [])]);
      const dtype = a && b ? promoteTypes(a.dtype, b.dtype, fn) : a ? weakScalarDType(fn, a.dtype, x2 as never) : weakScalarDType(fn, b!.dtype, x1 as never);
      ctx.checkSupported(fn, dtype, device);
      return ctx.scope(() => {
        const A = a ? ctx.cast(a, dtype) : ctx.scalarArray(fn, x1 as never, dtype, device);
        const B = b ? ctx.cast(b, dtype) : ctx.scalarArray(fn, x2 as never, dtype, device);
        const shape = A.shape, m = B.size, n = A.size;
        let found: NDArray;
        if (m === 0 || n === 0) found = fullArray(ctx, A, shape, false, 'bool');
        else if (isComplex(dtype) || n * m <= ISIN_PAIRWISE_LIMIT) {
          // Compare every pair: x1 as [...shape, 1] against x2 flattened, then any() over the pairs.
          const eq = ctx.ns.equal(ctx.reshape(A, [...shape, 1]), ctx.reshape(B, [m]));
          found = ctx.wrap(adapter.reduce('any', eq, [shape.length]), shape, 'bool', device);
        } else {
          // Sort x2, find where each x1 would go, and check the element there.
          const s = ctx.wrap(adapter.sort(ctx.reshape(B, [m]), 0, false, false), [m], dtype, device);
          const flat = ctx.reshape(A, [n]);
          const idx = ctx.wrap(adapter.searchsorted(s, flat, 'left'), [n], DEFAULT_INDEX, device);
          const picked = ctx.wrap(adapter.take(s, ctx.ns.minimum(idx, m - 1), 0), [n], dtype, device);
          found = ctx.reshape(ctx.ns.equal(picked, flat), shape);
        }
        return invert ? ctx.ns.logicalNot(found) : found;
      });
    },
  };
}
