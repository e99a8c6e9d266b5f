/**
 * Benchmarks of the ndarray adapter against NumPy on the same machine, in the same run:
 * per-call overhead of `add` on 1-element arrays, matmul 1024² (float32, float64),
 * `x*5 + y` and `sum` on 10⁷ float32. Prints a markdown table (medians).
 * Run: `pnpm --filter @arr/adapter-ndarray bench` (builds first).
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { Bench } from 'tinybench';
import np, { NdarrayAdapter } from '@arr/adapter-ndarray';

interface Row { name: string; ours: number; numpy?: number; oursCpu?: number; numpyCpu?: number; unit: 'µs' | 'ms'; note?: string }

/** Process CPU time in ms: robust to other jobs on a shared machine (1 µs resolution, so only for long cases). */
const cpuNow = () => process.cpuUsage().user / 1000;

async function median(name: string, fn: () => void, time: number, iterations: number, cpu = false): Promise<number> {
  const bench = new Bench({ time, iterations, warmupTime: Math.min(time, 300), warmupIterations: 3, ...(cpu ? { now: cpuNow } : {}) });
  bench.add(name, fn);
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== 'completed') throw new Error(`${name}: ${r.state}`);
  return r.latency.p50; // ms
}

const NUMPY = `
import json, time, numpy as np
def med(f, n, clock=time.perf_counter):
    for _ in range(3): f()
    ts = []
    for _ in range(n):
        t = clock(); f(); ts.append(clock() - t)
    ts.sort(); return ts[len(ts)//2] * 1e3
a = np.ones(1, np.float32); b = np.ones(1, np.float32)
def many():
    for _ in range(1000): np.add(a, b)
out = {'add1': med(many, 50) / 1000}
A = np.random.rand(1024, 1024).astype(np.float32); D = A.astype(np.float64)
out['mm32'] = med(lambda: A @ A, 15); out['mm64'] = med(lambda: D @ D, 10)
x = np.random.rand(10**7).astype(np.float32); y = np.random.rand(10**7).astype(np.float32)
out['axpy'] = med(lambda: x * 5 + y, 20); out['sum'] = med(lambda: x.sum(), 30)
# process CPU time (all threads: OpenBLAS may use every core for matmul)
pc = time.process_time
out['mm32cpu'] = med(lambda: A @ A, 15, pc); out['mm64cpu'] = med(lambda: D @ D, 10, pc)
out['axpycpu'] = med(lambda: x * 5 + y, 20, pc); out['sumcpu'] = med(lambda: x.sum(), 30, pc)
out['version'] = np.__version__
print(json.dumps(out))
`;

function numpy(): Record<string, number | string> | undefined {
  try {
    return JSON.parse(execFileSync('python3', ['-c', NUMPY], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const f32 = { dtype: 'float32' as const };

  // 1. Per-call overhead: the whole np.add (core validation + kernel + wrap + dispose).
  const a = np.asarray([1], f32), b = np.asarray([2], f32);
  const addMs = await median('add', () => np.add(a, b).dispose(), 1500, 10000);
  // The adapter alone (kernel + handle + free), to show what core adds.
  const ad = new NdarrayAdapter();
  const dev = ad.defaultDevice();
  const ka = { handle: ad.fromHost(new Float32Array([1]), [1], 'float32', dev), shape: [1], dtype: 'float32' as const };
  const kb = { handle: ad.fromHost(new Float32Array([2]), [1], 'float32', dev), shape: [1], dtype: 'float32' as const };
  const kernMs = await median('adapter add', () => ad.free(ad.binary('add', ka, kb, 'float32')), 1000, 10000);

  // 2. matmul 1024².
  const n = 1024;
  const rnd = (len: number) => Float32Array.from({ length: len }, () => Math.random());
  const A = np.asarray(rnd(n * n), { shape: [n, n], dtype: 'float32' } as never);
  const D = np.astype(A, 'float64');
  const mm32 = await median('matmul f32', () => np.matmul(A, A).dispose(), 3000, 5);
  const mm64 = await median('matmul f64', () => np.matmul(D, D).dispose(), 3000, 5);

  // 3. x*5 + y and sum on 10⁷ float32.
  const N = 10 ** 7;
  const x = np.asarray(rnd(N), { shape: [N], ...f32 } as never), y = np.asarray(rnd(N), { shape: [N], ...f32 } as never);
  const axpy = await median('x*5+y', () => np.scope(() => np.add(np.multiply(x, 5), y)).dispose(), 2000, 15);
  const sum = await median('sum', () => np.sum(x).dispose(), 1500, 20);
  // The same long cases in process CPU time.
  const mm32c = await median('matmul f32 (cpu)', () => np.matmul(A, A).dispose(), 3000, 5, true);
  const mm64c = await median('matmul f64 (cpu)', () => np.matmul(D, D).dispose(), 3000, 5, true);
  const axpyc = await median('x*5+y (cpu)', () => np.scope(() => np.add(np.multiply(x, 5), y)).dispose(), 2000, 15, true);
  const sumc = await median('sum (cpu)', () => np.sum(x).dispose(), 1500, 20, true);

  const py = process.env.ARR_BENCH_NO_NUMPY ? undefined : numpy();
  const num = (k: string) => (py && typeof py[k] === 'number' ? (py[k] as number) : undefined);
  const gflops = (ms: number) => `${((2 * n ** 3) / (ms * 1e6)).toFixed(2)} GFLOP/s`;
  rows.push({ name: '`add`, 1-element float32 (whole call)', ours: addMs * 1000, numpy: (num('add1') ?? NaN) * 1000, unit: 'µs', note: `adapter kernel alone: ${(kernMs * 1000).toFixed(2)} µs` });
  rows.push({ name: 'matmul 1024² float32', ours: mm32, numpy: num('mm32'), oursCpu: mm32c, numpyCpu: num('mm32cpu'), unit: 'ms', note: `${gflops(mm32)} (CPU time: ${gflops(mm32c)})` });
  rows.push({ name: 'matmul 1024² float64', ours: mm64, numpy: num('mm64'), oursCpu: mm64c, numpyCpu: num('mm64cpu'), unit: 'ms', note: `${gflops(mm64)} (CPU time: ${gflops(mm64c)})` });
  rows.push({ name: '`x*5 + y`, 10⁷ float32', ours: axpy, numpy: num('axpy'), oursCpu: axpyc, numpyCpu: num('axpycpu'), unit: 'ms' });
  rows.push({ name: '`sum`, 10⁷ float32', ours: sum, numpy: num('sum'), oursCpu: sumc, numpyCpu: num('sumcpu'), unit: 'ms' });

  const fmt = (v: number | undefined, unit: string) => (v === undefined || Number.isNaN(v) ? '—' : `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ${unit}`);
  console.log(`Machine: ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores; Node ${process.version}; NumPy ${py?.version ?? 'not found'}; ${new Date().toISOString().slice(0, 10)}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  console.log('| case | @arr/adapter-ndarray | NumPy | ratio | CPU time: ours / NumPy (ratio) | note |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    const ratio = r.numpy ? `×${(r.ours / r.numpy).toFixed(2)}` : '—';
    const cpu = r.oursCpu === undefined ? '—'
      : `${fmt(r.oursCpu, r.unit)} / ${fmt(r.numpyCpu, r.unit)}${r.numpyCpu ? ` (×${(r.oursCpu / r.numpyCpu).toFixed(2)})` : ''}`;
    console.log(`| ${r.name} | ${fmt(r.ours, r.unit)} | ${fmt(r.numpy, r.unit)} | ${ratio} | ${cpu} | ${r.note ?? ''} |`);
  }
  console.log('\nWall-clock medians (tinybench p50; NumPy: perf_counter). CPU time: process CPU time, which other jobs on a shared machine do not inflate.');
}

await main();
