/**
 * @arr/adapter-tfjs: @arr on TensorFlow.js — the `tensorflow` (tfjs-node / tfjs-node-gpu),
 * `webgpu` (tfjs-backend-webgpu on Dawn), `wasm` (SIMD) and `cpu` backends.
 * @example
 * import np from '@arr/adapter-tfjs';           // best backend that starts
 * np.info().engine();                            // { adapter: 'tfjs', backend: 'wasm', … }
 * import { createNamespace } from '@arr/adapter-tfjs';
 * const npc = await createNamespace({ backend: 'cpu' });
 * @packageDocumentation
 */
import type { ArrayNamespace } from '@arr/core';
import { createNamespace } from './create.js';

export { createNamespace, type TfjsNamespaceOptions } from './create.js';
export { TfjsAdapter } from './adapter.js';
export { fastMatmulWebgpu, FAST_MATMUL_VARIANTS, type FastMatmulChoice, type FastMatmulVariant } from './webgpu-matmul.js';
export { BACKENDS, DEFAULT_ORDER, HOW_TO_FIX, type BackendName, type BackendLoader, type BackendLoaders, type LoadedBackend } from './backends.js';

/** The default namespace: `import np from '@arr/adapter-tfjs'` (tensorflow > webgpu > wasm > cpu). */
const np: ArrayNamespace = await createNamespace();
export default np;
