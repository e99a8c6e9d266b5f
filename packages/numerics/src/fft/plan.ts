/**
 * Complex FFT plans for any length n ≥ 1, O(n log n) for every n:
 * - mixed radix (4, 2, 3, 5, and any other prime up to MAX_DIRECT_PRIME, done as a direct O(p²)
 *   butterfly) in a self-sorting Stockham scheme — no bit reversal, contiguous inner loops;
 * - Bluestein's chirp-z algorithm over a power-of-two plan when n has a larger prime factor.
 * Plans (twiddle tables, scratch buffers) are cached per length.
 * Data: split real and imaginary Float64Arrays, transformed in place. The forward transform uses
 * exp(-2πi·jk/n); `inverse` uses exp(+2πi·jk/n); neither scales (callers apply the norm).
 */

const MAX_DIRECT_PRIME = 61;

export class FFTPlan {
  readonly n: number;
  private readonly factors: number[];
  private readonly cos: Float64Array; // cos(2πj/n), j < n
  private readonly sin: Float64Array; // sin(2πj/n)
  private readonly yr: Float64Array;
  private readonly yi: Float64Array;
  private readonly blue?: Bluestein;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFTPlan: length must be an integer >= 1, got ${n}`);
    this.n = n;
    const f = factorize(n);
    if (f.some((p) => p > MAX_DIRECT_PRIME)) {
      this.factors = [];
      this.cos = this.sin = this.yr = this.yi = new Float64Array(0);
      this.blue = new Bluestein(n);
      return;
    }
    this.factors = f;
    this.cos = new Float64Array(n);
    this.sin = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      // Exact symmetry for the table: compute the first octant-ish half and mirror.
      const ang = (2 * Math.PI * j) / n;
      this.cos[j] = Math.cos(ang);
      this.sin[j] = Math.sin(ang);
    }
    this.yr = new Float64Array(n);
    this.yi = new Float64Array(n);
  }

  /** In-place transform of (re, im), each of length n, starting at `off`. */
  transform(re: Float64Array, im: Float64Array, inverse = false): void {
    const n = this.n;
    if (n === 1) return;
    if (this.blue) { this.blue.transform(re, im, inverse); return; }
    // Forward uses the twiddle exp(-iθ): sign = -1 on sin. Inverse: +1.
    const sg = inverse ? 1 : -1;
    let xr = re, xi = im, yr = this.yr, yi = this.yi;
    let s = 1, len = n;
    for (const p of this.factors) {
      const m = len / p;
      if (p === 4) radix4(xr, xi, yr, yi, m, s, this.cos, this.sin, sg);
      else if (p === 2) radix2(xr, xi, yr, yi, m, s, this.cos, this.sin, sg);
      else if (p === 3) radix3(xr, xi, yr, yi, m, s, this.cos, this.sin, sg);
      else radixP(xr, xi, yr, yi, p, m, s, this.cos, this.sin, sg, n);
      const tr = xr, ti = xi; xr = yr; xi = yi; yr = tr; yi = ti;
      s *= p; len = m;
    }
    if (xr !== re) { re.set(xr); im.set(xi); }
  }
}

/** Radices in the order used: 4s first, then a 2, then odd primes ascending. */
function factorize(n: number): number[] {
  const f: number[] = [];
  while (n % 4 === 0) { f.push(4); n /= 4; }
  if (n % 2 === 0) { f.push(2); n /= 2; }
  for (let p = 3; p * p <= n; p += 2) while (n % p === 0) { f.push(p); n /= p; }
  if (n > 1) f.push(n);
  return f;
}

// Stage convention (Stockham, decimation in frequency), stage length len = p·m, stride s, N = len·s:
//   a_r = x[q + s(k + r m)],  y[q + s(p k + u)] = W_N^{k u s} · Σ_r a_r ω_p^{r u}.

function radix2(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number,
  cs: Float64Array, sn: Float64Array, sg: number): void {
  const sm = s * m;
  for (let k = 0; k < m; k++) {
    const wr = cs[k * s]!, wi = sg * sn[k * s]!;
    const i0 = s * k, o0 = s * 2 * k;
    for (let q = 0; q < s; q++) {
      const a = i0 + q, b = a + sm;
      const ar = xr[a]!, ai = xi[a]!, br = xr[b]!, bi = xi[b]!;
      const o = o0 + q;
      yr[o] = ar + br; yi[o] = ai + bi;
      const dr = ar - br, di = ai - bi;
      yr[o + s] = dr * wr - di * wi; yi[o + s] = dr * wi + di * wr;
    }
  }
}

function radix4(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number,
  cs: Float64Array, sn: Float64Array, sg: number): void {
  const sm = s * m;
  for (let k = 0; k < m; k++) {
    const t1 = k * s, t2 = 2 * t1, t3 = 3 * t1;
    const w1r = cs[t1]!, w1i = sg * sn[t1]!, w2r = cs[t2]!, w2i = sg * sn[t2]!, w3r = cs[t3]!, w3i = sg * sn[t3]!;
    const i0 = s * k, o0 = 4 * s * k;
    for (let q = 0; q < s; q++) {
      const a0 = i0 + q, a1 = a0 + sm, a2 = a1 + sm, a3 = a2 + sm;
      const x0r = xr[a0]!, x0i = xi[a0]!, x1r = xr[a1]!, x1i = xi[a1]!;
      const x2r = xr[a2]!, x2i = xi[a2]!, x3r = xr[a3]!, x3i = xi[a3]!;
      const s0r = x0r + x2r, s0i = x0i + x2i, d0r = x0r - x2r, d0i = x0i - x2i;
      const s1r = x1r + x3r, s1i = x1i + x3i;
      // (x1 - x3)·(sg·i): forward multiplies by -i, inverse by +i.
      const d1r = -sg * (x1i - x3i), d1i = sg * (x1r - x3r);
      const o = o0 + q;
      yr[o] = s0r + s1r; yi[o] = s0i + s1i;
      let r = d0r + d1r, i = d0i + d1i;
      yr[o + s] = r * w1r - i * w1i; yi[o + s] = r * w1i + i * w1r;
      r = s0r - s1r; i = s0i - s1i;
      yr[o + 2 * s] = r * w2r - i * w2i; yi[o + 2 * s] = r * w2i + i * w2r;
      r = d0r - d1r; i = d0i - d1i;
      yr[o + 3 * s] = r * w3r - i * w3i; yi[o + 3 * s] = r * w3i + i * w3r;
    }
  }
}

const SIN60 = Math.sqrt(3) / 2;

function radix3(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, m: number, s: number,
  cs: Float64Array, sn: Float64Array, sg: number): void {
  const sm = s * m;
  const c = sg * SIN60;
  for (let k = 0; k < m; k++) {
    const t1 = k * s, t2 = 2 * t1;
    const w1r = cs[t1]!, w1i = sg * sn[t1]!, w2r = cs[t2]!, w2i = sg * sn[t2]!;
    const i0 = s * k, o0 = 3 * s * k;
    for (let q = 0; q < s; q++) {
      const a0 = i0 + q, a1 = a0 + sm, a2 = a1 + sm;
      const x0r = xr[a0]!, x0i = xi[a0]!;
      const pr = xr[a1]! + xr[a2]!, pi = xi[a1]! + xi[a2]!;
      const mr = xr[a1]! - xr[a2]!, mi = xi[a1]! - xi[a2]!;
      const o = o0 + q;
      yr[o] = x0r + pr; yi[o] = x0i + pi;
      const hr = x0r - 0.5 * pr, hi = x0i - 0.5 * pi;
      // ω = -1/2 + sg·i·√3/2: X1 = h + i·c·m, X2 = h - i·c·m
      let r = hr - c * mi, i = hi + c * mr;
      yr[o + s] = r * w1r - i * w1i; yi[o + s] = r * w1i + i * w1r;
      r = hr + c * mi; i = hi - c * mr;
      yr[o + 2 * s] = r * w2r - i * w2i; yi[o + 2 * s] = r * w2i + i * w2r;
    }
  }
}

function radixP(xr: Float64Array, xi: Float64Array, yr: Float64Array, yi: Float64Array, p: number, m: number,
  s: number, cs: Float64Array, sn: Float64Array, sg: number, n: number): void {
  const sm = s * m;
  const np = n / p; // ω_p^j = W_N^{j·N/p}
  const ar = new Float64Array(p), ai = new Float64Array(p);
  for (let k = 0; k < m; k++) {
    const i0 = s * k, o0 = p * s * k;
    for (let q = 0; q < s; q++) {
      for (let r = 0; r < p; r++) { ar[r] = xr[i0 + q + r * sm]!; ai[r] = xi[i0 + q + r * sm]!; }
      for (let u = 0; u < p; u++) {
        let sr = 0, si = 0, idx = 0;
        for (let r = 0; r < p; r++) {
          const wr = cs[idx * np]!, wi = sg * sn[idx * np]!;
          sr += ar[r]! * wr - ai[r]! * wi; si += ar[r]! * wi + ai[r]! * wr;
          idx += u; if (idx >= p) idx -= p;
        }
        const t = k * u * s;
        const wr = cs[t]!, wi = sg * sn[t]!;
        yr[o0 + q + u * s] = sr * wr - si * wi; yi[o0 + q + u * s] = sr * wi + si * wr;
      }
    }
  }
}

/** Bluestein: a length-n DFT as a circular convolution of length M = 2^k ≥ 2n-1. */
class Bluestein {
  private readonly n: number;
  private readonly m: number;
  private readonly plan: FFTPlan;
  private readonly cr: Float64Array; // chirp exp(-iπ j²/n), j < n
  private readonly ci: Float64Array;
  private readonly br: Float64Array; // FFT_M of conj chirp (wrapped), forward direction
  private readonly bi: Float64Array;
  private readonly ar: Float64Array;
  private readonly ai: Float64Array;

  constructor(n: number) {
    this.n = n;
    let m = 1;
    while (m < 2 * n - 1) m *= 2;
    this.m = m;
    this.plan = getPlan(m);
    this.cr = new Float64Array(n); this.ci = new Float64Array(n);
    // j² mod 2n kept exact by incremental update, so the angle stays accurate for large j.
    let sq = 0;
    for (let j = 0; j < n; j++) {
      const ang = (Math.PI * sq) / n;
      this.cr[j] = Math.cos(ang); this.ci[j] = -Math.sin(ang);
      sq += 2 * j + 1; sq %= 2 * n;
    }
    this.br = new Float64Array(m); this.bi = new Float64Array(m);
    this.br[0] = this.cr[0]!; this.bi[0] = -this.ci[0]!;
    for (let j = 1; j < n; j++) {
      this.br[j] = this.br[m - j] = this.cr[j]!;
      this.bi[j] = this.bi[m - j] = -this.ci[j]!;
    }
    this.plan.transform(this.br, this.bi, false);
    this.ar = new Float64Array(m); this.ai = new Float64Array(m);
  }

  transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { n, m, cr, ci, br, bi, ar, ai } = this;
    // Inverse through conjugation: ifft(x) = conj(fft(conj(x))).
    const sg = inverse ? -1 : 1;
    for (let j = 0; j < n; j++) {
      const xr = re[j]!, xi = sg * im[j]!;
      ar[j] = xr * cr[j]! - xi * ci[j]!; ai[j] = xr * ci[j]! + xi * cr[j]!;
    }
    ar.fill(0, n); ai.fill(0, n);
    this.plan.transform(ar, ai, false);
    for (let k = 0; k < m; k++) {
      const xr = ar[k]!, xi = ai[k]!;
      ar[k] = xr * br[k]! - xi * bi[k]!; ai[k] = xr * bi[k]! + xi * br[k]!;
    }
    this.plan.transform(ar, ai, true);
    const inv = 1 / m;
    for (let k = 0; k < n; k++) {
      const xr = ar[k]! * inv, xi = ai[k]! * inv;
      re[k] = xr * cr[k]! - xi * ci[k]!;
      im[k] = sg * (xr * ci[k]! + xi * cr[k]!);
    }
  }
}

const cache = new Map<number, FFTPlan>();
const CACHE_LIMIT = 64;

/** The cached plan for length n (least recently built evicted beyond 64 lengths). */
export function getPlan(n: number): FFTPlan {
  let p = cache.get(n);
  if (!p) {
    p = new FFTPlan(n);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(n, p);
  }
  return p;
}
