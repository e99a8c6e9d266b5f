/** createNamespace for the tfjs adapter (kept apart from index.ts, whose default export starts a backend on import). */
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace as createCoreNamespace, type ArrayNamespace, ValueError } from '@arr/core';
import { TfjsAdapter } from './adapter.js';
import { BACKENDS, DEFAULT_LOADERS, DEFAULT_ORDER, startBackend, startFirst, type BackendLoaders, type BackendName } from './backends.js';

export interface TfjsNamespaceOptions {
  /**
   * The backend to use, or an ordered list to try (the first that starts wins; `engine()` says
   * which, and `engine().details` why the ones before it did not). Default:
   * `['tensorflow', 'webgpu', 'wasm', 'cpu']`. A single name that cannot start throws DeviceError.
   */
  readonly backend?: BackendName | readonly BackendName[];
  /**
   * webgpu: reduce long axes in two stages (tfjs gives each output of a reduction one workgroup,
   * so `sum` over 2^26 float32 took 52 ms on an H200). Default false: checked on the cpu backend
   * (`src/split-reduce.test.ts`) but not yet run on a GPU. Ignored on other backends.
   */
  readonly splitReductions?: boolean;
  /** Replaces the backend loaders (tests). */
  readonly loaders?: Partial<BackendLoaders>;
}

// Production mode: no debug checks, and no "install tfjs-node" banner from the cpu backend.
tf.env().set('PROD', true);

/** A namespace on the requested tfjs backend (see {@link TfjsNamespaceOptions}). */
export async function createNamespace(options: TfjsNamespaceOptions = {}): Promise<ArrayNamespace> {
  const loaders: BackendLoaders = { ...DEFAULT_LOADERS, ...(options.loaders ?? {}) };
  const req = options.backend ?? DEFAULT_ORDER;
  const list = typeof req === 'string' ? [req] : [...req];
  for (const b of list) {
    if (!BACKENDS.includes(b)) throw new ValueError(`createNamespace: backend ${JSON.stringify(b)} is not a tfjs backend; expected one of ${BACKENDS.join(', ')}`);
  }
  if (list.length === 0) throw new ValueError('createNamespace: backend must name at least one of ' + BACKENDS.join(', '));
  const adapter = typeof req === 'string'
    ? new TfjsAdapter(req, await startBackend(req, loaders))
    : await startFirst(list, loaders).then(({ name, loaded, skipped }) => new TfjsAdapter(name, loaded, skipped));
  if (options.splitReductions && adapter.backend === 'webgpu') adapter.splitReductionsFrom = 1 << 16;
  return createCoreNamespace(adapter);
}

