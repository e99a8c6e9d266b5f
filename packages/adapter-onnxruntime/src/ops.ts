/**
 * ONNX emitters for every kernel. Each takes the builder, input value names and dtypes and
 * returns the output name. Where the CPU EP has no kernel for a dtype (see KERNELS, probed on
 * onnxruntime-node 1.30), the op runs in a wider type and casts back (integer ops wrap the same
 * way modulo 2^bits); where ONNX has no operator, a small subgraph gives NumPy's semantics.
 */
import { type BinaryOp, type DType, type UnaryOp, DTYPE_INFO } from '@arr/core';

export const isRealFloat = (d: DType) => DTYPE_INFO[d].kind === 'real floating';
export const isSigned = (d: DType) => DTYPE_INFO[d].kind === 'signed integer';
export const isUnsigned = (d: DType) => DTYPE_INFO[d].kind === 'unsigned integer';
export const isInteger = (d: DType) => isSigned(d) || isUnsigned(d);
import { type Builder, ONNX_TYPE } from './graph.js';

type D = DType;
const S = (s: string) => new Set(s.split(' ') as D[]);
const FLOATS = 'float16 float32 float64';
const ALLINT = 'int8 int16 int32 int64 uint8 uint16 uint32 uint64';
/** (op → dtypes with a CPU EP kernel), from probing onnxruntime-node 1.30. */
const KERNELS: Record<string, Set<D>> = {
  Abs: S(`${FLOATS} ${ALLINT}`),
  Neg: S('float16 float32 float64 int8 int16 int32 int64'),
  Sign: S(`${FLOATS} ${ALLINT}`),
  Add: S(`${FLOATS} ${ALLINT}`), Sub: S(`${FLOATS} ${ALLINT}`), Mul: S(`${FLOATS} ${ALLINT}`), Div: S(`${FLOATS} ${ALLINT}`),
  Mod: S(`${FLOATS} ${ALLINT}`),
  Pow: S('float16 float32 float64 int32 int64'),
  Max: S('float16 float32 float64 int8 int32 int64 uint8 uint32 uint64'),
  Min: S('float16 float32 float64 int8 int32 int64 uint8 uint32 uint64'),
  Equal: S(`${FLOATS} ${ALLINT} bool`), Less: S(`${FLOATS} ${ALLINT}`), Greater: S(`${FLOATS} ${ALLINT}`),
  LessOrEqual: S(`${FLOATS} ${ALLINT}`), GreaterOrEqual: S(`${FLOATS} ${ALLINT}`),
  BitwiseAnd: S(ALLINT), BitwiseOr: S(ALLINT), BitwiseXor: S(ALLINT), BitwiseNot: S(ALLINT),
  BitShift: S('uint8 uint32 uint64'),
  Where: S('float16 float32 float64 int32 int64 uint8'),
  MatMul: S('float16 float32 float64 int32 int64 uint32 uint64'),
  ReduceSum: S('float16 float32 float64 int32 int64'), ReduceProd: S('float16 float32 float64 int32 int64'),
  ReduceMax: S('float16 float32 float64 int32 int64 int8 uint8'), ReduceMin: S('float16 float32 float64 int32 int64 int8 uint8'),
  ArgMax: S('float16 float32 float64 int32 int64 int8 uint8'), ArgMin: S('float16 float32 float64 int32 int64 int8 uint8'),
  CumSum: S('float16 float32 float64 int32 int64'),
  TopK: S('float16 float32 float64 int32 int64 int8 uint8 int16'),
  Pad: S('float16 float32 float64 int32 int64 uint8 uint32 uint64 bool'),
  Sin: S(FLOATS), Cos: S(FLOATS), Tan: S('float16 float32'), Asin: S('float16 float32'), Acos: S('float16 float32'),
  Atan: S('float16 float32'), Sinh: S('float16 float32'), Cosh: S('float16 float32'), Asinh: S('float16 float32'),
  Acosh: S('float16 float32'), Atanh: S('float16 float32'), Tanh: S(FLOATS), Exp: S(FLOATS), Log: S(FLOATS),
  Sqrt: S(FLOATS), Reciprocal: S(FLOATS), Floor: S(FLOATS), Ceil: S(FLOATS), Round: S(FLOATS), IsNaN: S(FLOATS),
  IsInf: S('float32 float64'),
};

const has = (op: string, d: D) => KERNELS[op]?.has(d) ?? true;

/**
 * Kernels the WebGPU EP has where the CPU EP has none (ORT's webgpu/tensor/where.cc). Without
 * them, a uint32 Where widened to int64, which only the CPU runs: every uint32 maximum, minimum,
 * floorDivide, remainder and shift of the WebGPU conformance run had CPU nodes. Its bool Where is
 * registered but fails at run time on the H200 ("raw_hash_map<>::at", call 2 of
 * benchmarks/results/h200-2026-12-03g), so bool selections use logic there (see where()).
 */
const WEBGPU_EXTRA: Record<string, Set<D>> = { Where: S('uint32') };

/** Whether `op` on `d` has a kernel in the sessions `b` builds (its provider's, or the CPU EP's). */
const hasKernel = (b: Builder, op: string, d: D) => has(op, d) || (b.ep === 'webgpu' && (WEBGPU_EXTRA[op]?.has(d) ?? false));

/** The type an op runs in when `d` has no kernel: wraps identically after the cast back. */
export function widen(d: D): D {
  switch (d) {
    case 'int8': case 'int16': case 'uint8': case 'uint16': return 'int32';
    case 'uint32': case 'uint64': return 'int64';
    case 'float16': return 'float32';
    case 'bool': return 'uint8';
    default: return d;
  }
}

export const cast = (b: Builder, x: string, from: D, to: D): string => (from === to ? x : b.op('Cast', [x], { to: ONNX_TYPE[to]! }));

/** Runs `op` on inputs of dtype `d` (widening when needed); result has dtype `out` (d, or bool for predicates). */
export function simple(b: Builder, op: string, ins: readonly string[], d: D, predicate = false, attrs: Record<string, number | string> = {}): string {
  if (hasKernel(b, op, d)) return b.op(op, ins, attrs);
  const w = widen(d);
  const r = b.op(op, ins.map((x) => cast(b, x, d, w)), attrs);
  return predicate ? r : cast(b, r, w, d);
}

const bits = (d: D) => DTYPE_INFO[d].bits;
const k = (b: Builder, d: D, v: number) => b.scalar(d, v);
/** Where(c, x, y) for any dtype (the condition stays bool; the branches widen when needed). */
export function where(b: Builder, c: string, x: string, y: string, d: D): string {
  if (hasKernel(b, 'Where', d)) return b.op('Where', [c, x, y]);
  // Bool branches widen to uint8 here (the CPU EP's Where has no bool kernel), which the WebGPU EP
  // lacks: GPU forms select by logic, (c ∧ x) ∨ (¬c ∧ y).
  if (d === 'bool' && b.gpuForms) return or(b, and(b, c, x), and(b, not(b, c), y));
  const w = d === 'bool' ? 'uint8' : widen(d);
  return cast(b, b.op('Where', [c, cast(b, x, d, w), cast(b, y, d, w)]), w, d);
}
/** NaN test of a float: IsNaN, or x ≠ x where GPU providers lack IsNaN (see Builder.gpuForms). */
export const isnan = (b: Builder, x: string, d: D) => (b.gpuForms ? not(b, eq(b, x, x, d)) : simple(b, 'IsNaN', [x], d, true));
/** ±inf test of a float: IsInf, or |x| = inf where GPU providers lack IsInf. */
const isinf = (b: Builder, x: string, d: D) => (b.gpuForms ? eq(b, abs(b, x, d), k(b, d, Infinity), d) : simple(b, 'IsInf', [x], d, true));
const not = (b: Builder, x: string) => b.op('Not', [x]);
/** Bool or / xor: the WebGPU EP has And and Not but no Or or Xor (ORT ran 718 Or nodes on the CPU in its conformance run), so GPU forms use De Morgan. */
export const or = (b: Builder, x: string, y: string) => (b.gpuForms ? not(b, and(b, not(b, x), not(b, y))) : b.op('Or', [x, y]));
const xor = (b: Builder, x: string, y: string) => (b.gpuForms ? and(b, or(b, x, y), not(b, and(b, x, y))) : b.op('Xor', [x, y]));
const and = (b: Builder, x: string, y: string) => b.op('And', [x, y]);
const add = (b: Builder, x: string, y: string, d: D) => simple(b, 'Add', [x, y], d);
const sub = (b: Builder, x: string, y: string, d: D) => simple(b, 'Sub', [x, y], d);
const mul = (b: Builder, x: string, y: string, d: D) => simple(b, 'Mul', [x, y], d);
const div = (b: Builder, x: string, y: string, d: D) => simple(b, 'Div', [x, y], d);
export const lt = (b: Builder, x: string, y: string, d: D) => simple(b, 'Less', [x, y], d, true);
export const gt = (b: Builder, x: string, y: string, d: D) => simple(b, 'Greater', [x, y], d, true);
/** Equality; bools by logic in GPU forms (the WebGPU EP's Equal has no bool kernel). */
export const eq = (b: Builder, x: string, y: string, d: D) => (d === 'bool' && b.gpuForms ? not(b, xor(b, x, y)) : simple(b, 'Equal', [x, y], d, true));
/** |x|; integers compare and select in GPU forms (the WebGPU EP's Abs and Neg are float only). */
const abs = (b: Builder, x: string, d: D) => (b.gpuForms && isSigned(d) ? where(b, lt(b, x, k(b, d, 0), d), neg(b, x, d), x, d) : simple(b, 'Abs', [x], d));
const neg = (b: Builder, x: string, d: D) => (isRealFloat(d) ? mul(b, x, k(b, d, -1), d) : has('Neg', d) && !b.gpuForms ? b.op('Neg', [x]) : sub(b, k(b, d, 0), x, d));

/** Sign bit of a float (−0 included; NaN's sign is not visible to ONNX ops and reads as +). */
function signbit(b: Builder, x: string, d: D): string {
  const z = k(b, d, 0);
  return or(b, lt(b, x, z, d), and(b, eq(b, x, z, d), lt(b, simple(b, 'Reciprocal', [x], d), z, d)));
}

/** Unary float function with a precise subgraph for dtypes the EP lacks (float64 trig). */
function fn1(b: Builder, op: string, x: string, d: D): string {
  if (has(op, d)) return b.op(op, [x]);
  const one = k(b, d, 1), half = k(b, d, 0.5), two = k(b, d, 2);
  const sign = () => where(b, lt(b, x, k(b, d, 0), d), k(b, d, -1), one, d);
  switch (op) {
    case 'Tan': return div(b, b.op('Sin', [x]), b.op('Cos', [x]), d);
    case 'Cosh': { const e = b.op('Exp', [x]); return mul(b, add(b, e, simple(b, 'Reciprocal', [e], d), d), half, d); }
    case 'Sinh': {
      const ax = abs(b, x, d);
      const em = expm1(b, ax, d);
      const small = mul(b, add(b, em, div(b, em, add(b, em, one, d), d), d), half, d);
      const e = b.op('Exp', [mul(b, ax, half, d)]);
      const big = sub(b, mul(b, mul(b, e, half, d), e, d), div(b, half, mul(b, e, e, d), d), d); // (e^|x| − e^−|x|)/2 without early overflow
      const r = where(b, lt(b, ax, one, d), small, big, d);
      return where(b, eq(b, x, k(b, d, 0), d), x, mul(b, r, sign(), d), d);
    }
    case 'Asinh': {
      const ax = abs(b, x, d);
      const x2 = mul(b, ax, ax, d);
      const small = log1p(b, add(b, ax, div(b, x2, add(b, one, b.op('Sqrt', [add(b, one, x2, d)]), d), d), d), d);
      const big = add(b, b.op('Log', [ax]), k(b, d, Math.LN2), d);
      const r = where(b, gt(b, ax, k(b, d, 1e8), d), big, small, d);
      return where(b, eq(b, x, k(b, d, 0), d), x, mul(b, r, sign(), d), d);
    }
    case 'Acosh': {
      const t = sub(b, x, one, d);
      const small = log1p(b, add(b, t, b.op('Sqrt', [add(b, mul(b, two, t, d), mul(b, t, t, d), d)]), d), d);
      const big = add(b, b.op('Log', [x]), k(b, d, Math.LN2), d);
      return where(b, gt(b, x, k(b, d, 1e8), d), big, small, d);
    }
    case 'Atanh': {
      const r = mul(b, half, log1p(b, div(b, mul(b, two, x, d), sub(b, one, x, d), d), d), d);
      return r;
    }
    case 'Atan': return atan(b, x, d);
    case 'Asin': {
      const s = b.op('Sqrt', [mul(b, sub(b, one, x, d), add(b, one, x, d), d)]);
      return atan(b, div(b, x, s, d), d);
    }
    case 'Acos': {
      const s = b.op('Sqrt', [div(b, sub(b, one, x, d), add(b, one, x, d), d)]);
      return mul(b, two, atan(b, s, d), d);
    }
  }
  throw new Error(`no emitter for ${op} on ${d}`);
}

/** Cephes' double-precision arctangent (range reduction + rational approximation). */
function atan(b: Builder, x: string, d: D): string {
  if (has('Atan', d)) return b.op('Atan', [x]);
  const c = (v: number) => k(b, d, v);
  const ax = abs(b, x, d);
  const big = gt(b, ax, c(2.414213562373095), d);
  const mid = and(b, gt(b, ax, c(0.66), d), not(b, big));
  const one = c(1);
  let t = where(b, big, neg(b, simple(b, 'Reciprocal', [ax], d), d), ax, d);
  t = where(b, mid, div(b, sub(b, ax, one, d), add(b, ax, one, d), d), t, d);
  const y0 = where(b, big, c(Math.PI / 2), where(b, mid, c(Math.PI / 4), c(0), d), d);
  const P = [-8.750608600031904122785e-1, -1.615753718733365076637e1, -7.500855792314704667340e1, -1.228866684490136173410e2, -6.485021904942025371773e1];
  const Q = [2.485846490142306297962e1, 1.650270098316988542046e2, 4.328810604912902668951e2, 4.853903996359136964868e2, 1.945506571482613964425e2];
  const z = mul(b, t, t, d);
  let p = c(P[0]!);
  for (const v of P.slice(1)) p = add(b, mul(b, p, z, d), c(v), d);
  let q = add(b, z, c(Q[0]!), d);
  for (const v of Q.slice(1)) q = add(b, mul(b, q, z, d), c(v), d);
  const r = add(b, y0, add(b, mul(b, t, div(b, mul(b, z, p, d), q, d), d), t, d), d);
  const neg0 = lt(b, x, c(0), d);
  return where(b, neg0, neg(b, r, d), where(b, eq(b, x, c(0), d), x, r, d), d);
}

/** exp(x) − 1, accurate near 0 (Kahan: (u−1)·x / log u). */
function expm1(b: Builder, x: string, d: D): string {
  const one = k(b, d, 1);
  const u = b.op('Exp', [x]);
  const um1 = sub(b, u, one, d);
  const r = div(b, mul(b, um1, x, d), b.op('Log', [u]), d);
  let out = where(b, eq(b, um1, k(b, d, -1), d), um1, r, d);
  out = where(b, isinf(b, u, d), u, out, d);
  return where(b, eq(b, u, one, d), x, out, d);
}

/** log(1 + x), accurate near 0 (Kahan: log(u)·x / (u−1)). */
function log1p(b: Builder, x: string, d: D): string {
  const one = k(b, d, 1);
  const u = add(b, one, x, d);
  const r = div(b, mul(b, b.op('Log', [u]), x, d), sub(b, u, one, d), d);
  const out = where(b, eq(b, u, k(b, d, Infinity), d), u, r, d);
  return where(b, eq(b, u, one, d), x, out, d);
}

/** Floating unary ops run in float32 for float16 where it matters for accuracy. */
function viaF32(b: Builder, x: string, d: D, f: (x: string, d: D) => string): string {
  if (d !== 'float16') return f(x, d);
  return cast(b, f(cast(b, x, d, 'float32'), 'float32'), 'float32', d);
}

/**
 * float16 functions that GPU forms compute in float32 and round once, as NumPy's float16 loops
 * do: the WebGPU EP computes them in float16, too coarsely for the suite's float16 tolerance
 * (sin, tan: errors of 2·10⁻³; floorDivide gave -2496 where NumPy gives -2500). Adding,
 * multiplying, comparing and selecting stay in float16 (exact or correctly rounded there).
 */
const F16_IN_F32 = new Set<string>([
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10',
  'reciprocal', 'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'divide', 'floorDivide', 'remainder', 'atan2', 'hypot', 'logaddexp', 'pow',
]);
const inF32 = (b: Builder, op: string, d: D) => b.gpuForms && d === 'float16' && F16_IN_F32.has(op);
const up = (b: Builder, x: string) => cast(b, x, 'float16', 'float32');
const down = (b: Builder, x: string) => cast(b, x, 'float32', 'float16');

export function unary(b: Builder, op: UnaryOp, x: string, d: D): string {
  if (inF32(b, op, d)) return down(b, unary(b, op, up(b, x), 'float32'));
  const float = isRealFloat(d);
  switch (op) {
    case 'abs': return abs(b, x, d);
    case 'negative': return neg(b, x, d);
    case 'bitwiseInvert': return d === 'bool' ? not(b, x) : b.op('BitwiseNot', [x]);
    case 'logicalNot': return not(b, x);
    case 'ceil': return b.op('Ceil', [x]);
    case 'floor': return b.op('Floor', [x]);
    case 'round': return b.op('Round', [x]);
    case 'trunc': return mul(b, b.op('Floor', [abs(b, x, d)]), where(b, signbit(b, x, d), k(b, d, -1), k(b, d, 1), d), d); // keeps −0
    case 'sign': {
      if (b.gpuForms) return signBySelect(b, x, d);
      const s = simple(b, 'Sign', [x], d);
      return float ? where(b, isnan(b, x, d), x, s, d) : s;
    }
    case 'signbit': return signbit(b, x, d);
    case 'square': return mul(b, x, x, d);
    case 'sqrt': return b.op('Sqrt', [x]);
    case 'reciprocal': return b.op('Reciprocal', [x]);
    case 'exp': return b.op('Exp', [x]);
    case 'log': return b.op('Log', [x]);
    case 'expm1': return viaF32(b, x, d, (y, e) => expm1(b, y, e));
    case 'log1p': return viaF32(b, x, d, (y, e) => log1p(b, y, e));
    case 'log2': return viaF32(b, x, d, (y, e) => div(b, b.op('Log', [y]), k(b, e, Math.LN2), e));
    case 'log10': return viaF32(b, x, d, (y, e) => div(b, b.op('Log', [y]), k(b, e, Math.LN10), e));
    case 'isnan': return float ? isnan(b, x, d) : not(b, eq(b, x, x, d));
    case 'isinf': return float ? isinf(b, x, d) : not(b, eq(b, x, x, d));
    case 'isfinite':
      if (!float) return eq(b, x, x, d);
      return b.gpuForms ? lt(b, abs(b, x, d), k(b, d, Infinity), d) : not(b, or(b, isnan(b, x, d), isinf(b, x, d)));
    case 'sin': return b.op('Sin', [x]);
    case 'cos': return b.op('Cos', [x]);
    case 'tanh': return b.op('Tanh', [x]);
    case 'tan': return fn1(b, 'Tan', x, d);
    case 'asin': return fn1(b, 'Asin', x, d);
    case 'acos': return fn1(b, 'Acos', x, d);
    case 'atan': return fn1(b, 'Atan', x, d);
    case 'sinh': return fn1(b, 'Sinh', x, d);
    case 'cosh': return fn1(b, 'Cosh', x, d);
    case 'asinh': return fn1(b, 'Asinh', x, d);
    case 'acosh': return fn1(b, 'Acosh', x, d);
    case 'atanh': return fn1(b, 'Atanh', x, d);
    case 'conj': case 'real': return b.op('Identity', [x]);
    case 'imag': return b.op('Sub', [x, x]);
  }
}

/** sign(x) by comparisons (GPU forms: the WebGPU EP has no Sign): ±1, 0 for ±0 (as NumPy), NaN stays. */
function signBySelect(b: Builder, x: string, d: D): string {
  const zero = k(b, d, 0);
  const rest = isRealFloat(d) ? where(b, eq(b, x, x, d), zero, x, d) : zero;
  const s = isUnsigned(d) ? rest : where(b, lt(b, x, zero, d), k(b, d, -1), rest, d);
  return where(b, gt(b, x, zero, d), k(b, d, 1), s, d);
}

const COMPARE: Partial<Record<BinaryOp, string>> = {
  equal: 'Equal', less: 'Less', greater: 'Greater', lessEqual: 'LessOrEqual', greaterEqual: 'GreaterOrEqual',
};

export function binary(b: Builder, op: BinaryOp, x: string, y: string, d: D): string {
  if (inF32(b, op, d)) return down(b, binary(b, op, up(b, x), up(b, y), 'float32'));
  const float = isRealFloat(d);
  const cmp = COMPARE[op];
  if (cmp) return simple(b, cmp, [x, y], d, true);
  switch (op) {
    case 'notEqual': return not(b, eq(b, x, y, d));
    case 'add': return add(b, x, y, d);
    case 'subtract': return sub(b, x, y, d);
    case 'multiply': return mul(b, x, y, d);
    case 'divide': return div(b, x, y, d);
    case 'logicalAnd': return and(b, x, y);
    case 'logicalOr': return or(b, x, y);
    case 'logicalXor': return xor(b, x, y);
    case 'bitwiseAnd': return d === 'bool' ? and(b, x, y) : b.op('BitwiseAnd', [x, y]);
    case 'bitwiseOr': return d === 'bool' ? or(b, x, y) : b.op('BitwiseOr', [x, y]);
    case 'bitwiseXor': return d === 'bool' ? xor(b, x, y) : b.op('BitwiseXor', [x, y]);
    case 'bitwiseLeftShift': return shift(b, x, y, d, 'LEFT');
    case 'bitwiseRightShift': return shift(b, x, y, d, 'RIGHT');
    case 'maximum': case 'minimum': {
      // Integers: compare and select (the CPU EP's int64 Max/Min compare only the low 32 bits).
      if (!float) return where(b, (op === 'maximum' ? gt : lt)(b, x, y, d), x, y, d);
      const m = b.op(op === 'maximum' ? 'Max' : 'Min', [x, y]);
      return where(b, or(b, isnan(b, x, d), isnan(b, y, d)), add(b, x, y, d), m, d);
    }
    case 'copysign': {
      // By multiplication: the CPU EP's Where turns a selected −0 into +0.
      return mul(b, abs(b, x, d), where(b, signbit(b, y, d), k(b, d, -1), k(b, d, 1), d), d);
    }
    case 'pow': return float ? (b.gpuForms ? powSpecial(b, x, y, d) : b.op('Pow', [x, y])) : intPow(b, x, y, d);
    case 'floorDivide': return float ? floorDivFloat(b, x, y, d) : floorDivInt(b, x, y, d);
    case 'remainder': return float ? remFloat(b, x, y, d) : remInt(b, x, y, d);
    case 'atan2': return viaF32b(b, x, y, d, atan2);
    case 'hypot': return viaF32b(b, x, y, d, hypot);
    case 'logaddexp': return viaF32b(b, x, y, d, logaddexp);
    case 'nextafter': return nextafter(b, x, y, d);
  }
  throw new Error(`binary ${op}`);
}

function viaF32b(b: Builder, x: string, y: string, d: D, f: (b: Builder, x: string, y: string, d: D) => string): string {
  if (d !== 'float16') return f(b, x, y, d);
  return cast(b, f(b, cast(b, x, d, 'float32'), cast(b, y, d, 'float32'), 'float32'), 'float32', d);
}

function atan2(b: Builder, y: string, x: string, d: D): string {
  const c = (v: number) => k(b, d, v);
  const zero = c(0);
  const q = atan(b, div(b, y, x, d), d);
  const sy = signbit(b, y, d);
  const piS = where(b, sy, c(-Math.PI), c(Math.PI), d);
  let r = where(b, signbit(b, x, d), add(b, q, piS, d), q, d);
  const bothZero = and(b, eq(b, x, zero, d), eq(b, y, zero, d));
  r = where(b, bothZero, where(b, signbit(b, x, d), piS, y, d), r, d);
  const bothInf = and(b, isinf(b, x, d), isinf(b, y, d));
  const v = where(b, gt(b, x, zero, d), c(Math.PI / 4), c((3 * Math.PI) / 4), d);
  return where(b, bothInf, where(b, sy, neg(b, v, d), v, d), r, d);
}

function hypot(b: Builder, x: string, y: string, d: D): string {
  const ax = abs(b, x, d), ay = abs(b, y, d);
  const g = gt(b, ax, ay, d);
  const m = where(b, g, ax, ay, d), n = where(b, g, ay, ax, d);
  const ratio = div(b, n, m, d);
  const r = mul(b, m, b.op('Sqrt', [add(b, k(b, d, 1), mul(b, ratio, ratio, d), d)]), d);
  let z = where(b, eq(b, m, k(b, d, 0), d), m, r, d);
  z = where(b, or(b, isnan(b, x, d), isnan(b, y, d)), k(b, d, NaN), z, d);
  return where(b, or(b, isinf(b, x, d), isinf(b, y, d)), k(b, d, Infinity), z, d);
}

function logaddexp(b: Builder, x: string, y: string, d: D): string {
  const m = where(b, gt(b, x, y, d), x, y, d);
  const r = add(b, m, log1p(b, b.op('Exp', [neg(b, abs(b, sub(b, x, y, d), d), d)]), d), d);
  return where(b, eq(b, x, y, d), add(b, x, k(b, d, Math.LN2), d), r, d);
}

/** The neighbour of x towards y: x ± δ with ½ulp < δ < 1½ulp, so IEEE rounding lands on the next float. */
function nextafter(b: Builder, x: string, y: string, d: D): string {
  const mantBits = d === 'float16' ? 10 : d === 'float32' ? 23 : 52;
  const tiny = d === 'float16' ? 2 ** -24 : d === 'float32' ? 2 ** -149 : 2 ** -1074;
  const maxv = d === 'float16' ? 65504 : d === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
  const c = (v: number) => k(b, d, v);
  const delta = simple(b, 'Max', [mul(b, abs(b, x, d), c(0.625 * 2 ** -mantBits), d), c(tiny)], d);
  const dir = where(b, gt(b, y, x, d), c(1), c(-1), d);
  const r0 = add(b, x, mul(b, dir, delta, d), d);
  const r1 = where(b, isinf(b, x, d), where(b, gt(b, x, c(0), d), c(maxv), c(-maxv), d), r0, d);
  const same = eq(b, x, y, d);
  const r2 = where(b, same, y, r1, d);
  // Signs are applied by multiplication (the CPU EP's Where turns −0 into +0): y's when x == y,
  // else the result's, and x's when x ± δ rounds to zero.
  const negative = where(b, same, signbit(b, y, d), or(b, signbit(b, r1, d), and(b, eq(b, r1, c(0), d), signbit(b, x, d))), 'bool');
  // NaN is chosen before the sign is applied, so no Where sees the signed result.
  const magnitude = where(b, or(b, isnan(b, x, d), isnan(b, y, d)), add(b, x, y, d), abs(b, r2, d), d);
  return mul(b, magnitude, where(b, negative, c(-1), c(1), d), d);
}

/**
 * Float pow with C99's (and NumPy's) special values, for GPU forms: the WebGPU EP's Pow gives NaN
 * or -inf for infinite operands, 1^inf and (-1)^±inf. Pow computes |x|^y only for finite,
 * nonzero |x|; zeros, infinities, the sign of odd integer powers, NaN and the exact 1s are
 * selected around it.
 */
function powSpecial(b: Builder, x: string, y: string, d: D): string {
  const zero = k(b, d, 0), one = k(b, d, 1), inf = k(b, d, Infinity), nan = k(b, d, NaN);
  const ax = abs(b, x, d);
  const yNeg = lt(b, y, zero, d);
  const yInf = eq(b, abs(b, y, d), inf, d);
  const yInt = eq(b, b.op('Floor', [y]), y, d); // true for ±inf, false for NaN
  const half = mul(b, y, k(b, d, 0.5), d);
  const yOdd = and(b, yInt, and(b, not(b, eq(b, b.op('Floor', [half]), half, d)), not(b, yInf)));
  let r = b.op('Pow', [ax, y]);
  r = where(b, eq(b, ax, zero, d), where(b, yNeg, inf, zero, d), r, d); // ±0: +inf or +0 (sign below)
  r = where(b, eq(b, ax, inf, d), where(b, yNeg, zero, inf, d), r, d); // ±inf: +0 or +inf (sign below)
  r = where(b, and(b, signbit(b, x, d), yOdd), neg(b, r, d), r, d); // negative base, odd integer power
  const finiteNegative = and(b, lt(b, x, zero, d), lt(b, ax, inf, d));
  r = where(b, and(b, finiteNegative, not(b, yInt)), nan, r, d); // negative base, fractional power
  // y = ±inf: 1 for |x| = 1; +inf when |x| < 1 and y = -inf or |x| > 1 and y = +inf; else +0.
  const toInf = eq(b, lt(b, ax, one, d), yNeg, 'bool');
  r = where(b, yInf, where(b, eq(b, ax, one, d), one, where(b, toInf, inf, zero, d), d), r, d);
  r = where(b, or(b, isnan(b, x, d), isnan(b, y, d)), nan, r, d);
  return where(b, or(b, eq(b, y, zero, d), eq(b, x, one, d)), one, r, d); // x^0 = 1^y = 1, NaN included
}

/** NumPy's float floor_divide (npy_divmod): from fmod, so that a // b and a % b agree. */
function floorDivFloat(b: Builder, x: string, y: string, d: D): string {
  const c = (v: number) => k(b, d, v);
  const zero = c(0);
  const mod = b.op('Mod', [x, y], { fmod: 1 });
  let dv = div(b, sub(b, x, mod, d), y, d);
  const fix = and(b, not(b, eq(b, mod, zero, d)), xor(b, lt(b, y, zero, d), lt(b, mod, zero, d)));
  dv = where(b, fix, sub(b, dv, c(1), d), dv, d);
  const fl = b.op('Floor', [dv]);
  let r = where(b, gt(b, sub(b, dv, fl, d), c(0.5), d), add(b, fl, c(1), d), fl, d);
  const q = div(b, x, y, d);
  // dv == 0: copysign(0, x / y)
  r = where(b, eq(b, dv, zero, d), where(b, signbit(b, q, d), c(-0), zero, d), r, d);
  return where(b, eq(b, y, zero, d), q, r, d);
}

function remFloat(b: Builder, x: string, y: string, d: D): string {
  const zero = k(b, d, 0);
  const mod = b.op('Mod', [x, y], { fmod: 1 });
  const fix = and(b, not(b, eq(b, mod, zero, d)), xor(b, lt(b, y, zero, d), lt(b, mod, zero, d)));
  const r = where(b, fix, add(b, mod, y, d), mod, d);
  return where(b, eq(b, mod, zero, d), where(b, signbit(b, y, d), k(b, d, -0), zero, d), r, d);
}

/** A divisor that cannot trap (1 where y is 0, or −1 for signed: MIN / −1 would), and where it was replaced. */
function safeDivisor(b: Builder, y: string, d: D): { bad: string; ys: string } {
  const zero = k(b, d, 0);
  const bad = isSigned(d) ? or(b, eq(b, y, zero, d), eq(b, y, k(b, d, -1), d)) : eq(b, y, zero, d);
  return { bad, ys: where(b, bad, k(b, d, 1), y, d) };
}

/** x // ys rounded toward −∞ (Div truncates) for a divisor from safeDivisor. */
function flooredQuotient(b: Builder, x: string, ys: string, d: D): string {
  const q = div(b, x, ys, d);
  if (!isSigned(d)) return q;
  const zero = k(b, d, 0);
  const r = sub(b, x, mul(b, q, ys, d), d);
  const fix = and(b, not(b, eq(b, r, zero, d)), xor(b, lt(b, r, zero, d), lt(b, ys, zero, d)));
  return where(b, fix, sub(b, q, k(b, d, 1), d), q, d);
}

/** Integer // with NumPy's results for b = 0 (0) and MIN // −1 (wraps), which would trap in C. */
function floorDivInt(b: Builder, x: string, y: string, d: D): string {
  const zero = k(b, d, 0);
  let q = flooredQuotient(b, x, safeDivisor(b, y, d).ys, d);
  if (isSigned(d)) q = where(b, eq(b, y, k(b, d, -1), d), neg(b, x, d), q, d);
  return where(b, eq(b, y, zero, d), zero, q, d);
}

function remInt(b: Builder, x: string, y: string, d: D): string {
  const { bad, ys } = safeDivisor(b, y, d);
  // GPU forms: x − (x // y)·y (the WebGPU EP has no Mod).
  const r = b.gpuForms ? sub(b, x, mul(b, flooredQuotient(b, x, ys, d), ys, d), d) : simple(b, 'Mod', [x, ys], d, false, { fmod: 0 });
  return where(b, bad, k(b, d, 0), r, d);
}

/** Integer power by repeated squaring (wraps like NumPy); negative exponents give 0. */
function intPow(b: Builder, x: string, y: string, d: D): string {
  if (b.gpuForms) return intPowArithmetic(b, x, y, d);
  const w = d === 'uint64' ? 'uint64' : widen(d) === d ? d : widen(d);
  let base = cast(b, x, d, w);
  let e = cast(b, y, d, w);
  const one = k(b, w, 1), zero = k(b, w, 0), two = k(b, w, 2);
  let r = b.op('Expand', [one, b.op('Shape', [base])]);
  const n = Math.min(bits(d), 64);
  for (let i = 0; i < n; i++) {
    const odd = eq(b, simple(b, 'BitwiseAnd', [e, one], w), one, w);
    r = where(b, odd, mul(b, r, base, w), r, w);
    if (i < n - 1) {
      base = mul(b, base, base, w);
      e = div(b, e, two, w);
    }
  }
  if (isSigned(d)) {
    const y0 = cast(b, y, d, w);
    r = where(b, lt(b, y0, zero, w), zero, r, w);
  }
  return cast(b, r, w, d);
}

/**
 * intPow from Add, Sub, Mul and Div alone, in int32 / uint32 for dtypes of up to 32 bits: the
 * WebGPU EP has no BitwiseAnd, no int64 and no uint32 Where, so the form above ran on the CPU (about
 * 1 900 nodes of its conformance run). Bit i of the exponent is e − 2·(e / 2) with e halved i
 * times (0 or 1 while e ≥ 0; negative exponents give 0 at the end), and r·(bit·(base − 1) + 1)
 * multiplies by base only where the bit is set. Products wrap modulo 2^32 (or 2^64) like NumPy's,
 * and the cast back keeps the low bits, so narrower dtypes wrap the same way.
 */
function intPowArithmetic(b: Builder, x: string, y: string, d: D): string {
  const w: D = bits(d) > 32 ? d : isUnsigned(d) ? 'uint32' : 'int32';
  let base = cast(b, x, d, w);
  let e = cast(b, y, d, w);
  const one = k(b, w, 1), two = k(b, w, 2);
  let r = '';
  const n = bits(d);
  for (let i = 0; i < n; i++) {
    const half = div(b, e, two, w);
    const bit = sub(b, e, mul(b, half, two, w), w);
    const factor = add(b, mul(b, bit, sub(b, base, one, w), w), one, w);
    r = i === 0 ? factor : mul(b, r, factor, w);
    if (i < n - 1) {
      base = mul(b, base, base, w);
      e = half;
    }
  }
  if (isSigned(d)) r = where(b, lt(b, cast(b, y, d, w), k(b, w, 0), w), k(b, w, 0), r, w);
  return cast(b, r, w, d);
}

/**
 * NumPy shifts: counts ≥ bits give 0 (or −1 for negative x shifted right), and so do negative
 * counts (NumPy compares the count as an unsigned size). A signed right shift is ~((~x) >>> s) for
 * negative x. The shift runs on the unsigned type of the dtype's width: as BitShift, or in GPU
 * forms of up to 32 bits as a product (left) or quotient (right) by 2^count in uint32, 2^count
 * gathered from a constant table, and ~x as −1 − x (the WebGPU EP has no BitShift and no
 * BitwiseNot, so the first form ran on the CPU). uint32 products wrap and the cast back keeps the
 * low bits, as a shift does.
 */
function shift(b: Builder, x: string, y: string, d: D, dir: 'LEFT' | 'RIGHT'): string {
  const n = bits(d);
  const arithmetic = b.gpuForms && n <= 32;
  const U: D = arithmetic ? 'uint32' : n === 8 ? 'uint8' : n === 64 ? 'uint64' : 'uint32';
  const Sg: D = arithmetic ? 'int32' : n === 8 ? 'int8' : n === 64 ? 'int64' : 'int32';
  const toU = (v: string) => (isSigned(d) ? cast(b, cast(b, v, d, Sg), Sg, U) : cast(b, v, d, U));
  const fromU = (v: string) => (isSigned(d) ? cast(b, cast(b, v, U, Sg), Sg, d) : cast(b, v, U, d));
  const invert = (v: string) => (arithmetic ? sub(b, k(b, d, -1), v, d) : b.op('BitwiseNot', [v]));
  const big = shiftOutOfRange(b, y, d);
  const neg0 = isSigned(d) && dir === 'RIGHT' ? lt(b, x, k(b, d, 0), d) : undefined;
  const xin = toU(neg0 ? where(b, neg0, invert(x), x, d) : x);
  const count = where(b, big, k(b, d, 0), y, d);
  let shifted: string;
  if (arithmetic) {
    const pow2 = b.constant('uint32', Array.from({ length: 32 }, (_, i) => 2 ** i));
    const scale = b.op('Gather', [pow2, cast(b, count, d, 'int32')], { axis: 0 });
    shifted = dir === 'LEFT' ? mul(b, xin, scale, 'uint32') : div(b, xin, scale, 'uint32');
  } else {
    shifted = b.op('BitShift', [xin, toU(count)], { direction: dir });
  }
  let r = where(b, big, k(b, d, 0), fromU(shifted), d);
  if (neg0) r = where(b, neg0, invert(r), r, d);
  return r;
}

/** Shift counts that give 0 (or −1): at least the dtype's bits, or negative. */
function shiftOutOfRange(b: Builder, y: string, d: D): string {
  const big = simple(b, 'GreaterOrEqual', [y, k(b, d, bits(d))], d, true);
  return isSigned(d) ? or(b, big, lt(b, y, k(b, d, 0), d)) : big;
}

/**
 * Slice (`args`: starts, ends, axes[, steps]). The WebGPU EP's Slice is float only, so GPU forms
 * slice bool through float32, and int32 / uint32 as two 16-bit halves in float32 (exact),
 * recombined after: eleven elementwise passes on the GPU instead of a round trip to the CPU.
 * Not with negative steps (`reversing`): the EP's Slice returns shifted elements for some of
 * those (`get/float32/::-2,1::2,3:0:-1`, an expected failure), which the CPU's integer Slice does not.
 */
export function slice(b: Builder, x: string, d: D, args: readonly string[], reversing = false): string {
  const sl = (v: string) => b.op('Slice', [v, ...args]);
  if (!b.gpuForms || reversing || !(d === 'int32' || d === 'uint32' || d === 'bool')) return sl(x);
  if (d === 'bool') return cast(b, sl(cast(b, x, d, 'float32')), 'float32', d);
  const base = k(b, d, 65536);
  const hi = div(b, x, base, d);
  const lo = sub(b, x, mul(b, hi, base, d), d);
  const half = (v: string) => cast(b, sl(cast(b, v, d, 'float32')), 'float32', d);
  return add(b, mul(b, half(hi), base, d), half(lo), d);
}

/** Float → integer as C/NumPy: truncate toward zero through int64 (wrapping), NaN → 0. */
export function castKernel(b: Builder, x: string, from: D, to: D): string {
  if (from === to) return b.op('Identity', [x]);
  if (isRealFloat(from) && isInteger(to)) {
    const clean = where(b, isnan(b, x, from), k(b, from, 0), x, from);
    if (to === 'uint64') {
      const two63 = k(b, from, 2 ** 63);
      const hi = simple(b, 'GreaterOrEqual', [clean, two63], from, true);
      const lo = b.op('Cast', [where(b, hi, k(b, from, 0), clean, from)], { to: ONNX_TYPE.int64! });
      const up = b.op('Cast', [sub(b, where(b, hi, clean, two63, from), two63, from)], { to: ONNX_TYPE.int64! });
      const loU = cast(b, lo, 'int64', 'uint64');
      const upU = b.op('BitwiseXor', [cast(b, up, 'int64', 'uint64'), b.scalar('uint64', 1n << 63n)]);
      return where(b, hi, upU, loU, 'uint64');
    }
    const i64 = b.op('Cast', [clean], { to: ONNX_TYPE.int64! });
    return cast(b, i64, 'int64', to);
  }
  return cast(b, x, from, to);
}

export { KERNELS, has };
