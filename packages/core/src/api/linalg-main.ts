/** Linear algebra in the main namespace: matmul, matrixTranspose, tensordot, vecdot. */
import type { NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, isComplex } from '../dtypes.js';
import { AxisError, DTypeError, ShapeError, ValueError, show } from '../errors.js';
import { promoteTypes } from '../promotion.js';
import { broadcastShapesUnchecked, checkInt, normalizeAxis, showShape, sizeOf, type Shape } from '../shape.js';
import { checkOptions, fullArray, permute } from './kernel-util.js';

/** Options of `tensordot`. */
export interface TensordotOptions {
  /**
   * An integer `n` (the last `n` axes of x1 with the first `n` of x2; default 2) or a pair of
   * equally long axis lists `[axesOfX1, axesOfX2]`.
   */
  axes?: number | readonly [number | readonly number[], number | readonly number[]];
}

/** Options of `vecdot`. */
export interface VecdotOptions {
  /** The axis of each operand to contract (default -1, the last). */
  axis?: number;
}

export interface LinalgMainFunctions {
  /**
   * Matrix product (NumPy's `@`): 1-D operands are treated as a row/column vector and the added axis
   * is removed again; leading (batch) axes broadcast.
   * @example
   * await np.matmul(np.asarray([[1, 2], [3, 4]]), np.asarray([[5], [6]])).toArray(); // => [[17], [39]]
   * await np.matmul(np.asarray([1, 2]), np.asarray([3, 4])).item(); // => 11
   */
  matmul(x1: NDArray, x2: NDArray): NDArray;
  /**
   * Swaps the last two axes (the transpose of each matrix in a stack); x needs at least two dimensions.
   * @example
   * await np.matrixTranspose(np.asarray([[1, 2, 3], [4, 5, 6]])).toArray(); // => [[1, 4], [2, 5], [3, 6]]
   */
  matrixTranspose(x: NDArray): NDArray;
  /**
   * Tensor contraction over the given axes (sum of products), as NumPy's `tensordot`.
   * @example
   * await np.tensordot(np.asarray([[1, 2], [3, 4]]), np.asarray([[1, 0], [0, 1]])).item(); // => 5
   * await np.tensordot(np.asarray([1, 2]), np.asarray([3, 4]), { axes: 0 }).toArray(); // => [[3, 4], [6, 8]]
   * await np.tensordot(np.asarray([[1, 2], [3, 4]]), np.asarray([1, 1]), { axes: [[0], [0]] }).toArray(); // => [4, 6]
   */
  tensordot(x1: NDArray, x2: NDArray, options?: TensordotOptions): NDArray;
  /**
   * Dot product of vectors along `axis` (conjugating x1 for complex input); other axes broadcast.
   * @example
   * await np.vecdot(np.asarray([[1, 2], [3, 4]]), np.asarray([1, 1])).toArray(); // => [3, 7]
   */
  vecdot(x1: NDArray, x2: NDArray, options?: VecdotOptions): NDArray;
}

export function linalgMainFunctions(ctx: Context): LinalgMainFunctions {
  const { adapter } = ctx;

  /** The promoted numeric dtype of two operands (the standard has no boolean matrix product). */
  const numericDType = (fn: string, a: NDArray, b: NDArray): DType => {
    const d = promoteTypes(a.dtype, b.dtype, fn);
    if (d === 'bool') throw new DTypeError(`${fn}: expected numeric dtypes; received bool and bool (cast with astype first)`);
    ctx.checkSupported(fn, d, a.device);
    return d;
  };

  /** [...B, m, k] @ [...B, k, n] with equal batch shapes; empty products are zeros. */
  const product = (a: NDArray, b: NDArray, shape: Shape): NDArray => {
    if (sizeOf(shape) === 0 || a.shape[a.ndim - 1] === 0) return fullArray(ctx, a, shape, 0, a.dtype);
    return ctx.wrap(adapter.matmul(a, b), shape.slice(), a.dtype, a.device);
  };

  const operands = (fn: string, x1: NDArray, x2: NDArray) => {
    const a = ctx.arr(fn, 'x1', x1);
    const b = ctx.arr(fn, 'x2', x2);
    ctx.sameDevice(fn, [a, b]);
    return { a, b };
  };

  return {
    matmul(x1, x2) {
      const fn = 'matmul';
      const { a, b } = operands(fn, x1, x2);
      if (a.ndim === 0 || b.ndim === 0) {
        throw new ShapeError(`${fn}: operands must have at least one dimension; received shapes ${showShape(a.shape)} and ${showShape(b.shape)} (use multiply for scalars)`);
      }
      const dtype = numericDType(fn, a, b);
      const s1 = a.ndim === 1 ? [1, a.shape[0]!] : a.shape.slice();
      const s2 = b.ndim === 1 ? [b.shape[0]!, 1] : b.shape.slice();
      const m = s1[s1.length - 2]!, k = s1[s1.length - 1]!, k2 = s2[s2.length - 2]!, n = s2[s2.length - 1]!;
      if (k !== k2) {
        throw new ShapeError(`${fn}: inner dimensions do not match: x1 has shape ${showShape(a.shape)} (${k} columns) and x2 has shape ${showShape(b.shape)} (${k2} rows)`);
      }
      let batch: number[];
      try {
        batch = broadcastShapesUnchecked(fn, s1.slice(0, -2), s2.slice(0, -2));
      } catch {
        throw new ShapeError(`${fn}: batch dimensions of x1 (shape ${showShape(a.shape)}) and x2 (shape ${showShape(b.shape)}) could not be broadcast together`);
      }
      const outShape = [...batch, m, n];
      const finalShape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
      return ctx.scope(() => {
        const A = ctx.broadcastTo(fn, ctx.reshape(ctx.cast(a, dtype), s1), [...batch, m, k]);
        const B = ctx.broadcastTo(fn, ctx.reshape(ctx.cast(b, dtype), s2), [...batch, k, n]);
        return ctx.reshape(product(A, B, outShape), finalShape);
      });
    },

    matrixTranspose(x) {
      const a = ctx.arr('matrixTranspose', 'x', x);
      if (a.ndim < 2) throw new ShapeError(`matrixTranspose: x must have at least two dimensions; received shape ${showShape(a.shape)}`);
      const axes = a.shape.map((_, i) => i);
      axes[a.ndim - 2] = a.ndim - 1;
      axes[a.ndim - 1] = a.ndim - 2;
      return permute(ctx, a, axes);
    },

    tensordot(x1, x2, options) {
      const fn = 'tensordot';
      const { a, b } = operands(fn, x1, x2);
      const o = checkOptions(fn, options);
      const spec = o.axes ?? 2;
      let ax1: number[], ax2: number[];
      if (typeof spec === 'number') {
        const n = checkInt(fn, 'axes', spec, 0);
        if (n > a.ndim || n > b.ndim) {
          throw new AxisError(`${fn}: axes ${n} is more than the dimensions of x1 (shape ${showShape(a.shape)}) or x2 (shape ${showShape(b.shape)})`);
        }
        ax1 = Array.from({ length: n }, (_, i) => a.ndim - n + i);
        ax2 = Array.from({ length: n }, (_, i) => i);
      } else if (Array.isArray(spec) && spec.length === 2) {
        const list = (v: unknown, x: NDArray, arg: string): number[] => {
          const l = typeof v === 'number' ? [v] : Array.isArray(v) ? (v as unknown[]) : undefined;
          if (!l) throw new ValueError(`${fn}: ${arg} must be an integer or a list of integers; received ${show(v)}`);
          const out = l.map((ax) => normalizeAxis(fn, ax, x.ndim, arg));
          if (new Set(out).size !== out.length) throw new AxisError(`${fn}: ${arg} contains a repeated axis: ${show(v)}`);
          return out;
        };
        ax1 = list(spec[0], a, 'axes[0]');
        ax2 = list(spec[1], b, 'axes[1]');
        if (ax1.length !== ax2.length) {
          throw new ValueError(`${fn}: axes[0] and axes[1] must have the same length; received ${show(spec[0])} and ${show(spec[1])}`);
        }
      } else {
        throw new ValueError(`${fn}: axes must be a non-negative integer or a pair of axis lists; received ${show(spec)}`);
      }
      ax1.forEach((p, i) => {
        const q = ax2[i]!;
        if (a.shape[p] !== b.shape[q]) {
          throw new ShapeError(`${fn}: contracted axes differ in length: axis ${p} of x1 (shape ${showShape(a.shape)}) has ${a.shape[p]}, axis ${q} of x2 (shape ${showShape(b.shape)}) has ${b.shape[q]}`);
        }
      });
      const dtype = numericDType(fn, a, b);
      const free1 = a.shape.map((_, i) => i).filter((i) => !ax1.includes(i));
      const free2 = b.shape.map((_, i) => i).filter((i) => !ax2.includes(i));
      const K = ax1.reduce((s, p) => s * a.shape[p]!, 1);
      const freeShape1 = free1.map((i) => a.shape[i]!), freeShape2 = free2.map((i) => b.shape[i]!);
      const M = sizeOf(freeShape1), N = sizeOf(freeShape2);
      return ctx.scope(() => {
        const A = ctx.reshape(permute(ctx, ctx.cast(a, dtype), [...free1, ...ax1]), [M, K]);
        const B = ctx.reshape(permute(ctx, ctx.cast(b, dtype), [...ax2, ...free2]), [K, N]);
        return ctx.reshape(product(A, B, [M, N]), [...freeShape1, ...freeShape2]);
      });
    },

    vecdot(x1, x2, options) {
      const fn = 'vecdot';
      const { a, b } = operands(fn, x1, x2);
      const o = checkOptions(fn, options);
      // As NumPy's gufunc: `axis` names an axis of each operand; the others broadcast.
      const axis = o.axis ?? -1;
      const p = normalizeAxis(fn, axis, a.ndim), q = normalizeAxis(fn, axis, b.ndim);
      if (a.shape[p] !== b.shape[q]) {
        throw new ShapeError(`${fn}: x1 (shape ${showShape(a.shape)}) and x2 (shape ${showShape(b.shape)}) differ in length along axis ${axis}: ${a.shape[p]} and ${b.shape[q]}`);
      }
      const dtype = numericDType(fn, a, b);
      const rest = (x: NDArray, ax: number) => x.shape.map((_, i) => i).filter((i) => i !== ax);
      let loop: number[];
      try {
        loop = broadcastShapesUnchecked(fn, rest(a, p).map((i) => a.shape[i]!), rest(b, q).map((i) => b.shape[i]!));
      } catch {
        throw new ShapeError(`${fn}: x1 (shape ${showShape(a.shape)}) and x2 (shape ${showShape(b.shape)}) could not be broadcast together outside axis ${axis}`);
      }
      return ctx.scope(() => {
        let A = permute(ctx, ctx.cast(a, dtype), [...rest(a, p), p]);
        const B = permute(ctx, ctx.cast(b, dtype), [...rest(b, q), q]);
        if (isComplex(dtype)) A = ctx.ns.conj(A);
        const prod = ctx.ns.multiply(A, B);
        // Sum in the promoted dtype (np.sum would widen small integers).
        return ctx.wrap(adapter.reduce('sum', prod, [prod.ndim - 1]), loop, dtype, a.device);
      });
    },
  };
}
