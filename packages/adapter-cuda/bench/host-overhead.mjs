// Host-side cost of the CUDA adapter per operation, on a machine without a GPU: the adapter runs
// against a fake driver whose functions return at once, so the time measured is ours (core's
// checks, the lazy graph, kernel lookup, argument packing, pool) plus koffi-free no-op calls.
// The real per-op overhead adds koffi's call cost and the driver's cuLaunchKernel (gpu-check.mjs
// measures that on the GPU host). Usage: node bench/host-overhead.mjs [--iters N] [--only TEXT]
import { createNamespace as coreNamespace } from '@arr/core';
import { CudaAdapter } from '../dist/index.js';
import { fakeDriver } from '../dist/fake-driver.js';

const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const iters = Number(arg('--iters')) || 200000;
/** Runs only the cases whose label contains this text (for profiling one path). */
const only = arg('--only') ?? '';

/**
 * Best of five rounds of `step` (host-side cost: other processes only ever add to it), with the
 * driver calls one step makes. Async steps (a read) run a tenth as many times; sync steps are
 * looped without an await per step, which would add its own cost.
 */
async function measure(label, step, calls, { async = false } = {}) {
  if (!label.includes(only)) return undefined;
  const loop = async
    ? async (k) => { for (let i = 0; i < k; i++) await step(); }
    : (k) => { for (let i = 0; i < k; i++) step(); };
  await loop(2000);
  const before = { ...calls };
  await loop(1);
  const made = Object.entries(calls).filter(([k, v]) => v !== before[k]).map(([k, v]) => `${k}×${v - (before[k] ?? 0)}`);
  const perRound = async ? iters / 50 : iters / 5;
  let us = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    await loop(perRound);
    us = Math.min(us, ((performance.now() - t0) / perRound) * 1000);
  }
  console.log(`${label.padEnd(36)} ${us.toFixed(2).padStart(7)} µs/op   driver calls: ${made.join(' ') || 'none'}`);
  return us;
}

const result = {};
for (const fusion of [false, true]) {
  const { libraries, calls } = fakeDriver();
  const adapter = new CudaAdapter({ libraries, fusion, cacheDir: false });
  const np = coreNamespace(adapter);
  const one = np.reshape(np.ones([1]), [1]);
  const label = fusion ? 'fusion on' : 'fusion off';
  const step = fusion
    ? () => { const z = np.add(one, one); const m = np.reshape(z, [1]); m.dispose(); z.dispose(); }
    : () => { np.add(one, one).dispose(); };
  const before = adapter.launches;
  result[`1-element add (${label})`] = await measure(`1-element add (${label})`, step, calls);
  result[`launches per op (${label})`] = (adapter.launches - before) / (iters + 2001); // warm-up, one counted step, the rounds
  const x = np.reshape(np.ones([1024]), [1024]);
  result[`x*2+1 then sum, 1024 (${label})`] = await measure(`x*2+1 then sum, 1024 (${label})`, () => {
    const m = np.multiply(x, 2); const y = np.add(m, 1); const s = np.sum(y);
    s.dispose(); y.dispose(); m.dispose();
  }, calls);
  // The benchmark app's overhead case: the op, then its one element read back.
  result[`1-element add + read (${label})`] = await measure(`1-element add + read (${label})`, async () => { const z = np.add(one, one); await z.data(); z.dispose(); }, calls, { async: true });
  // The sum case: a long row, reduced by several blocks (the one-pass kernel).
  const big = np.reshape(np.ones([1 << 26]), [1 << 26]);
  result[`sum 2^26 (${label})`] = await measure(`sum 2^26 (${label})`, () => { np.sum(big).dispose(); }, calls);
}
console.log(JSON.stringify(result));
