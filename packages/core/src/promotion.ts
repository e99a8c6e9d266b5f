/**
 * Type promotion: the Array API table (= NumPy 2 / NEP 50) within kinds and for signed/unsigned
 * integer mixes; the JAX rule across kinds (integer or bool with float/complex gives that
 * float/complex dtype, so no float64 appears unasked); weak JS scalars that adopt the array's
 * dtype within its kind.
 */
import {
  DTYPE_INFO, type DType, isBool, isComplex, isInteger, isRealFloat, isSigned, realDType, complexDType,
  checkDType, iinfo,
} from './dtypes.js';
import { DTypeError, ValueError, show } from './errors.js';

/** Defaults on every adapter (as JAX without x64; a documented deviation from NumPy). */
export const DEFAULT_FLOAT: DType = 'float32';
export const DEFAULT_INT: DType = 'int32';
export const DEFAULT_INDEX: DType = 'int32';
export const DEFAULT_COMPLEX: DType = 'complex64';

/** A complex JS scalar. */
export interface ComplexLike {
  readonly re: number;
  readonly im: number;
}
export const isComplexLike = (x: unknown): x is ComplexLike =>
  typeof x === 'object' && x !== null && typeof (x as ComplexLike).re === 'number' && typeof (x as ComplexLike).im === 'number';

/** A JS value that takes part in promotion as a weak scalar. */
export type WeakScalar = number | boolean | bigint | ComplexLike;
export const isWeakScalar = (x: unknown): x is WeakScalar =>
  typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint' || isComplexLike(x);

const bitsOf = (d: DType) => DTYPE_INFO[d].bits;
const widest = (a: DType, b: DType) => (bitsOf(a) >= bitsOf(b) ? a : b);
const SIGNED_BY_BITS: Record<number, DType> = { 8: 'int8', 16: 'int16', 32: 'int32', 64: 'int64' };

/** Promotes two dtypes (strong operands). Throws DTypeError for uint64 with a signed integer. */
export function promoteTypes(a: DType, b: DType, fn = 'resultType'): DType {
  if (a === b) return a;
  if (isBool(a)) return b;
  if (isBool(b)) return a;
  const ca = isComplex(a), cb = isComplex(b);
  if (ca || cb) {
    // Complex with anything: the complex dtype wide enough for both real parts.
    const part = (d: DType): DType => (isComplex(d) ? realDType(d) : isRealFloat(d) ? d : 'float32');
    return widest(part(a), part(b)) === 'float64' ? 'complex128' : 'complex64';
  }
  const fa = isRealFloat(a), fb = isRealFloat(b);
  if (fa && fb) return widest(a, b);
  if (fa) return a; // JAX rule: integer with float → the float
  if (fb) return b;
  // Both integers.
  if (isSigned(a) === isSigned(b)) return widest(a, b);
  const [s, u] = isSigned(a) ? [a, b] : [b, a];
  if (u === 'uint64') {
    throw new DTypeError(`${fn}: uint64 and ${s} have no common dtype (it would need more than 64 bits); cast one of them explicitly with astype`);
  }
  if (bitsOf(s) > bitsOf(u)) return s;
  return SIGNED_BY_BITS[bitsOf(u) * 2]!;
}

/** True when `x` is a JS number with an integral value. */
const isIntegralNumber = (x: number) => Number.isInteger(x);

/** The dtype a weak scalar takes alongside an array of dtype `d` (NEP 50, JAX across kinds). */
export function weakScalarDType(fn: string, d: DType, x: WeakScalar): DType {
  if (typeof x === 'boolean') return d;
  if (isComplexLike(x)) return isComplex(d) ? d : isRealFloat(d) ? complexDType(d) : DEFAULT_COMPLEX;
  if (typeof x === 'bigint') {
    if (isBool(d)) return DEFAULT_INT;
    if (isInteger(d)) checkIntegerFits(fn, d, x);
    return d;
  }
  // number
  if (isBool(d)) return isIntegralNumber(x) ? DEFAULT_INT : DEFAULT_FLOAT;
  if (isInteger(d)) {
    if (!isIntegralNumber(x)) return DEFAULT_FLOAT;
    checkIntegerFits(fn, d, x);
    return d;
  }
  return d;
}

function checkIntegerFits(fn: string, d: DType, x: number | bigint) {
  const { min, max } = iinfo(d);
  const v = typeof x === 'bigint' ? x : BigInt(x);
  if (v < BigInt(min) || v > BigInt(max)) {
    throw new ValueError(`${fn}: the scalar ${show(x)} is out of bounds for ${d} (range ${min}..${max}); cast the array to a wider dtype first`);
  }
}

/** The dtype of a weak scalar with no array to follow. */
export function scalarDefaultDType(x: WeakScalar): DType {
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'bigint') return DEFAULT_INT;
  if (isComplexLike(x)) return DEFAULT_COMPLEX;
  return isIntegralNumber(x) ? DEFAULT_INT : DEFAULT_FLOAT;
}

/**
 * `result_type` of the Array API: the dtype that results from applying promotion to the
 * arguments (dtypes, arrays, or weak JS scalars).
 * @example
 * resultType('int8', 'uint8'); // 'int16'
 * resultType('int32', 'float32'); // 'float32' (JAX rule; NumPy gives float64)
 */
export function resultType(...args: (DType | { dtype: DType } | WeakScalar)[]): DType {
  let strong: DType | undefined;
  const weak: WeakScalar[] = [];
  for (const a of args) {
    if (typeof a === 'string') strong = strong === undefined ? checkDType('resultType', 'argument', a) : promoteTypes(strong, checkDType('resultType', 'argument', a));
    else if (isWeakScalar(a)) weak.push(a);
    else if (typeof a === 'object' && a !== null && typeof (a as { dtype?: unknown }).dtype === 'string') {
      const d = checkDType('resultType', 'argument', (a as { dtype: unknown }).dtype);
      strong = strong === undefined ? d : promoteTypes(strong, d);
    } else throw new DTypeError(`resultType: arguments must be dtypes, arrays or scalars; received ${show(a)}`);
  }
  if (strong === undefined) {
    if (weak.length === 0) throw new ValueError('resultType: at least one argument is required');
    // Only scalars: promote their default dtypes (bool < int < float < complex).
    return weak.map(scalarDefaultDType).reduce((x, y) => promoteTypes(x, y));
  }
  return weak.reduce<DType>((d, w) => weakScalarDType('resultType', d, w), strong);
}

/**
 * `can_cast`: whether `from` converts to `to` under the promotion rules (no information lost
 * within a kind; integers to floats follow the JAX rule).
 * @example
 * canCast('int8', 'int16'); // true
 * canCast('float64', 'float32'); // false
 */
export function canCast(from: DType | { dtype: DType }, to: DType): boolean {
  const f = checkDType('canCast', 'from', typeof from === 'string' ? from : from?.dtype);
  const t = checkDType('canCast', 'to', to);
  if (f === t) return true;
  try {
    return promoteTypes(f, t) === t;
  } catch {
    return false;
  }
}
