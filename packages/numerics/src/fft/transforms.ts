/**
 * FFT kernels over whole arrays: complex (interleaved re, im) and real-input/-output transforms,
 * applied along one axis of a contiguous row-major array, with NumPy's `n` (crop or zero-pad the
 * input along the axis) and `norm` semantics. All arithmetic in float64.
 */
import { getPlan } from './plan.js';

export type FFTNorm = 'backward' | 'ortho' | 'forward';

/** Scale applied to a transform of length n: forward direction unless `inverse`. */
export function normScale(n: number, norm: FFTNorm, inverse: boolean): number {
  if (norm === 'ortho') return 1 / Math.sqrt(n);
  return (norm === 'backward') === inverse ? 1 / n : 1;
}

/** hfft / ihfft use the opposite direction's normalisation (NumPy's _swap_direction). */
function swapNorm(norm: FFTNorm): FFTNorm {
  return norm === 'backward' ? 'forward' : norm === 'forward' ? 'backward' : 'ortho';
}

/** Geometry of the lanes along `axis` of a row-major array: outer × len × inner. */
function lanes(shape: readonly number[], axis: number): { outer: number; len: number; inner: number } {
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i]!;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, len: shape[axis]!, inner };
}

/** Scratch split buffers, reused across calls. */
let bufR = new Float64Array(0), bufI = new Float64Array(0);
function scratch(n: number): [Float64Array, Float64Array] {
  if (bufR.length < n) { bufR = new Float64Array(n); bufI = new Float64Array(n); }
  return [bufR.subarray(0, n), bufI.subarray(0, n)];
}

/**
 * Complex FFT (or inverse) of every lane along `axis` of `x` (interleaved complex, row-major `shape`).
 * The lane is cropped / zero-padded to `n` (≥ 1); the output has shape[axis] = n, interleaved.
 */
export function fftAxis(x: Float64Array, shape: readonly number[], axis: number, n: number, inverse: boolean,
  norm: FFTNorm = 'backward'): Float64Array {
  const { outer, len, inner } = lanes(shape, axis);
  const out = new Float64Array(2 * outer * n * inner);
  if (outer * inner === 0) return out;
  const plan = getPlan(n);
  const [re, im] = scratch(n);
  const scale = normScale(n, norm, inverse);
  const take = Math.min(len, n);
  for (let o = 0; o < outer; o++) for (let c = 0; c < inner; c++) {
    const ib = 2 * (o * len * inner + c), ob = 2 * (o * n * inner + c), st = 2 * inner;
    for (let j = 0; j < take; j++) { re[j] = x[ib + j * st]!; im[j] = x[ib + j * st + 1]!; }
    re.fill(0, take); im.fill(0, take);
    plan.transform(re, im, inverse);
    for (let j = 0; j < n; j++) { out[ob + j * st] = re[j]! * scale; out[ob + j * st + 1] = im[j]! * scale; }
  }
  return out;
}

/** 1-D complex FFT of interleaved `x` (length 2·n): convenience over `fftAxis`. */
export function fft(x: Float64Array, inverse = false, norm: FFTNorm = 'backward'): Float64Array {
  const n = x.length / 2;
  return n === 0 ? new Float64Array(0) : fftAxis(x, [n], 0, n, inverse, norm);
}

/**
 * Real → half spectrum of one lane: `src` holds n reals (already cropped / padded), writes n/2+1
 * complex bins to (dr, di). Even n packs pairs into an n/2 complex FFT.
 */
function rfftLane(src: Float64Array, n: number, dr: Float64Array, di: Float64Array): void {
  const h = n >> 1;
  if (n % 2 === 1 || n < 4) {
    const [re, im] = scratch(n);
    re.set(src.subarray(0, n)); im.fill(0);
    getPlan(n).transform(re, im, false);
    for (let k = 0; k <= h; k++) { dr[k] = re[k]!; di[k] = im[k]!; }
    return;
  }
  const [zr, zi] = scratch(h);
  for (let j = 0; j < h; j++) { zr[j] = src[2 * j]!; zi[j] = src[2 * j + 1]!; }
  getPlan(h).transform(zr, zi, false);
  const tw = getTwiddles(n);
  for (let k = 0; k <= h; k++) {
    const k1 = k === h ? 0 : k, k2 = k === 0 ? 0 : h - k;
    const ar = zr[k1]!, ai = zi[k1]!, br = zr[k2]!, bi = -zi[k2]!; // Z_k, conj(Z_{h-k})
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    // O_k = (Z_k - conj Z_{h-k}) / (2i)
    const or = 0.5 * (ai - bi), oi = -0.5 * (ar - br);
    const wr = tw[2 * k]!, wi = tw[2 * k + 1]!; // exp(-2πik/n)
    dr[k] = er + or * wr - oi * wi; di[k] = ei + or * wi + oi * wr;
  }
}

/** Half spectrum (n/2+1 bins in (sr, si), already cropped / padded) → n reals, unscaled-by-norm (backward, 1/n). */
function irfftLane(sr: Float64Array, si: Float64Array, n: number, dst: Float64Array): void {
  const h = n >> 1;
  si[0] = 0;
  if (n % 2 === 0) si[h] = 0;
  if (n % 2 === 1 || n < 4) {
    const [re, im] = scratch(n);
    re[0] = sr[0]!; im[0] = 0;
    for (let k = 1; k <= h; k++) {
      re[k] = sr[k]!; im[k] = si[k]!;
      re[n - k] = sr[k]!; im[n - k] = -si[k]!;
    }
    getPlan(n).transform(re, im, true);
    for (let j = 0; j < n; j++) dst[j] = re[j]! / n;
    return;
  }
  const [zr, zi] = scratch(h);
  const tw = getTwiddles(n);
  for (let k = 0; k < h; k++) {
    const ar = sr[k]!, ai = si[k]!, br = sr[h - k]!, bi = -si[h - k]!; // X_k, conj(X_{h-k})
    const er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
    const dr0 = 0.5 * (ar - br), di0 = 0.5 * (ai - bi);
    // O_k = d / W^k = d · conj(W^k)
    const wr = tw[2 * k]!, wi = -tw[2 * k + 1]!;
    const or = dr0 * wr - di0 * wi, oi = dr0 * wi + di0 * wr;
    // Z_k = E_k + i·O_k
    zr[k] = er - oi; zi[k] = ei + or;
  }
  getPlan(h).transform(zr, zi, true);
  const inv = 1 / h;
  for (let j = 0; j < h; j++) { dst[2 * j] = zr[j]! * inv; dst[2 * j + 1] = zi[j]! * inv; }
}

const twCache = new Map<number, Float64Array>();
/** Interleaved exp(-2πik/n) for k ≤ n/2. */
function getTwiddles(n: number): Float64Array {
  let t = twCache.get(n);
  if (!t) {
    const h = n >> 1;
    t = new Float64Array(2 * (h + 1));
    for (let k = 0; k <= h; k++) { t[2 * k] = Math.cos((2 * Math.PI * k) / n); t[2 * k + 1] = -Math.sin((2 * Math.PI * k) / n); }
    if (twCache.size >= 64) twCache.delete(twCache.keys().next().value!);
    twCache.set(n, t);
  }
  return t;
}

/**
 * rfft along `axis` of the real array `x` (row-major `shape`): each lane cropped / zero-padded to n,
 * output interleaved complex with shape[axis] = ⌊n/2⌋+1. `conjugate` negates the imaginary parts (ihfft).
 */
export function rfftAxis(x: Float64Array, shape: readonly number[], axis: number, n: number,
  norm: FFTNorm = 'backward', conjugate = false): Float64Array {
  const { outer, len, inner } = lanes(shape, axis);
  const nb = (n >> 1) + 1;
  const out = new Float64Array(2 * outer * nb * inner);
  if (outer * inner === 0) return out;
  const src = new Float64Array(n), dr = new Float64Array(nb), di = new Float64Array(nb);
  const scale = normScale(n, norm, false), iscale = conjugate ? -scale : scale;
  const take = Math.min(len, n);
  for (let o = 0; o < outer; o++) for (let c = 0; c < inner; c++) {
    const ib = o * len * inner + c, ob = 2 * (o * nb * inner + c);
    for (let j = 0; j < take; j++) src[j] = x[ib + j * inner]!;
    src.fill(0, take);
    rfftLane(src, n, dr, di);
    for (let k = 0; k < nb; k++) { out[ob + 2 * k * inner] = dr[k]! * scale; out[ob + 2 * k * inner + 1] = di[k]! * iscale; }
  }
  return out;
}

/**
 * irfft along `axis` of the interleaved complex array `x`: each lane's first ⌊n/2⌋+1 bins are used
 * (zero-padded if shorter; imaginary parts of the DC and, for even n, Nyquist bins ignored, as NumPy);
 * output real with shape[axis] = n. `conjugate` conjugates the input first (hfft).
 */
export function irfftAxis(x: Float64Array, shape: readonly number[], axis: number, n: number,
  norm: FFTNorm = 'backward', conjugate = false): Float64Array {
  const { outer, len, inner } = lanes(shape, axis);
  const nb = (n >> 1) + 1;
  const out = new Float64Array(outer * n * inner);
  if (outer * inner === 0) return out;
  const sr = new Float64Array(nb), si = new Float64Array(nb), dst = new Float64Array(n);
  const scale = normScale(n, norm, true) * n; // irfftLane already divides by n
  const take = Math.min(len, nb), sg = conjugate ? -1 : 1;
  for (let o = 0; o < outer; o++) for (let c = 0; c < inner; c++) {
    const ib = 2 * (o * len * inner + c), ob = o * n * inner + c;
    for (let k = 0; k < take; k++) { sr[k] = x[ib + 2 * k * inner]!; si[k] = sg * x[ib + 2 * k * inner + 1]!; }
    sr.fill(0, take); si.fill(0, take);
    irfftLane(sr, si, n, dst);
    for (let j = 0; j < n; j++) out[ob + j * inner] = dst[j]! * scale;
  }
  return out;
}

/** hfft along `axis`: the FFT of a Hermitian-symmetric signal given by its first half; real output of length n. */
export function hfftAxis(x: Float64Array, shape: readonly number[], axis: number, n: number,
  norm: FFTNorm = 'backward'): Float64Array {
  return irfftAxis(x, shape, axis, n, swapNorm(norm), true);
}

/** ihfft along `axis`: inverse of hfft; real input, n/2+1 complex bins out. */
export function ihfftAxis(x: Float64Array, shape: readonly number[], axis: number, n: number,
  norm: FFTNorm = 'backward'): Float64Array {
  return rfftAxis(x, shape, axis, n, swapNorm(norm), true);
}
