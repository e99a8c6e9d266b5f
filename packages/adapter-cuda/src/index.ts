/**
 * @arr/adapter-cuda: NVIDIA GPUs through the CUDA driver, cuBLAS and NVRTC, loaded at run time
 * with koffi (no compiled addon, no install-time download). Matrix products run on cuBLAS;
 * every other kernel is generated CUDA C compiled by NVRTC and cached on disk; chains of
 * elementwise operations fuse into one kernel.
 *
 * The default export is a lazy namespace: importing never touches CUDA, the first use loads it,
 * and on a machine without CUDA that first use throws the DeviceError saying what is missing.
 * `cudaAvailable()` tells without throwing.
 * @example
 * import np from '@arr/adapter-cuda';
 * const x = np.arange(6).reshape([2, 3]);
 * await np.sum(x, { axis: 1 }).toArray(); // [3, 12]
 * @packageDocumentation
 */
import { createNamespace as createCoreNamespace, type ArrayNamespace, DeviceError } from '@arr/core';
import { CudaAdapter, type CudaAdapterOptions } from './adapter.js';

export { CudaAdapter, type CudaAdapterOptions } from './adapter.js';
export { discover, type Discovery, type Toolkit } from './discovery.js';

/** A new namespace on its own CUDA adapter (own pool, stream and options). Rejects with DeviceError without CUDA. */
export async function createNamespace(options?: CudaAdapterOptions): Promise<ArrayNamespace> {
  return createCoreNamespace(new CudaAdapter(options));
}

let defaultNs: ArrayNamespace | undefined;
let loadError: unknown;

/** The default namespace, created on first call; throws the DeviceError when CUDA cannot load. */
export function defaultNamespace(): ArrayNamespace {
  if (defaultNs) return defaultNs;
  if (loadError) throw loadError;
  try {
    defaultNs = createCoreNamespace(new CudaAdapter());
    return defaultNs;
  } catch (e) {
    loadError = e instanceof DeviceError ? e : new DeviceError(`cuda: could not start: ${(e as Error).message}`);
    throw loadError;
  }
}

/** Whether CUDA loads here (driver, a GPU, cuBLAS and NVRTC); `reason` says why not. */
export function cudaAvailable(): { available: boolean; reason?: string } {
  try {
    defaultNamespace();
    return { available: true };
  } catch (e) {
    return { available: false, reason: (e as Error).message };
  }
}

/**
 * A namespace proxy that starts CUDA on first use, so importing works on any machine. It is
 * not a thenable (`then` reads as undefined), so `await`ing it or returning it from an async
 * function does not start CUDA.
 */
const np: ArrayNamespace = new Proxy({} as ArrayNamespace, {
  get(_t, prop) {
    if (prop === 'then' || typeof prop === 'symbol') return undefined;
    return Reflect.get(defaultNamespace(), prop);
  },
  has(_t, prop) { return Reflect.has(defaultNamespace(), prop); },
  ownKeys() { return Reflect.ownKeys(defaultNamespace()); },
  getOwnPropertyDescriptor(_t, prop) {
    const d = Reflect.getOwnPropertyDescriptor(defaultNamespace(), prop);
    return d ? { ...d, configurable: true } : undefined;
  },
});
export default np;
