/** NumPy `.npy` files (format 1.0–3.0): read and write. */
import type { DType, HostArray } from './dtypes.js';
import type { Shape } from './shape.js';

export interface NpyContents {
  data: HostArray;
  shape: number[];
  dtype: DType;
}

/** Parses `.npy` bytes. TODO(helper): implement. */
export function parseNpy(bytes: Uint8Array): NpyContents {
  void bytes;
  throw new Error('not implemented');
}

/** Serialises host data as `.npy` (format 1.0, little-endian, C order). TODO(helper): implement. */
export function encodeNpy(data: HostArray, shape: Shape, dtype: DType): Uint8Array {
  void data; void shape; void dtype;
  throw new Error('not implemented');
}
