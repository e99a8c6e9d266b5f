/**
 * Runs the planned measurements with tinybench: warm-up first, every timed task waits for its
 * result (readback inside the timed region), median/min/max/mean and the sample count kept.
 * Sizes that would exceed the time or memory budget are skipped with a note; an abort signal
 * (Ctrl-C) stops after the current task and keeps what was measured.
 */
import { Bench, type Task } from 'tinybench';
import { OPS, itemsize, type CaseName, type Mode, type OpDef, type Tasks } from './cases.js';
import type { BenchNs } from './ns.js';
import type { ResultRecord, Stat } from './schema.js';
import { oneLine } from './adapters.js';

/** An engine the runner can measure: an @arr namespace or the plain TypeScript baseline. */
export interface RunEngine {
  id: string;
  kind: 'cpu' | 'gpu';
  ns?: BenchNs;
  baseline?: boolean;
  float16?: boolean;
  /** Runs only these cases (see AdapterSpec.cases). */
  cases?: readonly CaseName[];
}

export interface Budget {
  /** tinybench time per task (ms). */
  taskTimeMs: number;
  minSamples: number;
  warmupIterations: number;
  warmupTimeMs: number;
  /** A size whose single run takes (or is predicted to take) longer is skipped (ms). */
  maxRunMs: number;
  /** Bytes the inputs, outputs and their copies may take. */
  memoryBytes: number;
}

export const BUDGETS: Record<Mode, Omit<Budget, 'memoryBytes'>> = {
  quick: { taskTimeMs: 40, minSamples: 5, warmupIterations: 2, warmupTimeMs: 10, maxRunMs: 1500 },
  default: { taskTimeMs: 250, minSamples: 10, warmupIterations: 4, warmupTimeMs: 50, maxRunMs: 10_000 },
  full: { taskTimeMs: 1000, minSamples: 10, warmupIterations: 8, warmupTimeMs: 250, maxRunMs: 30_000 },
};

export interface PlanItem {
  op: OpDef;
  engine: RunEngine;
  dtype: string;
  size: number;
}

export interface PlanOptions {
  mode: Mode;
  cases: readonly CaseName[];
  /** Overrides every op's sweep (the overhead case keeps size 1). */
  sizes: readonly number[] | null;
  /** Overrides the sweep of single cases (wins over `sizes`). */
  sizesByCase?: Partial<Record<CaseName, readonly number[]>>;
  dtype: string;
}

/** The sizes an op runs at under these options. */
export function sizesFor(op: OpDef, o: PlanOptions): number[] {
  if (op.case === 'overhead') return [1];
  return [...(o.sizesByCase?.[op.case] ?? o.sizes ?? op.sizes[o.mode])].sort((a, b) => a - b);
}

/** Everything to measure, in order: op by op, engine by engine, size ascending. */
export function plan(engines: readonly RunEngine[], o: PlanOptions): PlanItem[] {
  const items: PlanItem[] = [];
  for (const op of OPS) {
    if (!o.cases.includes(op.case)) continue;
    const dtypes = op.accuracyRef ? ['float32', 'float16'] : [o.dtype];
    for (const engine of engines) {
      if (engine.baseline && (op.baseline === undefined || o.dtype !== 'float32')) continue;
      if (engine.cases && !engine.cases.includes(op.case)) continue;
      for (const dtype of dtypes) {
        for (const size of sizesFor(op, o)) {
          if (engine.baseline && size > op.baseline!.maxSize[o.mode]) continue;
          items.push({ op, engine, dtype, size });
        }
      }
    }
  }
  return items;
}

export interface RunHooks {
  signal?: AbortSignal;
  /** Called before each item starts and after it ends (for the progress bar). */
  onItem?(item: PlanItem, index: number, phase: 'start' | 'done', result?: ResultRecord): void;
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const fmtBytes = (b: number) => `${(b / 2 ** 30).toFixed(b < 2 ** 30 ? 2 : 1)} GiB`;

const yieldToEventLoop = () => new Promise<void>((r) => setImmediate(r));

function statOf(task: Task | undefined): Stat | null {
  const r = task?.result;
  if (r === undefined || (r.state !== 'completed' && r.state !== 'aborted-with-statistics')) {
    if (r?.state === 'errored') throw r.error;
    return null;
  }
  const l = r.latency;
  return { median: l.p50, min: l.min, max: l.max, mean: l.mean, samples: l.samplesCount };
}

/** Measures one item; throws when the engine throws. */
async function measure(tasks: Tasks, budget: Budget, probeMs: number, signal?: AbortSignal): Promise<ResultRecord['stats']> {
  const slow = probeMs > 1000;
  const bench = new Bench({
    time: budget.taskTimeMs,
    iterations: slow ? Math.min(3, budget.minSamples) : budget.minSamples,
    warmupIterations: probeMs > 50 ? 1 : budget.warmupIterations,
    warmupTime: budget.warmupTimeMs,
    throws: true,
    ...(signal ? { signal } : {}),
  });
  for (const name of ['upload', 'compute', 'download', 'total'] as const) {
    const fn = tasks[name];
    // Synchronous engines resolve every await at once, so the event loop (and a Ctrl-C) would wait
    // for the whole run: give it a turn before each sample, outside the timed region.
    if (fn) bench.add(name, fn, { async: true, beforeEach: yieldToEventLoop });
  }
  await bench.run();
  const get = (n: string) => bench.tasks.find((t) => t.name === n);
  return { upload: statOf(get('upload')), compute: statOf(get('compute')), download: statOf(get('download')), total: statOf(get('total')) };
}

async function build(item: PlanItem): Promise<Tasks> {
  const { op, engine, dtype, size } = item;
  if (engine.baseline) return op.baseline!.run(size);
  return op.arr(engine.ns!, size, dtype);
}

/**
 * Runs the plan. Returns one record per item (measured, skipped or failed) up to where it was
 * stopped; `complete` is false when the signal aborted it.
 */
export async function runPlan(items: readonly PlanItem[], budget: Budget, hooks: RunHooks = {}): Promise<{ results: ResultRecord[]; complete: boolean }> {
  const results: ResultRecord[] = [];
  // Per (op, engine, dtype): the last measured size and time, and whether the time budget ran out.
  const last = new Map<string, { size: number; ms: number }>();
  const stopped = new Map<string, string>();
  for (let i = 0; i < items.length; i++) {
    await yieldToEventLoop();
    if (hooks.signal?.aborted) return { results, complete: false };
    const item = items[i]!;
    const { op, engine, dtype, size } = item;
    hooks.onItem?.(item, i, 'start');
    const key = `${op.case}/${op.op}/${engine.id}/${dtype}`;
    const rec: ResultRecord = { case: op.case, op: op.op, engine: engine.id, dtype, size, shape: op.shapes(size)[0] ?? sizeShape(op, size), status: 'ok' };
    const skip = (note: string) => Object.assign(rec, { status: 'skipped' as const, note });
    const bytes = op.elements(size) * itemsize(dtype);
    rec.bytes = bytes;
    if (op.flops) rec.flops = op.flops(size);
    const prev = last.get(key);
    const predicted = prev ? prev.ms * (size / prev.size) ** op.exponent : 0;
    // Host inputs, the engine's copies and the results of upload/total runs: about three times the data.
    const need = bytes * 3;
    if (dtype === 'float16' && !engine.baseline && !engine.float16) skip(`${engine.id} has no float16`);
    else if (stopped.has(key)) skip(stopped.get(key)!);
    else if (need > budget.memoryBytes) skip(`needs about ${fmtBytes(need)}, over the memory budget of ${fmtBytes(budget.memoryBytes)}`);
    else if (predicted > budget.maxRunMs) {
      const note = `predicted ${fmtMs(predicted)} per run from size ${prev!.size}, over the ${fmtMs(budget.maxRunMs)} budget`;
      skip(note);
      stopped.set(key, `skipped: a smaller size was already over the ${fmtMs(budget.maxRunMs)} time budget`);
    } else {
      let tasks: Tasks | undefined;
      try {
        tasks = await build(item);
        // One untimed run of the slowest task: checks it works and sizes the sample count.
        const t0 = performance.now();
        await (tasks.total ?? tasks.compute)();
        const probeMs = performance.now() - t0;
        if (probeMs > budget.maxRunMs) {
          skip(`one run took ${fmtMs(probeMs)}, over the ${fmtMs(budget.maxRunMs)} budget`);
          stopped.set(key, `skipped: a smaller size was already over the ${fmtMs(budget.maxRunMs)} time budget`);
        } else {
          const stats = await measure(tasks, budget, probeMs, hooks.signal);
          if (hooks.signal?.aborted) {
            tasks.dispose();
            return { results, complete: false };
          }
          rec.stats = stats;
          if (tasks.memoryBytes !== undefined) rec.memoryBytes = tasks.memoryBytes;
          if (tasks.accuracy) rec.accuracy = await tasks.accuracy();
          const t = stats?.total ?? stats?.compute;
          if (t) last.set(key, { size, ms: t.median });
        }
      } catch (e) {
        if (hooks.signal?.aborted) return { results, complete: false };
        Object.assign(rec, { status: 'failed', note: oneLine(e) });
        // An op that fails at one size fails at the next: say so once, then skip.
        stopped.set(key, `skipped: failed at size ${size}`);
      } finally {
        tasks?.dispose();
      }
    }
    results.push(rec);
    hooks.onItem?.(item, i, 'done', rec);
  }
  return { results, complete: true };
}

function sizeShape(op: OpDef, size: number): number[] {
  if (op.op === 'ones') {
    const s = Math.round(Math.cbrt(size));
    return s ** 3 === size ? [s, s, s] : [size];
  }
  return [size];
}
