/** Scalar helpers that generated kernels call by name (passed to `new Function` as parameters). */
import { negativeIntegerPower } from '@arr/core';
import { H2F, toHalf } from '../half.js';
import * as cx from '../complex.js';

/** Round half to even (NumPy's `round`), keeping -0. */
export function roundEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 ? 2 * Math.round(x / 2) : r === 0 && x < 0 ? -0 : r;
}

export function copysign(a: number, b: number): number {
  return b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a);
}

/** C's pow where it differs from Math.pow: pow(1, y) = 1 and pow(-1, ±inf) = 1. */
export function powC(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/** Exact integer power modulo 2^32 (the store wraps to the dtype). */
export function ipow32(a: number, b: number): number {
  if (b < 0) throw negativeIntegerPower();
  let r = 1;
  while (b > 0) {
    if (b & 1) r = Math.imul(r, a);
    a = Math.imul(a, a);
    b = Math.floor(b / 2);
  }
  return r;
}

export function ipow64(a: bigint, b: bigint): bigint {
  if (b < 0n) throw negativeIntegerPower();
  let r = 1n;
  while (b > 0n) {
    if (b & 1n) r = BigInt.asUintN(64, r * a);
    a = BigInt.asUintN(64, a * a);
    b >>= 1n;
  }
  return r;
}

/** NumPy's float floor_divide (npy_divmod). */
export function floorDivF(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return copysign(0, a / b);
  let f = Math.floor(div);
  if (div - f > 0.5) f += 1;
  return f;
}

/** NumPy's float remainder: fmod with the sign of the divisor. */
export function remF(a: number, b: number): number {
  if (b === 0) return NaN;
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else mod = copysign(0, b);
  return mod;
}

export function floorDivI(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor(a / b);
}
export function remI(a: number, b: number): number {
  if (b === 0) return 0;
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}
export function floorDivB(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
export function remB(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

export function logaddexp(a: number, b: number): number {
  if (a === b) return a + Math.LN2; // also ±inf
  const d = a - b;
  if (d > 0) return a + Math.log1p(Math.exp(-d));
  if (d <= 0) return b + Math.log1p(Math.exp(d));
  return d; // NaN
}

const nf64 = new Float64Array(1), nb64 = new BigInt64Array(nf64.buffer);
export function nextafter64(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 5e-324 : -5e-324;
  nf64[0] = x;
  nb64[0] = (y > x) === (x > 0) ? nb64[0]! + 1n : nb64[0]! - 1n;
  return nf64[0]!;
}
const nf32 = new Float32Array(1), ni32 = new Int32Array(nf32.buffer);
export function nextafter32(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  nf32[0] = x;
  ni32[0] = (y > x) === (x > 0) ? ni32[0]! + 1 : ni32[0]! - 1;
  return nf32[0]!;
}
/** On float16 values (as numbers): returns a number (exact float16 value). */
export function nextafter16(x: number, y: number): number {
  if (x !== x || y !== y) return NaN;
  if (x === y) return y;
  if (x === 0) return y > 0 ? 2 ** -24 : -(2 ** -24);
  const h = toHalf(x);
  return H2F[(y > x) === (x > 0) ? h + 1 : h - 1]!;
}

export function signF(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === x ? 0 : x;
}

/** Lexicographic complex order with NaNs last, as NumPy sorts: [R+Rj, R+nanj, nan+Rj, nan+nanj]. */
export function ccmp(ar: number, ai: number, br: number, bi: number): number {
  const ca = (ar !== ar ? 2 : 0) + (ai !== ai ? 1 : 0), cb = (br !== br ? 2 : 0) + (bi !== bi ? 1 : 0);
  if (ca !== cb) return ca - cb;
  if (ar < br) return -1;
  if (ar > br) return 1;
  if (ai < bi) return -1;
  if (ai > bi) return 1;
  return 0;
}

export const helpers = {
  H2F, toHalf, fround: Math.fround, roundEven, copysign, powC, ipow32, ipow64, floorDivF, remF, floorDivI, remI,
  floorDivB, remB, logaddexp, nextafter64, nextafter32, nextafter16, signF, ccmp,
  C: cx.C, csqrt: cx.csqrt, cexp: cx.cexp, clog: cx.clog, cexpm1: cx.cexpm1, clog1p: cx.clog1p, csinh: cx.csinh,
  ccosh: cx.ccosh, ctanh: cx.ctanh, csin: cx.csin, ccos: cx.ccos, ctan: cx.ctan, casin: cx.casin, cacos: cx.cacos,
  cacosh: cx.cacosh, casinh: cx.casinh, catanh: cx.catanh, catan: cx.catan, cdiv: cx.cdiv, crecip: cx.crecip,
  csign: cx.csign, cpow: cx.cpow,
  asIntN: BigInt.asIntN, asUintN: BigInt.asUintN, BigInt, Number, Math, Infinity, NaN,
};
