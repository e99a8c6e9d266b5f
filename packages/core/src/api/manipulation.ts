/** Manipulation: broadcastArrays, broadcastTo, concat, expandDims, flip, moveaxis, permuteDims, repeat, reshape, roll, squeeze, stack, tile, unstack. */
import { isNDArray, type NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, isInteger } from '../dtypes.js';
import { AxisError, DTypeError, ShapeError, ValueError, show } from '../errors.js';
import { promoteTypes } from '../promotion.js';
import {
  type Shape, broadcastShapes, broadcastShapesUnchecked, checkInt, checkShape, normalizeAxes, normalizeAxis, shapeEqual,
  showShape, sizeOf,
} from '../shape.js';
import { opts } from './creation.js';

export interface ManipulationFunctions {
  /**
   * Broadcasts arrays against each other (views, no copies).
   * @example
   * np.broadcastArrays(np.ones([2, 1]), np.ones([3])).map((a) => a.shape); // => [[2, 3], [2, 3]]
   */
  broadcastArrays(...arrays: NDArray[]): NDArray[];
  /**
   * Broadcasts an array to a shape (a view).
   * @example
   * await np.broadcastTo(np.asarray([1, 2]), [2, 2]).toArray(); // => [[1, 2], [1, 2]]
   */
  broadcastTo(x: NDArray, shape: number | readonly number[]): NDArray;
  /**
   * The shape that the given shapes broadcast to (Array API 2025.12).
   * @example
   * np.broadcastShapes([2, 1], [3]); // => [2, 3]
   */
  broadcastShapes(...shapes: readonly number[][]): number[];
  /**
   * Joins arrays along an existing axis (`axis: null` flattens them first); dtypes promote.
   * @example
   * await np.concat([np.asarray([1, 2]), np.asarray([3])]).toArray(); // => [1, 2, 3]
   * np.concat([np.zeros([2, 2]), np.zeros([2, 1])], { axis: 1 }).shape; // => [2, 3]
   */
  concat(arrays: readonly NDArray[], options?: { axis?: number | null }): NDArray;
  /**
   * Inserts an axis of length 1 at `axis` (default 0).
   * @example
   * np.expandDims(np.zeros([3]), { axis: -1 }).shape; // => [3, 1]
   */
  expandDims(x: NDArray, options?: { axis?: number }): NDArray;
  /**
   * Reverses the order of elements along `axis` (all axes when omitted).
   * @example
   * await np.flip(np.asarray([1, 2, 3])).toArray(); // => [3, 2, 1]
   */
  flip(x: NDArray, options?: { axis?: number | readonly number[] }): NDArray;
  /**
   * Moves axes to new positions, keeping the order of the others.
   * @example
   * np.moveaxis(np.zeros([2, 3, 4]), 0, -1).shape; // => [3, 4, 2]
   */
  moveaxis(x: NDArray, source: number | readonly number[], destination: number | readonly number[]): NDArray;
  /**
   * Permutes the axes: output axis i is input axis `axes[i]`.
   * @example
   * np.permuteDims(np.zeros([2, 3, 4]), [2, 0, 1]).shape; // => [4, 2, 3]
   */
  permuteDims(x: NDArray, axes: readonly number[]): NDArray;
  /**
   * Repeats each element `repeats` times (an integer, or one count per element along `axis`;
   * the array is flattened when `axis` is omitted).
   * @example
   * await np.repeat(np.asarray([1, 2]), 2).toArray(); // => [1, 1, 2, 2]
   * await np.repeat(np.asarray([[1, 2]]), [1, 3], { axis: 1 }).toArray(); // => [[1, 2, 2, 2]]
   */
  repeat(x: NDArray, repeats: number | readonly number[] | NDArray, options?: { axis?: number }): NDArray;
  /**
   * Gives a new shape to an array without changing its data; one dimension may be -1 (inferred).
   * @example
   * np.reshape(np.zeros([6]), [2, -1]).shape; // => [2, 3]
   */
  reshape(x: NDArray, shape: number | readonly number[], options?: { copy?: boolean }): NDArray;
  /**
   * Rolls elements along `axis` (the flattened array when omitted); elements leaving one end
   * come back at the other.
   * @example
   * await np.roll(np.asarray([1, 2, 3, 4]), 1).toArray(); // => [4, 1, 2, 3]
   */
  roll(x: NDArray, shift: number | readonly number[], options?: { axis?: number | readonly number[] }): NDArray;
  /**
   * Removes axes of length 1 (`axis` names them; all length-1 axes when omitted).
   * @example
   * np.squeeze(np.zeros([1, 3, 1]), 0).shape; // => [3, 1]
   */
  squeeze(x: NDArray, axis?: number | readonly number[]): NDArray;
  /**
   * Joins arrays of equal shape along a new axis; dtypes promote.
   * @example
   * await np.stack([np.asarray([1, 2]), np.asarray([3, 4])], { axis: 1 }).toArray(); // => [[1, 3], [2, 4]]
   */
  stack(arrays: readonly NDArray[], options?: { axis?: number }): NDArray;
  /**
   * Repeats the whole array `repetitions` times along each axis.
   * @example
   * await np.tile(np.asarray([1, 2]), 2).toArray(); // => [1, 2, 1, 2]
   * np.tile(np.zeros([2]), [3, 1]).shape; // => [3, 2]
   */
  tile(x: NDArray, repetitions: number | readonly number[]): NDArray;
  /**
   * Splits an array into a list of arrays along `axis` (default 0).
   * @example
   * (await Promise.all(np.unstack(np.asarray([[1, 2], [3, 4]])).map((a) => a.toArray()))); // => [[1, 2], [3, 4]]
   */
  unstack(x: NDArray, options?: { axis?: number }): NDArray[];
}

/** Helpers shared with indexing.ts. */
export function viewHelpers(ctx: Context) {
  const { adapter } = ctx;
  /** A new array object on the same data. */
  const fresh = (x: NDArray): NDArray => ctx.wrap(adapter.reshape(x, x.shape), x.shape, x.dtype, x.device);
  /** Zeros of a shape (used for empty results, where kernels need not be asked). */
  const zeros = (shape: Shape, dtype: DType, device: NDArray['device']): NDArray =>
    ctx.wrap(adapter.full(shape, ctx.fillValue('zeros', 0, dtype), dtype, device), shape, dtype, device);
  /** A strided selection (see Adapter.slice); returns `x` itself when it selects everything. */
  const slice = (x: NDArray, start: readonly number[], step: readonly number[], shape: Shape): NDArray => {
    if (sizeOf(shape) === 0) return zeros(shape, x.dtype, x.device);
    if (shapeEqual(shape, x.shape) && start.every((s) => s === 0) && step.every((s) => s === 1)) return x;
    return ctx.wrap(adapter.slice(x, start, step, shape), shape, x.dtype, x.device);
  };
  /** Elements `start, start+step, …` (`length` of them) along one axis. */
  const sliceAxis = (x: NDArray, axis: number, start: number, step: number, length: number): NDArray =>
    slice(
      x,
      x.shape.map((_, i) => (i === axis ? start : 0)),
      x.shape.map((_, i) => (i === axis ? step : 1)),
      x.shape.map((d, i) => (i === axis ? length : d)),
    );
  /** Reorders axes; `x` itself for the identity. */
  const permute = (x: NDArray, axes: readonly number[]): NDArray => {
    if (axes.every((a, i) => a === i)) return x;
    return ctx.wrap(adapter.permute(x, axes), axes.map((a) => x.shape[a]!), x.dtype, x.device);
  };
  /** Joins same-dtype arrays along `axis` (empty pieces skipped). */
  const concat = (xs: readonly NDArray[], axis: number): NDArray => {
    const first = xs[0]!;
    const shape = first.shape.slice();
    shape[axis] = xs.reduce((n, a) => n + a.shape[axis]!, 0);
    const parts = xs.filter((a) => a.size > 0);
    if (parts.length === 0) return zeros(shape, first.dtype, first.device);
    if (parts.length === 1 && shapeEqual(parts[0]!.shape, shape)) return parts[0]!;
    return ctx.wrap(adapter.concat(parts, axis), shape, first.dtype, first.device);
  };
  /** Returns `r`, or a new array object when `r` is the input (results are always new objects). */
  const own = (r: NDArray, input: NDArray): NDArray => (r === input ? fresh(input) : r);
  return { fresh, zeros, slice, sliceAxis, permute, concat, own };
}

/** Validates a list of arrays for concat/stack: non-empty, same namespace and device; promoted dtype. */
function checkArrayList(ctx: Context, fn: string, arrays: unknown): { xs: NDArray[]; dtype: DType } {
  if (!Array.isArray(arrays)) throw new ValueError(`${fn}: arrays must be a list of arrays; received ${show(arrays)}`);
  if (arrays.length === 0) throw new ValueError(`${fn}: arrays must contain at least one array; received []`);
  const xs = arrays.map((a, i) => ctx.arr(fn, `arrays[${i}]`, a));
  ctx.sameDevice(fn, xs);
  const dtype = xs.map((x) => x.dtype).reduce((a, b) => promoteTypes(a, b, fn));
  ctx.checkSupported(fn, dtype, xs[0]!.device);
  return { xs, dtype };
}

/** An int or a list of ints. */
function intList(fn: string, arg: string, x: unknown): number[] {
  if (typeof x === 'number') return [checkInt(fn, arg, x)];
  if (!Array.isArray(x)) throw new ValueError(`${fn}: ${arg} must be an integer or a list of integers; received ${show(x)}`);
  return x.map((v, i) => checkInt(fn, `${arg}[${i}]`, v));
}

export function manipulationFunctions(ctx: Context): ManipulationFunctions {
  const v = viewHelpers(ctx);

  const reshapeTo = (fn: string, a: NDArray, shape: unknown): number[] => {
    const list = typeof shape === 'number' ? [shape] : shape;
    if (!Array.isArray(list)) throw new ValueError(`${fn}: shape must be an integer or a list of integers; received ${show(shape)}`);
    let infer = -1;
    let known = 1;
    list.forEach((d, i) => {
      if (d === -1) {
        if (infer >= 0) throw new ValueError(`${fn}: can only specify one unknown dimension (-1); received shape ${show(shape)}`);
        infer = i;
      } else {
        checkInt(fn, `shape[${i}]`, d, 0);
        known *= d as number;
      }
    });
    const out = (list as number[]).slice();
    if (infer >= 0) {
      if (known === 0 || a.size % known !== 0) {
        throw new ShapeError(`${fn}: cannot reshape array of size ${a.size} (shape ${showShape(a.shape)}) into shape ${show(shape)}`);
      }
      out[infer] = a.size / known;
    }
    checkShape(fn, 'shape', out);
    if (sizeOf(out) !== a.size) throw new ShapeError(`${fn}: cannot reshape array of size ${a.size} (shape ${showShape(a.shape)}) into shape ${show(shape)}`);
    return out;
  };

  const ns: ManipulationFunctions = {
    broadcastArrays(...arrays) {
      const fn = 'broadcastArrays';
      const xs = arrays.map((a, i) => ctx.arr(fn, `arrays[${i}]`, a));
      ctx.sameDevice(fn, xs);
      const shape = broadcastShapesUnchecked(fn, ...xs.map((x) => x.shape));
      return xs.map((x) => v.own(ctx.broadcastTo(fn, x, shape), x));
    },

    broadcastTo(x, shape) {
      const fn = 'broadcastTo';
      const a = ctx.arr(fn, 'x', x);
      const s = checkShape(fn, 'shape', shape);
      return v.own(ctx.broadcastTo(fn, a, s), a);
    },

    broadcastShapes: (...shapes) => broadcastShapes(...shapes),

    concat(arrays, options) {
      const fn = 'concat';
      const { xs, dtype } = checkArrayList(ctx, fn, arrays);
      const o = opts(fn, options);
      const flat = o.axis === null;
      let axis = 0;
      if (!flat) {
        const nd = xs[0]!.ndim;
        if (xs.some((x) => x.ndim !== nd)) {
          throw new ShapeError(`${fn}: all arrays must have the same number of dimensions; received shapes ${xs.map((x) => showShape(x.shape)).join(', ')}`);
        }
        if (nd === 0) throw new ShapeError(`${fn}: zero-dimensional arrays cannot be concatenated (use stack, or axis: null)`);
        axis = normalizeAxis(fn, o.axis ?? 0, nd);
        const ref = xs[0]!.shape;
        for (const x of xs) {
          if (x.shape.some((d, i) => i !== axis && d !== ref[i])) {
            throw new ShapeError(`${fn}: array shapes must match except along axis ${axis}; received shapes ${xs.map((y) => showShape(y.shape)).join(', ')}`);
          }
        }
      }
      return ctx.scope(() => {
        const parts = xs.map((x) => ctx.cast(flat ? ctx.reshape(x, [x.size]) : x, dtype));
        return v.own(v.concat(parts, axis), xs[0]!);
      });
    },

    expandDims(x, options) {
      const fn = 'expandDims';
      const a = ctx.arr(fn, 'x', x);
      const axis = normalizeAxis(fn, opts(fn, options).axis ?? 0, a.ndim + 1);
      const shape = a.shape.slice();
      shape.splice(axis, 0, 1);
      return ctx.reshape(a, shape);
    },

    flip(x, options) {
      const fn = 'flip';
      const a = ctx.arr(fn, 'x', x);
      const axes = normalizeAxes(fn, opts(fn, options).axis, a.ndim);
      if (a.size === 0) return v.fresh(a);
      const start = a.shape.map((d, i) => (axes.includes(i) ? d - 1 : 0));
      const step = a.shape.map((_, i) => (axes.includes(i) ? -1 : 1));
      return v.own(v.slice(a, start, step, a.shape), a);
    },

    moveaxis(x, source, destination) {
      const fn = 'moveaxis';
      const a = ctx.arr(fn, 'x', x);
      const src = intList(fn, 'source', source).map((s) => normalizeAxis(fn, s, a.ndim, 'source'));
      const dst = intList(fn, 'destination', destination).map((s) => normalizeAxis(fn, s, a.ndim, 'destination'));
      if (src.length !== dst.length) {
        throw new ValueError(`${fn}: source and destination must have the same number of elements; received ${show(source)} and ${show(destination)}`);
      }
      if (new Set(src).size !== src.length) throw new AxisError(`${fn}: source contains a repeated axis: ${show(source)}`);
      if (new Set(dst).size !== dst.length) throw new AxisError(`${fn}: destination contains a repeated axis: ${show(destination)}`);
      const order = a.shape.map((_, i) => i).filter((i) => !src.includes(i));
      const pairs = dst.map((d, i) => [d, src[i]!] as const).sort((p, q) => p[0] - q[0]);
      for (const [d, s] of pairs) order.splice(d, 0, s);
      return v.own(v.permute(a, order), a);
    },

    permuteDims(x, axes) {
      const fn = 'permuteDims';
      const a = ctx.arr(fn, 'x', x);
      if (!Array.isArray(axes)) throw new ValueError(`${fn}: axes must be a list of integers; received ${show(axes)}`);
      if (axes.length !== a.ndim) {
        throw new AxisError(`${fn}: axes must list each of the ${a.ndim} axes once; received ${show(axes)} for shape ${showShape(a.shape)}`);
      }
      const norm = axes.map((ax) => normalizeAxis(fn, ax, a.ndim, 'axes'));
      if (new Set(norm).size !== norm.length) throw new AxisError(`${fn}: axes contains a repeated axis: ${show(axes)}`);
      return v.own(v.permute(a, norm), a);
    },

    repeat(x, repeats, options) {
      const fn = 'repeat';
      const a = ctx.arr(fn, 'x', x);
      const o = opts(fn, options);
      const flat = o.axis === undefined || o.axis === null;
      const axis = flat ? 0 : normalizeAxis(fn, o.axis, a.ndim);
      const n = flat ? a.size : a.shape[axis]!;
      let counts: number[];
      if (typeof repeats === 'number') counts = [checkInt(fn, 'repeats', repeats, 0)];
      else if (Array.isArray(repeats)) counts = repeats.map((r, i) => checkInt(fn, `repeats[${i}]`, r, 0));
      else if (isNDArray(repeats)) {
        const r = ctx.arr(fn, 'repeats', repeats);
        if (!isInteger(r.dtype)) throw new DTypeError(`${fn}: repeats must have an integer dtype; received ${r.dtype}`);
        if (r.ndim > 1) throw new ShapeError(`${fn}: repeats must be 0-d or 1-d; received shape ${showShape(r.shape)}`);
        // The length is known from the shape: check it before any read-back.
        if (r.size !== 1 && r.size !== n) {
          throw new ShapeError(`${fn}: repeats has ${r.size} elements but the ${flat ? 'flattened array' : `axis ${axis}`} has ${n}; give one count or one per element`);
        }
        if (!ctx.adapter.capabilities()['sync readback'] || !ctx.adapter.readSync) {
          throw new ValueError(`${fn}: repeats as an array needs synchronous read-back, which the ${ctx.adapter.name} adapter lacks; pass a JS list instead: np.repeat(x, (await repeats.toArray()) as number[])`);
        }
        counts = Array.from(ctx.readSync(r) as ArrayLike<number | bigint>, (c, i) => checkInt(fn, `repeats[${i}]`, Number(c), 0));
      } else throw new ValueError(`${fn}: repeats must be an integer, a list of integers or an integer array; received ${show(repeats)}`);
      if (counts.length !== 1 && counts.length !== n) {
        throw new ShapeError(`${fn}: repeats has ${counts.length} elements but the ${flat ? 'flattened array' : `axis ${axis}`} has ${n}; give one count or one per element`);
      }
      const total = counts.length === 1 ? counts[0]! * n : counts.reduce((p, q) => p + q, 0);
      if (total > 2 ** 31 - 1) throw new ValueError(`${fn}: the result would have ${total} elements along the axis; too many`);
      const idx = new Int32Array(total);
      for (let i = 0, k = 0; i < n; i++) for (let c = counts.length === 1 ? counts[0]! : counts[i]!; c > 0; c--) idx[k++] = i;
      return ctx.scope(() => {
        const src = flat ? ctx.reshape(a, [a.size]) : a;
        const shape = src.shape.map((d, i) => (i === axis ? total : d));
        if (sizeOf(shape) === 0) return v.zeros(shape, a.dtype, a.device);
        ctx.checkSupported(fn, 'int32', a.device);
        const ind = ctx.wrap(ctx.adapter.fromHost(idx, [total], 'int32', a.device), [total], 'int32', a.device);
        return ctx.wrap(ctx.adapter.take(src, ind, axis), shape, a.dtype, a.device);
      });
    },

    reshape(x, shape, options) {
      const fn = 'reshape';
      const a = ctx.arr(fn, 'x', x);
      const o = opts(fn, options);
      if (o.copy !== undefined && o.copy !== null && typeof o.copy !== 'boolean') throw new ValueError(`${fn}: copy must be a boolean; received ${show(o.copy)}`);
      // copy: arrays are immutable, so sharing data is never observable; copy is accepted and ignored.
      return v.own(ctx.reshape(a, reshapeTo(fn, a, shape)), a);
    },

    roll(x, shift, options) {
      const fn = 'roll';
      const a = ctx.arr(fn, 'x', x);
      const o = opts(fn, options);
      const shifts = intList(fn, 'shift', shift);
      if (o.axis === undefined || o.axis === null) {
        if (shifts.length !== 1) throw new ValueError(`${fn}: shift must be an integer when axis is omitted; received ${show(shift)}`);
        return ctx.scope(() => ctx.reshape(rollAxes(ctx.reshape(a, [a.size]), [0], shifts), a.shape));
      }
      const axes = intList(fn, 'axis', o.axis).map((ax) => normalizeAxis(fn, ax, a.ndim));
      let sh = shifts;
      let ax = axes;
      if (sh.length !== ax.length) {
        if (sh.length === 1) sh = ax.map(() => shifts[0]!);
        else if (ax.length === 1) ax = sh.map(() => axes[0]!);
        else throw new ValueError(`${fn}: shift and axis must have the same length; received ${show(shift)} and ${show(o.axis)}`);
      }
      return ctx.scope(() => v.own(rollAxes(a, ax, sh), a));
    },

    squeeze(x, axis) {
      const fn = 'squeeze';
      const a = ctx.arr(fn, 'x', x);
      const axes = axis === undefined || axis === null ? a.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes(fn, axis, a.ndim);
      for (const ax of axes) {
        if (a.shape[ax] !== 1) throw new ShapeError(`${fn}: cannot remove axis ${ax} of length ${a.shape[ax]} (shape ${showShape(a.shape)}); only axes of length 1 can be squeezed`);
      }
      return v.own(ctx.reshape(a, a.shape.filter((_, i) => !axes.includes(i))), a);
    },

    stack(arrays, options) {
      const fn = 'stack';
      const { xs, dtype } = checkArrayList(ctx, fn, arrays);
      const ref = xs[0]!.shape;
      if (xs.some((x) => !shapeEqual(x.shape, ref))) {
        throw new ShapeError(`${fn}: all arrays must have the same shape; received shapes ${xs.map((x) => showShape(x.shape)).join(', ')}`);
      }
      const axis = normalizeAxis(fn, opts(fn, options).axis ?? 0, ref.length + 1);
      const shape = ref.slice();
      shape.splice(axis, 0, 1);
      return ctx.scope(() => v.own(v.concat(xs.map((x) => ctx.reshape(ctx.cast(x, dtype), shape)), axis), xs[0]!));
    },

    tile(x, repetitions) {
      const fn = 'tile';
      const a = ctx.arr(fn, 'x', x);
      const reps = intList(fn, 'repetitions', repetitions).map((r, i) => checkInt(fn, `repetitions[${i}]`, r, 0));
      const d = Math.max(a.ndim, reps.length);
      const s = [...new Array<number>(d - a.ndim).fill(1), ...a.shape];
      const r = [...new Array<number>(d - reps.length).fill(1), ...reps];
      const out = s.map((n, i) => n * r[i]!);
      checkShape(fn, 'result shape', out);
      return ctx.scope(() => {
        if (sizeOf(out) === 0) return v.zeros(out, a.dtype, a.device);
        if (r.every((k) => k === 1)) return v.own(ctx.reshape(a, out), a);
        // [1, s0, 1, s1, …] → broadcast to [r0, s0, r1, s1, …] → merge pairs.
        const inter = s.flatMap((n) => [1, n]);
        const big = s.flatMap((n, i) => [r[i]!, n]);
        return ctx.reshape(ctx.broadcastTo(fn, ctx.reshape(a, inter), big), out);
      });
    },

    unstack(x, options) {
      const fn = 'unstack';
      const a = ctx.arr(fn, 'x', x);
      if (a.ndim === 0) throw new ShapeError(`${fn}: x must have at least one dimension; received a 0-d array`);
      const axis = normalizeAxis(fn, opts(fn, options).axis ?? 0, a.ndim);
      const shape = a.shape.filter((_, i) => i !== axis);
      return Array.from({ length: a.shape[axis]! }, (_, i) => ctx.scope(() => v.own(ctx.reshape(v.sliceAxis(a, axis, i, 1, 1), shape), a)));
    },
  };

  /** Rolls along each axis in turn (shifts on a repeated axis add up, as NumPy). */
  function rollAxes(a: NDArray, axes: readonly number[], shifts: readonly number[]): NDArray {
    const total = new Map<number, number>();
    axes.forEach((ax, i) => total.set(ax, (total.get(ax) ?? 0) + shifts[i]!));
    let r = a;
    for (const [ax, s] of total) {
      const n = r.shape[ax]!;
      if (n === 0) continue;
      const k = ((s % n) + n) % n;
      if (k === 0) continue;
      r = v.concat([v.sliceAxis(r, ax, n - k, 1, k), v.sliceAxis(r, ax, 0, 1, n - k)], ax);
    }
    return r;
  }

  return ns;
}
