/**
 * @arr/adapter-onnxruntime: @arr on onnxruntime-node. Arrays are lazy: operations record ONNX
 * nodes, and read-back (or {@link evaluate}) runs the pending expression as one cached ONNX
 * session, so chains of operations fuse into one `run()`.
 * @example
 * import np, { evaluate } from '@arr/adapter-onnxruntime';
 * const y = np.add(np.multiply(np.arange(4), 5), 1); // recorded, not run
 * await y.toArray(); // [1, 6, 11, 16] — one ONNX graph, one run()
 * @packageDocumentation
 */
import { createNamespace as createCoreNamespace, type ArrayNamespace, type NDArray, ValueError, isNDArray } from '@arr/core';
import { OnnxAdapter, type OnnxAdapterOptions } from './adapter.js';
import { PROVIDERS, selectProvider, type ExecutionProvider, type Starter } from './providers.js';
import type { LazyNode } from './graph.js';

export { OnnxAdapter, type OnnxAdapterOptions } from './adapter.js';
export { PROVIDERS, selectProvider, explainFailure, type ExecutionProvider } from './providers.js';

export interface OnnxNamespaceOptions {
  /**
   * Providers to try, in order; the first that starts is used and `np.info().engine().backend`
   * names it. Default `['cuda', 'webgpu', 'cpu']`. None starting throws DeviceError.
   */
  readonly executionProviders?: readonly ExecutionProvider[];
  /** Threads per op on the CPU EP (default: all cores). */
  readonly intraOpNumThreads?: number;
  /** Pending nodes after which an expression is evaluated in the background (default 512). */
  readonly maxPending?: number;
  /**
   * Options for the provider that starts, as onnxruntime-node takes them, e.g.
   * `{ validationMode: 'wgpuOnly', storageBufferCacheMode: 'bucket' }` for WebGPU.
   */
  readonly providerOptions?: Readonly<Record<string, unknown>>;
  /**
   * GPU providers: an array made by `asarray` that the user still holds moves to the device the
   * first time a graph reads it, so later graphs do not upload it again (default true; false
   * uploads it with every run). Ignored on the CPU provider.
   */
  readonly deviceInputs?: boolean;
  /**
   * Graph forms GPU providers have kernels for (int32 flags, NaN tests by comparison, integer ops
   * from arithmetic; see `OnnxAdapterOptions.gpuGraphForms`). Default: on for GPU providers, off
   * for the CPU one.
   */
  readonly gpuGraphForms?: boolean;
  /**
   * Long reductions to few outputs in two stages (see `OnnxAdapterOptions.splitReductions`).
   * Default on for GPU providers, off for the CPU one; `true` from 65 536 reduced elements, a
   * number sets the threshold.
   */
  readonly splitReductions?: boolean | number;
  /**
   * CPU provider: reuse the host buffers of disposed results (≥ 1 MiB) as later outputs. Default
   * true; a number sets the threshold in bytes; false turns it off.
   */
  readonly reuseOutputs?: boolean | number;
  /**
   * CPU provider: run through ORT's C API, in place on our buffers (default: where it loads;
   * `true` requires it; `false` uses onnxruntime-node's `run()`). See `OnnxAdapterOptions.cApi`.
   */
  readonly cApi?: boolean;
  /** CPU provider with the C API: largest intermediates peak served by the shared arena (default 1 GiB; 0: no arena). See `OnnxAdapterOptions.arenaBytes`. */
  readonly arenaBytes?: number;
  /** @internal Replaces session creation when probing providers (tests). */
  readonly starter?: Starter;
}

/** A namespace on the first execution provider of the list that starts. */
export async function createNamespace(options: OnnxNamespaceOptions = {}): Promise<ArrayNamespace> {
  const list = options.executionProviders ?? PROVIDERS;
  const { ep, tried } = await selectProvider(list, options.starter);
  const adapterOptions: OnnxAdapterOptions = {
    executionProvider: ep,
    skipped: tried,
    ...(options.intraOpNumThreads !== undefined ? { intraOpNumThreads: options.intraOpNumThreads } : {}),
    ...(options.maxPending !== undefined ? { maxPending: options.maxPending } : {}),
    ...(options.providerOptions !== undefined ? { providerOptions: options.providerOptions } : {}),
    ...(options.deviceInputs !== undefined ? { deviceInputs: options.deviceInputs } : {}),
    ...(options.splitReductions !== undefined ? { splitReductions: options.splitReductions } : {}),
    ...(options.reuseOutputs !== undefined ? { reuseOutputs: options.reuseOutputs } : {}),
    ...(options.cApi !== undefined ? { cApi: options.cApi } : {}),
    ...(options.arenaBytes !== undefined ? { arenaBytes: options.arenaBytes } : {}),
    ...(options.gpuGraphForms !== undefined ? { gpuGraphForms: options.gpuGraphForms } : {}),
  };
  return createCoreNamespace(new OnnxAdapter(adapterOptions));
}

/**
 * Computes the given arrays now, as one ONNX graph (one `run()`), and keeps the results on the
 * device (GPU providers: as GPU buffers). Read-back does this implicitly; use it to bound a
 * pending expression or to time the computation itself.
 */
export async function evaluate(...arrays: NDArray[]): Promise<void> {
  if (arrays.length === 1) return adapterOf(arrays[0]).evaluate([arrays[0]!._handle as LazyNode]);
  const byAdapter = new Map<OnnxAdapter, LazyNode[]>();
  for (const a of arrays) {
    const adapter = adapterOf(a);
    const list = byAdapter.get(adapter) ?? [];
    list.push(a._handle as LazyNode);
    byAdapter.set(adapter, list);
  }
  await Promise.all([...byAdapter].map(([ad, hs]) => ad.evaluate(hs)));
}

/** The onnxruntime adapter that owns `a` (throws ValueError for anything else). */
function adapterOf(a: NDArray | undefined): OnnxAdapter {
  if (!isNDArray(a)) throw new ValueError(`evaluate: arguments must be arrays; received ${String(a)}`);
  const adapter = a._ctx.adapter;
  if (!(adapter instanceof OnnxAdapter)) throw new ValueError(`evaluate: the array belongs to the ${adapter.name} adapter, not onnxruntime`);
  a._ctx.arr('evaluate', 'x', a);
  return adapter;
}

/** The default namespace: CUDA, else WebGPU, else CPU — whichever starts (see engine()). */
const np: ArrayNamespace = await createNamespace();
export default np;
