/**
 * Small helpers shared by the reduction, searching, sorting, set and linalg groups: option-object
 * checks and thin wrappers that call one kernel with the shape and dtype core computed.
 */
import type { NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, checkDType } from '../dtypes.js';
import { ValueError, show } from '../errors.js';
import type { Shape } from '../shape.js';

/** Checks that `options` is undefined or a plain object and returns it (or `{}`). */
export function checkOptions<T extends object>(fn: string, options: T | undefined): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${fn}: options must be an object; received ${show(options)}`);
  }
  return options;
}

/** Checks an optional boolean option (undefined → `dflt`). */
export function checkBool(fn: string, arg: string, x: unknown, dflt = false): boolean {
  if (x === undefined) return dflt;
  if (typeof x !== 'boolean') throw new ValueError(`${fn}: ${arg} must be a boolean; received ${show(x)}`);
  return x;
}

/** Checks an optional dtype option (undefined stays undefined). */
export function checkOptionalDType(fn: string, arg: string, x: unknown): DType | undefined {
  return x === undefined || x === null ? undefined : checkDType(fn, arg, x);
}

/** The shape left after removing the (normalised) `axes`. */
export function reducedShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.filter((_, i) => !axes.includes(i));
}

/** The shape with the (normalised) `axes` set to 1 (keepdims). */
export function keptShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/** Reorders axes with the permute kernel (output axis i is input axis `axes[i]`). */
export function permute(ctx: Context, x: NDArray, axes: readonly number[]): NDArray {
  if (axes.every((a, i) => a === i)) return x;
  const shape = axes.map((a) => x.shape[a]!);
  return ctx.wrap(ctx.adapter.permute(x, axes), shape, x.dtype, x.device);
}

/** Elements `[start, stop)` along one axis (a strided view). */
export function sliceAxis(ctx: Context, x: NDArray, axis: number, start: number, stop: number): NDArray {
  const starts = x.shape.map((_, i) => (i === axis ? start : 0));
  const steps = x.shape.map(() => 1);
  const shape = x.shape.map((d, i) => (i === axis ? Math.max(0, stop - start) : d));
  if (shape[axis] === 0) return ctx.wrap(ctx.adapter.full(shape, 0, x.dtype, x.device), shape, x.dtype, x.device);
  return ctx.wrap(ctx.adapter.slice(x, starts, steps, shape), shape, x.dtype, x.device);
}

/** Joins same-dtype arrays along `axis`, skipping empty pieces where possible. */
export function concatAxis(ctx: Context, xs: readonly NDArray[], axis: number): NDArray {
  const first = xs[0]!;
  const shape = first.shape.slice();
  shape[axis] = xs.reduce((n, a) => n + a.shape[axis]!, 0);
  const parts = xs.filter((a) => a.size > 0);
  if (parts.length === 0) return ctx.wrap(ctx.adapter.full(shape, 0, first.dtype, first.device), shape, first.dtype, first.device);
  return ctx.wrap(ctx.adapter.concat(parts, axis), shape, first.dtype, first.device);
}

/** A new array filled with one value. */
export function fullArray(ctx: Context, x: { device: NDArray['device'] }, shape: Shape, value: number | boolean, dtype: DType): NDArray {
  const fill = ctx.fillValue('full', value, dtype);
  return ctx.wrap(ctx.adapter.full(shape, fill, dtype, x.device), shape.slice(), dtype, x.device);
}

/** A new wrapper over the same data (for functions that return their input unchanged). */
export function sameData(ctx: Context, x: NDArray): NDArray {
  return ctx.wrap(ctx.adapter.reshape(x, x.shape), x.shape, x.dtype, x.device);
}
