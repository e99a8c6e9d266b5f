/**
 * The host-side core of the `unique*` functions: a stable sort of host data with NumPy's order
 * (NaN last; complex lexicographic with NaN-holding values last), grouping of equal values
 * (−0 equals +0; every NaN is its own value, as `np.unique_values`), first indices, inverse and counts.
 */
import { type DType, type HostArray, allocHost, isComplex, lanes } from '../dtypes.js';
import { halfToNumber } from '../host.js';

export interface UniqueHost {
  /** The unique values, sorted, in the input's host storage type. */
  values: HostArray;
  /** For each unique value, the flat index of its first occurrence. */
  indices: Int32Array;
  /** For each input element (flat), the position of its value in `values`. */
  inverse: Int32Array;
  /** For each unique value, how many times it occurs. */
  counts: Int32Array;
}

/** Orders real numbers with NaN last (−0 and +0 compare equal). */
const cmpReal = (a: number, b: number): number => {
  const na = a !== a, nb = b !== b;
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** Computes the unique values of host data of `size` elements of `dtype`. */
export function uniqueHost(data: HostArray, dtype: DType, size: number): UniqueHost {
  const order = Array.from({ length: size }, (_, i) => i);
  let cmp: (i: number, j: number) => number;
  let isNaNAt: (i: number) => boolean = () => false;
  if (isComplex(dtype)) {
    const d = data as Float32Array | Float64Array;
    cmp = (i, j) => cmpReal(d[2 * i]!, d[2 * j]!) || cmpReal(d[2 * i + 1]!, d[2 * j + 1]!);
    isNaNAt = (i) => Number.isNaN(d[2 * i]) || Number.isNaN(d[2 * i + 1]);
  } else if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    const d = data;
    cmp = (i, j) => (d[i]! < d[j]! ? -1 : d[i]! > d[j]! ? 1 : 0);
  } else {
    const keys: ArrayLike<number> = dtype === 'float16' ? Float64Array.from(data as Uint16Array, halfToNumber) : (data as ArrayLike<number>);
    cmp = (i, j) => cmpReal(keys[i]!, keys[j]!);
    isNaNAt = (i) => Number.isNaN(keys[i]);
  }
  order.sort((i, j) => cmp(i, j) || i - j); // ties by position: the first of a group is the first occurrence

  const inverse = new Int32Array(size);
  const firsts: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < size; k++) {
    const i = order[k]!;
    const prev = k > 0 ? order[k - 1]! : -1;
    if (k === 0 || isNaNAt(i) || cmp(prev, i) !== 0) {
      firsts.push(i);
      counts.push(0);
    }
    inverse[i] = firsts.length - 1;
    counts[counts.length - 1]!++;
  }

  const l = lanes(dtype);
  const values = allocHost(dtype, firsts.length);
  firsts.forEach((i, g) => {
    for (let c = 0; c < l; c++) (values as Float64Array)[g * l + c] = (data as Float64Array)[i * l + c]!;
  });
  return { values, indices: Int32Array.from(firsts), inverse, counts: Int32Array.from(counts) };
}
