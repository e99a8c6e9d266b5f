/**
 * `createNamespace(adapter)`: assembles the public namespace from the function groups in api/,
 * bound to one adapter. Adapter packages call it and export the result.
 */
import type { Adapter } from './adapter.js';
import type { NDArray } from './array.js';
import { Context } from './context.js';
import { DTYPES, type DType, isdtype } from './dtypes.js';
import { makeInfo, type Info } from './info.js';
import { creationFunctions, type CreationFunctions } from './api/creation.js';
import { dataTypeFunctions, type DataTypeFunctions } from './api/data-types.js';
import { elementwiseFunctions, type ElementwiseFunctions } from './api/elementwise.js';
import { indexingFunctions, type IndexingFunctions } from './api/indexing.js';
import { linalgMainFunctions, type LinalgMainFunctions } from './api/linalg-main.js';
import { manipulationFunctions, type ManipulationFunctions } from './api/manipulation.js';
import { searchingFunctions, type SearchingFunctions } from './api/searching.js';
import { setFunctions, type SetFunctions } from './api/set.js';
import { sortingFunctions, type SortingFunctions } from './api/sorting.js';
import { statisticalFunctions, type StatisticalFunctions } from './api/statistical.js';
import { utilityFunctions, type UtilityFunctions } from './api/utility.js';
import { ioFunctions, type IOFunctions } from './api/io.js';
import { linalgFunctions, type LinalgFunctions } from './api/linalg.js';
import { fftFunctions, type FftFunctions } from './api/fft.js';

/** The dtype names as namespace constants (`np.float32 === 'float32'`). */
export type DTypeConstants = { readonly [K in DType]: K };

export interface NamespaceCore {
  /**
   * The Array API inspection namespace plus `engine()`.
   * @example
   * np.info().defaultDtypes()['real floating']; // => 'float32'
   * np.info().capabilities()['max dimensions']; // => 64
   */
  info(): Info;
  /**
   * Runs `fn` and disposes every array created inside it except those it returns (in an array,
   * nested list or plain object), like `tf.tidy`. `fn` must be synchronous.
   * @example
   * const y = np.scope(() => np.add(np.multiply(np.ones([3]), 2), 1)); // the temporary is freed
   * await y.toArray(); // => [3, 3, 3]
   */
  scope<T>(fn: () => T): T;
  /**
   * Live arrays and engine bytes of this namespace, so a leak is visible.
   * @example
   * const before = np.memory().arrays;
   * np.ones([4]).dispose();
   * np.memory().arrays - before; // => 0
   */
  memory(): { arrays: number; bytes: number };
  /** Euler's number. */
  readonly e: number;
  /** Positive infinity. */
  readonly inf: number;
  /** Not a number. */
  readonly nan: number;
  /** π. */
  readonly pi: number;
  /** `null`: inserts a new axis of length 1 when used as an index key. */
  readonly newaxis: null;
  /** The linear-algebra extension (`np.linalg`). */
  readonly linalg: LinalgFunctions;
  /** The FFT extension (`np.fft`). */
  readonly fft: FftFunctions;
}

/** The whole public namespace an adapter exports. */
export interface ArrayNamespace
  extends NamespaceCore, DTypeConstants, CreationFunctions, DataTypeFunctions, ElementwiseFunctions, IndexingFunctions,
    LinalgMainFunctions, ManipulationFunctions, SearchingFunctions, SetFunctions, SortingFunctions, StatisticalFunctions,
    UtilityFunctions, IOFunctions {}

/**
 * Builds a namespace on an adapter's kernels. All validation, promotion and broadcasting
 * happen here, in core, so every adapter behaves the same.
 */
export function createNamespace<H>(adapter: Adapter<H>): ArrayNamespace {
  const ctx = new Context(adapter as Adapter);
  const dtypeConstants = Object.fromEntries(DTYPES.map((d) => [d, d])) as DTypeConstants;
  const info = makeInfo(ctx, isdtype as never);
  const ns: ArrayNamespace = Object.freeze({
    ...dtypeConstants,
    info: () => info,
    scope: <T>(fn: () => T) => ctx.scope(fn),
    memory: () => ctx.memory(),
    e: Math.E,
    inf: Infinity,
    nan: NaN,
    pi: Math.PI,
    newaxis: null,
    linalg: Object.freeze(linalgFunctions(ctx)),
    fft: Object.freeze(fftFunctions(ctx)),
    ...creationFunctions(ctx),
    ...dataTypeFunctions(ctx),
    ...elementwiseFunctions(ctx),
    ...indexingFunctions(ctx),
    ...linalgMainFunctions(ctx),
    ...manipulationFunctions(ctx),
    ...searchingFunctions(ctx),
    ...setFunctions(ctx),
    ...sortingFunctions(ctx),
    ...statisticalFunctions(ctx),
    ...utilityFunctions(ctx),
    ...ioFunctions(ctx),
  });
  ctx.ns = ns;
  return ns;
}

export type { NDArray };
