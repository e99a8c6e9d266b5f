/**
 * Elementwise kernels on tfjs ops, with NumPy semantics where tfjs differs: NaN propagation in
 * maximum/minimum and sign, integer division/remainder by zero (0, as NumPy), exact integer
 * power with wrap-around, log1p/expm1 accuracy (the wasm backend's log1p is log(1 + x)),
 * signed zeros in trunc/copysign/signbit, and bitwise ops composed from arithmetic.
 * Compositions run inside `tf.tidy` (the adapter wraps every call), so temporaries are freed.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type BinaryOp, type DType, type UnaryOp, negativeIntegerPower } from '@arr/core';
import * as C from './complex.js';
import { hostNextafter } from './host-kernels.js';
import type { Traits } from './traits.js';

type T = tf.Tensor;

const full = (like: T, v: number, dtype: tf.DataType = like.dtype): T => tf.fill(like.shape, v, dtype);
const isFloat = (d: DType): boolean => d === 'float32';
const truthy = (x: T): T => (x.dtype === 'bool' ? x : x.dtype === 'complex64' ? tf.notEqual(C.abs(C.split(x)), 0) : tf.notEqual(x, 0));
/** NumPy's signbit for real floats (−0 included; NaN's sign bit is not visible to tfjs ops). */
const signbit = (x: T): T => tf.logicalOr(tf.less(x, 0), tf.logicalAnd(tf.equal(x, 0), tf.less(tf.div(1, x), 0)));
/** A scalar of `like`'s dtype (a bare JS number would upcast int32 operands to float32). */
export const num = (v: number, like: T): T => tf.scalar(v, like.dtype);
/** Exact int32 negation (wasm's Neg and Abs go through float32). */
const negInt = (x: T): T => tf.sub(tf.zerosLike(x), x);
const nanOf = (a: T, b: T, r: T): T => tf.where(tf.isNaN(a), a, tf.where(tf.isNaN(b), b, r));

function log1p(x: T): T {
  // Kahan: log1p(x) = log(u) * x / (u - 1) with u = 1 + x, exact where u == 1.
  const u = tf.add(1, x);
  const d = tf.sub(u, 1);
  const safe = tf.where(tf.equal(d, 0), tf.onesLike(d), d);
  const r = tf.mul(tf.log(u), tf.div(x, safe));
  return tf.where(tf.equal(d, 0), x, tf.where(tf.logicalAnd(tf.isInf(u), tf.greater(u, 0)), u, r));
}
function expm1(x: T): T {
  // Kahan: expm1(x) = (u - 1) * x / log(u) with u = exp(x).
  const u = tf.exp(x);
  const lu = tf.log(u);
  const small = tf.less(tf.abs(x), 1e-5);
  const approx = tf.add(x, tf.mul(tf.mul(x, x), 0.5));
  const r = tf.mul(tf.sub(u, 1), tf.div(x, tf.where(tf.equal(lu, 0), tf.onesLike(lu), lu)));
  const big = tf.logicalOr(tf.isInf(u), tf.greater(tf.abs(x), 0.5));
  return tf.where(small, approx, tf.where(big, tf.sub(u, 1), r));
}

/** Integer power with two's-complement wrap-around (NumPy's repeated squaring). */
function intPow(a: T, b: T, traits: Traits): T {
  // NumPy refuses negative exponents; checked where read-back is synchronous (not on webgpu).
  if (traits.sync && b.dtype === 'int32' && b.size > 0 && (tf.min(b).dataSync() as Int32Array)[0]! < 0) {
    throw negativeIntegerPower();
  }
  const bits = traits.sync ? Math.max(1, 32 - Math.clz32(Math.max(0, ...(tf.max(b).dataSync() as Int32Array)))) : 31;
  const mul = (x: T, y: T): T => (traits.exactIntMul ? tf.mul(x, y) : mulInt(x, y));
  let result = tf.onesLike(a);
  let base = a;
  let e = b;
  const two = num(2, b);
  for (let i = 0; i < bits; i++) {
    const odd = tf.equal(tf.mod(e, two), num(1, b));
    result = tf.where(odd, mul(result, base), result);
    if (i < bits - 1) {
      base = mul(base, base);
      e = intFloorDiv(e, two);
    }
  }
  // Negative exponents: 1 for base 1, ±1 for base -1, 0 otherwise (integer 1/a^n truncated).
  const neg = tf.less(b, 0);
  const negRes = tf.where(tf.equal(a, 1), tf.onesLike(a), tf.where(tf.equal(a, -1), tf.where(tf.equal(tf.mod(b, num(2, b)), num(0, b)), tf.onesLike(a), a), tf.zerosLike(a)));
  return tf.where(neg, negRes, result);
}

/**
 * int32 multiply modulo 2³²: the cpu backend multiplies in doubles, which lose the low bits once
 * |a·b| > 2⁵³; split b into 16-bit halves so each partial product is exact.
 */
export function mulInt(a: T, b: T): T {
  const k = num(65536, b);
  const lo = tf.mod(b, k); // 0..65535 (floored mod)
  const hi = tf.floorDiv(tf.sub(b, lo), k); // -32768..32767, exact (a multiple of 2^16)
  // a*hi*65536 mod 2^32 == (a*hi mod 65536) * 65536 mod 2^32
  const ahi = tf.mod(tf.mul(a, hi), k);
  return tf.add(tf.mul(a, lo), tf.mul(ahi, k));
}

/** a AND b for int32 (tfjs's BitwiseAnd where registered; else bit by bit). */
function bitAnd(a: T, b: T, traits: Traits): T {
  if (traits.bitwiseAnd) return tf.bitwiseAnd(a, b);
  let r = tf.zerosLike(a);
  let x = a, y = b;
  for (let k = 0; k < 32; k++) {
    const two = num(2, a);
    const bx = tf.mod(x, two), by = tf.mod(y, two); // floored: 0 or 1, also for negatives
    r = tf.add(r, tf.mul(tf.mul(bx, by), num(k === 31 ? -2147483648 : 2 ** k, a)));
    x = intFloorDiv(x, two);
    y = intFloorDiv(y, two);
  }
  return r;
}

/** 2^s as int32 for 0 <= s <= 31 (2^31 wraps to -2^31, which multiplies the same mod 2^32). */
function pow2(s: T): T {
  const p = tf.cast(tf.pow(tf.scalar(2), tf.cast(tf.clipByValue(s, 0, 30), 'float32')), 'int32');
  return tf.where(tf.equal(s, 31), full(p, -2147483648, 'int32'), p);
}

/**
 * Exact int32 floor division (wasm's FloorDiv goes through float32): a float estimate, then an
 * integer correction from the exact remainder (int32 mul/sub wrap consistently mod 2^32).
 * Division by zero gives 0, as NumPy.
 */
export function intFloorDiv(a: T, b: T): T {
  const zero = tf.equal(b, num(0, b));
  const d = tf.where(zero, tf.onesLike(b), b);
  const fd = tf.cast(d, 'float32');
  const q0 = tf.cast(tf.floor(tf.div(tf.cast(a, 'float32'), fd)), 'int32');
  const r0 = tf.sub(a, tf.mul(q0, d));
  const q1 = tf.add(q0, tf.cast(tf.floor(tf.div(tf.cast(r0, 'float32'), fd)), 'int32'));
  const r1 = tf.sub(a, tf.mul(q1, d));
  const pos = tf.greater(d, num(0, d));
  const z = num(0, a);
  const adj = tf.where(pos,
    tf.where(tf.less(r1, z), tf.fill(a.shape, -1, 'int32'), tf.where(tf.greaterEqual(r1, d), tf.onesLike(a), tf.zerosLike(a))),
    tf.where(tf.greater(r1, z), tf.fill(a.shape, -1, 'int32'), tf.where(tf.lessEqual(r1, d), tf.onesLike(a), tf.zerosLike(a))));
  return tf.where(zero, tf.zerosLike(a), tf.add(q1, adj));
}
function intRemainder(a: T, b: T): T {
  const zero = tf.equal(b, num(0, b));
  const d = tf.where(zero, tf.onesLike(b), b);
  return tf.where(zero, tf.zerosLike(a), tf.mod(a, d));
}
/** copysign(0, x). */
const zeroLike = (x: T): T => tf.where(signbit(x), full(x, -0), full(x, 0));
function floatRemainder(a: T, b: T): T {
  // NumPy: m = fmod(a, b); m != 0 with sign(m) != sign(b) → m + b; m == 0 → copysign(0, b).
  // tf.mod is the floored remainder computed with % (exact) on finite b.
  const r = tf.mod(a, b);
  const res = tf.where(tf.equal(r, 0), zeroLike(b), r);
  // b = ±inf, a finite: a when signs agree (or a == 0), else b.
  const bInf = tf.logicalAnd(tf.isInf(b), tf.isFinite(a));
  const agree = tf.logicalOr(tf.equal(signbit(a), signbit(b)), tf.equal(a, 0));
  return tf.where(bInf, tf.where(agree, tf.where(tf.equal(a, 0), zeroLike(b), a), b), res);
}
function floatFloorDivide(a: T, b: T): T {
  // NumPy's npy_divmod: div = (a - mod) / b rounded to the nearest integer toward floor(div);
  // floor(a / b) differs when a / b rounds to an integer (1 // 0.1 is 9).
  const q = tf.div(a, b);
  const m = tf.mod(a, b);
  const div = tf.div(tf.sub(a, m), b);
  const f = tf.floor(div);
  const fl = tf.where(tf.greater(tf.sub(div, f), 0.5), tf.add(f, 1), f);
  let res = tf.where(tf.equal(div, 0), zeroLike(q), fl);
  const bInf = tf.logicalAnd(tf.isInf(b), tf.isFinite(a));
  const agree = tf.logicalOr(tf.equal(signbit(a), signbit(b)), tf.equal(a, 0));
  res = tf.where(bInf, tf.where(agree, zeroLike(q), full(q, -1)), res);
  return tf.where(tf.equal(b, 0), q, res);
}

const toC = (x: T): C.C => C.split(x);
const fromC = (z: C.C): T => C.join(z);

export function unary(op: UnaryOp, x: T, dtype: DType, traits: Traits): T {
  const xd = x.dtype as DType;
  if (xd === 'complex64') return complexUnary(op, x);
  const intLike = xd === 'int32' || xd === 'bool';
  switch (op) {
    case 'abs': return xd === 'int32' ? tf.where(tf.less(x, num(0, x)), negInt(x), x) : tf.abs(x);
    case 'acos': return tf.acos(x);
    case 'acosh': return tf.acosh(x);
    case 'asin': return tf.asin(x);
    case 'asinh': return tf.asinh(x);
    case 'atan': return tf.atan(x);
    case 'atanh': return tf.atanh(x);
    case 'bitwiseInvert': return xd === 'bool' ? tf.logicalNot(x) : tf.sub(negInt(x), num(1, x));
    case 'ceil': return intLike ? x.clone() : tf.ceil(x);
    case 'conj': return x.clone();
    case 'cos': return tf.cos(x);
    case 'cosh': return tf.cosh(x);
    case 'exp': return tf.exp(x);
    case 'expm1': return expm1(x);
    case 'floor': return intLike ? x.clone() : tf.floor(x);
    case 'imag': return tf.zerosLike(x);
    case 'isfinite': return intLike ? tf.ones(x.shape, 'bool') : tf.isFinite(x);
    case 'isinf': return intLike ? tf.zeros(x.shape, 'bool') : tf.isInf(x);
    case 'isnan': return intLike ? tf.zeros(x.shape, 'bool') : tf.isNaN(x);
    case 'log': return tf.log(x);
    case 'log1p': return log1p(x);
    case 'log2': return tf.where(tf.equal(x, 1), tf.zerosLike(x), tf.mul(tf.log(x), Math.LOG2E));
    case 'log10': return tf.where(tf.equal(x, 1), tf.zerosLike(x), tf.mul(tf.log(x), Math.LOG10E));
    case 'logicalNot': return tf.logicalNot(truthy(x));
    case 'negative': return xd === 'int32' ? negInt(x) : tf.neg(x);
    case 'real': return x.clone();
    case 'reciprocal': return tf.div(1, x);
    case 'round': {
      if (intLike) return x.clone();
      const r = tf.round(x);
      return tf.where(tf.equal(r, 0), tf.mul(x, 0), r); // keep the sign of zero: round(-0.4) = -0
    }
    case 'sign': return isFloat(xd) ? tf.where(tf.isNaN(x), x, tf.sign(x)) : tf.sign(x);
    case 'signbit': return signbit(x);
    case 'sin': return tf.sin(x);
    case 'sinh': return tf.sinh(x);
    case 'square': return xd === 'int32' && !traits.exactIntMul ? mulInt(x, x) : tf.mul(x, x);
    case 'sqrt': return tf.sqrt(x);
    case 'tan': return tf.tan(x);
    case 'tanh': return tf.tanh(x);
    case 'trunc': return intLike ? x.clone() : tf.where(tf.less(x, 0), tf.ceil(x), tf.floor(x));
  }
  throw new Error(`unary: unknown op ${op as string} (${dtype})`);
}

function complexUnary(op: UnaryOp, x: T): T {
  const z = toC(x);
  switch (op) {
    case 'abs': return C.abs(z);
    case 'real': return z.re;
    case 'imag': return z.im;
    case 'conj': return fromC({ re: z.re, im: tf.neg(z.im) });
    case 'negative': return fromC(C.neg(z));
    case 'square': return fromC(C.mul(z, z));
    case 'exp': return fromC(C.exp(z));
    case 'expm1': { const e = C.exp(z); return fromC({ re: tf.sub(e.re, 1), im: e.im }); }
    case 'log': return fromC(C.log(z));
    case 'log1p': return fromC(C.log({ re: tf.add(z.re, 1), im: z.im }));
    case 'log2': { const l = C.log(z); return fromC({ re: tf.mul(l.re, Math.LOG2E), im: tf.mul(l.im, Math.LOG2E) }); }
    case 'log10': { const l = C.log(z); return fromC({ re: tf.mul(l.re, Math.LOG10E), im: tf.mul(l.im, Math.LOG10E) }); }
    case 'sqrt': return fromC(C.sqrt(z));
    case 'sin': return fromC(C.sin(z));
    case 'cos': return fromC(C.cos(z));
    case 'tan': return fromC(C.tan(z));
    case 'sinh': return fromC(C.sinh(z));
    case 'cosh': return fromC(C.cosh(z));
    case 'tanh': return fromC(C.tanh(z));
    case 'asin': return fromC(C.asin(z));
    case 'acos': return fromC(C.acos(z));
    case 'atan': return fromC(C.atan(z));
    case 'asinh': return fromC(C.asinh(z));
    case 'acosh': return fromC(C.acosh(z));
    case 'atanh': return fromC(C.atanh(z));
    case 'reciprocal': return fromC(C.div(C.scalar(z.re, 1), z));
    case 'sign': {
      const m = C.abs(z);
      const safe = tf.where(tf.equal(m, 0), tf.onesLike(m), m);
      return fromC({ re: tf.div(z.re, safe), im: tf.div(z.im, safe) });
    }
    case 'round': return fromC({ re: tf.round(z.re), im: tf.round(z.im) });
    case 'isnan': return tf.logicalOr(tf.isNaN(z.re), tf.isNaN(z.im));
    case 'isinf': return tf.logicalOr(tf.isInf(z.re), tf.isInf(z.im));
    case 'isfinite': return tf.logicalAnd(tf.isFinite(z.re), tf.isFinite(z.im));
    case 'logicalNot': return tf.logicalNot(tf.logicalOr(tf.notEqual(z.re, 0), tf.notEqual(z.im, 0)));
    default: throw new Error(`unary: ${op} is not defined for complex64`);
  }
}

export function binary(op: BinaryOp, a: T, b: T, dtype: DType, traits: Traits): T {
  const ad = a.dtype as DType;
  if (ad === 'complex64') return complexBinary(op, a, b);
  const float = isFloat(ad);
  switch (op) {
    case 'add': return tf.add(a, b);
    case 'subtract': return tf.sub(a, b);
    case 'multiply': return float ? tf.mul(a, b) : traits.exactIntMul ? tf.mul(a, b) : mulInt(a, b);
    case 'divide': return tf.div(a, b);
    case 'atan2': return tf.atan2(a, b);
    case 'bitwiseAnd': return ad === 'bool' ? tf.logicalAnd(a, b) : bitAnd(a, b, traits);
    case 'bitwiseOr': return ad === 'bool' ? tf.logicalOr(a, b) : tf.sub(tf.add(a, b), bitAnd(a, b, traits));
    case 'bitwiseXor': return ad === 'bool' ? tf.logicalXor(a, b) : tf.sub(tf.add(a, b), tf.mul(bitAnd(a, b, traits), num(2, a)));
    case 'bitwiseLeftShift': {
      const r = mulInt(a, pow2(b));
      return tf.where(tf.logicalOr(tf.greater(b, 31), tf.less(b, 0)), tf.zerosLike(a), r);
    }
    case 'bitwiseRightShift': {
      const big = tf.where(tf.less(a, 0), tf.fill(a.shape, -1, 'int32'), tf.zerosLike(a));
      const r = intFloorDiv(a, tf.where(tf.greaterEqual(b, 31), tf.onesLike(b), pow2(b)));
      return tf.where(tf.logicalOr(tf.greaterEqual(b, 31), tf.less(b, 0)), big, r);
    }
    case 'copysign': {
      const m = tf.abs(a);
      return tf.where(signbit(b), tf.neg(m), m);
    }
    case 'equal': return tf.equal(a, b);
    case 'notEqual': return tf.notEqual(a, b);
    case 'floorDivide': return float ? floatFloorDivide(a, b) : intFloorDiv(a, b);
    case 'remainder': return float ? floatRemainder(a, b) : intRemainder(a, b);
    case 'greater': return tf.greater(a, b);
    case 'greaterEqual': return tf.greaterEqual(a, b);
    case 'less': return tf.less(a, b);
    case 'lessEqual': return tf.lessEqual(a, b);
    case 'hypot': return C.hypot(a, b);
    case 'logaddexp': {
      const m = tf.maximum(a, b);
      const r = tf.add(m, log1p(tf.exp(tf.neg(tf.abs(tf.sub(a, b))))));
      return nanOf(a, b, tf.where(tf.equal(a, b), tf.add(a, Math.LN2), r));
    }
    case 'logicalAnd': return tf.logicalAnd(truthy(a), truthy(b));
    case 'logicalOr': return tf.logicalOr(truthy(a), truthy(b));
    case 'logicalXor': return tf.logicalXor(truthy(a), truthy(b));
    case 'maximum': return float ? nanOf(a, b, tf.maximum(a, b)) : tf.maximum(a, b);
    case 'minimum': return float ? nanOf(a, b, tf.minimum(a, b)) : tf.minimum(a, b);
    case 'nextafter': return hostNextafter(a, b, traits);
    case 'pow': {
      if (!float) return intPow(a, b, traits);
      // C pow: x**0 = 1 and 1**y = 1 even for NaN.
      const one = tf.logicalOr(tf.logicalOr(tf.equal(b, 0), tf.equal(a, 1)), tf.logicalAnd(tf.equal(a, -1), tf.isInf(b)));
      return tf.where(one, tf.onesLike(a), tf.pow(a, b));
    }
  }
  throw new Error(`binary: unknown op ${op as string} (${dtype})`);
}

function complexBinary(op: BinaryOp, a: T, b: T): T {
  const x = toC(a), y = toC(b);
  switch (op) {
    case 'add': return fromC(C.add(x, y));
    case 'subtract': return fromC(C.sub(x, y));
    case 'multiply': return fromC(C.mul(x, y));
    case 'divide': return fromC(C.div(x, y));
    case 'equal': return tf.logicalAnd(tf.equal(x.re, y.re), tf.equal(x.im, y.im));
    case 'notEqual': return tf.logicalOr(tf.notEqual(x.re, y.re), tf.notEqual(x.im, y.im));
    case 'logicalAnd': return tf.logicalAnd(truthy(a), truthy(b));
    case 'logicalOr': return tf.logicalOr(truthy(a), truthy(b));
    case 'logicalXor': return tf.logicalXor(truthy(a), truthy(b));
    case 'pow': {
      // exp(b log a); a == 0: 0 for Re(b) > 0, 1 for b == 0.
      const p = C.exp(C.mul(y, C.log(x)));
      const a0 = tf.logicalAnd(tf.equal(x.re, 0), tf.equal(x.im, 0));
      const b0 = tf.logicalAnd(tf.equal(y.re, 0), tf.equal(y.im, 0));
      const re = tf.where(b0, tf.onesLike(p.re), tf.where(a0, tf.zerosLike(p.re), p.re));
      const im = tf.where(tf.logicalOr(b0, a0), tf.zerosLike(p.im), p.im);
      return fromC({ re, im });
    }
    default: throw new Error(`binary: ${op} is not defined for complex64`);
  }
}
