/**
 * Comparing results with NumPy's: dtypes and shapes exactly, values with a tolerance per dtype
 * (exact for bool and integers; relative + absolute for floats, per component for complex).
 * NaN matches NaN; −0 and +0 are told apart only where the case asks (`signedZero`).
 */
import { halfToNumber, type DType, type HostArray, type NDArray } from '@arr/core';
import { decodeElement, type EncodedArray, type Element } from './fixtures.js';

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** Default tolerances (per real component). Fixtures may widen them for sums and libm functions. */
export const TOLERANCE: Readonly<Record<DType, Tolerance>> = {
  bool: { rtol: 0, atol: 0 },
  int8: { rtol: 0, atol: 0 }, int16: { rtol: 0, atol: 0 }, int32: { rtol: 0, atol: 0 }, int64: { rtol: 0, atol: 0 },
  uint8: { rtol: 0, atol: 0 }, uint16: { rtol: 0, atol: 0 }, uint32: { rtol: 0, atol: 0 }, uint64: { rtol: 0, atol: 0 },
  float16: { rtol: 1e-3, atol: 1e-4 },
  float32: { rtol: 1e-5, atol: 1e-6 },
  float64: { rtol: 1e-12, atol: 1e-14 },
  complex64: { rtol: 1e-5, atol: 1e-6 },
  complex128: { rtol: 1e-12, atol: 1e-14 },
};

/** Host data → elements as fixtures decode them (float16 bits → numbers, complex → pairs, bool → boolean). */
export function hostElements(data: HostArray, dtype: DType): Element[] {
  const out: Element[] = [];
  switch (dtype) {
    case 'bool':
      for (const v of data as Uint8Array) out.push(v !== 0);
      return out;
    case 'float16':
      for (const v of data as Uint16Array) out.push(halfToNumber(v));
      return out;
    case 'complex64': case 'complex128':
      for (let i = 0; i < data.length; i += 2) out.push([data[i] as number, data[i + 1] as number]);
      return out;
    default:
      for (let i = 0; i < data.length; i++) out.push((data as ArrayLike<number | bigint>)[i]!);
      return out;
  }
}

function closeNumber(a: number, e: number, tol: Tolerance, signedZero: boolean): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (Number.isNaN(a)) return false;
  if (!Number.isFinite(e) || !Number.isFinite(a)) return a === e;
  if (a === 0 && e === 0) return !signedZero || Object.is(a, e);
  if (signedZero && a === e) return Object.is(a, e);
  return Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
}

/** Whether one element matches its expected value. */
export function closeElement(a: Element, e: Element, tol: Tolerance, signedZero = false): boolean {
  if (typeof e === 'boolean') return a === e;
  if (typeof e === 'bigint') return typeof a === 'bigint' ? a === e : false;
  if (Array.isArray(e)) {
    if (!Array.isArray(a)) return false;
    return closeNumber(a[0] as number, e[0] as number, tol, signedZero) && closeNumber(a[1] as number, e[1] as number, tol, signedZero);
  }
  if (typeof a !== 'number') return false;
  if (tol.rtol === 0 && tol.atol === 0) return Object.is(a, e) || (a === e && !signedZero);
  return closeNumber(a, e as number, tol, signedZero);
}

const fmt = (v: Element | undefined): string =>
  v === undefined ? 'missing' : typeof v === 'bigint' ? `${v}n` : Array.isArray(v) ? `${fmt(v[0])}${Object.is(v[1], -0) || (v[1] as number) < 0 ? '' : '+'}${fmt(v[1])}j` : Object.is(v, -0) ? '-0' : String(v);

export interface CompareOptions {
  tol?: Tolerance;
  signedZero?: boolean;
  /** 'shape': compare only dtype and shape (e.g. `empty`). */
  compare?: 'shape';
}

/**
 * Compares a result array with an encoded expected array. Returns a description of the first
 * mismatches, or undefined when they match.
 */
export async function compareArray(actual: NDArray, expected: EncodedArray, options: CompareOptions = {}, where = 'result'): Promise<string | undefined> {
  if (actual.dtype !== expected.dtype) return `${where}: dtype ${actual.dtype}, expected ${expected.dtype}`;
  const shape = [...actual.shape];
  if (shape.length !== expected.shape.length || shape.some((d, i) => d !== expected.shape[i])) {
    return `${where}: shape [${shape.join(',')}], expected [${expected.shape.join(',')}]`;
  }
  if (options.compare === 'shape') return undefined;
  const data = await actual.data();
  const got = hostElements(data, actual.dtype);
  const want = expected.data.map((v) => decodeElement(v, expected.dtype));
  if (got.length !== want.length) return `${where}: data() has ${got.length} elements, expected ${want.length}`;
  const tol = options.tol ?? TOLERANCE[expected.dtype];
  const bad: string[] = [];
  let count = 0;
  for (let i = 0; i < want.length; i++) {
    if (!closeElement(got[i]!, want[i]!, tol, options.signedZero ?? false)) {
      count++;
      if (bad.length < 6) bad.push(`[${unravel(i, expected.shape).join(',')}] got ${fmt(got[i])}, expected ${fmt(want[i])}`);
    }
  }
  if (count === 0) return undefined;
  return `${where} (${expected.dtype}, shape [${expected.shape.join(',')}], rtol ${tol.rtol}, atol ${tol.atol}): ${count} of ${want.length} elements differ: ${bad.join('; ')}`;
}

function unravel(i: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let k = shape.length - 1; k >= 0; k--) {
    out[k] = i % shape[k]!;
    i = Math.floor(i / shape[k]!);
  }
  return out;
}
