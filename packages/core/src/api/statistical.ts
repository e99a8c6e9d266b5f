/** Statistical functions: cumulativeSum, cumulativeProd, max, mean, min, prod, std, sum, var. */
import type { ReduceOp, ScanOp } from '../adapter.js';
import type { NDArray, ReduceOptions } from '../array.js';
import type { Context } from '../context.js';
import { type DType, DTYPE_INFO, isBool, isComplex, isInteger, isSigned, isUnsigned, realDType } from '../dtypes.js';
import { AxisError, DTypeError, ShapeError, ValueError, show } from '../errors.js';
import { DEFAULT_FLOAT } from '../promotion.js';
import { normalizeAxes, normalizeAxis, showShape } from '../shape.js';
import {
  checkBool, checkOptionalDType, checkOptions, concatAxis, fullArray, keptShape, reducedShape,
} from './kernel-util.js';

/** Options of `sum` and `prod`. */
export interface SumOptions extends ReduceOptions {
  /** Computation and output dtype; the input is cast to it first. */
  dtype?: DType;
}

/** Options of `std` and `var`. */
export interface StdVarOptions extends ReduceOptions {
  /** Degrees-of-freedom correction: divide by `N - correction` (0: population, 1: sample). */
  correction?: number;
}

/** Options of `cumulativeSum` and `cumulativeProd`. */
export interface CumulativeOptions {
  /** The axis to accumulate along; required when `x` has more than one dimension. */
  axis?: number;
  /** Computation and output dtype; the input is cast to it first. */
  dtype?: DType;
  /** Prepend the identity (0 for sums, 1 for products), so the axis grows by one. */
  includeInitial?: boolean;
}

export interface StatisticalFunctions {
  /**
   * Sum over `axis` (all axes when omitted). Without `dtype`, bool and signed integers narrower
   * than int32 accumulate in int32, unsigned ones narrower than 32 bits in uint32; other dtypes keep theirs.
   * @example
   * await np.sum(np.asarray([[1, 2], [3, 4]]), { axis: 0 }).toArray(); // => [4, 6]
   * await np.sum(np.asarray([true, true, false])).item(); // => 2
   */
  sum(x: NDArray, options?: SumOptions): NDArray;
  /**
   * Product over `axis` (all axes when omitted); dtype rules as `sum`.
   * @example
   * await np.prod(np.asarray([[1, 2], [3, 4]]), { axis: 1 }).toArray(); // => [2, 12]
   */
  prod(x: NDArray, options?: SumOptions): NDArray;
  /**
   * Largest element over `axis` (all axes when omitted); NaN propagates. An axis of length 0 is a ValueError.
   * @example
   * await np.max(np.asarray([[1, 5], [3, 2]]), { axis: 1 }).toArray(); // => [5, 3]
   */
  max(x: NDArray, options?: ReduceOptions): NDArray;
  /**
   * Smallest element over `axis` (all axes when omitted); NaN propagates. An axis of length 0 is a ValueError.
   * @example
   * await np.min(np.asarray([[1, 5], [3, 2]]), { axis: 0, keepdims: true }).toArray(); // => [[1, 2]]
   */
  min(x: NDArray, options?: ReduceOptions): NDArray;
  /**
   * Arithmetic mean over `axis` (all axes when omitted). Integer and bool input gives float32;
   * the mean of nothing is NaN.
   * @example
   * await np.mean(np.asarray([[1, 2], [3, 4]]), { axis: 0 }).toArray(); // => [2, 3]
   */
  mean(x: NDArray, options?: ReduceOptions): NDArray;
  /**
   * Standard deviation over `axis`, dividing by `N - correction`; complex input gives the real dtype.
   * @example
   * await np.std(np.asarray([1, 3, 5, 7])).item(); // => 2.2360680103302
   * await np.std(np.asarray([1, 3]), { correction: 1 }).item(); // => 1.4142135381698608
   */
  std(x: NDArray, options?: StdVarOptions): NDArray;
  /**
   * Variance over `axis`, dividing by `N - correction`; complex input gives the real dtype (mean of |x - mean|²).
   * @example
   * await np.var(np.asarray([1, 3, 5, 7])).item(); // => 5
   */
  var(x: NDArray, options?: StdVarOptions): NDArray;
  /**
   * Cumulative sum along `axis`; with `includeInitial` the result starts with 0. Dtype rules as `sum`.
   * @example
   * await np.cumulativeSum(np.asarray([1, 2, 3])).toArray(); // => [1, 3, 6]
   * await np.cumulativeSum(np.asarray([[1, 2], [3, 4]]), { axis: 1, includeInitial: true }).toArray(); // => [[0, 1, 3], [0, 3, 7]]
   */
  cumulativeSum(x: NDArray, options?: CumulativeOptions): NDArray;
  /**
   * Cumulative product along `axis`; with `includeInitial` the result starts with 1. Dtype rules as `sum`.
   * @example
   * await np.cumulativeProd(np.asarray([1, 2, 3, 4])).toArray(); // => [1, 2, 6, 24]
   */
  cumulativeProd(x: NDArray, options?: CumulativeOptions): NDArray;
}

/**
 * The accumulator dtype of sum/prod/cumulative*: the explicit `dtype`, or the input's widened as
 * NumPy does (with the int32 default integer): bool and narrow signed → int32, narrow unsigned → uint32.
 */
export function sumDType(fn: string, input: DType, dtype: DType | undefined): DType {
  if (dtype !== undefined) {
    if (isBool(dtype)) throw new DTypeError(`${fn}: dtype must be a numeric dtype; received "bool"`);
    if (isComplex(input) && !isComplex(dtype)) {
      throw new DTypeError(`${fn}: cannot accumulate complex input (${input}) in the real dtype ${dtype}; take np.real or np.abs first`);
    }
    return dtype;
  }
  if (isBool(input)) return 'int32';
  const bits = DTYPE_INFO[input].bits;
  if (isSigned(input) && bits < 32) return 'int32';
  if (isUnsigned(input) && bits < 32) return 'uint32';
  return input;
}

/** The dtype `mean`/`var` compute in (float16 accumulates in float32, as NumPy) and the dtype they return. */
export function meanDTypes(input: DType, real: boolean): { compute: DType; out: DType } {
  const base = isInteger(input) || isBool(input) ? DEFAULT_FLOAT : input;
  const out = real ? realDType(base) : base;
  return base === 'float16' ? { compute: 'float32', out } : { compute: base, out };
}

export function statisticalFunctions(ctx: Context): StatisticalFunctions {
  const { adapter } = ctx;

  /** Reduces with one kernel call; `a` already has the computation dtype. */
  const reduceTo = (op: ReduceOp, a: NDArray, axes: readonly number[], keepdims: boolean): NDArray => {
    const dtype: DType = op === 'all' || op === 'any' ? 'bool' : a.dtype;
    const r = ctx.wrap(adapter.reduce(op, a, axes), reducedShape(a.shape, axes), dtype, a.device);
    return keepdims ? ctx.reshape(r, keptShape(a.shape, axes)) : r;
  };

  const common = <O extends ReduceOptions>(fn: string, x: NDArray, options: O | undefined) => {
    const a = ctx.arr(fn, 'x', x);
    const o = checkOptions(fn, options);
    const axes = normalizeAxes(fn, o.axis, a.ndim);
    const keepdims = checkBool(fn, 'keepdims', o.keepdims);
    const count = axes.reduce((n, ax) => n * a.shape[ax]!, 1);
    return { a, o, axes, keepdims, count };
  };

  const sumLike = (fn: 'sum' | 'prod') => (x: NDArray, options?: SumOptions): NDArray => {
    const { a, o, axes, keepdims } = common(fn, x, options);
    const dt = sumDType(fn, a.dtype, checkOptionalDType(fn, 'dtype', o.dtype));
    ctx.checkSupported(fn, dt, a.device);
    return ctx.scope(() => reduceTo(fn, ctx.cast(a, dt), axes, keepdims));
  };

  const extreme = (fn: 'max' | 'min') => (x: NDArray, options?: ReduceOptions): NDArray => {
    const { a, axes, keepdims } = common(fn, x, options);
    if (isComplex(a.dtype)) throw new DTypeError(`${fn}: x must have a real dtype (complex numbers are not ordered); received x of dtype ${a.dtype}`);
    const empty = axes.find((ax) => a.shape[ax] === 0);
    if (empty !== undefined) {
      throw new ValueError(`${fn}: cannot reduce axis ${empty} of length 0 (x has shape ${showShape(a.shape)}); ${fn} has no identity`);
    }
    // max/min of booleans are any/all, which every adapter has for bool.
    const op: ReduceOp = isBool(a.dtype) ? (fn === 'max' ? 'any' : 'all') : fn;
    return ctx.scope(() => reduceTo(op, a, axes, keepdims));
  };

  /** Mean in the computation dtype with keepdims, for `mean` and `var`. */
  const meanOf = (c: NDArray, axes: readonly number[], count: number, keepdims: boolean): NDArray =>
    ctx.ns.divide(reduceTo('sum', c, axes, keepdims), count);

  const variance = (fn: 'var' | 'std', x: NDArray, options: StdVarOptions | undefined): NDArray => {
    const { a, o, axes, keepdims, count } = common(fn, x, options);
    const correction = o.correction ?? 0;
    if (typeof correction !== 'number' || !Number.isFinite(correction)) {
      throw new ValueError(`${fn}: correction must be a finite number; received ${show(o.correction)}`);
    }
    const { compute, out } = meanDTypes(a.dtype, true);
    const cdt = isComplex(a.dtype) ? a.dtype : compute;
    ctx.checkSupported(fn, cdt, a.device);
    ctx.checkSupported(fn, out, a.device);
    return ctx.scope(() => {
      const c = ctx.cast(a, cdt);
      const d = ctx.ns.subtract(c, meanOf(c, axes, count, true));
      // |x - mean|² as re² + im² for complex input, so the result is real.
      const sq = isComplex(cdt) ? ctx.ns.add(ctx.ns.square(ctx.ns.real(d)), ctx.ns.square(ctx.ns.imag(d))) : ctx.ns.square(d);
      // NumPy divides by max(N - correction, 0): 0 gives inf/NaN, never an error.
      let r = ctx.ns.divide(reduceTo('sum', sq, axes, keepdims), Math.max(count - correction, 0));
      if (fn === 'std') r = ctx.ns.sqrt(r);
      return ctx.cast(r, out);
    });
  };

  const cumulative = (fn: 'cumulativeSum' | 'cumulativeProd', op: ScanOp) => (x: NDArray, options?: CumulativeOptions): NDArray => {
    const a = ctx.arr(fn, 'x', x);
    const o = checkOptions(fn, options);
    if (a.ndim === 0) throw new ShapeError(`${fn}: x must have at least one dimension; received a 0-d array`);
    let axis: number;
    if (o.axis === undefined || o.axis === null) {
      if (a.ndim > 1) throw new AxisError(`${fn}: axis is required when x has more than one dimension; x has shape ${showShape(a.shape)}`);
      axis = 0;
    } else axis = normalizeAxis(fn, o.axis, a.ndim);
    const includeInitial = checkBool(fn, 'includeInitial', o.includeInitial);
    const dt = sumDType(fn, a.dtype, checkOptionalDType(fn, 'dtype', o.dtype));
    ctx.checkSupported(fn, dt, a.device);
    return ctx.scope(() => {
      const c = ctx.cast(a, dt);
      const scanned = c.size === 0 ? fullArray(ctx, c, c.shape, 0, dt) : ctx.wrap(adapter.scan(op, c, axis), c.shape, dt, c.device);
      if (!includeInitial) return scanned;
      const initShape = c.shape.map((d, i) => (i === axis ? 1 : d));
      return concatAxis(ctx, [fullArray(ctx, c, initShape, op === 'sum' ? 0 : 1, dt), scanned], axis);
    });
  };

  return {
    sum: sumLike('sum'),
    prod: sumLike('prod'),
    max: extreme('max'),
    min: extreme('min'),
    mean(x, options) {
      const { a, axes, keepdims, count } = common('mean', x, options);
      const { compute, out } = meanDTypes(a.dtype, false);
      ctx.checkSupported('mean', compute, a.device);
      ctx.checkSupported('mean', out, a.device);
      return ctx.scope(() => ctx.cast(meanOf(ctx.cast(a, compute), axes, count, keepdims), out));
    },
    std: (x, options) => variance('std', x, options),
    var: (x, options) => variance('var', x, options),
    cumulativeSum: cumulative('cumulativeSum', 'sum'),
    cumulativeProd: cumulative('cumulativeProd', 'prod'),
  };
}
