/** Host-side conversions: nested JS arrays ↔ typed arrays, float16 bits, scalars. */
import type { NestedArray, Scalar } from './array.js';
import { type DType, type HostArray, allocHost, isComplex, is64BitInt, isBool } from './dtypes.js';
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
