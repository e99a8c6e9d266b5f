/**
 * Starting a tfjs backend: each engine has a loader (dynamic imports, so a missing optional
 * package only matters when that engine is asked for) and a probe that says why it cannot start.
 * Selection never falls back silently: `startBackend` throws DeviceError with the reason and the
 * fix; `startFirst` tries an ordered list and reports which one ran and why the others did not.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DeviceError } from '@arr/core';

export type BackendName = 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['tensorflow', 'webgpu', 'wasm', 'cpu'];
/** The default order: the first that starts is used. */
export const DEFAULT_ORDER: readonly BackendName[] = BACKENDS;

/** What a loader found out about the engine it started (goes into `engine().details`). */
export interface LoadedBackend {
  /** Device name for `engine()`, e.g. a GPU adapter's description. */
  readonly device?: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Registers a backend with tfjs and makes sure it can run (throws an Error whose message says
 * why not). Injected in tests.
 */
export type BackendLoader = () => Promise<LoadedBackend>;
export type BackendLoaders = Readonly<Record<BackendName, BackendLoader>>;

/** How to fix a backend that cannot start (appended to the DeviceError). */
export const HOW_TO_FIX: Readonly<Record<BackendName, string>> = {
  tensorflow:
    'install @tensorflow/tfjs-node-gpu@4.22.0 (CUDA 11.2 + cuDNN 8.1 on Linux x64) or @tensorflow/tfjs-node@4.22.0 (CPU); ' +
    'their install script downloads libtensorflow from storage.googleapis.com, so it must be allowed to run ' +
    '(pnpm: add it to onlyBuiltDependencies) and reach that host',
  webgpu:
    'install the `webgpu` package (0.6.2, Dawn for Node) and make sure a Vulkan driver and loader (libvulkan.so.1) ' +
    'are present and see the GPU',
  wasm: 'reinstall @tensorflow/tfjs-backend-wasm@4.22.0 (its dist/*.wasm files must be present)',
  cpu: 'reinstall @tensorflow/tfjs-backend-cpu@4.22.0',
};

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 400);

/** Registers and initialises `name` via its loader and makes it tfjs's active backend. */
export async function startBackend(name: BackendName, loaders: BackendLoaders = DEFAULT_LOADERS): Promise<LoadedBackend> {
  let loaded: LoadedBackend;
  try {
    loaded = await loaders[name]();
    if (!(await tf.setBackend(name))) throw new Error(`tfjs could not initialise the '${name}' backend`);
    await tf.ready();
  } catch (e) {
    if (e instanceof DeviceError) throw e;
    throw new DeviceError(`createNamespace: the tfjs '${name}' backend cannot start: ${message(e)}. To fix: ${HOW_TO_FIX[name]}`);
  }
  return loaded;
}

/** Tries `order` in turn; returns the first that starts and why the ones before it did not. */
export async function startFirst(
  order: readonly BackendName[],
  loaders: BackendLoaders = DEFAULT_LOADERS,
): Promise<{ name: BackendName; loaded: LoadedBackend; skipped: Record<string, string> }> {
  const skipped: Record<string, string> = {};
  for (const name of order) {
    try {
      return { name, loaded: await startBackend(name, loaders), skipped };
    } catch (e) {
      skipped[name] = message(e);
    }
  }
  throw new DeviceError(
    `createNamespace: none of the tfjs backends ${order.join(', ')} could start: ` +
      Object.entries(skipped).map(([k, v]) => `${k}: ${v}`).join('; '),
  );
}

// ---- the real loaders ----

const require = createRequire(import.meta.url);
const resolveDir = (pkg: string): string => path.dirname(require.resolve(pkg));

async function loadTensorflow(): Promise<LoadedBackend> {
  const errors: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      await import(/* @vite-ignore */ pkg);
      if (tf.findBackend('tensorflow') === null && !tf.engine().registryFactory['tensorflow']) {
        throw new Error(`${pkg} loaded but registered no 'tensorflow' backend`);
      }
      return { device: pkg.endsWith('gpu') ? 'CUDA GPU (libtensorflow)' : 'CPU (libtensorflow)', details: { package: pkg } };
    } catch (e) {
      const m = message(e);
      errors.push(/Cannot find (package|module)/.test(m) ? `${pkg} is not installed` : `${pkg} failed to load (${m})`);
    }
  }
  throw new Error(errors.join('; '));
}

async function loadWebgpu(): Promise<LoadedBackend> {
  let webgpu: { create(flags: string[]): unknown; globals: Record<string, unknown> };
  try {
    webgpu = (await import(/* @vite-ignore */ 'webgpu')) as typeof webgpu;
  } catch (e) {
    const m = message(e);
    throw new Error(/Cannot find (package|module)/.test(m) ? 'the `webgpu` package is not installed' : `the \`webgpu\` package failed to load (${m})`);
  }
  const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
  if (!g.navigator?.gpu) {
    Object.assign(globalThis, webgpu.globals);
    const gpu = webgpu.create([]);
    if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
    else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  }
  const gpu = g.navigator!.gpu as { requestAdapter(o?: object): Promise<{ info?: Record<string, string> } | null> };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter: Dawn found no usable GPU (Vulkan driver or loader missing?)');
  await import('@tensorflow/tfjs-backend-webgpu');
  const info = adapter.info ?? {};
  const device = [info['vendor'], info['architecture'], info['device'], info['description']].filter(Boolean).join(' ') || 'WebGPU adapter';
  return { device, details: { dawn: 'webgpu@npm' } };
}

async function loadWasm(): Promise<LoadedBackend> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Point the backend at the .wasm files inside node_modules (no network); threads need workers
  // that Node's build of the backend does not start, so the SIMD binary is used.
  const dir = resolveDir('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(dir.endsWith(path.sep) ? dir : dir + path.sep);
  return { details: { wasmDir: dir } };
}

async function loadCpu(): Promise<LoadedBackend> {
  await import('@tensorflow/tfjs-backend-cpu');
  return {};
}

export const DEFAULT_LOADERS: BackendLoaders = Object.freeze({
  tensorflow: loadTensorflow,
  webgpu: loadWebgpu,
  wasm: loadWasm,
  cpu: loadCpu,
});
