/**
 * The results.json schema (documented in docs/benchmarks.md). The Python reference runner
 * (benchmarks/reference/run.py) writes the same shape, so the two merge by concatenation.
 * Bump SCHEMA_VERSION on any incompatible change and say what changed in the docs.
 */

export const SCHEMA_NAME = 'arr-bench/results';
export const SCHEMA_VERSION = 1;

/** Timing statistics of one timed task, in milliseconds. */
export interface Stat {
  median: number;
  min: number;
  max: number;
  mean: number;
  /** Number of timed samples (warm-up runs excluded). */
  samples: number;
}

/**
 * Where the time goes. `compute`: inputs already on the engine, the operation until its result is
 * ready (forced by reading one element back). `upload`: making the engine's arrays from host
 * TypedArrays (`asarray`). `download`: `data()` of a ready result. `total`: upload of every input,
 * compute and download of the result, in one task. A part the engine does not have is null.
 */
export interface Breakdown {
  upload: Stat | null;
  compute: Stat | null;
  download: Stat | null;
  total: Stat | null;
}

export type EngineSource = 'arr' | 'baseline' | 'reference';

/** One engine that was asked for (or tried by default), whether or not it ran. */
export interface EngineRecord {
  /** The id used in results and tags: the adapter spec (`ndarray`, `onnxruntime:webgpu`), `typescript`, or `numpy`, `cupy`, `torch:cpu`, `torch:cuda`. */
  id: string;
  source: EngineSource;
  kind: 'cpu' | 'gpu';
  status: 'ok' | 'skipped' | 'failed';
  /** Why it did not run (one line). */
  reason?: string;
  /** Whether the user named it explicitly (then a failure makes the exit status non-zero). */
  explicit: boolean;
  /** The package that provides it, e.g. `@arr/adapter-ndarray` or `numpy`. */
  package?: string;
  version?: string;
  /** What actually ran, as `np.info().engine()` reports it (or the Python library's own description). */
  engine?: { adapter: string; backend: string; device: string; details?: Record<string, string | number | boolean> };
  /** Whether the engine has float16 (declared by `np.info().dtypes()`). */
  float16?: boolean;
}

export interface ResultRecord {
  /** The case group: matmul, elementwise, creation, reduction, filter, overhead, float16. */
  case: string;
  /** The operation: matmul, mul-scalar, square, add, chain, ones, sum, sum-axis, mean, mean-axis, max, max-axis, extract-sum, add-1. */
  op: string;
  engine: string;
  dtype: string;
  /** The size on the sweep axis: n for n×n matmul, element count otherwise. */
  size: number;
  /** Shapes of the inputs. */
  shape: number[];
  status: 'ok' | 'skipped' | 'failed';
  /** Why it was skipped or failed (time or memory budget, unsupported dtype, error message). */
  note?: string;
  stats?: Breakdown;
  /** Floating-point operations of one compute run, when meaningful (matmul: 2n³). */
  flops?: number;
  /** Bytes of inputs plus output. */
  bytes?: number;
  /** Maximum absolute and relative error of the result against a float64 reference (float16 case). */
  accuracy?: { maxAbsError: number; maxRelError: number };
  /** Bytes the engine held for the inputs and result (`np.memory().bytes` difference, or size × itemsize). */
  memoryBytes?: number;
}

export interface CrossoverRecord {
  case: string;
  op: string;
  dtype: string;
  gpuEngine: string;
  /** For each size both have: the fastest CPU engine and the speedups (CPU time / GPU time). */
  points: { size: number; cpuEngine: string; speedupCompute: number | null; speedupTotal: number | null }[];
  /** The smallest size from which the GPU engine is faster at every measured size (null: never). */
  withoutTransfers: number | null;
  withTransfers: number | null;
}

export interface GpuInfo {
  name: string;
  driver: string;
  memoryBytes: number;
}

export interface Environment {
  node: string;
  platform: string;
  arch: string;
  hostname: string;
  cpu: { model: string; cores: number };
  memory: { totalBytes: number; freeBytes: number };
  gpus: GpuInfo[];
  git: { commit: string | null; dirty: boolean | null };
  /** Versions of the packages that took part (name → version). */
  packages: Record<string, string>;
  /** The Python side when --reference ran (python version, numpy/cupy/torch versions, CUDA). */
  python?: Record<string, unknown>;
}

export interface Results {
  schema: typeof SCHEMA_NAME;
  version: typeof SCHEMA_VERSION;
  /** Who wrote the file: `@arr/bench` or `benchmarks/reference/run.py`. */
  generator: string;
  startedAt: string;
  finishedAt: string | null;
  /** false when the run was interrupted (Ctrl-C) or stopped early: what was measured is kept. */
  complete: boolean;
  command: string[];
  options: {
    mode: 'quick' | 'default' | 'full';
    cases: string[];
    sizes: number[] | null;
    /** `--sizes case=list` flags (absent when none were given). */
    sizesByCase?: Record<string, number[]>;
    dtype: string;
    adapters: string[];
    reference: boolean;
  };
  environment: Environment;
  engines: EngineRecord[];
  results: ResultRecord[];
  crossover: CrossoverRecord[];
  notes: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkStat(s: unknown, where: string, errs: string[]): void {
  if (s === null) return;
  if (!isObj(s)) return void errs.push(`${where}: expected a Stat object or null`);
  for (const k of ['median', 'min', 'max', 'mean', 'samples']) {
    if (typeof s[k] !== 'number' || !Number.isFinite(s[k] as number)) errs.push(`${where}.${k}: expected a finite number, got ${JSON.stringify(s[k])}`);
  }
  if (typeof s.samples === 'number' && s.samples < 1) errs.push(`${where}.samples: expected ≥ 1`);
  if (typeof s.min === 'number' && typeof s.median === 'number' && typeof s.max === 'number' && !(s.min <= s.median && s.median <= s.max)) {
    errs.push(`${where}: expected min ≤ median ≤ max`);
  }
}

/** Checks a parsed results.json against the schema; returns the list of problems (empty when valid). */
export function validateResults(r: unknown): string[] {
  const errs: string[] = [];
  if (!isObj(r)) return ['results: expected an object'];
  if (r.schema !== SCHEMA_NAME) errs.push(`schema: expected ${SCHEMA_NAME}, got ${JSON.stringify(r.schema)}`);
  if (r.version !== SCHEMA_VERSION) errs.push(`version: expected ${SCHEMA_VERSION}, got ${JSON.stringify(r.version)}`);
  for (const k of ['generator', 'startedAt']) if (typeof r[k] !== 'string') errs.push(`${k}: expected a string`);
  if (typeof r.complete !== 'boolean') errs.push('complete: expected a boolean');
  if (!isObj(r.options)) errs.push('options: expected an object');
  const env = r.environment;
  if (!isObj(env)) errs.push('environment: expected an object');
  else {
    if (typeof env.node !== 'string') errs.push('environment.node: expected a string');
    if (!isObj(env.cpu) || typeof env.cpu.model !== 'string' || typeof env.cpu.cores !== 'number') errs.push('environment.cpu: expected { model, cores }');
    if (!isObj(env.memory) || typeof env.memory.totalBytes !== 'number') errs.push('environment.memory.totalBytes: expected a number');
    if (!Array.isArray(env.gpus)) errs.push('environment.gpus: expected an array');
    if (!isObj(env.packages)) errs.push('environment.packages: expected an object');
  }
  if (!Array.isArray(r.engines)) errs.push('engines: expected an array');
  else
    r.engines.forEach((e, i) => {
      if (!isObj(e)) return void errs.push(`engines[${i}]: expected an object`);
      if (typeof e.id !== 'string') errs.push(`engines[${i}].id: expected a string`);
      if (!['ok', 'skipped', 'failed'].includes(e.status as string)) errs.push(`engines[${i}].status: expected ok|skipped|failed`);
      if (!['cpu', 'gpu'].includes(e.kind as string)) errs.push(`engines[${i}].kind: expected cpu|gpu`);
      if (e.status !== 'ok' && typeof e.reason !== 'string') errs.push(`engines[${i}].reason: expected a string when status is ${String(e.status)}`);
    });
  if (!Array.isArray(r.results)) errs.push('results: expected an array');
  else
    r.results.forEach((x, i) => {
      const w = `results[${i}]`;
      if (!isObj(x)) return void errs.push(`${w}: expected an object`);
      for (const k of ['case', 'op', 'engine', 'dtype']) if (typeof x[k] !== 'string') errs.push(`${w}.${k}: expected a string`);
      if (typeof x.size !== 'number') errs.push(`${w}.size: expected a number`);
      if (!Array.isArray(x.shape)) errs.push(`${w}.shape: expected an array`);
      if (!['ok', 'skipped', 'failed'].includes(x.status as string)) errs.push(`${w}.status: expected ok|skipped|failed`);
      if (x.status === 'ok') {
        if (!isObj(x.stats)) errs.push(`${w}.stats: expected a breakdown when status is ok`);
        else {
          for (const k of ['upload', 'compute', 'download', 'total']) checkStat(x.stats[k], `${w}.stats.${k}`, errs);
          if (x.stats.compute === null) errs.push(`${w}.stats.compute: expected a Stat when status is ok`);
        }
      } else if (typeof x.note !== 'string') errs.push(`${w}.note: expected a string when status is ${String(x.status)}`);
    });
  if (!Array.isArray(r.crossover)) errs.push('crossover: expected an array');
  if (!Array.isArray(r.notes)) errs.push('notes: expected an array');
  return errs;
}
