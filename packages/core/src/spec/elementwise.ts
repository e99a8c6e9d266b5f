/**
 * The table that drives the elementwise functions: which dtypes each accepts (Array API
 * categories, applied to the promoted dtype) and what dtype it returns.
 */
import type { BinaryOp, UnaryOp } from '../adapter.js';

/**
 * Input categories. `float` functions also take integer/bool input and compute in the default
 * float dtype (JAX rule; NumPy picks float64 or float16 depending on the integer size).
 */
export type Category =
  | 'any' // every dtype
  | 'numeric' // not bool
  | 'real numeric' // not bool, not complex
  | 'integer'
  | 'integer or boolean'
  | 'boolean' // any dtype is accepted and compared with zero (NumPy's logical_* behaviour)
  | 'float' // floating-point, complex included; integers → default float
  | 'real float'; // real floating-point; integers → default float

/** Output dtype rule: the computation dtype, bool, or the real dtype of a complex input. */
export type Output = 'same' | 'bool' | 'real';

export interface ElementwiseSpec {
  readonly category: Category;
  readonly output: Output;
  /** The NumPy function with the same meaning (for the docs' name table and the fixtures). */
  readonly numpy: string;
}

export const UNARY: Readonly<Record<UnaryOp | 'positive', ElementwiseSpec>> = {
  abs: { category: 'numeric', output: 'real', numpy: 'abs' },
  acos: { category: 'float', output: 'same', numpy: 'arccos' },
  acosh: { category: 'float', output: 'same', numpy: 'arccosh' },
  asin: { category: 'float', output: 'same', numpy: 'arcsin' },
  asinh: { category: 'float', output: 'same', numpy: 'arcsinh' },
  atan: { category: 'float', output: 'same', numpy: 'arctan' },
  atanh: { category: 'float', output: 'same', numpy: 'arctanh' },
  bitwiseInvert: { category: 'integer or boolean', output: 'same', numpy: 'bitwise_invert' },
  ceil: { category: 'real numeric', output: 'same', numpy: 'ceil' },
  conj: { category: 'numeric', output: 'same', numpy: 'conj' },
  cos: { category: 'float', output: 'same', numpy: 'cos' },
  cosh: { category: 'float', output: 'same', numpy: 'cosh' },
  exp: { category: 'float', output: 'same', numpy: 'exp' },
  expm1: { category: 'float', output: 'same', numpy: 'expm1' },
  floor: { category: 'real numeric', output: 'same', numpy: 'floor' },
  imag: { category: 'numeric', output: 'real', numpy: 'imag' },
  isfinite: { category: 'numeric', output: 'bool', numpy: 'isfinite' },
  isinf: { category: 'numeric', output: 'bool', numpy: 'isinf' },
  isnan: { category: 'numeric', output: 'bool', numpy: 'isnan' },
  log: { category: 'float', output: 'same', numpy: 'log' },
  log1p: { category: 'float', output: 'same', numpy: 'log1p' },
  log2: { category: 'float', output: 'same', numpy: 'log2' },
  log10: { category: 'float', output: 'same', numpy: 'log10' },
  logicalNot: { category: 'boolean', output: 'bool', numpy: 'logical_not' },
  negative: { category: 'numeric', output: 'same', numpy: 'negative' },
  positive: { category: 'numeric', output: 'same', numpy: 'positive' },
  real: { category: 'numeric', output: 'real', numpy: 'real' },
  reciprocal: { category: 'float', output: 'same', numpy: 'reciprocal' },
  round: { category: 'numeric', output: 'same', numpy: 'round' },
  sign: { category: 'numeric', output: 'same', numpy: 'sign' },
  signbit: { category: 'real float', output: 'bool', numpy: 'signbit' },
  sin: { category: 'float', output: 'same', numpy: 'sin' },
  sinh: { category: 'float', output: 'same', numpy: 'sinh' },
  square: { category: 'numeric', output: 'same', numpy: 'square' },
  sqrt: { category: 'float', output: 'same', numpy: 'sqrt' },
  tan: { category: 'float', output: 'same', numpy: 'tan' },
  tanh: { category: 'float', output: 'same', numpy: 'tanh' },
  trunc: { category: 'real numeric', output: 'same', numpy: 'trunc' },
};

export const BINARY: Readonly<Record<BinaryOp, ElementwiseSpec>> = {
  add: { category: 'numeric', output: 'same', numpy: 'add' },
  atan2: { category: 'real float', output: 'same', numpy: 'arctan2' },
  bitwiseAnd: { category: 'integer or boolean', output: 'same', numpy: 'bitwise_and' },
  bitwiseLeftShift: { category: 'integer', output: 'same', numpy: 'left_shift' },
  bitwiseOr: { category: 'integer or boolean', output: 'same', numpy: 'bitwise_or' },
  bitwiseRightShift: { category: 'integer', output: 'same', numpy: 'right_shift' },
  bitwiseXor: { category: 'integer or boolean', output: 'same', numpy: 'bitwise_xor' },
  copysign: { category: 'real float', output: 'same', numpy: 'copysign' },
  divide: { category: 'float', output: 'same', numpy: 'divide' },
  equal: { category: 'any', output: 'bool', numpy: 'equal' },
  floorDivide: { category: 'real numeric', output: 'same', numpy: 'floor_divide' },
  greater: { category: 'real numeric', output: 'bool', numpy: 'greater' },
  greaterEqual: { category: 'real numeric', output: 'bool', numpy: 'greater_equal' },
  hypot: { category: 'real float', output: 'same', numpy: 'hypot' },
  less: { category: 'real numeric', output: 'bool', numpy: 'less' },
  lessEqual: { category: 'real numeric', output: 'bool', numpy: 'less_equal' },
  logaddexp: { category: 'real float', output: 'same', numpy: 'logaddexp' },
  logicalAnd: { category: 'boolean', output: 'bool', numpy: 'logical_and' },
  logicalOr: { category: 'boolean', output: 'bool', numpy: 'logical_or' },
  logicalXor: { category: 'boolean', output: 'bool', numpy: 'logical_xor' },
  maximum: { category: 'real numeric', output: 'same', numpy: 'maximum' },
  minimum: { category: 'real numeric', output: 'same', numpy: 'minimum' },
  multiply: { category: 'numeric', output: 'same', numpy: 'multiply' },
  nextafter: { category: 'real float', output: 'same', numpy: 'nextafter' },
  notEqual: { category: 'any', output: 'bool', numpy: 'not_equal' },
  pow: { category: 'numeric', output: 'same', numpy: 'pow' },
  remainder: { category: 'real numeric', output: 'same', numpy: 'remainder' },
  subtract: { category: 'numeric', output: 'same', numpy: 'subtract' },
};
