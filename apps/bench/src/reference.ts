/**
 * `--reference`: runs benchmarks/reference/run.py (NumPy, plus CuPy and PyTorch when they import)
 * on the same plan and merges its results.json (same schema) into this run's.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Results } from './schema.js';

/** benchmarks/reference/run.py, found from this file (src/ or dist/ of apps/bench). */
export const REFERENCE_SCRIPT = fileURLToPath(new URL('../../../benchmarks/reference/run.py', import.meta.url));

/** The engines run.py knows (its --engines). */
export const REFERENCE_ENGINES = ['numpy', 'torch:cpu', 'torch:cuda', 'torch:cuda:tf32', 'cupy'] as const;

export interface ReferencePlan {
  mode: string;
  dtype: string;
  /** op → sizes, exactly the sizes the TypeScript side planned. */
  ops: { case: string; op: string; sizes: number[]; dtypes: string[] }[];
  budget: { taskTimeMs: number; minSamples: number; warmupIterations: number; maxRunMs: number; memoryBytes: number };
}

export type ReferenceOutcome = { ok: true; results: Results } | { ok: false; reason: string };

/** Runs the Python reference; never throws. `onLine` gets its progress lines (stderr). */
export async function runReference(plan: ReferencePlan, opts: { python?: string; engines?: readonly string[]; signal?: AbortSignal; onLine?: (l: string) => void } = {}): Promise<ReferenceOutcome> {
  const python = opts.python ?? process.env.PYTHON ?? 'python3';
  if (!existsSync(REFERENCE_SCRIPT)) return { ok: false, reason: `the reference runner is missing at ${REFERENCE_SCRIPT}` };
  const dir = mkdtempSync(join(os.tmpdir(), 'arr-bench-ref-'));
  const planPath = join(dir, 'plan.json');
  const outPath = join(dir, 'results.json');
  writeFileSync(planPath, JSON.stringify(plan));
  try {
    const code = await new Promise<number | string>((resolve) => {
      const child = spawn(python, [REFERENCE_SCRIPT, '--plan', planPath, '--out', outPath, ...(opts.engines ? ['--engines', opts.engines.join(',')] : [])], { stdio: ['ignore', 'inherit', 'pipe'] });
      let buf = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          opts.onLine?.(buf.slice(0, i));
          buf = buf.slice(i + 1);
        }
      });
      // Ctrl-C: the child gets SIGINT too (same process group); it writes what it measured and exits.
      const onAbort = () => child.kill('SIGINT');
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (e) => resolve((e as NodeJS.ErrnoException).code === 'ENOENT' ? `${python} was not found` : e.message));
      child.on('close', (c) => {
        opts.signal?.removeEventListener('abort', onAbort);
        if (buf) opts.onLine?.(buf);
        resolve(c ?? 1);
      });
    });
    if (typeof code === 'string') return { ok: false, reason: code };
    if (!existsSync(outPath)) return { ok: false, reason: `the reference runner exited with status ${code} and wrote no results` };
    const results = JSON.parse(readFileSync(outPath, 'utf8')) as Results;
    return { ok: true, results };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
