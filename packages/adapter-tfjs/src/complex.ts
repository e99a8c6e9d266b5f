/**
 * complex64 arithmetic from float32 tfjs ops on (re, im) pairs: tfjs has complex storage and
 * add/sub/mul on some backends, but no complex division, exp, log, trig or comparisons.
 * Callers run these inside `tf.tidy`.
 */
import * as tf from '@tensorflow/tfjs-core';

type T = tf.Tensor;
export interface C { re: T; im: T }

/**
 * The real / imaginary part at z's shape. tfjs-backend-webgpu's Real and Imag return the part at
 * the shape it had when the complex tensor was built (its Reshape shares the data and leaves the
 * parts' shapes stale), so a reshaped complex tensor would yield wrongly shaped parts.
 */
export const real = (z: T): T => {
  const r = tf.real(z);
  if (sameShape(r.shape, z.shape)) return r;
  const s = tf.reshape(r, z.shape);
  r.dispose();
  return s;
};
export const imag = (z: T): T => {
  const r = tf.imag(z);
  if (sameShape(r.shape, z.shape)) return r;
  const s = tf.reshape(r, z.shape);
  r.dispose();
  return s;
};
const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
export const split = (z: T): C => ({ re: real(z), im: imag(z) });
export const join = (z: C): T => tf.complex(z.re, z.im);

export const add = (a: C, b: C): C => ({ re: tf.add(a.re, b.re), im: tf.add(a.im, b.im) });
export const sub = (a: C, b: C): C => ({ re: tf.sub(a.re, b.re), im: tf.sub(a.im, b.im) });
export const mul = (a: C, b: C): C => ({
  re: tf.sub(tf.mul(a.re, b.re), tf.mul(a.im, b.im)),
  im: tf.add(tf.mul(a.re, b.im), tf.mul(a.im, b.re)),
});
/** Smith's algorithm (as NumPy), so |b| near the float range does not overflow. */
export const div = (a: C, b: C): C => {
  const useRe = tf.greaterEqual(tf.abs(b.re), tf.abs(b.im));
  // Branch 1: |c| >= |d|: r = d/c, den = c + d r
  const r1 = tf.div(b.im, b.re);
  const d1 = tf.add(b.re, tf.mul(b.im, r1));
  const re1 = tf.div(tf.add(a.re, tf.mul(a.im, r1)), d1);
  const im1 = tf.div(tf.sub(a.im, tf.mul(a.re, r1)), d1);
  const r2 = tf.div(b.re, b.im);
  const d2 = tf.add(b.im, tf.mul(b.re, r2));
  const re2 = tf.div(tf.add(tf.mul(a.re, r2), a.im), d2);
  const im2 = tf.div(tf.sub(tf.mul(a.im, r2), a.re), d2);
  // Division by zero: NumPy gives (a.re/0, a.im/0).
  const zero = tf.logicalAnd(tf.equal(b.re, 0), tf.equal(b.im, 0));
  return {
    re: tf.where(zero, tf.div(a.re, tf.abs(b.re)), tf.where(useRe, re1, re2)),
    im: tf.where(zero, tf.div(a.im, tf.abs(b.re)), tf.where(useRe, im1, im2)),
  };
};
export const abs = (a: C): T => hypot(a.re, a.im);
export const hypot = (x: T, y: T): T => {
  const ax = tf.abs(x), ay = tf.abs(y);
  const m = tf.maximum(ax, ay), n = tf.minimum(ax, ay);
  const r = tf.div(n, tf.where(tf.equal(m, 0), tf.onesLike(m), m));
  const h = tf.mul(m, tf.sqrt(tf.add(1, tf.mul(r, r))));
  const inf = tf.logicalOr(tf.isInf(x), tf.isInf(y));
  const nan = tf.logicalOr(tf.isNaN(x), tf.isNaN(y));
  return tf.where(inf, tf.fill(h.shape, Infinity), tf.where(nan, tf.fill(h.shape, NaN), h));
};
export const exp = (a: C): C => {
  const e = tf.exp(a.re);
  // exp(x + 0j) must stay real (cos 0 = 1, sin 0 = 0) even when e is inf.
  const zeroIm = tf.equal(a.im, 0);
  return { re: tf.where(zeroIm, e, tf.mul(e, tf.cos(a.im))), im: tf.where(zeroIm, a.im, tf.mul(e, tf.sin(a.im))) };
};
export const log = (a: C): C => ({ re: tf.log(abs(a)), im: tf.atan2(a.im, a.re) });
export const sqrt = (a: C): C => {
  // sqrt(z) = sqrt((|z| + re)/2) + i sign(im) sqrt((|z| - re)/2)
  const m = abs(a);
  const re = tf.sqrt(tf.relu(tf.div(tf.add(m, a.re), 2)));
  const imMag = tf.sqrt(tf.relu(tf.div(tf.sub(m, a.re), 2)));
  const neg = tf.logicalOr(tf.less(a.im, 0), tf.logicalAnd(tf.equal(a.im, 0), tf.less(tf.div(1, a.im), 0)));
  return { re, im: tf.where(neg, tf.neg(imMag), imMag) };
};
export const neg = (a: C): C => ({ re: tf.neg(a.re), im: tf.neg(a.im) });
/** Multiplies by i. */
export const timesI = (a: C): C => ({ re: tf.neg(a.im), im: a.re });
/** Multiplies by -i. */
export const timesMinusI = (a: C): C => ({ re: a.im, im: tf.neg(a.re) });
export const scalar = (like: T, re: number, im = 0): C => ({ re: tf.fill(like.shape, re), im: tf.fill(like.shape, im) });

export const sin = (a: C): C => ({ re: tf.mul(tf.sin(a.re), tf.cosh(a.im)), im: tf.mul(tf.cos(a.re), tf.sinh(a.im)) });
export const cos = (a: C): C => ({ re: tf.mul(tf.cos(a.re), tf.cosh(a.im)), im: tf.neg(tf.mul(tf.sin(a.re), tf.sinh(a.im))) });
export const sinh = (a: C): C => ({ re: tf.mul(tf.sinh(a.re), tf.cos(a.im)), im: tf.mul(tf.cosh(a.re), tf.sin(a.im)) });
export const cosh = (a: C): C => ({ re: tf.mul(tf.cosh(a.re), tf.cos(a.im)), im: tf.mul(tf.sinh(a.re), tf.sin(a.im)) });
export const tanh = (a: C): C => {
  // tanh(x+iy) = (sinh 2x + i sin 2y) / (cosh 2x + cos 2y); large |x| → ±1.
  const x2 = tf.mul(a.re, 2), y2 = tf.mul(a.im, 2);
  const den = tf.add(tf.cosh(x2), tf.cos(y2));
  const big = tf.greater(tf.abs(a.re), 20);
  return {
    re: tf.where(big, tf.sign(a.re), tf.div(tf.sinh(x2), den)),
    im: tf.where(big, tf.mul(tf.zerosLike(a.im), a.im), tf.div(tf.sin(y2), den)),
  };
};
export const tan = (a: C): C => timesMinusI(tanh(timesI(a)));
export const asinh = (a: C): C => log(add(a, sqrt(add(mul(a, a), scalar(a.re, 1)))));
export const acosh = (a: C): C => log(add(a, mul(sqrt(add(a, scalar(a.re, 1))), sqrt(sub(a, scalar(a.re, 1))))));
export const atanh = (a: C): C => {
  const one = scalar(a.re, 1);
  const l = sub(log(add(one, a)), log(sub(one, a)));
  return { re: tf.mul(l.re, 0.5), im: tf.mul(l.im, 0.5) };
};
export const asin = (a: C): C => timesMinusI(asinh(timesI(a)));
export const acos = (a: C): C => {
  const s = asin(a);
  return { re: tf.sub(Math.PI / 2, s.re), im: tf.neg(s.im) };
};
export const atan = (a: C): C => timesMinusI(atanh(timesI(a)));
