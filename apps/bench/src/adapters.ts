/**
 * The adapter registry: an adapter spec (`ndarray`, `tfjs:wasm`, `onnxruntime:webgpu`, `cuda`)
 * names a package and the options its `createNamespace(options)` gets. Packages are loaded with
 * a dynamic import(), so an adapter that is not installed costs nothing until it is asked for.
 * Never falls back silently: a missing package or an engine that cannot start is reported with
 * its reason, and an engine that reports another backend than the one asked for is rejected.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseName } from './cases.js';
import type { BenchArray, BenchNs } from './ns.js';
import type { EngineRecord } from './schema.js';

export interface AdapterSpec {
  /** The spec as written on the command line. */
  id: string;
  package: string;
  /** Options passed to `createNamespace`; null means the package's default export. */
  options: Record<string, unknown> | null;
  /** The backend / execution provider `engine().backend` must report (case-insensitive substring). */
  expectBackend?: string;
  /** What to tell the user when the package is missing. */
  install: string;
  /** A variant that runs only when named in --adapters (not part of the default list). */
  optIn?: boolean;
  /** The only cases it runs (a variant that differs from its base in these alone, like TF32). */
  cases?: readonly CaseName[];
}

const ORT_INSTALL = 'add @arr/adapter-onnxruntime (and onnxruntime-node) to apps/bench and run pnpm install';
const CUDA_INSTALL = 'add @arr/adapter-cuda to apps/bench and run pnpm install (needs an NVIDIA driver and the CUDA libraries)';
const TFJS_INSTALL = 'add @arr/adapter-tfjs (and its backend package) to apps/bench and run pnpm install';

/** Every spec the bench knows, in the order they run by default. */
export const ADAPTERS: readonly AdapterSpec[] = [
  { id: 'ndarray', package: '@arr/adapter-ndarray', options: null, install: 'run pnpm install (it is a workspace dependency of @arr/bench)' },
  { id: 'tfjs:cpu', package: '@arr/adapter-tfjs', options: { backend: 'cpu' }, expectBackend: 'cpu', install: TFJS_INSTALL },
  { id: 'tfjs:wasm', package: '@arr/adapter-tfjs', options: { backend: 'wasm' }, expectBackend: 'wasm', install: TFJS_INSTALL },
  { id: 'tfjs:webgpu', package: '@arr/adapter-tfjs', options: { backend: 'webgpu' }, expectBackend: 'webgpu', install: TFJS_INSTALL },
  // tfjs's own kernels only (no two-stage reductions, no WGSL matmul), for comparison with tfjs:webgpu.
  { id: 'tfjs:webgpu:plain', package: '@arr/adapter-tfjs', options: { backend: 'webgpu', splitReductions: false, fastMatmul: false }, expectBackend: 'webgpu', install: TFJS_INSTALL, optIn: true },
  { id: 'tfjs:tensorflow', package: '@arr/adapter-tfjs', options: { backend: 'tensorflow' }, expectBackend: 'tensorflow', install: TFJS_INSTALL },
  { id: 'onnxruntime:cpu', package: '@arr/adapter-onnxruntime', options: { executionProviders: ['cpu'] }, expectBackend: 'cpu', install: ORT_INSTALL },
  // onnxruntime-node's run() instead of ORT's C API, for comparison with onnxruntime:cpu.
  { id: 'onnxruntime:cpu:node', package: '@arr/adapter-onnxruntime', options: { executionProviders: ['cpu'], cApi: false }, expectBackend: 'cpu', install: ORT_INSTALL, optIn: true },
  { id: 'onnxruntime:webgpu', package: '@arr/adapter-onnxruntime', options: { executionProviders: ['webgpu'] }, expectBackend: 'webgpu', install: ORT_INSTALL },
  // Host arrays uploaded by every run (deviceInputs off), for comparison with onnxruntime:webgpu.
  { id: 'onnxruntime:webgpu:host-inputs', package: '@arr/adapter-onnxruntime', options: { executionProviders: ['webgpu'], deviceInputs: false }, expectBackend: 'webgpu', install: ORT_INSTALL, optIn: true },
  { id: 'onnxruntime:cuda', package: '@arr/adapter-onnxruntime', options: { executionProviders: ['cuda'] }, expectBackend: 'cuda', install: ORT_INSTALL },
  { id: 'cuda', package: '@arr/adapter-cuda', options: {}, expectBackend: 'cuda', install: CUDA_INSTALL },
  // One kernel per operation, as CuPy without cp.fuse: the op-by-op side of the fusion comparison.
  { id: 'cuda:unfused', package: '@arr/adapter-cuda', options: { fusion: false }, expectBackend: 'cuda', install: CUDA_INSTALL, optIn: true },
  // float32 products on TF32 tensor cores (opted in), against the reference's torch:cuda:tf32.
  { id: 'cuda:tf32', package: '@arr/adapter-cuda', options: { tf32: true }, expectBackend: 'cuda', install: CUDA_INSTALL, optIn: true, cases: ['matmul'] },
];

/** Every known spec, for --adapters. */
export const ADAPTER_IDS = ADAPTERS.map((a) => a.id);
/** What runs without --adapters. */
export const DEFAULT_ADAPTER_IDS = ADAPTERS.filter((a) => !a.optIn).map((a) => a.id);

export function findAdapter(id: string): AdapterSpec | undefined {
  return ADAPTERS.find((a) => a.id === id);
}

export interface LoadedEngine {
  record: EngineRecord;
  ns?: BenchNs;
  /** The package's `ready(...arrays)` export, when it has one (see cases.ts `sync`). */
  ready?: (y: BenchArray) => Promise<void>;
}

/** The first line of an error's message, without a trailing period. */
export function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.split('\n').find((l) => l.trim() !== '') ?? msg).trim();
}

function isMissingPackage(e: unknown, pkg: string): boolean {
  const code = (e as { code?: string } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  // A missing dependency *inside* the package is an engine that cannot start, not a missing adapter.
  return oneLine(e).includes(`'${pkg}'`);
}

/** The version of an installed package, looked up in the node_modules folders above `from`. */
export function packageVersion(pkg: string, from: string = fileURLToPath(import.meta.url)): string | undefined {
  let dir = dirname(from);
  for (let i = 0; i < 12; i++) {
    try {
      const j = JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: string };
      return j.version;
    } catch {
      /* keep walking up */
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

type Importer = (pkg: string) => Promise<Record<string, unknown>>;
const defaultImporter: Importer = (pkg) => import(pkg) as Promise<Record<string, unknown>>;

/**
 * Loads one adapter. Resolves to a record with status ok (and the namespace) or skipped/failed with
 * a one-line reason; never throws.
 */
export async function loadAdapter(spec: AdapterSpec, explicit: boolean, importer: Importer = defaultImporter): Promise<LoadedEngine> {
  const base: EngineRecord = { id: spec.id, source: 'arr', kind: 'cpu', status: 'failed', explicit, package: spec.package };
  let mod: Record<string, unknown>;
  try {
    mod = await importer(spec.package);
  } catch (e) {
    if (isMissingPackage(e, spec.package)) {
      return { record: { ...base, status: 'skipped', reason: `${spec.package} is not installed: ${spec.install}` } };
    }
    return { record: { ...base, reason: `${spec.package} failed to load: ${oneLine(e)}` } };
  }
  const version = packageVersion(spec.package);
  if (version !== undefined) base.version = version;
  let ns: BenchNs;
  try {
    if (spec.options === null) {
      ns = (await mod.default) as BenchNs;
    } else {
      const create = mod.createNamespace;
      if (typeof create !== 'function') throw new Error(`${spec.package} has no createNamespace export`);
      ns = (await (create as (o: unknown) => Promise<BenchNs>)(spec.options)) as BenchNs;
    }
    if (ns === undefined || typeof ns.info !== 'function') throw new Error(`${spec.package} did not give an @arr namespace`);
  } catch (e) {
    return { record: { ...base, reason: `${spec.id} could not start: ${oneLine(e)}` } };
  }
  try {
    const info = ns.info();
    const eng = info.engine();
    const kind = info.defaultDevice().kind;
    const record: EngineRecord = {
      ...base,
      kind,
      status: 'ok',
      engine: { adapter: eng.adapter, backend: eng.backend, device: eng.device, ...(eng.details ? { details: { ...eng.details } } : {}) },
      float16: 'float16' in info.dtypes(),
    };
    if (spec.expectBackend !== undefined && !eng.backend.toLowerCase().includes(spec.expectBackend)) {
      return { record: { ...record, status: 'failed', reason: `${spec.id}: asked for ${spec.expectBackend} but engine() reports backend ${eng.backend}` } };
    }
    const ready = typeof mod.ready === 'function' ? (y: BenchArray) => (mod.ready as (y: BenchArray) => Promise<void>)(y) : undefined;
    return { record, ns, ...(ready ? { ready } : {}) };
  } catch (e) {
    return { record: { ...base, reason: `${spec.id}: info().engine() failed: ${oneLine(e)}` } };
  }
}
