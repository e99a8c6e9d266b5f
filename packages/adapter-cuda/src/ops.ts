/**
 * CUDA C expressions for every elementwise function, per operand dtype (NumPy semantics: integer
 * floor division and remainder with the divisor's sign and 0 for division by zero, NaN-propagating
 * maximum/minimum, round half to even, C99 complex special values). Operands are value
 * expressions (see ctypes.ts); the result is a value of the output dtype, already rounded.
 */
import type { BinaryOp, DType, UnaryOp } from '@arr/core';
import { CTYPES, isCpx, isFlt, isInt, isSignedInt, round } from './ctypes.js';

/** Math function name for a real float value type (float16 computes in float). */
const m = (name: string, d: DType) => (d === 'float64' ? name : `${name}f`);

export interface OpExpr {
  readonly expr: string;
  /** The expression reads `err` (the adapter's error words). */
  readonly needsErr?: boolean;
}

const cmpOps: Partial<Record<BinaryOp, string>> = {
  equal: '==', notEqual: '!=', greater: '>', greaterEqual: '>=', less: '<', lessEqual: '<=',
};

export function binaryExpr(op: BinaryOp, d: DType, out: DType, a: string, b: string): OpExpr {
  const r = (e: string): OpExpr => ({ expr: round(out, e) });
  const c = cmpOps[op];
  if (isCpx(d)) {
    switch (op) {
      case 'add': return r(`c_add(${a}, ${b})`);
      case 'subtract': return r(`c_sub(${a}, ${b})`);
      case 'multiply': return r(`c_mul(${a}, ${b})`);
      case 'divide': return r(`c_div(${a}, ${b})`);
      case 'pow': return r(`c_pow(${a}, ${b})`);
      case 'equal': return { expr: `((${a}).re == (${b}).re && (${a}).im == (${b}).im)` };
      case 'notEqual': return { expr: `!((${a}).re == (${b}).re && (${a}).im == (${b}).im)` };
      case 'logicalAnd': return { expr: `(c_nonzero(${a}) && c_nonzero(${b}))` };
      case 'logicalOr': return { expr: `(c_nonzero(${a}) || c_nonzero(${b}))` };
      case 'logicalXor': return { expr: `(c_nonzero(${a}) != c_nonzero(${b}))` };
      default: throw new Error(`cuda: binary ${op} is not defined for ${d}`);
    }
  }
  if (c) return { expr: `(${a} ${c} ${b})` };
  switch (op) {
    case 'logicalAnd': return { expr: `((${a} != 0) && (${b} != 0))` };
    case 'logicalOr': return { expr: `((${a} != 0) || (${b} != 0))` };
    case 'logicalXor': return { expr: `((${a} != 0) != (${b} != 0))` };
  }
  if (d === 'bool') {
    switch (op) {
      case 'add': case 'bitwiseOr': case 'maximum': return { expr: `(${a} || ${b})` };
      case 'multiply': case 'bitwiseAnd': case 'minimum': return { expr: `(${a} && ${b})` };
      case 'bitwiseXor': case 'subtract': return { expr: `(${a} != ${b})` };
      case 'pow': return { expr: `(${a} || !${b})` };
      default: throw new Error(`cuda: binary ${op} is not defined for bool`);
    }
  }
  const T = CTYPES[d].value;
  if (isInt(d)) {
    switch (op) {
      case 'add': return { expr: `w_add<${T}>(${a}, ${b})` };
      case 'subtract': return { expr: `w_sub<${T}>(${a}, ${b})` };
      case 'multiply': return { expr: `w_mul<${T}>(${a}, ${b})` };
      case 'floorDivide': return { expr: `i_floordiv<${T}>(${a}, ${b})` };
      case 'remainder': return { expr: `i_rem<${T}>(${a}, ${b})` };
      case 'bitwiseAnd': return { expr: `(${T})(${a} & ${b})` };
      case 'bitwiseOr': return { expr: `(${T})(${a} | ${b})` };
      case 'bitwiseXor': return { expr: `(${T})(${a} ^ ${b})` };
      case 'bitwiseLeftShift': return { expr: `i_lshift<${T}>(${a}, ${b})` };
      case 'bitwiseRightShift': return { expr: `i_rshift<${T}>(${a}, ${b})` };
      case 'maximum': return { expr: `i_max<${T}>(${a}, ${b})` };
      case 'minimum': return { expr: `i_min<${T}>(${a}, ${b})` };
      case 'pow': return { expr: `i_pow<${T}>(${a}, ${b}, err)`, needsErr: true };
      default: throw new Error(`cuda: binary ${op} is not defined for ${d}`);
    }
  }
  // real floats
  switch (op) {
    case 'add': return r(`(${a} + ${b})`);
    case 'subtract': return r(`(${a} - ${b})`);
    case 'multiply': return r(`(${a} * ${b})`);
    case 'divide': return r(`(${a} / ${b})`);
    case 'atan2': return r(`${m('atan2', d)}(${a}, ${b})`);
    case 'hypot': return r(`${m('hypot', d)}(${a}, ${b})`);
    case 'copysign': return r(`${m('copysign', d)}(${a}, ${b})`);
    case 'logaddexp': return r(`np_logaddexp<${T}>(${a}, ${b})`);
    case 'nextafter': return { expr: d === 'float16' ? `h_nextafter(${a}, ${b})` : `${m('nextafter', d)}(${a}, ${b})` };
    case 'floorDivide': return r(`np_floordiv<${T}>(${a}, ${b})`);
    case 'remainder': return r(`np_rem<${T}>(${a}, ${b})`);
    case 'maximum': return { expr: `np_max<${T}>(${a}, ${b})` };
    case 'minimum': return { expr: `np_min<${T}>(${a}, ${b})` };
    case 'pow': return r(`${m('pow', d)}(${a}, ${b})`);
    default: throw new Error(`cuda: binary ${op} is not defined for ${d}`);
  }
}

const REAL_FN: Partial<Record<UnaryOp, string>> = {
  acos: 'acos', acosh: 'acosh', asin: 'asin', asinh: 'asinh', atan: 'atan', atanh: 'atanh', ceil: 'ceil', cos: 'cos',
  cosh: 'cosh', exp: 'exp', expm1: 'expm1', floor: 'floor', log: 'log', log1p: 'log1p', log2: 'log2', log10: 'log10',
  sin: 'sin', sinh: 'sinh', sqrt: 'sqrt', tan: 'tan', tanh: 'tanh', trunc: 'trunc', round: 'rint', abs: 'fabs',
};
const CPX_FN: Partial<Record<UnaryOp, string>> = {
  acos: 'c_acos', acosh: 'c_acosh', asin: 'c_asin', asinh: 'c_asinh', atan: 'c_atan', atanh: 'c_atanh', cos: 'c_cos',
  cosh: 'c_cosh', exp: 'c_exp', expm1: 'c_expm1', log: 'c_log', log1p: 'c_log1p', sin: 'c_sin', sinh: 'c_sinh',
  sqrt: 'c_sqrt', tan: 'c_tan', tanh: 'c_tanh', reciprocal: 'c_recip', sign: 'c_sign', round: 'c_round',
};

export function unaryExpr(op: UnaryOp, d: DType, out: DType, x: string): OpExpr {
  const r = (e: string): OpExpr => ({ expr: round(out, e) });
  if (isCpx(d)) {
    const f = CPX_FN[op];
    if (f) return r(`${f}(${x})`);
    switch (op) {
      case 'abs': return r(`hypot((${x}).re, (${x}).im)`);
      case 'real': return r(`(${x}).re`);
      case 'imag': return r(`(${x}).im`);
      case 'conj': return r(`mk((${x}).re, -(${x}).im)`);
      case 'negative': return r(`mk(-(${x}).re, -(${x}).im)`);
      case 'square': return r(`c_mul(${x}, ${x})`);
      case 'log2': return r(`mk(c_log(${x}).re / 0.69314718055994530942, c_log(${x}).im / 0.69314718055994530942)`);
      case 'log10': return r(`mk(c_log(${x}).re / 2.30258509299404568402, c_log(${x}).im / 2.30258509299404568402)`);
      case 'isnan': return { expr: `c_isnan(${x})` };
      case 'isinf': return { expr: `(isinf_((${x}).re) || isinf_((${x}).im))` };
      case 'isfinite': return { expr: `(isfin_((${x}).re) && isfin_((${x}).im))` };
      case 'logicalNot': return { expr: `!c_nonzero(${x})` };
      default: throw new Error(`cuda: unary ${op} is not defined for ${d}`);
    }
  }
  if (d === 'bool') {
    switch (op) {
      case 'logicalNot': case 'bitwiseInvert': return { expr: `!${x}` };
      case 'isnan': case 'isinf': case 'signbit': return { expr: 'false' };
      case 'isfinite': return { expr: 'true' };
      case 'abs': case 'ceil': case 'floor': case 'trunc': case 'round': case 'conj': case 'real': case 'square': case 'sign':
        return { expr: x };
      case 'imag': return { expr: 'false' };
      default: throw new Error(`cuda: unary ${op} is not defined for bool`);
    }
  }
  const T = CTYPES[d].value;
  if (isInt(d)) {
    switch (op) {
      case 'abs': return { expr: `i_abs<${T}>(${x})` };
      case 'negative': return { expr: `i_neg<${T}>(${x})` };
      case 'bitwiseInvert': return { expr: `(${T})(~${x})` };
      case 'square': return { expr: `w_mul<${T}>(${x}, ${x})` };
      case 'sign': return { expr: `i_sign<${T}>(${x})` };
      case 'ceil': case 'floor': case 'trunc': case 'round': case 'conj': case 'real': return { expr: x };
      case 'imag': return { expr: `(${T})0` };
      case 'isnan': case 'isinf': return { expr: 'false' };
      case 'isfinite': return { expr: 'true' };
      case 'logicalNot': return { expr: `(${x} == 0)` };
      case 'signbit': return { expr: isSignedInt(d) ? `(${x} < 0)` : 'false' };
      default: throw new Error(`cuda: unary ${op} is not defined for ${d}`);
    }
  }
  if (!isFlt(d)) throw new Error(`cuda: unary ${op} is not defined for ${d}`);
  switch (op) {
    case 'negative': return r(`(-${x})`);
    case 'square': return r(`(${x} * ${x})`);
    case 'reciprocal': return r(`((${T})1 / ${x})`);
    case 'conj': case 'real': return { expr: x };
    case 'imag': return { expr: `(${T})0` };
    case 'isnan': return { expr: `(${x} != ${x})` };
    case 'isinf': return { expr: `(${x} == (${T})INFINITY || ${x} == -(${T})INFINITY)` };
    case 'isfinite': return { expr: `(${x} - ${x} == 0)` };
    case 'logicalNot': return { expr: `(${x} == 0)` };
    case 'signbit': return { expr: `sbit(${x})` };
    case 'sign': return r(`np_sign<${T}>(${x})`);
  }
  const f = REAL_FN[op];
  if (!f) throw new Error(`cuda: unary ${op} is not defined for ${d}`);
  return r(`${m(f, d)}(${x})`);
}
