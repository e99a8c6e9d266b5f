import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fft, fftAxis, FFTPlan, getPlan, hfftAxis, ihfftAxis, irfftAxis, rfftAxis, type FFTNorm } from './index.js';

interface C2C { n: number; norm: FFTNorm; fft: number[]; ifft: number[] }
interface Real { n: number; norm: FFTNorm; rfft: number[]; irfft: number[]; hfft: number[]; ihfft: number[] }
interface Axis {
  shape: number[]; axis: number; n: number; norm: FFTNorm; hshape: number[];
  fft: number[]; ifft: number[]; rfft: number[]; ihfft: number[]; irfft: number[]; hfft: number[];
}
const fx = JSON.parse(readFileSync(new URL('./__fixtures__/fft.json', import.meta.url), 'utf8')) as
  { c2c: C2C[]; real: Real[]; axis: Axis[] };

/** The fixture generator's input formula, interleaved complex. */
function input(n: number): Float64Array {
  const x = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    x[2 * j] = Math.sin(0.37 * j + 0.1) + 0.5 * Math.cos(1.91 * j);
    x[2 * j + 1] = Math.cos(0.73 * j) - 0.25 * Math.sin(2.3 * j + 1.0);
  }
  return x;
}
const realPart = (x: Float64Array) => x.filter((_, i) => i % 2 === 0);
/** Prefix of k complex values. */
const head = (x: Float64Array, k: number) => x.slice(0, 2 * k);

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0, m = 1e-300;
  for (let i = 0; i < a.length; i++) { d = Math.max(d, Math.abs(a[i]! - b[i]!)); m = Math.max(m, Math.abs(b[i]!)); }
  return b.length === 0 ? 0 : d / m;
}
const TOL = 1e-12;

describe('complex fft / ifft against NumPy', () => {
  for (const c of fx.c2c) it(`n=${c.n} norm=${c.norm}`, () => {
    const x = input(c.n);
    expect(relErr(fft(x, false, c.norm), c.fft)).toBeLessThan(TOL);
    expect(relErr(fft(x, true, c.norm), c.ifft)).toBeLessThan(TOL);
    // round trip
    expect(relErr(fft(fft(x, false, c.norm), true, c.norm), x)).toBeLessThan(TOL);
  });
});

describe('real transforms against NumPy', () => {
  for (const c of fx.real) it(`n=${c.n} norm=${c.norm}`, () => {
    const x = input(c.n), r = realPart(x), nb = (c.n >> 1) + 1;
    expect(relErr(rfftAxis(r, [c.n], 0, c.n, c.norm), c.rfft)).toBeLessThan(TOL);
    expect(relErr(irfftAxis(head(x, nb), [nb], 0, c.n, c.norm), c.irfft)).toBeLessThan(TOL);
    expect(relErr(hfftAxis(head(x, nb), [nb], 0, c.n, c.norm), c.hfft)).toBeLessThan(TOL);
    expect(relErr(ihfftAxis(r, [c.n], 0, c.n, c.norm), c.ihfft)).toBeLessThan(TOL);
    expect(relErr(irfftAxis(rfftAxis(r, [c.n], 0, c.n, c.norm), [nb], 0, c.n, c.norm), r)).toBeLessThan(TOL);
  });
});

describe('transforms along an axis, cropping and padding', () => {
  for (const c of fx.axis) it(`shape=${c.shape.join('×')} axis=${c.axis} n=${c.n} ${c.norm}`, () => {
    const size = c.shape.reduce((p, v) => p * v, 1);
    const x = input(size), r = realPart(x);
    expect(relErr(fftAxis(x, c.shape, c.axis, c.n, false, c.norm), c.fft)).toBeLessThan(TOL);
    expect(relErr(fftAxis(x, c.shape, c.axis, c.n, true, c.norm), c.ifft)).toBeLessThan(TOL);
    expect(relErr(rfftAxis(r, c.shape, c.axis, c.n, c.norm), c.rfft)).toBeLessThan(TOL);
    expect(relErr(ihfftAxis(r, c.shape, c.axis, c.n, c.norm), c.ihfft)).toBeLessThan(TOL);
    // The fixture's half-spectrum input is x cropped along the axis to hshape.
    const xh = cropAxis(x, c.shape, c.axis, c.hshape[c.axis]!);
    expect(relErr(irfftAxis(xh, c.hshape, c.axis, c.n, c.norm), c.irfft)).toBeLessThan(TOL);
    expect(relErr(hfftAxis(xh, c.hshape, c.axis, c.n, c.norm), c.hfft)).toBeLessThan(TOL);
  });
});

function cropAxis(x: Float64Array, shape: number[], axis: number, k: number): Float64Array {
  const outer = shape.slice(0, axis).reduce((p, v) => p * v, 1), inner = shape.slice(axis + 1).reduce((p, v) => p * v, 1);
  const len = shape[axis]!;
  const o = new Float64Array(2 * outer * k * inner);
  for (let a = 0; a < outer; a++) for (let j = 0; j < k; j++) for (let c = 0; c < inner; c++) {
    o[2 * ((a * k + j) * inner + c)] = x[2 * ((a * len + j) * inner + c)]!;
    o[2 * ((a * k + j) * inner + c) + 1] = x[2 * ((a * len + j) * inner + c) + 1]!;
  }
  return o;
}

/** fft and ifft of `input(n)` against a direct O(n²) DFT. */
function dftCheck(n: number): void {
  const x = input(n);
  for (const inverse of [false, true]) {
    const want = new Float64Array(2 * n), sg = inverse ? 1 : -1;
    for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) {
      const a = (sg * 2 * Math.PI * ((j * k) % n)) / n, c = Math.cos(a), s = Math.sin(a);
      want[2 * k]! += x[2 * j]! * c - x[2 * j + 1]! * s; want[2 * k + 1]! += x[2 * j]! * s + x[2 * j + 1]! * c;
    }
    const got = fft(x, inverse, inverse ? 'forward' : 'backward') // unscaled both ways;
    const err = relErr(got, want);
    if (!(err < 1e-12)) throw new Error(`n=${n} inverse=${inverse}: relative error ${err}`);
  }
}

describe('plans', () => {
  it('cover every length with an O(n log n) path (direct DFT check for many lengths)', () => {
    for (let n = 1; n <= 140; n++) dftCheck(n);
    for (const n of [2 * 67, 3 * 3 * 61, 4 * 127]) dftCheck(n);
  });
  it('are cached per length', () => {
    expect(getPlan(360)).toBe(getPlan(360));
    expect(() => new FFTPlan(0)).toThrow(RangeError);
  });
  it('matches a direct DFT on lengths with large prime factors (Bluestein)', () => {
    for (const n of [67, 131, 2 * 97, 1009]) {
      const x = input(n);
      const got = fft(x);
      const want = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * ((j * k) % n)) / n, c = Math.cos(a), s = Math.sin(a);
        want[2 * k]! += x[2 * j]! * c - x[2 * j + 1]! * s; want[2 * k + 1]! += x[2 * j]! * s + x[2 * j + 1]! * c;
      }
      expect(relErr(got, want)).toBeLessThan(1e-12);
    }
  });
});
