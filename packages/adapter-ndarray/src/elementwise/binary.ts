/** Bodies of the two-argument elementwise kernels, per op and dtype. */
import type { BinaryOp, DType } from '@arr/core';
import { bitsOf, isSignedD, kindOf } from '../kinds.js';
import type { MapSpec } from './codegen.js';

const CMP: Partial<Record<BinaryOp, string>> = {
  equal: '===', notEqual: '!==', greater: '>', greaterEqual: '>=', less: '<', lessEqual: '<=',
};

function body(op: BinaryOp, d: DType): string {
  const k = kindOf(d);
  if (k === 'cpx') {
    switch (op) {
      case 'add': return 'rr = x0r + x1r; ri = x0i + x1i;';
      case 'subtract': return 'rr = x0r - x1r; ri = x0i - x1i;';
      case 'multiply': return 'rr = x0r * x1r - x0i * x1i; ri = x0r * x1i + x0i * x1r;';
      case 'divide': return 'cdiv(x0r, x0i, x1r, x1i); rr = C[0]; ri = C[1];';
      case 'pow': return 'cpow(x0r, x0i, x1r, x1i); rr = C[0]; ri = C[1];';
      case 'equal': return 'r = x0r === x1r && x0i === x1i;';
      case 'notEqual': return 'r = !(x0r === x1r && x0i === x1i);';
      case 'logicalAnd': return 'r = (x0r !== 0 || x0i !== 0) && (x1r !== 0 || x1i !== 0);';
      case 'logicalOr': return 'r = (x0r !== 0 || x0i !== 0) || (x1r !== 0 || x1i !== 0);';
      case 'logicalXor': return 'r = (x0r !== 0 || x0i !== 0) !== (x1r !== 0 || x1i !== 0);';
      default: throw new Error(`binary ${op} is not defined for ${d}`);
    }
  }
  const cmp = CMP[op];
  if (cmp) return `r = x0 ${cmp} x1;`;
  if (k === 'big') {
    const signed = isSignedD(d);
    switch (op) {
      case 'add': return 'r = x0 + x1;';
      case 'subtract': return 'r = x0 - x1;';
      case 'multiply': return 'r = x0 * x1;';
      case 'bitwiseAnd': return 'r = x0 & x1;';
      case 'bitwiseOr': return 'r = x0 | x1;';
      case 'bitwiseXor': return 'r = x0 ^ x1;';
      case 'bitwiseLeftShift': return 'r = x1 < 0n || x1 >= 64n ? 0n : x0 << x1;';
      case 'bitwiseRightShift': return `r = x1 < 0n || x1 >= 64n ? ${signed ? '(x0 < 0n ? -1n : 0n)' : '0n'} : x0 >> x1;`;
      case 'floorDivide': return 'r = floorDivB(x0, x1);';
      case 'remainder': return 'r = remB(x0, x1);';
      case 'maximum': return 'r = x0 > x1 ? x0 : x1;';
      case 'minimum': return 'r = x0 < x1 ? x0 : x1;';
      case 'pow': return 'r = ipow64(x0, x1);';
      case 'logicalAnd': return 'r = x0 !== 0n && x1 !== 0n;';
      case 'logicalOr': return 'r = x0 !== 0n || x1 !== 0n;';
      case 'logicalXor': return 'r = (x0 !== 0n) !== (x1 !== 0n);';
      default: throw new Error(`binary ${op} is not defined for ${d}`);
    }
  }
  const isF = d === 'float16' || d === 'float32' || d === 'float64';
  const bits = bitsOf(d);
  const signed = isSignedD(d);
  switch (op) {
    case 'add': return d === 'bool' ? 'r = x0 | x1;' : 'r = x0 + x1;';
    case 'subtract': return 'r = x0 - x1;';
    case 'multiply': return d === 'int32' || d === 'uint32' ? 'r = Math.imul(x0, x1);' : d === 'bool' ? 'r = x0 & x1;' : 'r = x0 * x1;';
    case 'divide': return 'r = x0 / x1;';
    case 'atan2': return 'r = Math.atan2(x0, x1);';
    case 'hypot': return 'r = Math.hypot(x0, x1);';
    case 'copysign': return 'r = copysign(x0, x1);';
    case 'logaddexp': return 'r = logaddexp(x0, x1);';
    case 'nextafter': return d === 'float64' ? 'r = nextafter64(x0, x1);' : d === 'float32' ? 'r = nextafter32(x0, x1);' : 'r = nextafter16(x0, x1);';
    case 'bitwiseAnd': return 'r = x0 & x1;';
    case 'bitwiseOr': return 'r = x0 | x1;';
    case 'bitwiseXor': return 'r = x0 ^ x1;';
    case 'bitwiseLeftShift': return `r = x1 < 0 || x1 >= ${bits} ? 0 : x0 << x1;`;
    case 'bitwiseRightShift':
      return signed ? `r = x1 < 0 || x1 >= ${bits} ? (x0 < 0 ? -1 : 0) : x0 >> x1;` : `r = x1 < 0 || x1 >= ${bits} ? 0 : x0 >>> x1;`;
    case 'floorDivide': return isF ? 'r = floorDivF(x0, x1);' : 'r = floorDivI(x0, x1);';
    case 'remainder': return isF ? 'r = remF(x0, x1);' : 'r = remI(x0, x1);';
    // NumPy returns the second operand on ties (maximum(0., -0.) is -0.) and propagates NaN.
    case 'maximum': return isF ? 'r = x0 > x1 || x0 !== x0 ? x0 : x1;' : 'r = x0 > x1 ? x0 : x1;';
    case 'minimum': return isF ? 'r = x0 < x1 || x0 !== x0 ? x0 : x1;' : 'r = x0 < x1 ? x0 : x1;';
    case 'pow': return isF ? 'r = powC(x0, x1);' : d === 'bool' ? 'r = x0 | (x1 ? 0 : 1);' : 'r = ipow32(x0, x1);';
    case 'logicalAnd': return 'r = x0 !== 0 && x1 !== 0;';
    case 'logicalOr': return 'r = x0 !== 0 || x1 !== 0;';
    case 'logicalXor': return 'r = (x0 !== 0) !== (x1 !== 0);';
    default: throw new Error(`binary ${op} is not defined for ${d}`);
  }
}

const specCache = new Map<string, MapSpec>();
const byOp = new Map<string, Map<DType, MapSpec>>();

export function binarySpec(op: BinaryOp, d: DType, out: DType): MapSpec {
  // The output dtype follows from (op, d), so two small maps find the spec without building a key.
  let m = byOp.get(op);
  if (m === undefined) byOp.set(op, (m = new Map()));
  let s = m.get(d);
  if (s === undefined) {
    const k = kindOf(d);
    s = { key: `b_${op}_${d}_${out}`, ins: [k, k], out: kindOf(out), body: body(op, d) };
    m.set(d, s);
  }
  return s;
}

/** `cond ? a : b` for one dtype. */
export function whereSpec(d: DType): MapSpec {
  const key = `w_${d}`;
  let s = specCache.get(key);
  if (!s) {
    // float16 is moved as its bits.
    const k = d === 'float16' ? 'num' : kindOf(d);
    const b = k === 'cpx' ? 'if (x0) { rr = x1r; ri = x1i; } else { rr = x2r; ri = x2i; }' : 'r = x0 ? x1 : x2;';
    s = { key, ins: ['num', k, k], out: k, body: b };
    specCache.set(key, s);
  }
  return s;
}
