/** Host-side conversions: nested JS arrays ↔ typed arrays, float16 bits, scalars. */
import type { NestedArray, Scalar } from './array.js';
import { type DType, type HostArray, allocHost, isComplex, is64BitInt, isBool } from './dtypes.js';
import { DTypeError, ValueError } from './errors.js';
import type { Shape } from './shape.js';

/** float16 bits → number. */
export function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** number → float16 bits, rounding to nearest even (exact: scaling by powers of two is exact). */
export function numberToHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00; // rounds to infinity
  if (a < 2 ** -25) return sign; // rounds to zero (ties to even: 2^-25 → 0)
  if (a < 2 ** -14) {
    // subnormal: units of 2^-24
    const q = a / 2 ** -24;
    return sign | roundHalfEven(q);
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--; // guard log2 rounding
  if (2 ** (e + 1) <= a) e++;
  const m = a / 2 ** e - 1; // in [0, 1)
  let mant = roundHalfEven(m * 1024);
  let exp = e + 15;
  if (mant === 1024) {
    mant = 0;
    exp++;
  }
  if (exp >= 31) return sign | 0x7c00;
  return sign | (exp << 10) | mant;
}

function roundHalfEven(q: number): number {
  const f = Math.floor(q);
  const r = q - f;
  if (r > 0.5) return f + 1;
  if (r < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** Rounds a number to the nearest float16 value (as Math.fround does for float32). */
export const roundToHalf = (x: number): number => halfToNumber(numberToHalf(x));

/** Reads element `i` of host data as a JS scalar. */
export function toScalar(data: HostArray, i: number, dtype: DType): Scalar {
  if (isComplex(dtype)) return { re: data[2 * i] as number, im: data[2 * i + 1] as number };
  if (dtype === 'float16') return halfToNumber(data[i] as number);
  if (isBool(dtype)) return data[i] !== 0;
  return data[i] as number | bigint;
}

/** Host data → nested JS arrays (a scalar for 0-d). */
export function toNested(data: HostArray, shape: Shape, dtype: DType): NestedArray {
  if (shape.length === 0) return toScalar(data, 0, dtype);
  let pos = 0;
  const build = (axis: number): NestedArray[] => {
    const n = shape[axis]!;
    const out = new Array<NestedArray>(n);
    if (axis === shape.length - 1) for (let i = 0; i < n; i++) out[i] = toScalar(data, pos++, dtype);
    else for (let i = 0; i < n; i++) out[i] = build(axis + 1);
    return out;
  };
  return build(0);
}

/** Writes a JS scalar into host data at element `i` (C-style conversion, already validated). */
export function writeScalar(data: HostArray, i: number, dtype: DType, v: Scalar): void {
  if (isComplex(dtype)) {
    const c = typeof v === 'object' ? v : { re: Number(v), im: 0 };
    data[2 * i] = c.re;
    data[2 * i + 1] = c.im;
  } else if (is64BitInt(dtype)) {
    (data as BigInt64Array)[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
  } else if (dtype === 'float16') {
    data[i] = numberToHalf(Number(v));
  } else if (isBool(dtype)) {
    data[i] = v ? 1 : 0;
  } else {
    (data as Float64Array)[i] = Number(v);
  }
}

/** Flattens nested data of a known shape into a new host array. */
export function fromNested(values: readonly Scalar[], dtype: DType): HostArray {
  const out = allocHost(dtype, values.length);
  for (let i = 0; i < values.length; i++) writeScalar(out, i, dtype, values[i]!);
  return out;
}

// ---- nested JS arrays → host data (asarray) ----

/** What the leaves of a nested array are, for dtype inference (ordered: later kinds win). */
export type LeafKind = 'bool' | 'int' | 'bigint' | 'float' | 'complex';
const KIND_RANK: Record<LeafKind, number> = { bool: 0, int: 1, bigint: 2, float: 3, complex: 4 };

export interface ParsedNested {
  shape: number[];
  /** Row-major leaves. */
  values: Scalar[];
  /** The widest leaf kind, or undefined when there are no leaves. */
  kind: LeafKind | undefined;
}

const isSequence = (x: unknown): x is ArrayLike<unknown> =>
  Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));

function leafKind(v: unknown): LeafKind | undefined {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'bigint';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'object':
      if (v !== null && typeof (v as { re?: unknown }).re === 'number' && typeof (v as { im?: unknown }).im === 'number') return 'complex';
  }
  return undefined;
}

const MAX_NESTING = 64;

/**
 * Flattens nested JS arrays (TypedArrays count as lists) of numbers, booleans, bigints and
 * `{re, im}` into row-major leaves, checking that they are rectangular. A scalar gives shape [].
 */
export function parseNested(fn: string, obj: unknown, showValue: (x: unknown) => string): ParsedNested {
  // The shape follows the first element at each level; every other element must agree.
  const shape: number[] = [];
  for (let cur: unknown = obj; isSequence(cur); cur = cur[0]) {
    if (shape.length >= MAX_NESTING) throw new ValueError(`${fn}: nested more than ${MAX_NESTING} levels deep`);
    shape.push(cur.length);
    if (cur.length === 0) break;
  }
  const values: Scalar[] = [];
  let rank = -1;
  const walk = (x: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      const k = leafKind(x);
      if (k === undefined) {
        if (isSequence(x)) {
          throw new ValueError(`${fn}: ragged nested array: element ${path} is a list, but the elements before it were scalars (shape so far [${shape.join(',')}]); all rows must have equal lengths`);
        }
        throw new ValueError(`${fn}: element ${path || '(the value)'} must be a number, boolean, bigint or {re, im}; received ${showValue(x)}`);
      }
      if (KIND_RANK[k] > rank) rank = KIND_RANK[k];
      values.push(x as Scalar);
      return;
    }
    if (!isSequence(x) || x.length !== shape[depth]) {
      const what = isSequence(x) ? `has length ${x.length}` : `is ${showValue(x)}`;
      throw new ValueError(`${fn}: ragged nested array: element ${path} ${what}, but a list of length ${shape[depth]} was expected (shape [${shape.join(',')}] from the first elements); all rows must have equal lengths`);
    }
    for (let i = 0; i < x.length; i++) walk(x[i], depth + 1, `${path}[${i}]`);
  };
  walk(obj, 0, '');
  const kind = rank < 0 ? undefined : (Object.keys(KIND_RANK) as LeafKind[])[rank];
  return { shape, values, kind };
}

/** Checks that an integer-valued leaf fits `dtype` and returns it as a bigint. */
function checkedInteger(fn: string, v: number | bigint, dtype: DType): bigint {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new ValueError(`${fn}: cannot convert ${v} to ${dtype}`);
  const b = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  const { lo, hi } = INT_RANGE[dtype]!;
  if (b < lo || b > hi) throw new ValueError(`${fn}: the value ${typeof v === 'bigint' ? `${v}n` : v} is out of bounds for ${dtype} (range ${lo}..${hi})`);
  return b;
}

const INT_RANGE: Partial<Record<DType, { lo: bigint; hi: bigint }>> = {
  int8: { lo: -128n, hi: 127n },
  int16: { lo: -32768n, hi: 32767n },
  int32: { lo: -(2n ** 31n), hi: 2n ** 31n - 1n },
  int64: { lo: -(2n ** 63n), hi: 2n ** 63n - 1n },
  uint8: { lo: 0n, hi: 255n },
  uint16: { lo: 0n, hi: 65535n },
  uint32: { lo: 0n, hi: 2n ** 32n - 1n },
  uint64: { lo: 0n, hi: 2n ** 64n - 1n },
};

/**
 * Converts JS scalars to host data of `dtype`, as NumPy converts Python scalars: floats to
 * integers truncate toward zero; integers (and truncated floats) outside the dtype's range,
 * NaN and ±Infinity to an integer dtype throw ValueError; complex to a real dtype throws
 * DTypeError; anything to bool is `x != 0`.
 */
export function scalarsToHost(fn: string, values: readonly Scalar[], dtype: DType): HostArray {
  const out = allocHost(dtype, values.length);
  const complexOut = isComplex(dtype);
  const intOut = INT_RANGE[dtype] !== undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v === 'object') {
      if (complexOut) {
        out[2 * i] = v.re;
        out[2 * i + 1] = v.im;
        continue;
      }
      if (isBool(dtype)) {
        out[i] = v.re !== 0 || v.im !== 0 ? 1 : 0;
        continue;
      }
      throw new DTypeError(`${fn}: cannot store the complex value ${v.re}${v.im < 0 ? '' : '+'}${v.im}j in a ${dtype} array; take np.real() first or use a complex dtype`);
    }
    if (complexOut) {
      out[2 * i] = Number(v);
      out[2 * i + 1] = 0;
    } else if (isBool(dtype)) {
      out[i] = typeof v === 'bigint' ? (v !== 0n ? 1 : 0) : typeof v === 'number' ? (v !== 0 ? 1 : 0) : v ? 1 : 0; // NaN → true, as C
    } else if (intOut) {
      const b = checkedInteger(fn, typeof v === 'boolean' ? (v ? 1 : 0) : v, dtype);
      if (is64BitInt(dtype)) (out as BigInt64Array)[i] = b;
      else out[i] = Number(b);
    } else if (dtype === 'float16') {
      out[i] = numberToHalf(Number(v));
    } else {
      out[i] = Number(v);
    }
  }
  return out;
}
