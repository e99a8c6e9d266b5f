/** Utility functions: all, any, diff. */
import { isNDArray, type ArrayLike, type NDArray, type ReduceOptions } from '../array.js';
import type { Context } from '../context.js';
import { type DType, isBool } from '../dtypes.js';
import { ShapeError, ValueError, show } from '../errors.js';
import { isWeakScalar, promoteTypes, weakScalarDType } from '../promotion.js';
import { checkInt, normalizeAxes, normalizeAxis, showShape } from '../shape.js';
import { checkBool, checkOptions, concatAxis, keptShape, reducedShape, sameData, sliceAxis } from './kernel-util.js';

/** Options of `diff`. */
export interface DiffOptions {
  /** The axis to difference along (default -1). */
  axis?: number;
  /** How many times to difference (default 1; 0 returns `x` unchanged). */
  n?: number;
  /** Values joined before `x` along `axis` first: an array (broadcast along the other axes) or a scalar. */
  prepend?: ArrayLike;
  /** Values joined after `x` along `axis` first: an array (broadcast along the other axes) or a scalar. */
  append?: ArrayLike;
}

export interface UtilityFunctions {
  /**
   * True where every element along `axis` (all axes when omitted) is non-zero; any dtype (NaN counts as true).
   * @example
   * await np.all(np.asarray([[true, false], [true, true]]), { axis: 1 }).toArray(); // => [false, true]
   */
  all(x: NDArray, options?: ReduceOptions): NDArray;
  /**
   * True where some element along `axis` (all axes when omitted) is non-zero; any dtype (NaN counts as true).
   * @example
   * await np.any(np.asarray([0, 0, 3])).item(); // => true
   */
  any(x: NDArray, options?: ReduceOptions): NDArray;
  /**
   * The `n`-th discrete difference along `axis` (`x[i+1] - x[i]`; for bool input, `x[i+1] != x[i]`).
   * @example
   * await np.diff(np.asarray([1, 4, 9, 16])).toArray(); // => [3, 5, 7]
   * await np.diff(np.asarray([1, 4, 9, 16]), { n: 2 }).toArray(); // => [2, 2]
   * await np.diff(np.asarray([1, 4]), { prepend: 0 }).toArray(); // => [1, 3]
   */
  diff(x: NDArray, options?: DiffOptions): NDArray;
}

export function utilityFunctions(ctx: Context): UtilityFunctions {
  const { adapter } = ctx;

  const logical = (fn: 'all' | 'any') => (x: NDArray, options?: ReduceOptions): NDArray => {
    const a = ctx.arr(fn, 'x', x);
    const o = checkOptions(fn, options);
    const axes = normalizeAxes(fn, o.axis, a.ndim);
    const keepdims = checkBool(fn, 'keepdims', o.keepdims);
    return ctx.scope(() => {
      // Casting to bool first gives every dtype the same truth rule (x != 0; NaN is true).
      const b = ctx.cast(a, 'bool');
      const r = ctx.wrap(adapter.reduce(fn, b, axes), reducedShape(a.shape, axes), 'bool', a.device);
      return keepdims ? ctx.reshape(r, keptShape(a.shape, axes)) : r;
    });
  };

  return {
    all: logical('all'),
    any: logical('any'),
    diff(x, options) {
      const fn = 'diff';
      const a = ctx.arr(fn, 'x', x);
      const o = checkOptions(fn, options);
      if (a.ndim === 0) throw new ShapeError(`${fn}: x must have at least one dimension; received a 0-d array`);
      const axis = normalizeAxis(fn, o.axis ?? -1, a.ndim);
      const n = checkInt(fn, 'n', o.n ?? 1, 0);
      // As NumPy: n = 0 returns x before prepend/append are looked at.
      if (n === 0) return sameData(ctx, a);
      const extras: [string, ArrayLike][] = [];
      if (o.prepend !== undefined && o.prepend !== null) extras.push(['prepend', o.prepend]);
      if (o.append !== undefined && o.append !== null) extras.push(['append', o.append]);
      let dtype: DType = a.dtype;
      for (const [arg, v] of extras) {
        if (isNDArray(v)) dtype = promoteTypes(dtype, ctx.arr(fn, arg, v).dtype, fn);
        else if (isWeakScalar(v)) dtype = weakScalarDType(fn, dtype, v);
        else throw new ValueError(`${fn}: ${arg} must be an array or a scalar; received ${show(v)}`);
      }
      if (extras.some(([, v]) => isNDArray(v))) ctx.sameDevice(fn, [a, ...extras.map(([, v]) => v).filter(isNDArray)]);
      ctx.checkSupported(fn, dtype, a.device);
      // Shapes of prepend/append: x's shape with any length along `axis` (0-d and scalars: length 1).
      const pieceShape = (arg: string, v: ArrayLike): number[] => {
        if (!isNDArray(v) || v.ndim === 0) return a.shape.map((d, i) => (i === axis ? 1 : d));
        const bad = () => new ShapeError(`${fn}: ${arg} of shape ${showShape(v.shape)} does not fit x of shape ${showShape(a.shape)} along axes other than ${axis}`);
        if (v.ndim !== a.ndim) throw bad();
        return a.shape.map((d, i) => {
          if (i === axis) return v.shape[i]!;
          if (v.shape[i] !== d && v.shape[i] !== 1) throw bad();
          return d;
        });
      };
      const shapes = extras.map(([arg, v]) => pieceShape(arg, v));
      return ctx.scope(() => {
        const piece = (k: number): NDArray => {
          const v = extras[k]![1];
          const base = isNDArray(v) ? ctx.cast(v, dtype) : ctx.scalarArray(fn, v, dtype, a.device);
          return ctx.broadcastTo(fn, base, shapes[k]!);
        };
        let cur = ctx.cast(a, dtype);
        if (extras.length > 0) {
          const parts: NDArray[] = [];
          const pre = extras.findIndex(([arg]) => arg === 'prepend');
          const app = extras.findIndex(([arg]) => arg === 'append');
          if (pre >= 0) parts.push(piece(pre));
          parts.push(cur);
          if (app >= 0) parts.push(piece(app));
          cur = concatAxis(ctx, parts, axis);
        }
        for (let k = 0; k < n; k++) {
          const len = cur.shape[axis]!;
          if (len <= 1) {
            cur = sliceAxis(ctx, cur, axis, 0, 0);
            break;
          }
          const hi = sliceAxis(ctx, cur, axis, 1, len);
          const lo = sliceAxis(ctx, cur, axis, 0, len - 1);
          cur = isBool(dtype) ? ctx.ns.notEqual(hi, lo) : ctx.ns.subtract(hi, lo);
        }
        return cur === a ? sameData(ctx, a) : cur;
      });
    },
  };
}
