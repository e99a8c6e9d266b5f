/**
 * One benchmark run from parsed options to files: load the adapters, plan, measure, run the
 * Python reference, compute the crossover, write results.json, report.html, summary.txt and the
 * TensorBoard events. `writeOutputs` is separate so Ctrl-C can write what was measured so far.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { ADAPTERS, findAdapter, loadAdapter, packageVersion, type LoadedEngine } from './adapters.js';
import type { CliOptions } from './cli.js';
import { crossoverLines, crossovers } from './crossover.js';
import { environment } from './env.js';
import { renderReport } from './report.js';
import { runReference } from './reference.js';
import { BUDGETS, plan, runPlan, sizesFor, type Budget, type PlanItem, type RunEngine } from './runner.js';
import { SCHEMA_NAME, SCHEMA_VERSION, type EngineRecord, type ResultRecord, type Results } from './schema.js';
import { resultTables } from './table.js';
import { writeEventFile } from './tensorboard.js';
import { OPS, useReady } from './cases.js';

export interface BenchIO {
  /** One line for the user (status, skipped engines). */
  log(line: string): void;
  signal?: AbortSignal;
  /** Progress: planned count, then one call per item. */
  onPlan?(total: number): void;
  onItem?(item: PlanItem, index: number, phase: 'start' | 'done', result?: ResultRecord): void;
  onReferenceLine?(line: string): void;
}

export interface BenchRun {
  results: Results;
  /** Engines the user named that could not start (the exit status is non-zero when any). */
  explicitFailures: EngineRecord[];
}

const PKGS = ['@arr/core', 'tinybench', 'chart.js'];

function ownVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

export function timestampDir(d: Date = new Date()): string {
  return d.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
}

export function budgetFor(o: CliOptions): Budget {
  const b = BUDGETS[o.mode];
  return {
    ...b,
    ...(o.maxRunSeconds !== null ? { maxRunMs: o.maxRunSeconds * 1000 } : {}),
    memoryBytes: o.memoryGb !== null ? o.memoryGb * 2 ** 30 : Math.floor(os.freemem() * 0.6),
  };
}

/** Starts a Results object; `run` fills it in as it goes, so an interrupted run can still be written. */
export function newResults(o: CliOptions, argv: readonly string[]): Results {
  const packages: Record<string, string> = {};
  const own = ownVersion();
  if (own !== undefined) packages['@arr/bench'] = own;
  for (const p of PKGS) {
    const v = packageVersion(p);
    if (v !== undefined) packages[p] = v;
  }
  return {
    schema: SCHEMA_NAME,
    version: SCHEMA_VERSION,
    generator: '@arr/bench',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    complete: false,
    command: [...argv],
    options: { mode: o.mode, cases: [...o.cases], sizes: o.sizes ? [...o.sizes] : null, ...(Object.keys(o.sizesByCase).length ? { sizesByCase: { ...o.sizesByCase } } : {}), dtype: o.dtype, adapters: [...o.adapters], reference: o.reference },
    environment: environment(packages),
    engines: [],
    results: [],
    crossover: [],
    notes: [],
  };
}

export async function run(o: CliOptions, res: Results, io: BenchIO): Promise<BenchRun> {
  const explicitFailures: EngineRecord[] = [];
  const engines: RunEngine[] = [];
  // Adapters sharing a package load it once; each spec still gets its own createNamespace.
  for (const id of o.adapters) {
    const spec = findAdapter(id)!;
    const loaded: LoadedEngine = await loadAdapter(spec, o.adaptersExplicit);
    res.engines.push(loaded.record);
    const r = loaded.record;
    if (r.version !== undefined) res.environment.packages[spec.package] = r.version;
    if (r.status === 'ok') {
      engines.push({ id, kind: r.kind, ns: loaded.ns!, float16: r.float16 === true, ...(spec.cases ? { cases: spec.cases } : {}) });
      if (loaded.ready) useReady(loaded.ns!, loaded.ready);
      io.log(`${id}: ${r.engine!.adapter} / ${r.engine!.backend} on ${r.engine!.device}`);
    } else {
      if (o.adaptersExplicit) {
        explicitFailures.push(r);
        io.log(`error: ${r.reason}`);
      } else if (r.status === 'failed') io.log(`${id}: skipped: ${r.reason}`);
    }
  }
  const notInstalled = res.engines.filter((e) => e.status === 'skipped' && !e.explicit);
  if (notInstalled.length) {
    io.log(`not installed (skipped): ${notInstalled.map((e) => e.id).join(', ')}`);
  }
  if (o.baseline) {
    engines.push({ id: 'typescript', kind: 'cpu', baseline: true });
    res.engines.push({ id: 'typescript', source: 'baseline', kind: 'cpu', status: 'ok', explicit: false, engine: { adapter: 'none', backend: 'plain TypeScript loops', device: res.environment.cpu.model } });
  }
  const budget = budgetFor(o);
  const items = plan(engines, o);
  io.onPlan?.(items.length);
  const measured = await runPlan(items, budget, {
    ...(io.signal ? { signal: io.signal } : {}),
    onItem: (item, i, phase, r) => {
      if (r) res.results.push(r);
      io.onItem?.(item, i, phase, r);
    },
  });
  let complete = measured.complete;

  if (o.reference && complete) {
    io.log('running the Python reference (NumPy; CuPy and PyTorch when they import)…');
    const ops = OPS.filter((op) => o.cases.includes(op.case)).map((op) => ({ case: op.case, op: op.op, sizes: sizesFor(op, o), dtypes: op.accuracyRef ? ['float32', 'float16'] : [o.dtype] }));
    const ref = await runReference(
      { mode: o.mode, dtype: o.dtype, ops, budget: { taskTimeMs: budget.taskTimeMs, minSamples: budget.minSamples, warmupIterations: budget.warmupIterations, maxRunMs: budget.maxRunMs, memoryBytes: budget.memoryBytes } },
      { ...(io.signal ? { signal: io.signal } : {}), ...(io.onReferenceLine ? { onLine: io.onReferenceLine } : {}), ...(o.referenceEngines ? { engines: o.referenceEngines } : {}) },
    );
    if (ref.ok) {
      res.engines.push(...ref.results.engines);
      res.results.push(...ref.results.results);
      if (ref.results.environment?.python) res.environment.python = ref.results.environment.python;
      res.notes.push(...(ref.results.notes ?? []));
      if (!ref.results.complete) complete = false;
    } else {
      res.notes.push(`--reference: ${ref.reason}`);
      res.engines.push({ id: 'numpy', source: 'reference', kind: 'cpu', status: 'failed', explicit: true, reason: ref.reason });
      explicitFailures.push(res.engines.at(-1)!);
      io.log(`error: --reference: ${ref.reason}`);
    }
  }
  if (io.signal?.aborted) complete = false;
  res.complete = complete;
  return { results: res, explicitFailures };
}

/** The crossover and tables as text (terminal and summary.txt). */
export function summaryText(res: Results): { tables: string[]; crossover: string[] } {
  return { tables: resultTables(res.results), crossover: crossoverLines(res.crossover, res.engines) };
}

/** Engines that did not run: failures one line each, adapters that are not installed in one line. */
function engineLines(res: Results): string[] {
  const missing = res.engines.filter((e) => e.status === 'skipped' && !e.explicit);
  const other = res.engines.filter((e) => e.status !== 'ok' && !missing.includes(e));
  return [
    ...other.map((e) => `${e.id}: ${e.status}: ${e.reason}`),
    ...(missing.length ? [`not installed or not available (skipped): ${missing.map((e) => e.id).join(', ')} (reasons in results.json and report.html)`] : []),
  ];
}

/** Finalises and writes everything into `dir`; returns the paths written. */
export function writeOutputs(res: Results, dir: string, tensorboard: string | null): { files: string[]; summary: string[] } {
  res.finishedAt = new Date().toISOString();
  res.crossover = crossovers(res.results, res.engines);
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const { tables, crossover } = summaryText(res);
  const summary = [
    `@arr bench ${res.options.mode} run, ${res.startedAt}${res.complete ? '' : ' (INTERRUPTED: partial results)'}`,
    `${res.environment.cpu.model}, ${res.environment.cpu.cores} cores; ${res.environment.gpus.map((g) => g.name).join(', ') || 'no NVIDIA GPU found'}`,
    'Cells: compute median (with transfers: upload + compute + download).',
    ...tables,
    ...crossover,
    ...engineLines(res),
  ];
  const files = [join(abs, 'results.json'), join(abs, 'report.html'), join(abs, 'summary.txt')];
  writeFileSync(files[0]!, JSON.stringify(res, null, 1) + '\n');
  writeFileSync(files[1]!, renderReport(res, crossover));
  writeFileSync(files[2]!, summary.join('\n') + '\n');
  if (tensorboard !== null) files.push(writeEventFile(tensorboard, res.results));
  return { files, summary };
}

/** Which adapter specs exist (for docs and help). */
export const KNOWN_ADAPTERS = ADAPTERS.map((a) => a.id);
