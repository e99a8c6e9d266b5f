/**
 * The error classes of the contract. Every message names the function, the argument, the
 * value received and what was expected, e.g.
 * `add: operands could not be broadcast together with shapes [2,3] and [4]`.
 */

/** Base class of every error @arr raises on purpose. */
export class ArrError extends Error {
  override name = 'ArrError';
}
/** Shapes that do not fit: broadcasting, reshape sizes, matmul inner dimensions. */
export class ShapeError extends ArrError {
  override name = 'ShapeError';
}
/** A dtype that is not allowed for the function, not supported by the adapter, or has no common type. */
export class DTypeError extends ArrError {
  override name = 'DTypeError';
}
/** An axis outside `[-ndim, ndim)`, or repeated. */
export class AxisError extends ArrError {
  override name = 'AxisError';
}
/** An index or slice that does not fit the array. */
export class IndexError extends ArrError {
  override name = 'IndexError';
}
/** A device or engine problem: cannot start, arrays from two namespaces or devices mixed. */
export class DeviceError extends ArrError {
  override name = 'DeviceError';
}
/** Use of an array after `dispose()`. */
export class DisposedError extends ArrError {
  override name = 'DisposedError';
}
/**
 * A value that is not acceptable: the wrong JavaScript type from a plain-JS caller, non-finite
 * where an integer is needed, a singular matrix, …
 */
export class ValueError extends ArrError {
  override name = 'ValueError';
}
/** Formats a value for an error message: short, unambiguous, never throws. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) {
    if (value.length > 8) return `[${value.slice(0, 8).map(show).join(',')},…] (length ${value.length})`;
    return `[${value.map(show).join(',')}]`;
  }
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length: number }).length})`;
  if (typeof value === 'object') {
    const v = value as { shape?: unknown; dtype?: unknown };
    if (Array.isArray(v.shape) && typeof v.dtype === 'string') return `array(shape=${show(v.shape)}, dtype=${v.dtype})`;
    return Object.prototype.toString.call(value);
  }
  return String(value);
}
