/**
 * Indexing: `take`, `takeAlongAxis`, and the `x.get(...keys)` / `x.set(keys, value)` machinery
 * (installed on the context as `ctx.getItem` / `ctx.setItem`).
 */
import { isNDArray, type ArrayLike, type IndexKey, type NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, is64BitInt, isBool, isInteger } from '../dtypes.js';
import { DTypeError, IndexError, ShapeError, ValueError, show } from '../errors.js';
import { isWeakScalar, promoteTypes, weakScalarDType } from '../promotion.js';
import { type Shape, broadcastShapesUnchecked, normalizeAxis, shapeEqual, showShape, sizeOf } from '../shape.js';
import { type NormalizedKey, normalizeKeys } from '../slice.js';
import { opts } from './creation.js';
import { viewHelpers } from './manipulation.js';

export interface IndexingFunctions {
  /**
   * Elements at `indices` (an integer array, or a JS list of integers) along `axis` (required
   * when x has more than one dimension). Negative indices count from the end.
   * @example
   * await np.take(np.asarray([10, 20, 30]), np.asarray([2, 0])).toArray(); // => [30, 10]
   * await np.take(np.asarray([[1, 2], [3, 4]]), [1], { axis: 1 }).toArray(); // => [[2], [4]]
   */
  take(x: NDArray, indices: NDArray | readonly number[], options?: { axis?: number }): NDArray;
  /**
   * Picks values along `axis` (default -1) at the positions `indices` gives (same number of
   * dimensions as x; the other axes broadcast), e.g. with the output of `argsort`.
   * @example
   * const x = np.asarray([[10, 30, 20]]);
   * await np.takeAlongAxis(x, np.argsort(x), { axis: 1 }).toArray(); // => [[10, 20, 30]]
   */
  takeAlongAxis(x: NDArray, indices: NDArray, options?: { axis?: number }): NDArray;
}

type Key = NormalizedKey<NDArray>;

/** How a key list maps onto an array (shared by get and set). */
interface Plan {
  keys: Key[];
  /** Basic selection over every input axis: integers select one element, arrays keep the axis. */
  start: number[];
  step: number[];
  region: number[];
  /** `region` without the integer-key axes. */
  yShape: number[];
  /** Integer-array keys with their position among `yShape`'s axes. */
  arrays: { array: NDArray; pos: number }[];
  /** Positions (in `yShape`) of the slice axes. */
  sliceAxes: number[];
  /** The broadcast shape of the index arrays. */
  B: number[];
  /** Where the B block goes in the result with newaxis dims removed. */
  bAt: number;
  /** The result shape of `get` (and the shape `set` broadcasts its value to). */
  outShape: number[];
  /** Which dims of `outShape` come from newaxis keys. */
  isNew: boolean[];
}

export function indexingFunctions(ctx: Context): IndexingFunctions {
  const { adapter } = ctx;
  const v = viewHelpers(ctx);

  const intIndexArray = (fn: string, arg: string, x: unknown): NDArray => {
    const a = ctx.arr(fn, arg, x);
    if (!isInteger(a.dtype)) throw new IndexError(`${fn}: ${arg} must be an integer array (as NumPy, index arrays must have an integer dtype); received an array of dtype ${a.dtype}`);
    return a;
  };

  /** JS list of integers → int32 array (a temporary). */
  const uploadIndexList = (fn: string, list: readonly unknown[], device: NDArray['device']): NDArray => {
    const data = new Int32Array(list.length);
    list.forEach((i, k) => {
      if (typeof i !== 'number' || !Number.isInteger(i) || i < -(2 ** 31) || i >= 2 ** 31) {
        throw new ValueError(`${fn}: indices[${k}] must be an integer in int32 range; received ${show(i)}`);
      }
      data[k] = i;
    });
    ctx.checkSupported(fn, 'int32', device);
    return ctx.wrap(adapter.fromHost(data, [list.length], 'int32', device), [list.length], 'int32', device);
  };

  /** Moves a block of `len` dims from position `from` to `to`. */
  const moveBlock = (r: NDArray, from: number, to: number, len: number): NDArray => {
    if (from === to || len === 0) return r;
    const dims = r.shape.map((_, i) => i);
    const block = dims.splice(from, len);
    dims.splice(to, 0, ...block);
    return v.permute(r, dims);
  };

  // ---- planning (all validation happens here, before any kernel) ----

  const plan = (fn: string, a: NDArray, rawKeys: readonly unknown[], allowMask: boolean): Plan => {
    const keys = normalizeKeys<NDArray>(fn, rawKeys, a.shape, (key, i) => {
      if (!isNDArray(key)) return undefined;
      const k = ctx.arr(fn, `keys[${i}]`, key);
      if (k.device !== a.device) ctx.sameDevice(fn, [a, k]);
      if (isBool(k.dtype)) {
        if (!allowMask) {
          throw new IndexError(`${fn}: boolean array indices select a data-dependent number of elements; use \`await np.extract(mask, x)\` instead (keys[${i}] has dtype bool)`);
        }
        return { kind: 'mask', array: k, ndim: k.ndim };
      }
      if (!isInteger(k.dtype)) throw new IndexError(`${fn}: arrays used as indices must have an integer (or boolean) dtype; keys[${i}] has dtype ${k.dtype}`);
      return { kind: 'array', array: k };
    });
    const start: number[] = [], step: number[] = [], region: number[] = [], yShape: number[] = [];
    const arrays: Plan['arrays'] = [];
    const sliceAxes: number[] = [];
    const advPos: number[] = [];
    keys.forEach((k, i) => {
      if (k.kind === 'int') {
        start[k.axis] = k.index;
        step[k.axis] = 1;
        region[k.axis] = 1;
        advPos.push(i);
      } else if (k.kind === 'slice') {
        start[k.axis] = k.slice.start;
        step[k.axis] = k.slice.step;
        region[k.axis] = k.slice.length;
        sliceAxes.push(yShape.length);
        yShape.push(k.slice.length);
      } else if (k.kind === 'array') {
        start[k.axis] = 0;
        step[k.axis] = 1;
        region[k.axis] = a.shape[k.axis]!;
        arrays.push({ array: k.array, pos: yShape.length });
        yShape.push(a.shape[k.axis]!);
        advPos.push(i);
      }
    });
    let B: number[] = [];
    try {
      B = broadcastShapesUnchecked(fn, ...arrays.map((x) => x.array.shape));
    } catch {
      throw new IndexError(`${fn}: shape mismatch: the index arrays could not be broadcast together with shapes ${arrays.map((x) => showShape(x.array.shape)).join(' and ')}`);
    }
    // NumPy: integers count as advanced indices when arrays are present; adjacent advanced keys
    // put the result dims in their place, otherwise first.
    const hasArrays = arrays.length > 0;
    const adjacent = !hasArrays || advPos.length === 0 || advPos[advPos.length - 1]! - advPos[0]! === advPos.length - 1;
    const outShape: number[] = [];
    const isNew: boolean[] = [];
    const push = (d: number, n: boolean) => {
      outShape.push(d);
      isNew.push(n);
    };
    let bAt = 0;
    let placed = !hasArrays;
    if (hasArrays && !adjacent) {
      for (const d of B) push(d, false);
      placed = true;
    }
    let slicesSeen = 0;
    for (const k of keys) {
      if (k.kind === 'slice') {
        push(k.slice.length, false);
        slicesSeen++;
      } else if (k.kind === 'newaxis') push(1, true);
      else if ((k.kind === 'array' || k.kind === 'int') && !placed) {
        bAt = slicesSeen;
        for (const d of B) push(d, false);
        placed = true;
      }
    }
    return { keys, start, step, region, yShape, arrays, sliceAxes, B, bAt, outShape, isNew };
  };

  /** The index dtype for flat-index arithmetic. */
  const indexDType = (arrays: readonly NDArray[], total: number, device: NDArray['device']): DType => {
    const wide = total >= 2 ** 31 || arrays.some((x) => is64BitInt(x.dtype) || x.dtype === 'uint32');
    if (wide && adapter.dtypes(device).includes('int64')) return 'int64';
    return 'int32';
  };

  /**
   * Flat indices into the advanced axes (dims `dims`, C order), broadcast to `B`. Out-of-range
   * entries become `total`, which the take/scatter kernels reject, so no wrong value is silent.
   */
  const flatIndex = (arrays: readonly NDArray[], dims: readonly number[], B: Shape): NDArray => {
    const ns = ctx.ns;
    const total = dims.reduce((p, q) => p * q, 1);
    const device = arrays[0]!.device;
    const d = indexDType(arrays, total, device);
    let flat: NDArray | undefined;
    let valid: NDArray | undefined;
    let stride = total;
    arrays.forEach((raw, j) => {
      const n = dims[j]!;
      stride /= n;
      const i = ctx.cast(raw, d);
      const wrapped = ns.add(i, ns.multiply(ns.astype(ns.less(i, 0), d), n));
      const ok = ns.logicalAnd(ns.greaterEqual(i, -n), ns.less(i, n));
      const term = stride === 1 ? wrapped : ns.multiply(wrapped, stride);
      flat = flat ? ns.add(flat, term) : term;
      valid = valid ? ns.logicalAnd(valid, ok) : ok;
    });
    const cond = ctx.broadcastTo('get', valid!, B);
    const f = ctx.broadcastTo('get', flat!, B);
    const bad = ctx.broadcastTo('get', ctx.scalarArray('get', total, d, device), B);
    return ctx.wrap(adapter.where(cond, f, bad), B.slice(), d, device);
  };

  // ---- get ----

  const getItem = (x: NDArray, rawKeys: IndexKey[]): NDArray => {
    const fn = 'get';
    const a = ctx.arr(fn, 'x', x);
    const p = plan(fn, a, rawKeys, false);
    if (sizeOf(p.outShape) === 0) return v.zeros(p.outShape, a.dtype, a.device);
    return ctx.scope(() => {
      const sub = v.slice(a, p.start, p.step, p.region);
      const y = ctx.reshape(sub, p.yShape);
      if (p.arrays.length === 0) return v.own(ctx.reshape(y, p.outShape), a);
      let r: NDArray;
      let q: number;
      if (p.arrays.length === 1) {
        const { array, pos } = p.arrays[0]!;
        r = ctx.wrap(adapter.take(y, array, pos), [...p.yShape.slice(0, pos), ...array.shape, ...p.yShape.slice(pos + 1)], a.dtype, a.device);
        q = pos;
      } else {
        const advAxes = p.arrays.map((x) => x.pos);
        const dims = advAxes.map((ax) => p.yShape[ax]!);
        const rest = p.sliceAxes.map((ax) => p.yShape[ax]!);
        const flat = ctx.reshape(v.permute(y, [...advAxes, ...p.sliceAxes]), [sizeOf(dims), ...rest]);
        const fi = flatIndex(p.arrays.map((x) => x.array), dims, p.B);
        r = ctx.wrap(adapter.take(flat, fi, 0), [...p.B, ...rest], a.dtype, a.device);
        q = 0;
      }
      return ctx.reshape(moveBlock(r, q, p.bAt, p.B.length), p.outShape);
    });
  };

  // ---- set ----

  /** Checks the value against x's dtype (no down-casting). */
  const checkValue = (fn: string, a: NDArray, value: ArrayLike): void => {
    if (isNDArray(value)) {
      const val = ctx.arr(fn, 'value', value);
      ctx.sameDevice(fn, [a, val]);
      let ok = false;
      try {
        ok = promoteTypes(val.dtype, a.dtype, fn) === a.dtype;
      } catch {
        ok = false;
      }
      if (!ok) throw new DTypeError(`${fn}: cannot assign a ${val.dtype} value to a ${a.dtype} array without losing information; cast it with astype first`);
      return;
    }
    if (!isWeakScalar(value)) throw new ValueError(`${fn}: value must be an array or a scalar (number, boolean, bigint, {re, im}); received ${show(value)}`);
    if (weakScalarDType(fn, a.dtype, value) !== a.dtype) {
      throw new DTypeError(`${fn}: cannot assign ${show(value)} to a ${a.dtype} array (it would need ${weakScalarDType(fn, a.dtype, value)}); cast the array or pass a value of its kind`);
    }
  };
  /** The (checked) value as an array: x's own if it is one, else a 0-d array of x's dtype. */
  const valueArray = (fn: string, a: NDArray, value: ArrayLike): NDArray =>
    isNDArray(value) ? value : ctx.scalarArray(fn, value as never, a.dtype, a.device);

  const checkBroadcast = (fn: string, value: ArrayLike, target: Shape): void => {
    if (!isNDArray(value)) return;
    const s = value.shape;
    const off = target.length - s.length;
    if (off < 0 || s.some((d, i) => d !== 1 && d !== target[off + i])) {
      throw new ShapeError(`${fn}: could not broadcast the value of shape ${showShape(s)} into the indexed region of shape ${showShape(target)}`);
    }
  };

  const setItem = (x: NDArray, rawKeys: IndexKey[], value: ArrayLike): NDArray => {
    const fn = 'set';
    const a = ctx.arr(fn, 'x', x);
    const p = plan(fn, a, rawKeys, true);
    const mask = p.keys.find((k): k is Extract<Key, { kind: 'mask' }> => k.kind === 'mask');

    if (mask) {
      if (mask.axis !== 0 || p.keys.some((k) => k !== mask && !(k.kind === 'slice' && k.full))) {
        throw new IndexError(`${fn}: a boolean mask must be the only key (optionally followed by ':' or '...'); received keys ${show(rawKeys)}`);
      }
      // The mask covers the leading axes; its other dims must match or be 1.
      const m = mask.array;
      m.shape.forEach((d, i) => {
        if (d !== a.shape[i] && d !== 1) {
          throw new IndexError(`${fn}: boolean mask of shape ${showShape(m.shape)} does not match the array of shape ${showShape(a.shape)} along axis ${i} (size ${a.shape[i]} vs ${d})`);
        }
      });
      checkBroadcast(fn, value, a.shape);
      checkValue(fn, a, value);
      return ctx.scope(() => {
        const vdt = valueArray(fn, a, value);
        const cond = ctx.broadcastTo(fn, ctx.reshape(m, [...m.shape, ...new Array<number>(a.ndim - m.ndim).fill(1)]), a.shape);
        const val = ctx.broadcastTo(fn, ctx.cast(vdt, a.dtype), a.shape);
        return ctx.wrap(adapter.where(cond, val, a), a.shape, a.dtype, a.device);
      });
    }

    checkBroadcast(fn, value, p.outShape);
    checkValue(fn, a, value);
    return ctx.scope(() => {
      if (sizeOf(p.outShape) === 0) return v.fresh(a);
      const val0 = valueArray(fn, a, value);
      const val = ctx.broadcastTo(fn, ctx.cast(val0, a.dtype), p.outShape);
      let sub: NDArray;
      if (p.arrays.length === 0) {
        sub = ctx.reshape(val, p.region);
      } else {
        // The value in result layout → the layout of the region without integer axes.
        const noNew = p.outShape.filter((_, i) => !p.isNew[i]);
        const vNoN = ctx.reshape(val, noNew);
        const m = sizeOf(p.B);
        const y = ctx.reshape(v.slice(a, p.start, p.step, p.region), p.yShape);
        if (p.arrays.length === 1) {
          const { array, pos } = p.arrays[0]!;
          const vals = ctx.reshape(moveBlock(vNoN, p.bAt, pos, p.B.length), p.yShape.map((d, i) => (i === pos ? m : d)));
          const idx = ctx.reshape(array, [m]);
          sub = ctx.wrap(adapter.scatter(y, idx, pos, vals), p.yShape, a.dtype, a.device);
        } else {
          const advAxes = p.arrays.map((x) => x.pos);
          const dims = advAxes.map((ax) => p.yShape[ax]!);
          const rest = p.sliceAxes.map((ax) => p.yShape[ax]!);
          const perm = [...advAxes, ...p.sliceAxes];
          const flat = ctx.reshape(v.permute(y, perm), [sizeOf(dims), ...rest]);
          const vals = ctx.reshape(moveBlock(vNoN, p.bAt, 0, p.B.length), [m, ...rest]);
          const fi = ctx.reshape(flatIndex(p.arrays.map((x) => x.array), dims, p.B), [m]);
          const scattered = ctx.wrap(adapter.scatter(flat, fi, 0, vals), flat.shape, a.dtype, a.device);
          const unflat = ctx.reshape(scattered, [...dims, ...rest]);
          const inverse = perm.map((_, i) => perm.indexOf(i));
          sub = v.permute(unflat, inverse);
        }
        sub = ctx.reshape(sub, p.region);
      }
      if (shapeEqual(p.region, a.shape) && p.start.every((s) => s === 0) && p.step.every((s) => s === 1)) return v.own(sub, a);
      return ctx.wrap(adapter.setSlice(a, p.start, p.step, sub), a.shape, a.dtype, a.device);
    });
  };

  // Index-array kernels report errors under their own names; users called get/set.
  ctx.getItem = (x, keys) => renamed('get', () => getItem(x, keys));
  ctx.setItem = (x, keys, value) => renamed('set', () => setItem(x, keys, value));

  return {
    take(x, indices, options) {
      const fn = 'take';
      const a = ctx.arr(fn, 'x', x);
      const o = opts(fn, options);
      let axis: number;
      if (o.axis === undefined || o.axis === null) {
        if (a.ndim > 1) throw new ValueError(`${fn}: axis is required when x has more than one dimension (x has shape ${showShape(a.shape)})`);
        axis = 0;
      } else axis = normalizeAxis(fn, o.axis, a.ndim);
      let idx: NDArray | undefined;
      if (isNDArray(indices)) {
        idx = intIndexArray(fn, 'indices', indices);
        ctx.sameDevice(fn, [a, idx]);
      } else if (!Array.isArray(indices)) {
        throw new ValueError(`${fn}: indices must be an integer array (or a JS list of integers); received ${show(indices)}`);
      }
      const src0 = a.ndim === 0 ? undefined : a;
      const ishape = idx ? idx.shape : [(indices as readonly number[]).length];
      const xshape = src0 ? a.shape : [1];
      const n = xshape[axis]!;
      const shape = [...xshape.slice(0, axis), ...ishape, ...xshape.slice(axis + 1)];
      if (n === 0 && sizeOf(ishape) > 0) throw new IndexError(`${fn}: cannot take from axis ${axis} of size 0`);
      return ctx.scope(() => {
        const ind = idx ?? uploadIndexList(fn, indices as readonly number[], a.device);
        if (sizeOf(shape) === 0) return v.zeros(shape, a.dtype, a.device);
        const src = src0 ?? ctx.reshape(a, [1]);
        return ctx.wrap(adapter.take(src, ind, axis), shape, a.dtype, a.device);
      });
    },

    takeAlongAxis(x, indices, options) {
      const fn = 'takeAlongAxis';
      const a = ctx.arr(fn, 'x', x);
      const idx = intIndexArray(fn, 'indices', indices);
      ctx.sameDevice(fn, [a, idx]);
      if (a.ndim === 0) throw new ShapeError(`${fn}: x must have at least one dimension; received a 0-d array`);
      if (idx.ndim !== a.ndim) {
        throw new ShapeError(`${fn}: indices must have the same number of dimensions as x; received shapes ${showShape(a.shape)} and ${showShape(idx.shape)}`);
      }
      const axis = normalizeAxis(fn, opts(fn, options).axis ?? -1, a.ndim);
      const others = (s: Shape) => s.map((d, i) => (i === axis ? 1 : d));
      let b: number[];
      try {
        b = broadcastShapesUnchecked(fn, others(a.shape), others(idx.shape));
      } catch {
        throw new ShapeError(`${fn}: indices of shape ${showShape(idx.shape)} do not broadcast with x of shape ${showShape(a.shape)} outside axis ${axis}`);
      }
      const xs = b.map((d, i) => (i === axis ? a.shape[axis]! : d));
      const is = b.map((d, i) => (i === axis ? idx.shape[axis]! : d));
      if (a.shape[axis] === 0 && sizeOf(is) > 0) throw new IndexError(`${fn}: cannot take from axis ${axis} of size 0`);
      if (sizeOf(is) === 0) return v.zeros(is, a.dtype, a.device);
      return ctx.scope(() => {
        const xb = ctx.broadcastTo(fn, a, xs);
        const ib = ctx.broadcastTo(fn, idx, is);
        return ctx.wrap(adapter.takeAlongAxis(xb, ib, axis), is, a.dtype, a.device);
      });
    },
  };
}

/** Runs `body`, re-labelling IndexErrors raised by the take/scatter kernels with `fn`. */
function renamed<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof IndexError && /^(take|takeAlongAxis|scatter): /.test(e.message)) {
      throw new IndexError(e.message.replace(/^(take|takeAlongAxis|scatter): /, `${fn}: `));
    }
    throw e;
  }
}
