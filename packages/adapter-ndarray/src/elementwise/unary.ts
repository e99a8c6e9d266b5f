/** Bodies of the one-argument elementwise kernels, per op and dtype. */
import type { DType, UnaryOp } from '@arr/core';
import { kindOf, isSmallInt, isSignedD } from '../kinds.js';
import type { MapSpec } from './codegen.js';

const REAL_MATH: Partial<Record<UnaryOp, string>> = {
  acos: 'Math.acos', acosh: 'Math.acosh', asin: 'Math.asin', asinh: 'Math.asinh', atan: 'Math.atan', atanh: 'Math.atanh',
  ceil: 'Math.ceil', cos: 'Math.cos', cosh: 'Math.cosh', exp: 'Math.exp', expm1: 'Math.expm1', floor: 'Math.floor',
  log: 'Math.log', log1p: 'Math.log1p', log2: 'Math.log2', log10: 'Math.log10', sin: 'Math.sin', sinh: 'Math.sinh',
  sqrt: 'Math.sqrt', tan: 'Math.tan', tanh: 'Math.tanh', trunc: 'Math.trunc', round: 'roundEven', sign: 'signF',
};

const CPX_FN: Partial<Record<UnaryOp, string>> = {
  acos: 'cacos', acosh: 'cacosh', asin: 'casin', asinh: 'casinh', atan: 'catan', atanh: 'catanh', cos: 'ccos',
  cosh: 'ccosh', exp: 'cexp', expm1: 'cexpm1', log: 'clog', log1p: 'clog1p', sin: 'csin', sinh: 'csinh', sqrt: 'csqrt',
  tan: 'ctan', tanh: 'ctanh', reciprocal: 'crecip', sign: 'csign',
};

function body(op: UnaryOp, d: DType): string {
  const k = kindOf(d);
  if (k === 'cpx') {
    const f = CPX_FN[op];
    if (f) return `${f}(x0r, x0i); rr = C[0]; ri = C[1];`;
    switch (op) {
      case 'abs': return 'r = Math.hypot(x0r, x0i);';
      case 'real': return 'r = x0r;';
      case 'imag': return 'r = x0i;';
      case 'conj': return 'rr = x0r; ri = -x0i;';
      case 'negative': return 'rr = -x0r; ri = -x0i;';
      case 'square': return 'rr = x0r * x0r - x0i * x0i; ri = x0r * x0i + x0i * x0r;';
      case 'round': return 'rr = roundEven(x0r); ri = roundEven(x0i);';
      case 'log2': return 'clog(x0r, x0i); rr = C[0] / Math.LN2; ri = C[1] / Math.LN2;';
      case 'log10': return 'clog(x0r, x0i); rr = C[0] / Math.LN10; ri = C[1] / Math.LN10;';
      case 'isnan': return 'r = x0r !== x0r || x0i !== x0i;';
      case 'isinf': return 'r = x0r === Infinity || x0r === -Infinity || x0i === Infinity || x0i === -Infinity;';
      case 'isfinite': return 'r = Number.isFinite(x0r) && Number.isFinite(x0i);';
      case 'logicalNot': return 'r = x0r === 0 && x0i === 0;';
      default: throw new Error(`unary ${op} is not defined for ${d}`);
    }
  }
  if (k === 'big') {
    switch (op) {
      case 'abs': return 'r = x0 < 0n ? -x0 : x0;';
      case 'negative': return 'r = -x0;';
      case 'bitwiseInvert': return 'r = ~x0;';
      case 'square': return 'r = x0 * x0;';
      case 'sign': return 'r = x0 > 0n ? 1n : x0 < 0n ? -1n : 0n;';
      case 'ceil': case 'floor': case 'trunc': case 'round': case 'conj': case 'real': return 'r = x0;';
      case 'imag': return 'r = 0n;';
      case 'isnan': case 'isinf': return 'r = false;';
      case 'isfinite': return 'r = true;';
      case 'logicalNot': return 'r = x0 === 0n;';
      case 'signbit': return 'r = x0 < 0n;';
      default: throw new Error(`unary ${op} is not defined for ${d}`);
    }
  }
  const isInt = isSmallInt(d) || d === 'bool';
  switch (op) {
    case 'abs': return 'r = Math.abs(x0);';
    case 'negative': return 'r = -x0;';
    case 'bitwiseInvert': return d === 'bool' ? 'r = x0 ? 0 : 1;' : 'r = ~x0;';
    case 'square': return d === 'int32' || d === 'uint32' ? 'r = Math.imul(x0, x0);' : 'r = x0 * x0;';
    case 'reciprocal': return 'r = 1 / x0;';
    case 'conj': case 'real': return 'r = x0;';
    case 'imag': return 'r = 0;';
    case 'isnan': return isInt ? 'r = false;' : 'r = x0 !== x0;';
    case 'isinf': return isInt ? 'r = false;' : 'r = x0 === Infinity || x0 === -Infinity;';
    case 'isfinite': return isInt ? 'r = true;' : 'r = Number.isFinite(x0);';
    case 'logicalNot': return 'r = x0 === 0;';
    case 'signbit': return isInt ? (isSignedD(d) ? 'r = x0 < 0;' : 'r = false;') : 'r = x0 < 0 || Object.is(x0, -0);';
    case 'sign': if (isInt) return 'r = x0 > 0 ? 1 : x0 < 0 ? -1 : 0;'; break;
    case 'ceil': case 'floor': case 'trunc': case 'round': if (isInt) return 'r = x0;'; break;
  }
  const f = REAL_MATH[op];
  if (!f) throw new Error(`unary ${op} is not defined for ${d}`);
  return `r = ${f}(x0);`;
}

const byOp = new Map<string, Map<DType, MapSpec>>();

export function unarySpec(op: UnaryOp, d: DType, out: DType): MapSpec {
  let m = byOp.get(op);
  if (m === undefined) byOp.set(op, (m = new Map()));
  let s = m.get(d);
  if (s === undefined) {
    s = { key: `u_${op}_${d}_${out}`, ins: [kindOf(d)], out: kindOf(out), body: body(op, d) };
    m.set(d, s);
  }
  return s;
}
