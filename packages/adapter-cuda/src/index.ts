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
import { createNamespace as createCoreNamespace, type ArrayNamespace, DeviceError, type DType, type HostArray, type NDArray, ValueError } from '@arr/core';
import { CudaAdapter, type CudaAdapterOptions } from './adapter.js';

export { CudaAdapter, type CudaAdapterOptions } from './adapter.js';
export { discover, type Discovery, type Toolkit } from './discovery.js';

/** A new namespace on its own CUDA adapter (own pool, stream and options). Rejects with DeviceError without CUDA. */
export async function createNamespace(options?: CudaAdapterOptions): Promise<ArrayNamespace> {
  return wrap(new CudaAdapter(options));
}

/** Each CUDA namespace's adapter, for the CUDA-only helpers below. */
const adapters = new WeakMap<ArrayNamespace, CudaAdapter>();
function wrap(adapter: CudaAdapter): ArrayNamespace {
  const ns = createCoreNamespace(adapter);
  adapters.set(ns, adapter);
  return ns;
}
function adapterOf(ns: ArrayNamespace, fn: string): CudaAdapter {
  const a = adapters.get(ns);
  if (!a) throw new ValueError(`${fn}: expected an array or namespace of @arr/adapter-cuda`);
  return a;
}

/**
 * A host typed array in page-locked (pinned) memory, like CuPy's `cupyx.empty_pinned`:
 * `np.asarray(pinned)` and `readInto(x, pinned)` then copy by DMA with no staging copy
 * (about 55 GB/s on an H200 against about 5 GB/s for ordinary JS memory). `length` counts
 * elements (a complex element takes two lanes). Freed when garbage-collected.
 * @example
 * import np, { emptyPinned, readInto } from '@arr/adapter-cuda';
 * const host = emptyPinned('float32', 1 << 20);
 * host.fill(1.5);
 * const x = np.asarray(host);            // one DMA
 * await readInto(np.multiply(x, 2), host); // one DMA back; host[0] is 3
 */
export function emptyPinned(dtype: DType, length: number, ns: ArrayNamespace = defaultNamespace()): HostArray {
  return adapterOf(ns, 'emptyPinned').emptyPinned(dtype, length);
}

/**
 * Reads x into an existing typed array of its host type and length (CuPy's `x.get(out=...)`);
 * from `emptyPinned` this is one DMA, otherwise it goes through staging. Resolves to `out`.
 */
export function readInto<T extends HostArray>(x: NDArray, out: T): Promise<T> {
  return adapterOf(x.namespace, 'readInto').readInto(x as Parameters<CudaAdapter['readInto']>[0], out) as Promise<T>;
}

/**
 * Resolves once the arrays are computed on the GPU, without reading anything back (CuPy:
 * `cp.cuda.Device().synchronize()`, but it does not block the event loop). Fused chains still
 * pending are launched first. For timing device work; values come from `data()` as usual.
 * @example
 * import np, { ready } from '@arr/adapter-cuda';
 * const a = np.ones([4096, 4096]);
 * const t0 = performance.now();
 * const c = np.matmul(a, a);
 * await ready(c); // the product is done
 * console.log(`${(performance.now() - t0).toFixed(2)} ms`);
 */
export async function ready(...arrays: NDArray[]): Promise<void> {
  const byAdapter = new Map<CudaAdapter, Parameters<CudaAdapter['ready']>[0][number][]>();
  for (const x of arrays) {
    const a = adapterOf(x.namespace, 'ready');
    const list = byAdapter.get(a) ?? [];
    list.push(x.handle as Parameters<CudaAdapter['ready']>[0][number]);
    byAdapter.set(a, list);
  }
  await Promise.all([...byAdapter].map(([a, hs]) => a.ready(hs)));
}

let defaultNs: ArrayNamespace | undefined;
let loadError: unknown;

/** The default namespace, created on first call; throws the DeviceError when CUDA cannot load. */
export function defaultNamespace(): ArrayNamespace {
  if (defaultNs) return defaultNs;
  if (loadError) throw loadError;
  try {
    defaultNs = wrap(new CudaAdapter());
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
