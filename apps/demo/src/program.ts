/**
 * The demo program: written once against `ArrayNamespace`, so it runs unchanged on every adapter.
 */
import type { ArrayNamespace, EngineInfo, NDArray, NestedArray } from '@arr/core';

/** The input matrix every adapter gets. */
export const INPUT = [
  [1, 2, 3],
  [4, 6, 8],
];

/** Row-wise softmax, stable (the max is subtracted first). */
export function softmax(np: ArrayNamespace, x: NDArray): NDArray {
  return np.scope(() => {
    const e = np.exp(np.subtract(x, np.max(x, { axis: -1, keepdims: true })));
    return np.divide(e, np.sum(e, { axis: -1, keepdims: true }));
  });
}

export interface ProgramResult {
  readonly engine: EngineInfo;
  readonly dtype: string;
  readonly softmax: NestedArray;
  /** x @ xᵀ */
  readonly matmul: NestedArray;
  /** Sum over axis 0. */
  readonly sum: NestedArray;
  /** Mean of all elements. */
  readonly mean: NestedArray;
  /** x[:, 1:] */
  readonly slice: NestedArray;
  /** x[::-1, ::2] */
  readonly reversed: NestedArray;
}

/** Runs the program on one namespace and reads every result back; leaves no array behind. */
export async function runProgram(np: ArrayNamespace): Promise<ProgramResult> {
  const x = np.asarray(INPUT, { dtype: 'float32' });
  // The scope frees temporaries (such as the view x.mT) and keeps the returned arrays.
  const outputs = np.scope(() => ({
    softmax: softmax(np, x),
    matmul: np.matmul(x, x.mT),
    sum: np.sum(x, { axis: 0 }),
    mean: np.mean(x),
    slice: x.get(':', '1:'),
    reversed: x.get('::-1', '::2'),
  }));
  try {
    const read = async (a: NDArray) => a.toArray();
    return {
      engine: np.info().engine(),
      dtype: x.dtype,
      softmax: await read(outputs.softmax),
      matmul: await read(outputs.matmul),
      sum: await read(outputs.sum),
      mean: await read(outputs.mean),
      slice: await read(outputs.slice),
      reversed: await read(outputs.reversed),
    };
  } finally {
    for (const a of Object.values(outputs)) a.dispose();
    x.dispose();
  }
}
