/**
 * CUDA C sources of the non-elementwise kernels: reductions (block tree + two passes for long
 * rows, thread per row for short ones, thread per column for middle axes), arg-reductions, scans,
 * bitonic sort/argsort (stable: ties break by index; NaN last), searchsorted, gathers/scatters
 * and an integer matmul. Each takes contiguous operands; the adapter permutes and materialises.
 */
import type { ArgReduceOp, DType, ReduceOp, ScanOp } from '@arr/core';
import { CTYPES, isCpx, isFlt, isInt, load, store } from './ctypes.js';
import { ORDER, ORDER_COMPLEX } from './preamble.js';
import { preambleFor } from './codegen.js';

export const BLOCK = 256;

interface Acc {
  /** Accumulator C type. */
  readonly t: string;
  readonly init: string;
  /** Combines accumulators a and b. */
  combine(a: string, b: string): string;
  /** Accumulator from an input value. */
  from(v: string): string;
  /** Output value from an accumulator. */
  fin(a: string): string;
}

/** The accumulator of a reduction/scan over values of dtype d. */
export function accumulator(op: ReduceOp | ScanOp, d: DType): Acc {
  const V = CTYPES[d].value;
  if (op === 'all' || op === 'any' || (d === 'bool' && op !== 'sum' && op !== 'prod')) {
    const and = op === 'all' || op === 'min';
    const nz = (v: string) => (isCpx(d) ? `c_nonzero(${v})` : `(${v} != 0)`);
    return { t: 'bool', init: and ? 'true' : 'false', combine: (a, b) => `(${a} ${and ? '&&' : '||'} ${b})`, from: nz, fin: (a) => a };
  }
  if (d === 'bool') {
    // sum/prod of bool as logical (core sums bool through an integer dtype)
    const and = op === 'prod';
    return { t: 'bool', init: and ? 'true' : 'false', combine: (a, b) => `(${a} ${and ? '&&' : '||'} ${b})`, from: (v) => v, fin: (a) => a };
  }
  if (isCpx(d)) {
    const fin = (a: string) => (d === 'complex64' ? `rc(${a})` : a);
    switch (op) {
      case 'sum': return { t: 'cd', init: 'mk(0.0, 0.0)', combine: (a, b) => `c_add(${a}, ${b})`, from: (v) => v, fin };
      case 'prod': return { t: 'cd', init: 'mk(1.0, 0.0)', combine: (a, b) => `c_mul(${a}, ${b})`, from: (v) => v, fin };
      case 'max': return { t: 'cd', init: 'mk(-INFINITY, -INFINITY)', combine: (a, b) => `((c_isnan(${a}) || (!c_isnan(${b}) && ord_cmp(${a}, ${b}) > 0)) ? ${a} : ${b})`, from: (v) => v, fin };
      case 'min': return { t: 'cd', init: 'mk(INFINITY, INFINITY)', combine: (a, b) => `((c_isnan(${a}) || (!c_isnan(${b}) && ord_cmp(${a}, ${b}) < 0)) ? ${a} : ${b})`, from: (v) => v, fin };
    }
  }
  if (isInt(d)) {
    const lim = intLimits(d);
    switch (op) {
      case 'sum': return { t: 'u64', init: '0ULL', combine: (a, b) => `(${a} + ${b})`, from: (v) => `(u64)(${v})`, fin: (a) => `(${V})(${a})` };
      case 'prod': return { t: 'u64', init: '1ULL', combine: (a, b) => `(${a} * ${b})`, from: (v) => `(u64)(${v})`, fin: (a) => `(${V})(${a})` };
      case 'max': return { t: V, init: lim.min, combine: (a, b) => `i_max<${V}>(${a}, ${b})`, from: (v) => v, fin: (a) => a };
      case 'min': return { t: V, init: lim.max, combine: (a, b) => `i_min<${V}>(${a}, ${b})`, from: (v) => v, fin: (a) => a };
    }
  }
  // real floats (float16 accumulates in float, rounds at the end)
  const fin = (a: string) => (d === 'float16' ? `rh(${a})` : a);
  switch (op) {
    case 'sum': return { t: V, init: `(${V})0`, combine: (a, b) => `(${a} + ${b})`, from: (v) => v, fin };
    case 'prod': return { t: V, init: `(${V})1`, combine: (a, b) => `(${a} * ${b})`, from: (v) => v, fin };
    case 'max': return { t: V, init: `-(${V})INFINITY`, combine: (a, b) => `np_max<${V}>(${a}, ${b})`, from: (v) => v, fin };
    case 'min': return { t: V, init: `(${V})INFINITY`, combine: (a, b) => `np_min<${V}>(${a}, ${b})`, from: (v) => v, fin };
  }
  throw new Error(`cuda: no accumulator for ${op} on ${d}`);
}

function intLimits(d: DType): { min: string; max: string } {
  switch (d) {
    case 'int8': return { min: '(i8)-128', max: '(i8)127' };
    case 'int16': return { min: '(i16)-32768', max: '(i16)32767' };
    case 'int32': return { min: '(i32)(-2147483647 - 1)', max: '(i32)2147483647' };
    case 'int64': return { min: '(i64)(-9223372036854775807LL - 1)', max: '(i64)9223372036854775807LL' };
    case 'uint8': return { min: '(u8)0', max: '(u8)255' };
    case 'uint16': return { min: '(u16)0', max: '(u16)65535' };
    case 'uint32': return { min: '0u', max: '4294967295u' };
    default: return { min: '0ULL', max: '18446744073709551615ULL' };
  }
}

const pre = (...ds: DType[]) => preambleFor(ds) + (ds.some(isCpx) ? ORDER_COMPLEX : '') + ORDER;

/** 16-byte vector types for the 4-byte dtypes whose rows reductions read as vectors. */
export const VEC4: Partial<Record<DType, string>> = { float32: 'float4', int32: 'int4', uint32: 'uint4' };

/**
 * Reduction of contiguous rows `in[rows][n]`. `stage`: 'first' reads the input dtype and writes
 * the output dtype (`partial` false) or accumulators (`partial` true); 'next' reads accumulators.
 * Block b reduces row `b / chunks`, elements [c*chunk, min(n, (c+1)*chunk)).
 * `vec4` (first stage, a VEC4 dtype, n and chunk multiples of 4, 16-byte aligned input) reads
 * 16 bytes per load.
 */
export function reduceRowsSource(op: ReduceOp, d: DType, out: DType, fromAcc: boolean, partial: boolean, vec4 = false): string {
  const a = accumulator(op, d);
  const inT = fromAcc ? a.t : CTYPES[d].storage;
  const outT = partial ? a.t : CTYPES[out].storage;
  return `${pre(d, out)}
extern "C" __global__ void arr_reduce(const ${inT}* __restrict__ in, ${outT}* __restrict__ out, long long n, long long chunks, long long chunk) {
  __shared__ ${a.t} sh[${BLOCK}];
${chunkSum(op, d, fromAcc, vec4)}
  if (threadIdx.x == 0) { acc = sh[0]; out[blockIdx.x] = ${partial ? 'acc' : store(out, a.fin('acc'))}; }
}
`;
}

/**
 * One-launch reduction of rows `in[rows][n]`, `chunks` blocks per row: each block writes its
 * partial to `partials`, then the last block of a row to finish (counted on `tickets[row]`, which
 * it resets to 0 for the next launch) combines them. Saves the second launch and its scratch
 * allocation of the two-pass form, which a caller that syncs after every call pays for.
 */
export function reduceOnePassSource(op: ReduceOp, d: DType, out: DType, vec4 = false): string {
  const a = accumulator(op, d);
  return `${pre(d, out)}
extern "C" __global__ void arr_reduce1(const ${CTYPES[d].storage}* __restrict__ in, ${CTYPES[out].storage}* __restrict__ out, ${a.t}* partials, unsigned* tickets, long long n, long long chunks, long long chunk) {
  __shared__ ${a.t} sh[${BLOCK}];
  __shared__ bool last;
${chunkSum(op, d, false, vec4)}
  if (threadIdx.x == 0) {
    partials[blockIdx.x] = sh[0];
    __threadfence();
    last = atomicAdd(&tickets[row], 1u) == (unsigned)(chunks - 1);
  }
  __syncthreads();
  if (!last) return;
  __threadfence();
  acc = ${a.init};
  for (long long i = threadIdx.x; i < chunks; i += ${BLOCK}) acc = ${a.combine('acc', 'partials[row * chunks + i]')};
  __syncthreads();
${treeReduce(a)}
  if (threadIdx.x == 0) { tickets[row] = 0u; acc = sh[0]; out[row] = ${store(out, a.fin('acc'))}; }
}
`;
}

/** Shared-memory tree over `acc` of the block's threads; the block's result ends in sh[0]. */
function treeReduce(a: Acc): string {
  return `  sh[threadIdx.x] = acc;
  __syncthreads();
  for (int s = ${BLOCK / 2}; s > 0; s >>= 1) {
    if (threadIdx.x < s) sh[threadIdx.x] = ${a.combine('sh[threadIdx.x]', 'sh[threadIdx.x + s]')};
    __syncthreads();
  }`;
}

/**
 * Body shared by the row reductions: block b sums row `b / chunks`, elements
 * [c*chunk, min(n, (c+1)*chunk)), into sh[0]; declares `row` and `acc`.
 */
function chunkSum(op: ReduceOp, d: DType, fromAcc: boolean, vec4: boolean): string {
  const a = accumulator(op, d);
  const read = (j: string) => (fromAcc ? `in[${j}]` : a.from(load(d, `in[${j}]`)));
  const V = VEC4[d];
  if (vec4 && (fromAcc || !V)) throw new Error(`cuda: no vector reduction for ${d}`);
  // Four independent accumulators keep several loads in flight per thread (a single dependency
  // chain would leave the loop latency-bound instead of bandwidth-bound).
  const lanes4 = (q: string) => ['acc', 'a1', 'a2', 'a3'].map((x, i) => `${x} = ${a.combine(x, a.from(`${q}.${'xyzw'[i]}`))};`).join(' ');
  const loop = vec4
    ? `const ${V}* __restrict__ v = reinterpret_cast<const ${V}*>(in + lo);
  const long long m = (hi - lo) >> 2;
  long long j = threadIdx.x;
  for (; j + ${BLOCK} < m; j += ${2 * BLOCK}) {
    const ${V} p = v[j], q = v[j + ${BLOCK}];
    ${lanes4('p')}
    ${lanes4('q')}
  }
  for (; j < m; j += ${BLOCK}) { const ${V} p = v[j]; ${lanes4('p')} }`
    : `long long j = lo + threadIdx.x;
  for (; j + ${3 * BLOCK} < hi; j += ${4 * BLOCK}) {
    acc = ${a.combine('acc', read('j'))};
    a1 = ${a.combine('a1', read(`j + ${BLOCK}`))};
    a2 = ${a.combine('a2', read(`j + ${2 * BLOCK}`))};
    a3 = ${a.combine('a3', read(`j + ${3 * BLOCK}`))};
  }
  for (; j < hi; j += ${BLOCK}) acc = ${a.combine('acc', read('j'))};`;
  return `  const long long row = blockIdx.x / chunks, c = blockIdx.x % chunks;
  const long long lo = row * n + c * chunk;
  const long long hi = row * n + min(n, (c + 1) * chunk);
  ${a.t} acc = ${a.init}, a1 = ${a.init}, a2 = ${a.init}, a3 = ${a.init};
  ${loop}
  acc = ${a.combine(a.combine('acc', 'a1'), a.combine('a2', 'a3'))};
${treeReduce(a)}`;
}

/** Short rows: one thread per row. Or middle axes: `in[outer][n][inner]`, one thread per (outer, inner). */
export function reduceStridedSource(op: ReduceOp, d: DType, out: DType): string {
  const a = accumulator(op, d);
  return `${pre(d, out)}
extern "C" __global__ void arr_reduce_cols(const ${CTYPES[d].storage}* __restrict__ in, ${CTYPES[out].storage}* __restrict__ out, long long outer, long long n, long long inner) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < outer * inner; t += (long long)gridDim.x * blockDim.x) {
    const long long o = t / inner, i = t % inner;
    const ${CTYPES[d].storage}* p = in + o * n * inner + i;
    ${a.t} acc = ${a.init};
    for (long long j = 0; j < n; j++) acc = ${a.combine('acc', a.from(load(d, 'p[j * inner]')))};
    out[t] = ${store(out, a.fin('acc'))};
  }
}
`;
}

/** argmax/argmin of contiguous rows: one block per row; the first extreme wins, NaN is the extreme. */
export function argReduceSource(op: ArgReduceOp, d: DType): string {
  const V = CTYPES[d].value;
  const nan = (v: string) => (isCpx(d) ? `c_isnan(${v})` : isFlt(d) ? `(${v} != ${v})` : 'false');
  const better = op === 'argmax' ? '>' : '<';
  const gt = (a: string, b: string) => (isCpx(d) ? `(ord_cmp(${a}, ${b}) ${better} 0)` : `(${a} ${better} ${b})`);
  return `${pre(d)}
DEV bool arr_better(${V} a, long long ia, ${V} b, long long ib) {
  if (ib < 0) return ia >= 0;
  if (ia < 0) return false;
  bool na = ${nan('a')}, nb = ${nan('b')};
  if (na || nb) return na && (!nb || ia < ib);
  if (${gt('a', 'b')}) return true;
  if (${gt('b', 'a')}) return false;
  return ia < ib;
}
extern "C" __global__ void arr_argreduce(const ${CTYPES[d].storage}* __restrict__ in, i32* __restrict__ out, long long rows, long long n) {
  __shared__ ${V} sv[${BLOCK}];
  __shared__ long long si[${BLOCK}];
  for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
    ${V} bv = ${load(d, 'in[row * n]')}; long long bi = -1;
    for (long long j = threadIdx.x; j < n; j += ${BLOCK}) {
      ${V} v = ${load(d, 'in[row * n + j]')};
      if (arr_better(v, j, bv, bi)) { bv = v; bi = j; }
    }
    sv[threadIdx.x] = bv; si[threadIdx.x] = bi;
    __syncthreads();
    for (int s = ${BLOCK / 2}; s > 0; s >>= 1) {
      if (threadIdx.x < s && arr_better(sv[threadIdx.x + s], si[threadIdx.x + s], sv[threadIdx.x], si[threadIdx.x])) {
        sv[threadIdx.x] = sv[threadIdx.x + s]; si[threadIdx.x] = si[threadIdx.x + s];
      }
      __syncthreads();
    }
    if (threadIdx.x == 0) out[row] = (i32)si[0];
    __syncthreads();
  }
}
`;
}

/** Inclusive scan of contiguous rows: one block per row, tiles of BLOCK with a carried prefix. */
export function scanSource(op: ScanOp, d: DType): string {
  const a = accumulator(op, d);
  // Scans round to the dtype at every output (float16 partial sums as NumPy's float16 loop).
  const step = (x: string) => (d === 'float16' ? `rh(${x})` : d === 'complex64' ? `rc(${x})` : x);
  return `${pre(d)}
extern "C" __global__ void arr_scan(const ${CTYPES[d].storage}* __restrict__ in, ${CTYPES[d].storage}* __restrict__ out, long long rows, long long n) {
  __shared__ ${a.t} sh[${BLOCK}];
  for (long long row = blockIdx.x; row < rows; row += gridDim.x) {
    ${a.t} carry = ${a.init};
    for (long long base = 0; base < n; base += ${BLOCK}) {
      const long long j = base + threadIdx.x;
      ${a.t} v = j < n ? ${a.from(load(d, 'in[row * n + j]'))} : ${a.init};
      sh[threadIdx.x] = v;
      __syncthreads();
      for (int s = 1; s < ${BLOCK}; s <<= 1) {
        ${a.t} t = threadIdx.x >= s ? ${a.combine('sh[threadIdx.x - s]', 'sh[threadIdx.x]')} : sh[threadIdx.x];
        __syncthreads();
        sh[threadIdx.x] = t;
        __syncthreads();
      }
      ${a.t} r = ${step(a.combine('carry', 'sh[threadIdx.x]'))};
      if (j < n) out[row * n + j] = ${store(d, a.fin('r'))};
      __syncthreads();
      carry = ${step(a.combine('carry', `sh[${BLOCK - 1}]`))};
      __syncthreads();
    }
  }
}
`;
}

/**
 * Bitonic sort of rows padded to a power of two `p` (keys + int32 indices). `arr_sort_init`
 * copies keys and indices in; `arr_sort_step` is one (k, j) pass over all rows; `arr_sort_small`
 * sorts rows with p ≤ 2048 in shared memory; `arr_sort_out` writes sorted keys or indices.
 * Order: NumPy's (NaN last), reversed for descending; ties by original index (stable); padding last.
 */
export function sortSource(d: DType, descending: boolean): string {
  const S = CTYPES[d].storage;
  return `${pre(d)}
DEV bool arr_lt(${S} ka, int ia, ${S} kb, int ib, int n) {
  if (ia >= n) return false;
  if (ib >= n) return true;
  int c = ord_cmp(${load(d, 'ka')}, ${load(d, 'kb')});
  ${descending ? 'c = -c;' : ''}
  if (c != 0) return c < 0;
  return ia < ib;
}
extern "C" __global__ void arr_sort_init(const ${S}* __restrict__ in, ${S}* __restrict__ keys, int* __restrict__ idx, long long rows, long long n, long long p) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < rows * p; t += (long long)gridDim.x * blockDim.x) {
    const long long r = t / p, i = t % p;
    if (i < n) keys[t] = in[r * n + i];
    idx[t] = (int)i;
  }
}
extern "C" __global__ void arr_sort_step(${S}* __restrict__ keys, int* __restrict__ idx, long long rows, long long n, long long p, long long k, long long j) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < rows * p; t += (long long)gridDim.x * blockDim.x) {
    const long long i = t % p, l = i ^ j;
    if (l <= i) continue;
    const long long a = t, b = t - i + l;
    const bool up = (i & k) == 0;
    ${S} ka = keys[a], kb = keys[b]; int ia = idx[a], ib = idx[b];
    const bool swap = up ? arr_lt(kb, ib, ka, ia, (int)n) : arr_lt(ka, ia, kb, ib, (int)n);
    if (swap) { keys[a] = kb; keys[b] = ka; idx[a] = ib; idx[b] = ia; }
  }
}
extern "C" __global__ void arr_sort_small(${S}* __restrict__ keys, int* __restrict__ idx, long long rows, long long n, long long p) {
  extern __shared__ unsigned char smem[];
  // indices first (4-byte), keys after at a 16-byte boundary: aligned for every key size
  int* si = (int*)smem;
  ${S}* sk = (${S}*)(smem + ((p * 4 + 15) / 16) * 16);
  for (long long r = blockIdx.x; r < rows; r += gridDim.x) {
    for (long long i = threadIdx.x; i < p; i += blockDim.x) { sk[i] = keys[r * p + i]; si[i] = idx[r * p + i]; }
    __syncthreads();
    for (long long k = 2; k <= p; k <<= 1) {
      for (long long j = k >> 1; j > 0; j >>= 1) {
        for (long long i = threadIdx.x; i < p; i += blockDim.x) {
          const long long l = i ^ j;
          if (l > i) {
            const bool up = (i & k) == 0;
            ${S} ka = sk[i], kb = sk[l]; int ia = si[i], ib = si[l];
            const bool swap = up ? arr_lt(kb, ib, ka, ia, (int)n) : arr_lt(ka, ia, kb, ib, (int)n);
            if (swap) { sk[i] = kb; sk[l] = ka; si[i] = ib; si[l] = ia; }
          }
        }
        __syncthreads();
      }
    }
    for (long long i = threadIdx.x; i < p; i += blockDim.x) { keys[r * p + i] = sk[i]; idx[r * p + i] = si[i]; }
    __syncthreads();
  }
}
extern "C" __global__ void arr_sort_out(const ${S}* __restrict__ keys, const int* __restrict__ idx, ${S}* __restrict__ outKeys, i32* __restrict__ outIdx, long long rows, long long n, long long p) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < rows * n; t += (long long)gridDim.x * blockDim.x) {
    const long long r = t / n, i = t % n;
    if (outKeys) outKeys[t] = keys[r * p + i];
    if (outIdx) outIdx[t] = idx[r * p + i];
  }
}
`;
}

/** Insertion points of `v` in the sorted 1-D `a` (NaN-last order). */
export function searchsortedSource(d: DType, side: 'left' | 'right'): string {
  const S = CTYPES[d].storage;
  return `${pre(d)}
extern "C" __global__ void arr_searchsorted(const ${S}* __restrict__ a, const ${S}* __restrict__ v, i32* __restrict__ out, long long n, long long m) {
  for (long long q = (long long)blockIdx.x * blockDim.x + threadIdx.x; q < m; q += (long long)gridDim.x * blockDim.x) {
    const auto key = ${load(d, 'v[q]')};
    long long lo = 0, hi = n;
    while (lo < hi) {
      const long long mid = (lo + hi) >> 1;
      const int c = ord_cmp(${load(d, 'a[mid]')}, key);
      if (${side === 'left' ? 'c < 0' : 'c <= 0'}) lo = mid + 1; else hi = mid;
    }
    out[q] = (i32)lo;
  }
}
`;
}

/** Error codes written to the adapter's error words (first error wins). */
export const ERR = { take: 1, takeAlongAxis: 2, scatter: 3, pow: 9 } as const;

const normIndex = (fn: keyof typeof ERR) => `
    long long ix = (long long)raw;
    if (ix < 0) ix += nAxis;
    if (ix < 0 || ix >= nAxis) { arr_fail(err, ${ERR[fn]}, (long long)raw, axis, nAxis); ix = 0; }`;

/** take along an axis: x [P, N, Q], indices [J] → out [P, J, Q]. */
export function takeSource(d: DType, id: DType): string {
  const S = CTYPES[d].storage, IS = CTYPES[id].storage;
  return `${preambleFor([d, id])}
extern "C" __global__ void arr_take(const ${S}* __restrict__ x, const ${IS}* __restrict__ ind, ${S}* __restrict__ out, long long P, long long nAxis, long long Q, long long J, long long axis, u64* err) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < P * J * Q; t += (long long)gridDim.x * blockDim.x) {
    const long long q = t % Q, j = (t / Q) % J, p = t / (Q * J);
    const ${IS} raw = ind[j];${normIndex('take')}
    out[t] = x[(p * nAxis + ix) * Q + q];
  }
}
`;
}

/** take_along_axis: x [P, N, Q], indices [P, J, Q] → out [P, J, Q]. */
export function takeAlongSource(d: DType, id: DType): string {
  const S = CTYPES[d].storage, IS = CTYPES[id].storage;
  return `${preambleFor([d, id])}
extern "C" __global__ void arr_take_along(const ${S}* __restrict__ x, const ${IS}* __restrict__ ind, ${S}* __restrict__ out, long long P, long long nAxis, long long Q, long long J, long long axis, u64* err) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < P * J * Q; t += (long long)gridDim.x * blockDim.x) {
    const long long q = t % Q, p = t / (Q * J);
    const ${IS} raw = ind[t];${normIndex('takeAlongAxis')}
    out[t] = x[(p * nAxis + ix) * Q + q];
  }
}
`;
}

/** scatter into out [P, N, Q] (a copy of x) from values [P, J, Q] at indices [J]; later duplicates win. */
export function scatterSource(d: DType, id: DType): string {
  const S = CTYPES[d].storage, IS = CTYPES[id].storage;
  return `${preambleFor([d, id])}
extern "C" __global__ void arr_scatter(${S}* __restrict__ out, const ${IS}* __restrict__ ind, const ${S}* __restrict__ vals, long long P, long long nAxis, long long Q, long long J, long long axis, u64* err) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < P * J * Q; t += (long long)gridDim.x * blockDim.x) {
    const long long q = t % Q, j = (t / Q) % J, p = t / (Q * J);
    const ${IS} raw = ind[j];${normIndex('scatter')}
    bool later = false;
    for (long long j2 = j + 1; j2 < J && !later; j2++) {
      long long i2 = (long long)ind[j2];
      if (i2 < 0) i2 += nAxis;
      later = i2 == ix;
    }
    if (!later) out[(p * nAxis + ix) * Q + q] = vals[t];
  }
}
`;
}

/** Matrix product for dtypes cuBLAS lacks (integers, bool): a [B, m, k] @ b [B, k, n]. */
export function intMatmulSource(d: DType): string {
  const S = CTYPES[d].storage;
  const acc = d === 'bool' ? 'bool' : 'u64';
  const step = d === 'bool' ? 'acc = acc || (a[i * K + l] != 0 && b[l * N + j] != 0);' : 'acc += (u64)a[i * K + l] * (u64)b[l * N + j];';
  return `${preambleFor([d])}
extern "C" __global__ void arr_imatmul(const ${S}* __restrict__ A, const ${S}* __restrict__ Bm, ${S}* __restrict__ C, long long batch, long long M, long long K, long long N) {
  for (long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x; t < batch * M * N; t += (long long)gridDim.x * blockDim.x) {
    const long long j = t % N, i = (t / N) % M, bt = t / (M * N);
    const ${S}* a = A + bt * M * K;
    const ${S}* b = Bm + bt * K * N;
    ${acc} acc = ${d === 'bool' ? 'false' : '0'};
    for (long long l = 0; l < K; l++) ${step}
    C[t] = (${S})acc;
  }
}
`;
}

/**
 * Stream compaction (`extract`): the elements of x[n] where mask[n] (bool) is set, in order.
 * Block b owns elements [b*chunk, min(n, (b+1)*chunk)). `arr_compress_count` counts each block's
 * set flags; `arr_compress_offsets` (one thread: a few thousand blocks) turns the counts into
 * exclusive offsets in place and writes the total at counts[blocks]; `arr_compress_write` writes
 * each block's elements from its offset, tile by tile, ranks from warp ballots.
 */
export function compressSource(d: DType): string {
  const S = CTYPES[d].storage;
  const W = BLOCK / 32;
  return `${preambleFor([d, 'bool'])}
extern "C" __global__ void arr_compress_count(const u8* __restrict__ m, long long* __restrict__ counts, long long n, long long chunk) {
  __shared__ long long sh[${W}];
  const long long lo = (long long)blockIdx.x * chunk, hi = min(n, lo + chunk);
  long long c = 0;
  for (long long j = lo + threadIdx.x; j < hi; j += ${BLOCK}) c += m[j] != 0;
  for (int o = 16; o > 0; o >>= 1) c += __shfl_down_sync(0xffffffffu, c, o);
  if ((threadIdx.x & 31) == 0) sh[threadIdx.x >> 5] = c;
  __syncthreads();
  if (threadIdx.x == 0) {
    long long t = 0;
    for (int w = 0; w < ${W}; w++) t += sh[w];
    counts[blockIdx.x] = t;
  }
}
extern "C" __global__ void arr_compress_offsets(long long* counts, long long blocks) {
  if (blockIdx.x != 0 || threadIdx.x != 0) return;
  long long s = 0;
  for (long long b = 0; b < blocks; b++) { const long long c = counts[b]; counts[b] = s; s += c; }
  counts[blocks] = s;
}
extern "C" __global__ void arr_compress_write(const ${S}* __restrict__ x, const u8* __restrict__ m, ${S}* __restrict__ out, const long long* __restrict__ offsets, long long n, long long chunk) {
  __shared__ int warps[${W}];
  __shared__ long long base;
  const long long lo = (long long)blockIdx.x * chunk, hi = min(n, lo + chunk);
  const int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
  if (threadIdx.x == 0) base = offsets[blockIdx.x];
  __syncthreads();
  for (long long t0 = lo; t0 < hi; t0 += ${BLOCK}) {
    const long long j = t0 + threadIdx.x;
    const bool f = j < hi && m[j] != 0;
    const unsigned bal = __ballot_sync(0xffffffffu, f);
    if (lane == 0) warps[w] = __popc(bal);
    __syncthreads();
    int before = 0, total = 0;
    for (int k = 0; k < ${W}; k++) { const int c = warps[k]; if (k < w) before += c; total += c; }
    if (f) out[base + before + __popc(bal & ((1u << lane) - 1u))] = x[j];
    __syncthreads();
    if (threadIdx.x == 0) base += total;
    __syncthreads();
  }
}
`;
}
