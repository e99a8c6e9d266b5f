/**
 * @arr/adapter-ndarray: the strict CPU reference adapter of @arr — every dtype, strided views on
 * scijs `ndarray`, generated monomorphic kernels in TypeScript, synchronous read-back.
 * @example
 * import np from '@arr/adapter-ndarray';
 * const x = np.arange(6).reshape([2, 3]);
 * await np.sum(x, { axis: 1 }).toArray(); // [3, 12]
 * @packageDocumentation
 */
import { createNamespace as createCoreNamespace, type ArrayNamespace } from '@arr/core';
import { NdarrayAdapter, type NdarrayAdapterOptions } from './adapter.js';

export { NdarrayAdapter, type NdarrayAdapterOptions } from './adapter.js';

/** A new namespace on its own adapter instance (its own memory accounting). */
export async function createNamespace(options?: NdarrayAdapterOptions): Promise<ArrayNamespace> {
  return createCoreNamespace(new NdarrayAdapter(options));
}

/** The default namespace: `import np from '@arr/adapter-ndarray'`. */
const np: ArrayNamespace = createCoreNamespace(new NdarrayAdapter());
export default np;
