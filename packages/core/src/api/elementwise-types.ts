/** The 67 elementwise functions of the Array API 2024.12, as the namespace exposes them. */
import type { ArrayLike, NDArray } from '../array.js';

export interface ElementwiseFunctions {
  /**
   * Absolute value, elementwise (the modulus for complex input, returned as the real dtype).
   * @example
   * await np.abs(np.asarray([-1.5, 2])).toArray(); // => [1.5, 2]
   */
  abs(x: NDArray): NDArray;
  /**
   * Inverse cosine, elementwise, in radians.
   * @example
   * await np.acos(np.asarray([1])).toArray(); // => [0]
   */
  acos(x: NDArray): NDArray;
  /**
   * Inverse hyperbolic cosine, elementwise.
   * @example
   * await np.acosh(np.asarray([1])).toArray(); // => [0]
   */
  acosh(x: NDArray): NDArray;
  /**
   * Inverse sine, elementwise, in radians.
   * @example
   * await np.asin(np.asarray([0])).toArray(); // => [0]
   */
  asin(x: NDArray): NDArray;
  /**
   * Inverse hyperbolic sine, elementwise.
   * @example
   * await np.asinh(np.asarray([0])).toArray(); // => [0]
   */
  asinh(x: NDArray): NDArray;
  /**
   * Inverse tangent, elementwise, in radians.
   * @example
   * await np.atan(np.asarray([0])).toArray(); // => [0]
   */
  atan(x: NDArray): NDArray;
  /**
   * Inverse hyperbolic tangent, elementwise.
   * @example
   * await np.atanh(np.asarray([0])).toArray(); // => [0]
   */
  atanh(x: NDArray): NDArray;
  /**
   * Bitwise NOT of integers (logical NOT of booleans), elementwise.
   * @example
   * await np.bitwiseInvert(np.asarray([0, 5], { dtype: 'int8' })).toArray(); // => [-1, -6]
   */
  bitwiseInvert(x: NDArray): NDArray;
  /**
   * Smallest integer not less than x, elementwise (integer input is returned unchanged).
   * @example
   * await np.ceil(np.asarray([-1.5, 1.2])).toArray(); // => [-1, 2]
   */
  ceil(x: NDArray): NDArray;
  /**
   * Complex conjugate, elementwise (real input is returned unchanged).
   * @example
   * await np.conj(np.asarray([1, 2])).toArray(); // => [1, 2]
   */
  conj(x: NDArray): NDArray;
  /**
   * Cosine, elementwise, of radians.
   * @example
   * await np.cos(np.asarray([0])).toArray(); // => [1]
   */
  cos(x: NDArray): NDArray;
  /**
   * Hyperbolic cosine, elementwise.
   * @example
   * await np.cosh(np.asarray([0])).toArray(); // => [1]
   */
  cosh(x: NDArray): NDArray;
  /**
   * Exponential, elementwise.
   * @example
   * await np.exp(np.asarray([0])).toArray(); // => [1]
   */
  exp(x: NDArray): NDArray;
  /**
   * exp(x) - 1, elementwise, accurate near zero.
   * @example
   * await np.expm1(np.asarray([0])).toArray(); // => [0]
   */
  expm1(x: NDArray): NDArray;
  /**
   * Largest integer not greater than x, elementwise (integer input is returned unchanged).
   * @example
   * await np.floor(np.asarray([-1.5, 1.2])).toArray(); // => [-2, 1]
   */
  floor(x: NDArray): NDArray;
  /**
   * Imaginary part, elementwise, as the real dtype (zeros for real input).
   * @example
   * await np.imag(np.asarray([1, 2])).toArray(); // => [0, 0]
   */
  imag(x: NDArray): NDArray;
  /**
   * True where x is neither infinite nor NaN.
   * @example
   * await np.isfinite(np.asarray([1, Infinity, NaN])).toArray(); // => [true, false, false]
   */
  isfinite(x: NDArray): NDArray;
  /**
   * True where x is +Infinity or -Infinity.
   * @example
   * await np.isinf(np.asarray([1, -Infinity, NaN])).toArray(); // => [false, true, false]
   */
  isinf(x: NDArray): NDArray;
  /**
   * True where x is NaN.
   * @example
   * await np.isnan(np.asarray([1, NaN])).toArray(); // => [false, true]
   */
  isnan(x: NDArray): NDArray;
  /**
   * Natural logarithm, elementwise.
   * @example
   * await np.log(np.asarray([1])).toArray(); // => [0]
   */
  log(x: NDArray): NDArray;
  /**
   * log(1 + x), elementwise, accurate near zero.
   * @example
   * await np.log1p(np.asarray([0])).toArray(); // => [0]
   */
  log1p(x: NDArray): NDArray;
  /**
   * Base-2 logarithm, elementwise.
   * @example
   * await np.log2(np.asarray([1, 8])).toArray(); // => [0, 3]
   */
  log2(x: NDArray): NDArray;
  /**
   * Base-10 logarithm, elementwise.
   * @example
   * await np.log10(np.asarray([1, 100])).toArray(); // => [0, 2]
   */
  log10(x: NDArray): NDArray;
  /**
   * Logical NOT, elementwise (non-boolean input is compared with zero first).
   * @example
   * await np.logicalNot(np.asarray([true, false])).toArray(); // => [false, true]
   */
  logicalNot(x: NDArray): NDArray;
  /**
   * Numerical negation, elementwise (integers wrap around).
   * @example
   * await np.negative(np.asarray([1, -2], { dtype: 'int32' })).toArray(); // => [-1, 2]
   */
  negative(x: NDArray): NDArray;
  /**
   * Numerical positive (a copy), elementwise.
   * @example
   * await np.positive(np.asarray([1, -2])).toArray(); // => [1, -2]
   */
  positive(x: NDArray): NDArray;
  /**
   * Real part, elementwise, as the real dtype (real input is returned unchanged).
   * @example
   * await np.real(np.asarray([1, 2])).toArray(); // => [1, 2]
   */
  real(x: NDArray): NDArray;
  /**
   * 1 / x, elementwise.
   * @example
   * await np.reciprocal(np.asarray([2, 4])).toArray(); // => [0.5, 0.25]
   */
  reciprocal(x: NDArray): NDArray;
  /**
   * Rounds to the nearest integer, halves to even, elementwise.
   * @example
   * await np.round(np.asarray([0.5, 1.5, -2.5])).toArray(); // => [0, 2, -2]
   */
  round(x: NDArray): NDArray;
  /**
   * Sign of x (-1, 0 or 1; x/|x| for complex), elementwise.
   * @example
   * await np.sign(np.asarray([-3, 0, 2])).toArray(); // => [-1, 0, 1]
   */
  sign(x: NDArray): NDArray;
  /**
   * True where the sign bit is set (including -0 and negative NaN).
   * @example
   * await np.signbit(np.asarray([-0, 0, -1], { dtype: 'float32' })).toArray(); // => [true, false, true]
   */
  signbit(x: NDArray): NDArray;
  /**
   * Sine, elementwise, of radians.
   * @example
   * await np.sin(np.asarray([0])).toArray(); // => [0]
   */
  sin(x: NDArray): NDArray;
  /**
   * Hyperbolic sine, elementwise.
   * @example
   * await np.sinh(np.asarray([0])).toArray(); // => [0]
   */
  sinh(x: NDArray): NDArray;
  /**
   * x * x, elementwise.
   * @example
   * await np.square(np.asarray([-3, 2])).toArray(); // => [9, 4]
   */
  square(x: NDArray): NDArray;
  /**
   * Principal square root, elementwise.
   * @example
   * await np.sqrt(np.asarray([1, 4, 9])).toArray(); // => [1, 2, 3]
   */
  sqrt(x: NDArray): NDArray;
  /**
   * Tangent, elementwise, of radians.
   * @example
   * await np.tan(np.asarray([0])).toArray(); // => [0]
   */
  tan(x: NDArray): NDArray;
  /**
   * Hyperbolic tangent, elementwise.
   * @example
   * await np.tanh(np.asarray([0])).toArray(); // => [0]
   */
  tanh(x: NDArray): NDArray;
  /**
   * Rounds toward zero, elementwise (integer input is returned unchanged).
   * @example
   * await np.trunc(np.asarray([-1.7, 1.7])).toArray(); // => [-1, 1]
   */
  trunc(x: NDArray): NDArray;
  /**
   * x1 + x2, elementwise, with broadcasting.
   * @example
   * await np.add(np.asarray([1, 2]), 10).toArray(); // => [11, 12]
   */
  add(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Angle of the point (x2, x1) in radians, elementwise.
   * @example
   * await np.atan2(np.asarray([0]), np.asarray([1])).toArray(); // => [0]
   */
  atan2(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Bitwise AND of integers or booleans, elementwise.
   * @example
   * await np.bitwiseAnd(np.asarray([12], { dtype: 'int32' }), 10).toArray(); // => [8]
   */
  bitwiseAnd(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 shifted left by x2 bits, elementwise (shifts of the bit width or more give 0).
   * @example
   * await np.bitwiseLeftShift(np.asarray([1], { dtype: 'int32' }), 4).toArray(); // => [16]
   */
  bitwiseLeftShift(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Bitwise OR of integers or booleans, elementwise.
   * @example
   * await np.bitwiseOr(np.asarray([12], { dtype: 'int32' }), 10).toArray(); // => [14]
   */
  bitwiseOr(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 shifted right (arithmetically for signed types) by x2 bits, elementwise.
   * @example
   * await np.bitwiseRightShift(np.asarray([-16], { dtype: 'int32' }), 2).toArray(); // => [-4]
   */
  bitwiseRightShift(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Bitwise XOR of integers or booleans, elementwise.
   * @example
   * await np.bitwiseXor(np.asarray([12], { dtype: 'int32' }), 10).toArray(); // => [6]
   */
  bitwiseXor(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * The magnitude of x1 with the sign of x2, elementwise.
   * @example
   * await np.copysign(np.asarray([2]), -1).toArray(); // => [-2]
   */
  copysign(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * True division x1 / x2, elementwise (integers give the default float dtype).
   * @example
   * await np.divide(np.asarray([1, 3], { dtype: 'int32' }), 2).toArray(); // => [0.5, 1.5]
   */
  divide(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 == x2, elementwise.
   * @example
   * await np.equal(np.asarray([1, 2]), 2).toArray(); // => [false, true]
   */
  equal(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Floor of x1 / x2, elementwise (integer division by zero gives 0, as NumPy).
   * @example
   * await np.floorDivide(np.asarray([7, -7], { dtype: 'int32' }), 2).toArray(); // => [3, -4]
   */
  floorDivide(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 > x2, elementwise.
   * @example
   * await np.greater(np.asarray([1, 3]), 2).toArray(); // => [false, true]
   */
  greater(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 >= x2, elementwise.
   * @example
   * await np.greaterEqual(np.asarray([1, 2]), 2).toArray(); // => [false, true]
   */
  greaterEqual(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * sqrt(x1² + x2²) without overflow, elementwise.
   * @example
   * await np.hypot(np.asarray([3]), 4).toArray(); // => [5]
   */
  hypot(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 < x2, elementwise.
   * @example
   * await np.less(np.asarray([1, 3]), 2).toArray(); // => [true, false]
   */
  less(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 <= x2, elementwise.
   * @example
   * await np.lessEqual(np.asarray([2, 3]), 2).toArray(); // => [true, false]
   */
  lessEqual(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * log(exp(x1) + exp(x2)) without overflow, elementwise.
   * @example
   * await np.logaddexp(np.asarray([0]), 0).toArray(); // => [0.6931471824645996]
   */
  logaddexp(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Logical AND, elementwise (non-boolean input is compared with zero first).
   * @example
   * await np.logicalAnd(np.asarray([true, true]), np.asarray([true, false])).toArray(); // => [true, false]
   */
  logicalAnd(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Logical OR, elementwise.
   * @example
   * await np.logicalOr(np.asarray([false, false]), np.asarray([true, false])).toArray(); // => [true, false]
   */
  logicalOr(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Logical XOR, elementwise.
   * @example
   * await np.logicalXor(np.asarray([true, true]), np.asarray([true, false])).toArray(); // => [false, true]
   */
  logicalXor(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * The larger of x1 and x2, elementwise (NaN propagates).
   * @example
   * await np.maximum(np.asarray([1, 5]), 3).toArray(); // => [3, 5]
   */
  maximum(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * The smaller of x1 and x2, elementwise (NaN propagates).
   * @example
   * await np.minimum(np.asarray([1, 5]), 3).toArray(); // => [1, 3]
   */
  minimum(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 * x2, elementwise, with broadcasting.
   * @example
   * await np.multiply(np.asarray([1, 2]), 5).toArray(); // => [5, 10]
   */
  multiply(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * The next float after x1 towards x2, elementwise.
   * @example
   * await np.nextafter(np.asarray([0], { dtype: 'float64' }), 1).toArray(); // => [5e-324]
   */
  nextafter(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 != x2, elementwise.
   * @example
   * await np.notEqual(np.asarray([1, 2]), 2).toArray(); // => [true, false]
   */
  notEqual(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 raised to x2, elementwise.
   * @example
   * await np.pow(np.asarray([2, 3]), 2).toArray(); // => [4, 9]
   */
  pow(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Remainder of floor division (the sign of x2, as NumPy), elementwise.
   * @example
   * await np.remainder(np.asarray([7, -7], { dtype: 'int32' }), 3).toArray(); // => [1, 2]
   */
  remainder(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * x1 - x2, elementwise, with broadcasting.
   * @example
   * await np.subtract(np.asarray([5, 7]), 2).toArray(); // => [3, 5]
   */
  subtract(x1: ArrayLike, x2: ArrayLike): NDArray;
  /**
   * Clamps x into [min, max], elementwise; either bound may be omitted (undefined). The result
   * has x's dtype; NaN in x propagates.
   * @example
   * await np.clip(np.asarray([-1, 0.5, 2]), 0, 1).toArray(); // => [0, 0.5, 1]
   */
  clip(x: NDArray, min?: ArrayLike, max?: ArrayLike): NDArray;
}
