/**
 * Casts between every pair of dtypes (C rules as NumPy on x86, except out-of-range float → int,
 * which wraps modulo 2^bits here: the typed-array store does ToInt32/ToUint8/… after truncation;
 * NaN and ±Inf become 0). To bool is `x != 0` (NaN → true); complex → real keeps the real part.
 */
import type { DType } from '@arr/core';
import { kindOf, isSmallInt } from '../kinds.js';
import type { MapSpec } from './codegen.js';

function body(from: DType, to: DType): string {
  const fk = kindOf(from), tk = kindOf(to);
  // the source as a number (or bigint for big)
  const num = fk === 'cpx' ? 'x0r' : 'x0';
  if (tk === 'bool') {
    if (fk === 'cpx') return 'r = x0r !== 0 || x0i !== 0;';
    if (fk === 'big') return 'r = x0 !== 0n;';
    return 'r = x0 !== 0;';
  }
  if (tk === 'cpx') {
    if (fk === 'cpx') return 'rr = x0r; ri = x0i;';
    if (fk === 'big') return 'rr = Number(x0); ri = 0;';
    return 'rr = x0; ri = 0;';
  }
  if (tk === 'big') {
    if (fk === 'big') return 'r = x0;';
    if (fk === 'bool' || isSmallInt(from)) return 'r = BigInt(x0);';
    return `r = Number.isFinite(${num}) ? BigInt(Math.trunc(${num})) : 0n;`;
  }
  // to num / half
  if (fk === 'big') return isSmallInt(to) ? 'r = Number(asUintN(32, x0));' : 'r = Number(x0);';
  return `r = ${num};`;
}

const specCache = new Map<string, MapSpec>();

export function castSpec(from: DType, to: DType): MapSpec {
  const key = `c_${from}_${to}`;
  let s = specCache.get(key);
  if (!s) {
    // Same dtype: move storage slots as they are (float16 bits included).
    const same = from === to;
    const k = same && from === 'float16' ? 'num' : kindOf(from);
    const tk = same && to === 'float16' ? 'num' : kindOf(to);
    s = { key, ins: [k], out: tk, body: same ? (k === 'cpx' ? 'rr = x0r; ri = x0i;' : 'r = x0;') : body(from, to) };
    specCache.set(key, s);
  }
  return s;
}
