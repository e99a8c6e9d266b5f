/** createNamespace for the tfjs adapter (kept apart from index.ts, whose default export starts a backend on import). */
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace as createCoreNamespace, type ArrayNamespace, ValueError } from '@arr/core';
import { TfjsAdapter } from './adapter.js';
import { FAST_MATMUL_VARIANTS, type FastMatmulChoice } from './webgpu-matmul.js';
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
   * so `sum` over 2^26 float32 took 53 ms on an H200; split, 0.93 ms). Default true; false keeps
   * tfjs's one-stage reductions. Ignored on other backends.
   */
  readonly splitReductions?: boolean;
  /**
   * webgpu: run float32 matmuls ([M,K]x[K,N], and [B,M,K]x[B,K,N] with the same B) on the
   * adapter's own WGSL kernel (`src/webgpu-matmul.ts`: 64x64 output tiles, 8x4 outputs per
   * thread) instead of tfjs's MatMul (32x32 tiles, 4x4 per thread). On an H200 at 4096²: 33
   * TFLOP/s against tfjs's 20-21 (benchmarks/results/h200-2026-12-03b). Other dtypes, ranks and
   * broadcast batches keep tfjs's path.
   * `true` is `'auto'`; a variant name (`'tile64w128'`, `'tile64'`, `'tile64k32'`, `'tile128'`)
   * forces one; false keeps tfjs's MatMul. Default: the environment variable
   * `ARR_TFJS_FAST_MATMUL` (`0` turns it off, a variant name forces one), else `'auto'`.
   * Ignored on other backends.
   */
  readonly fastMatmul?: boolean | FastMatmulChoice;
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
  if ((options.splitReductions ?? true) && adapter.backend === 'webgpu') adapter.splitReductionsFrom = 1 << 16;
  const fast = fastMatmulOption(options.fastMatmul, (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.['ARR_TFJS_FAST_MATMUL']);
  if (fast !== false && adapter.backend === 'webgpu') adapter.fastMatmul = fast;
  return createCoreNamespace(adapter);
}

/** The `fastMatmul` setting: the option, else the environment variable's (`0`/`false` off, `1`/`true`/a variant name on), else 'auto'. */
export function fastMatmulOption(option: boolean | FastMatmulChoice | undefined, env: string | undefined): false | FastMatmulChoice {
  const valid = (v: string): v is FastMatmulChoice => v === 'auto' || Object.hasOwn(FAST_MATMUL_VARIANTS, v);
  if (option !== undefined) {
    if (option === true) return 'auto';
    if (option === false) return false;
    if (valid(option)) return option;
    throw new ValueError(`createNamespace: fastMatmul ${JSON.stringify(option)} is not true, false, 'auto' or one of ${Object.keys(FAST_MATMUL_VARIANTS).join(', ')}`);
  }
  const e = (env ?? '').trim();
  if (e === '0' || e.toLowerCase() === 'false') return false;
  if (e === '' || e === '1' || e.toLowerCase() === 'true') return 'auto';
  if (valid(e)) return e;
  throw new ValueError(`createNamespace: ARR_TFJS_FAST_MATMUL=${JSON.stringify(e)} is not 0, 1, 'auto' or one of ${Object.keys(FAST_MATMUL_VARIANTS).join(', ')}`);
}
