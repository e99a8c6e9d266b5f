/** Shapes, sizes, broadcasting and axis normalisation. Public functions validate; `*Unchecked` trust. */
import { AxisError, ShapeError, ValueError, show } from './errors.js';

export type Shape = readonly number[];

/** Product of the dimensions (1 for a 0-d shape). */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major (C-order) strides in elements. */
export function stridesOf(shape: Shape): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

export function shapeEqual(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
export const showShape = (s: Shape) => `[${s.join(',')}]`;

/** The largest number of dimensions an array may have (as NumPy 2). */
export const MAX_DIMS = 64;

/** Validates a user-supplied shape (an integer or a list of non-negative integers). */
export function checkShape(fn: string, arg: string, shape: unknown): number[] {
  const s = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(s)) throw new ValueError(`${fn}: ${arg} must be an array of non-negative integers; received ${show(shape)}`);
  if (s.length > MAX_DIMS) throw new ValueError(`${fn}: ${arg} has ${s.length} dimensions; at most ${MAX_DIMS} are supported`);
  for (const d of s) {
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ValueError(`${fn}: ${arg} must be an array of non-negative integers; received ${show(shape)}`);
    }
  }
  if (sizeOf(s) > Number.MAX_SAFE_INTEGER) throw new ValueError(`${fn}: ${arg} ${show(shape)} has more elements than can be addressed`);
  return s.slice();
}

/** Broadcast shapes together (NumPy rules); `fn` names the caller in the error. */
export function broadcastShapesUnchecked(fn: string, ...shapes: Shape[]): number[] {
  // Fast path of every binary call on equal shapes.
  if (shapes.length === 2 && shapeEqual(shapes[0]!, shapes[1]!)) return shapes[0]!.slice();
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  for (const s of shapes) {
    const off = ndim - s.length;
    for (let i = 0; i < s.length; i++) {
      const d = s[i]!, o = out[off + i]!;
      if (d === o || d === 1) continue;
      if (o === 1) out[off + i] = d;
      else {
        throw new ShapeError(`${fn}: operands could not be broadcast together with shapes ${shapes.map(showShape).join(' and ')}`);
      }
    }
  }
  return out;
}

/**
 * `broadcast_shapes` (Array API 2025.12): the shape that the given shapes broadcast to.
 * @example
 * broadcastShapes([2, 1], [3]); // [2, 3]
 */
export function broadcastShapes(...shapes: Shape[]): number[] {
  for (const [i, s] of shapes.entries()) if (!Array.isArray(s)) throw new ValueError(`broadcastShapes: shapes[${i}] must be an array of non-negative integers; received ${show(s)}`);
  const checked = shapes.map((s, i) => checkShape('broadcastShapes', `shapes[${i}]`, s));
  return broadcastShapesUnchecked('broadcastShapes', ...checked);
}

/** Normalises one axis into `[0, ndim)`. */
export function normalizeAxis(fn: string, axis: unknown, ndim: number, arg = 'axis'): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw new AxisError(`${fn}: ${arg} must be an integer; received ${show(axis)}`);
  }
  if (axis < -ndim || axis >= ndim) {
    throw new AxisError(`${fn}: ${arg} ${axis} is out of bounds for an array of dimension ${ndim} (valid: ${ndim === 0 ? 'none' : `${-ndim}..${ndim - 1}`})`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/** Normalises `axis` (undefined → all axes, a number, or a list) into sorted unique axes. */
export function normalizeAxes(fn: string, axis: unknown, ndim: number, arg = 'axis'): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = Array.isArray(axis) ? axis : [axis];
  const out = list.map((a) => normalizeAxis(fn, a, ndim, arg));
  if (new Set(out).size !== out.length) throw new AxisError(`${fn}: ${arg} contains a repeated axis: ${show(axis)}`);
  return out.sort((a, b) => a - b);
}

/** Checks a user-supplied integer (finite, integral, within optional bounds). */
export function checkInt(fn: string, arg: string, x: unknown, min = -Infinity, max = Infinity): number {
  if (typeof x !== 'number' || !Number.isInteger(x)) throw new ValueError(`${fn}: ${arg} must be an integer; received ${show(x)}`);
  if (x < min || x > max) {
    throw new ValueError(`${fn}: ${arg} must be ${max === Infinity ? `at least ${min}` : min === -Infinity ? `at most ${max}` : `in ${min}..${max}`}; received ${x}`);
  }
  return x;
}
