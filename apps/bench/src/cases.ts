/**
 * The benchmark cases. Each op knows its size sweeps, input shapes, cost model (for the time
 * budget), memory need (for the memory budget), how to run on an @arr namespace, and, for the
 * "no library" baseline, how to run as a plain TypeScript loop over Float32Arrays.
 */
import { numberToHalf, halfToNumber } from '@arr/core';
import type { BenchArray, BenchNs, HostData } from './ns.js';

export type Mode = 'quick' | 'default' | 'full';

export const CASES = ['matmul', 'elementwise', 'creation', 'reduction', 'filter', 'overhead', 'float16'] as const;
export type CaseName = (typeof CASES)[number];

/** What one (op, engine, size) measurement runs. Every function waits for the result. */
export interface Tasks {
  upload?: () => Promise<void>;
  compute: () => Promise<void>;
  download?: () => Promise<void>;
  total?: () => Promise<void>;
  /** Max error of the result against a float64 reference (float16 case). */
  accuracy?: () => Promise<{ maxAbsError: number; maxRelError: number }>;
  /** Engine bytes held by the inputs and one result. */
  memoryBytes?: number;
  dispose(): void;
}

export interface OpDef {
  case: CaseName;
  op: string;
  /** Size sweeps: n for n×n matmul, element count otherwise. */
  sizes: Record<Mode, number[]>;
  /** Input shapes for a size. */
  shapes(size: number): number[][];
  /** Time grows as size^exponent (used to predict the next size's time). */
  exponent: number;
  /** Elements of inputs plus output (for the memory budget). */
  elements(size: number): number;
  flops?(size: number): number;
  /** Build the tasks on an @arr namespace. */
  arr(ns: BenchNs, size: number, dtype: string): Promise<Tasks>;
  /** The plain TypeScript baseline, when the op has one, and its largest size per mode. */
  baseline?: { run(size: number): Tasks; maxSize: Record<Mode, number> };
  /** The float16 case runs the op in float16 and float32 and measures the error against float64. */
  accuracyRef?: boolean;
}

// ---------------------------------------------------------------------------------------------
// host data

/** mulberry32: a small seeded PRNG, so every run sees the same inputs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform [0, 1) float32 values. */
export function randomF32(n: number, seed: number): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = r();
  return out;
}

/** The host array `asarray` takes for a dtype (float16 as Uint16Array bits, see HOST_ARRAY). */
export function toHost(values: Float32Array, dtype: string): HostData {
  if (dtype === 'float32') return values;
  if (dtype === 'float64') return Float64Array.from(values);
  if (dtype === 'float16') {
    const out = new Uint16Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = numberToHalf(values[i]!);
    return out;
  }
  throw new Error(`dtype ${dtype} is not benchmarked (use float32, float16 or float64)`);
}

/** Float64 values of what `data()` returned. */
export function fromHost(data: HostData, dtype: string): Float64Array {
  const out = new Float64Array(data.length);
  if (dtype === 'float16') for (let i = 0; i < data.length; i++) out[i] = halfToNumber(Number(data[i]));
  else for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  return out;
}

export function itemsize(dtype: string): number {
  return dtype === 'float16' ? 2 : dtype === 'float64' ? 8 : 4;
}

/** Engines whose package exports `ready(...arrays)` (resolves once computed on the device). */
const waiters = new WeakMap<BenchNs, (y: BenchArray) => Promise<void>>();
export function useReady(ns: BenchNs, ready: (y: BenchArray) => Promise<void>): void {
  waiters.set(ns, ready);
}

/**
 * Waits until `y` is computed: the package's `ready()` where it has one (the CUDA adapter: an
 * event after the work, as CuPy's timing synchronizes the device), else one element read back
 * (forces lazy and queued engines).
 */
export async function sync(y: BenchArray, ns?: BenchNs): Promise<void> {
  const ready = ns && waiters.get(ns);
  if (ready) return ready(y);
  if (y.size <= 1) {
    await y.data();
    return;
  }
  const e = y.get(...y.shape.map(() => 0));
  await e.data();
  e.dispose();
}

// ---------------------------------------------------------------------------------------------
// generic task builders

type ArrFn = (ns: BenchNs, xs: BenchArray[]) => BenchArray | Promise<BenchArray>;

/** Tasks for an op whose inputs are host arrays uploaded with asarray. */
async function arrTasks(ns: BenchNs, hostIns: { data: HostData; shape: number[] }[], dtype: string, fn: ArrFn): Promise<Tasks> {
  const upload = () => hostIns.map((h) => ns.asarray(h.data, { shape: h.shape, dtype }));
  const bytesBefore = safeBytes(ns);
  const resident = upload();
  let ready: BenchArray | undefined;
  try {
    ready = await fn(ns, resident);
    await sync(ready, ns);
  } catch (e) {
    for (const x of resident) x.dispose();
    throw e;
  }
  const after = safeBytes(ns);
  const r = ready;
  return {
    ...(hostIns.length > 0
      ? {
          upload: async () => {
            const xs = upload();
            for (const x of xs) await sync(x, ns);
            for (const x of xs) x.dispose();
          },
        }
      : {}),
    compute: async () => {
      const y = await fn(ns, resident);
      await sync(y, ns);
      y.dispose();
    },
    download: async () => {
      await r.data();
    },
    total: async () => {
      const xs = upload();
      const y = await fn(ns, xs);
      await y.data();
      y.dispose();
      for (const x of xs) x.dispose();
    },
    ...(bytesBefore !== undefined && after !== undefined ? { memoryBytes: after - bytesBefore } : {}),
    dispose: () => {
      r.dispose();
      for (const x of resident) x.dispose();
    },
    // Kept for the float16 case's error check.
    ...{ _result: r },
  } as Tasks;
}

function safeBytes(ns: BenchNs): number | undefined {
  try {
    return ns.memory().bytes;
  } catch {
    return undefined;
  }
}

/** The result an op's tasks computed once before timing (what `download` reads). */
export function resultOf(t: Tasks): BenchArray {
  return (t as unknown as { _result: BenchArray })._result;
}

/** Tasks for the TypeScript baseline: compute only, no transfers. */
function loopTasks(run: () => void): Tasks {
  return {
    compute: async () => run(),
    dispose: () => {},
  };
}

const decades = (from: number, to: number, steps: number[] = [1]): number[] => {
  const out: number[] = [];
  for (let e = from; e <= to; e++) for (const s of steps) if (s * 10 ** e <= 10 ** to) out.push(s * 10 ** e);
  return out;
};

/** Reductions and filters see a 2-D array of 1000 columns when the size allows. */
function matrixShape(size: number): number[] {
  return size >= 1000 && size % 1000 === 0 ? [size / 1000, 1000] : [size];
}

// ---------------------------------------------------------------------------------------------
// matmul

function matmulOp(c: CaseName, sizes: Record<Mode, number[]>, accuracyRef: boolean): OpDef {
  return {
    case: c,
    op: 'matmul',
    sizes,
    shapes: (n) => [[n, n], [n, n]],
    exponent: 3,
    elements: (n) => 3 * n * n,
    flops: (n) => 2 * n ** 3,
    accuracyRef,
    async arr(ns, n, dtype) {
      const a = randomF32(n * n, 1);
      const b = randomF32(n * n, 2);
      const t = await arrTasks(ns, [{ data: toHost(a, dtype), shape: [n, n] }, { data: toHost(b, dtype), shape: [n, n] }], dtype, (np, [x, y]) => np.matmul(x!, y!));
      if (accuracyRef) t.accuracy = () => matmulError(resultOf(t), dtype, a, b, n);
      return t;
    },
    ...(accuracyRef
      ? {}
      : {
          baseline: {
            maxSize: { quick: 128, default: 256, full: 512 },
            run(n) {
              const a = randomF32(n * n, 1);
              const b = randomF32(n * n, 2);
              return loopTasks(() => {
                const out = new Float32Array(n * n);
                // i-k-j order: the inner loop walks rows of b and out contiguously.
                for (let i = 0; i < n; i++) {
                  const oi = i * n;
                  for (let k = 0; k < n; k++) {
                    const aik = a[oi + k]!;
                    const bk = k * n;
                    for (let j = 0; j < n; j++) out[oi + j] += aik * b[bk + j]!;
                  }
                }
              });
            },
          },
        }),
  };
}

/** Error of a matmul result against float64, on up to 32 rows (the reference costs n² per row). */
async function matmulError(y: BenchArray, dtype: string, a: Float32Array, b: Float32Array, n: number): Promise<{ maxAbsError: number; maxRelError: number }> {
  const got = fromHost(await y.data(), dtype);
  // The float64 reference uses the inputs the engine saw (rounded to the dtype), so the error is the computation's.
  const round = dtype === 'float16' ? (v: number) => halfToNumber(numberToHalf(v)) : (v: number) => v;
  const rows = Math.min(n, 32);
  let maxAbs = 0;
  let maxRef = 0;
  const row = new Float64Array(n);
  for (let i = 0; i < rows; i++) {
    row.fill(0);
    for (let k = 0; k < n; k++) {
      const aik = round(a[i * n + k]!);
      for (let j = 0; j < n; j++) row[j] += aik * round(b[k * n + j]!);
    }
    for (let j = 0; j < n; j++) {
      maxAbs = Math.max(maxAbs, Math.abs(got[i * n + j]! - row[j]!));
      maxRef = Math.max(maxRef, Math.abs(row[j]!));
    }
  }
  return { maxAbsError: maxAbs, maxRelError: maxRef === 0 ? maxAbs : maxAbs / maxRef };
}

// ---------------------------------------------------------------------------------------------
// elementwise

const EW_SIZES: Record<Mode, number[]> = {
  quick: [1e3, 1e4, 1e5, 1e6],
  default: decades(3, 7),
  full: [...decades(3, 8, [1, 3]), 1e9],
};

type EwDef = {
  op: string;
  /** Input arrays of n elements (x, and y for two). */
  inputs: 1 | 2;
  /** Elements read and written, and flops, per input element (for the throughput columns). */
  traffic: number;
  flops: number;
  arr: ArrFn;
  loop: (x: Float32Array, y: Float32Array) => void;
  ref: (v: number, w: number) => number;
};

const ELEMENTWISE: EwDef[] = [
  {
    op: 'mul-scalar',
    inputs: 1,
    traffic: 2,
    flops: 1,
    arr: (np, [x]) => np.multiply(x!, 5),
    loop: (x) => {
      const o = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) o[i] = x[i]! * 5;
    },
    ref: (v) => v * 5,
  },
  {
    op: 'square',
    inputs: 1,
    traffic: 2,
    flops: 1,
    arr: (np, [x]) => np.multiply(x!, x!),
    loop: (x) => {
      const o = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) o[i] = x[i]! * x[i]!;
    },
    ref: (v) => v * v,
  },
  {
    op: 'add',
    inputs: 1,
    traffic: 2,
    flops: 1,
    arr: (np, [x]) => np.add(x!, x!),
    loop: (x) => {
      const o = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) o[i] = x[i]! + x[i]!;
    },
    ref: (v) => v + v,
  },
  {
    // The classic chain: x = x*5; x = x*x; x = x+x (three kernels, two temporaries freed).
    op: 'chain',
    inputs: 1,
    traffic: 4,
    flops: 3,
    arr: (np, [x]) => {
      const a = np.multiply(x!, 5);
      const b = np.multiply(a, a);
      a.dispose();
      const c = np.add(b, b);
      b.dispose();
      return c;
    },
    loop: (x) => {
      const a = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) a[i] = x[i]! * 5;
      const b = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) b[i] = a[i]! * a[i]!;
      const c = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) c[i] = b[i]! + b[i]!;
    },
    ref: (v) => {
      const a = v * 5;
      const b = a * a;
      return b + b;
    },
  },
  {
    // x*5 + y: the issues' GPU target case (two kernels op by op, one when an engine fuses).
    op: 'axpy',
    inputs: 2,
    traffic: 3,
    flops: 2,
    arr: (np, [x, y]) => {
      const a = np.multiply(x!, 5);
      const r = np.add(a, y!);
      a.dispose();
      return r;
    },
    loop: (x, y) => {
      const o = new Float32Array(x.length);
      for (let i = 0; i < x.length; i++) o[i] = x[i]! * 5 + y[i]!;
    },
    ref: (v, w) => v * 5 + w,
  },
  {
    // Ten elementwise ops (five times t*1.0001 + 0.5): what fusion saves over op-by-op engines.
    op: 'chain10',
    inputs: 1,
    traffic: 2,
    flops: 10,
    arr: (np, [x]) => {
      let t = x!;
      for (let k = 0; k < 5; k++) {
        const a = np.multiply(t, 1.0001);
        if (t !== x) t.dispose();
        t = np.add(a, 0.5);
        a.dispose();
      }
      return t;
    },
    loop: (x) => {
      let t = x;
      for (let k = 0; k < 5; k++) {
        const a = new Float32Array(t.length);
        for (let i = 0; i < t.length; i++) a[i] = Math.fround(t[i]! * Math.fround(1.0001));
        const b = new Float32Array(t.length);
        for (let i = 0; i < t.length; i++) b[i] = a[i]! + 0.5;
        t = b;
      }
    },
    ref: (v) => {
      let t = v;
      for (let k = 0; k < 5; k++) t = Math.fround(Math.fround(t * Math.fround(1.0001)) + 0.5);
      return t;
    },
  },
];

/** The case's inputs at n elements: x, and y for two-input ops (fixed seeds: every run sees the same). */
const ewInputs = (d: EwDef, n: number): Float32Array[] => (d.inputs === 2 ? [randomF32(n, 3), randomF32(n, 4)] : [randomF32(n, 3)]);

function elementwiseOp(d: EwDef, c: CaseName, sizes: Record<Mode, number[]>, accuracyRef: boolean): OpDef {
  return {
    case: c,
    op: d.op,
    sizes,
    shapes: (n) => Array.from({ length: d.inputs }, () => [n]),
    exponent: 1,
    elements: (n) => d.traffic * n,
    flops: (n) => d.flops * n,
    accuracyRef,
    async arr(ns, n, dtype) {
      const ins = ewInputs(d, n);
      const [x, y] = ins as [Float32Array, Float32Array | undefined];
      const t = await arrTasks(ns, ins.map((v) => ({ data: toHost(v, dtype), shape: [n] })), dtype, d.arr);
      if (accuracyRef) {
        t.accuracy = async () => {
          const got = fromHost(await resultOf(t).data(), dtype);
          const round = dtype === 'float16' ? (v: number) => halfToNumber(numberToHalf(v)) : (v: number) => v;
          let maxAbs = 0;
          let maxRef = 0;
          for (let i = 0; i < n; i++) {
            const r = d.ref(round(x[i]!), y ? round(y[i]!) : 0);
            maxAbs = Math.max(maxAbs, Math.abs(got[i]! - r));
            maxRef = Math.max(maxRef, Math.abs(r));
          }
          return { maxAbsError: maxAbs, maxRelError: maxRef === 0 ? maxAbs : maxAbs / maxRef };
        };
      }
      return t;
    },
    ...(accuracyRef
      ? {}
      : {
          baseline: {
            maxSize: { quick: 1e6, default: 1e7, full: 1e7 },
            run: (n: number) => {
              const [x, y = new Float32Array(0)] = ewInputs(d, n);
              return loopTasks(() => d.loop(x!, y));
            },
          },
        }),
  };
}

// ---------------------------------------------------------------------------------------------
// reductions, filter, creation, overhead

const RED_SIZES: Record<Mode, number[]> = { quick: [1e3, 1e4, 1e5, 1e6], default: decades(3, 7), full: decades(3, 8, [1, 3]) };

function reductionOp(name: 'sum' | 'mean' | 'max', axis: boolean): OpDef {
  return {
    case: 'reduction',
    op: axis ? `${name}-axis` : name,
    sizes: RED_SIZES,
    shapes: (n) => [matrixShape(n)],
    exponent: 1,
    elements: (n) => n + (axis ? n / 1000 : 1),
    async arr(ns, n, dtype) {
      const shape = matrixShape(n);
      return arrTasks(ns, [{ data: toHost(randomF32(n, 4), dtype), shape }], dtype, (np, [x]) => np[name](x!, axis ? { axis: -1 } : undefined));
    },
    ...(name === 'sum' && !axis
      ? {
          baseline: {
            maxSize: { quick: 1e6, default: 1e7, full: 1e7 },
            run: (n: number) => {
              const x = randomF32(n, 4);
              return loopTasks(() => {
                let s = 0;
                for (let i = 0; i < x.length; i++) s += x[i]!;
                if (Number.isNaN(s)) throw new Error('unreachable');
              });
            },
          },
        }
      : {}),
  };
}

const filterOp: OpDef = {
  case: 'filter',
  op: 'extract-sum',
  sizes: RED_SIZES,
  shapes: (n) => [matrixShape(n)],
  exponent: 1,
  elements: (n) => 3 * n,
  async arr(ns, n, dtype) {
    return arrTasks(ns, [{ data: toHost(randomF32(n, 5), dtype), shape: matrixShape(n) }], dtype, async (np, [x]) => {
      const mask = np.greater(x!, 0.5);
      const kept = await np.extract(mask, x!);
      mask.dispose();
      const s = np.sum(kept);
      kept.dispose();
      return s;
    });
  },
};

/** ones([s, s, s]): size is s³ elements. */
const onesOp: OpDef = {
  case: 'creation',
  op: 'ones',
  sizes: { quick: [10 ** 3, 50 ** 3, 100 ** 3], default: [10 ** 3, 100 ** 3, 200 ** 3], full: [10 ** 3, 100 ** 3, 200 ** 3, 500 ** 3, 1000 ** 3] },
  shapes: () => [],
  exponent: 1,
  elements: (n) => n,
  async arr(ns, n, dtype) {
    const s = Math.round(Math.cbrt(n));
    const shape = s ** 3 === n ? [s, s, s] : [n];
    return arrTasks(ns, [], dtype, (np) => np.ones(shape, { dtype }));
  },
};

const overheadOp: OpDef = {
  case: 'overhead',
  op: 'add-1',
  sizes: { quick: [1], default: [1], full: [1] },
  shapes: () => [[1], [1]],
  exponent: 0,
  elements: () => 3,
  async arr(ns, _n, dtype) {
    return arrTasks(
      ns,
      [
        { data: toHost(Float32Array.of(1), dtype), shape: [1] },
        { data: toHost(Float32Array.of(2), dtype), shape: [1] },
      ],
      dtype,
      (np, [a, b]) => np.add(a!, b!),
    );
  },
};

const MATMUL_SIZES: Record<Mode, number[]> = {
  quick: [16, 64, 128, 256],
  default: [16, 32, 64, 128, 256, 384, 512, 768, 1024],
  full: [16, 32, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 5000, 6144, 8192],
};

/** Every op, in run order. */
export const OPS: readonly OpDef[] = [
  matmulOp('matmul', MATMUL_SIZES, false),
  ...ELEMENTWISE.map((d) => elementwiseOp(d, 'elementwise', EW_SIZES, false)),
  onesOp,
  reductionOp('sum', false),
  reductionOp('sum', true),
  reductionOp('mean', false),
  reductionOp('mean', true),
  reductionOp('max', false),
  reductionOp('max', true),
  filterOp,
  overheadOp,
  matmulOp('float16', { quick: [64, 128], default: [64, 256, 512], full: [128, 256, 512, 1024, 2048, 4096] }, true),
  elementwiseOp(ELEMENTWISE.find((d) => d.op === 'chain')!, 'float16', { quick: [1e4, 1e5], default: [1e4, 1e5, 1e6], full: decades(4, 8) }, true),
];
