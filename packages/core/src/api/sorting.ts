/** Sorting functions: sort, argsort. */
import type { NDArray } from '../array.js';
import type { Context } from '../context.js';
import { isComplex } from '../dtypes.js';
import { DTypeError } from '../errors.js';
import { DEFAULT_INDEX } from '../promotion.js';
import { normalizeAxis } from '../shape.js';
import { checkBool, checkOptions, fullArray } from './kernel-util.js';

/** Options of `sort` and `argsort`. */
export interface SortOptions {
  /** The axis to sort along (default -1). */
  axis?: number;
  /** Largest first (default false). NaN sorts last in ascending order, first in descending order. */
  descending?: boolean;
  /** Keep equal elements in their original order (default true). */
  stable?: boolean;
}

export interface SortingFunctions {
  /**
   * A sorted copy of `x` along `axis` (NaN last in ascending order, as NumPy).
   * @example
   * await np.sort(np.asarray([3, 1, 2])).toArray(); // => [1, 2, 3]
   * await np.sort(np.asarray([[3, 1], [0, 2]]), { axis: 0, descending: true }).toArray(); // => [[3, 2], [0, 1]]
   */
  sort(x: NDArray, options?: SortOptions): NDArray;
  /**
   * Indices (int32) that sort `x` along `axis`; stable by default.
   * @example
   * await np.argsort(np.asarray([3, 1, 2])).toArray(); // => [1, 2, 0]
   * await np.argsort(np.asarray([1, 3, 3, 2]), { descending: true }).toArray(); // => [1, 2, 3, 0]
   */
  argsort(x: NDArray, options?: SortOptions): NDArray;
}

export function sortingFunctions(ctx: Context): SortingFunctions {
  const { adapter } = ctx;

  const prepare = (fn: string, x: NDArray, options: SortOptions | undefined) => {
    const a = ctx.arr(fn, 'x', x);
    const o = checkOptions(fn, options);
    const axis = normalizeAxis(fn, o.axis ?? -1, a.ndim);
    const descending = checkBool(fn, 'descending', o.descending);
    const stable = checkBool(fn, 'stable', o.stable, true);
    if (isComplex(a.dtype)) throw new DTypeError(`${fn}: x must have a real dtype (complex numbers are not ordered); received x of dtype ${a.dtype}`);
    return { a, axis, descending, stable };
  };

  return {
    sort(x, options) {
      const { a, axis, descending, stable } = prepare('sort', x, options);
      if (a.size === 0) return fullArray(ctx, a, a.shape, 0, a.dtype);
      return ctx.wrap(adapter.sort(a, axis, descending, stable), a.shape, a.dtype, a.device);
    },
    argsort(x, options) {
      const { a, axis, descending, stable } = prepare('argsort', x, options);
      ctx.checkSupported('argsort', DEFAULT_INDEX, a.device);
      if (a.size === 0) return fullArray(ctx, a, a.shape, 0, DEFAULT_INDEX);
      return ctx.wrap(adapter.argsort(a, axis, descending, stable), a.shape, DEFAULT_INDEX, a.device);
    },
  };
}
