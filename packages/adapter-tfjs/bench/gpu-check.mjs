// GPU-host check of the tfjs webgpu backend (tfjs-backend-webgpu on the `webgpu` package, Dawn):
// starts the backend through @arr/adapter-tfjs, runs smoke checks against host references,
// measures matmul 4096² and `x*5 + y` on 2^26 float32 with read-back / sync inside the timed
// region, optionally runs CuPy in the same run, and prints JSON.
// Usage (after `npx tsc -b packages/adapter-tfjs`): node packages/adapter-tfjs/bench/gpu-check.mjs [--no-cupy]
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace } from '../dist/create.js';

const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const res = { ok: true, smoke: {}, timings: {}, notes: [] };
const check = async (name, got, want, tol = 1e-4) => {
  const g = Array.from(await got.data());
  const pass = g.length === want.length && g.every((v, i) => (Number.isNaN(want[i]) ? Number.isNaN(v) : Math.abs(v - want[i]) <= tol * (1 + Math.abs(want[i]))));
  res.smoke[name] = pass ? 'ok' : { got: g.slice(0, 8), want: want.slice(0, 8) };
  if (!pass) res.ok = false;
  got.dispose();
};

let np;
try {
  np = await createNamespace({ backend: 'webgpu' });
  res.engine = np.info().engine();
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e.message ?? e) }, null, 2));
  process.exit(1);
}

// ---- smoke checks (float32/int32/bool semantics the adapter composes) ----
const f = (v) => np.asarray(v, { dtype: 'float32' });
const i32 = (v) => np.asarray(v, { dtype: 'int32' });
await check('add', np.add(f([1, 2, 3]), 1), [2, 3, 4]);
await check('matmul 2x2', np.matmul(f([[1, 2], [3, 4]]), f([[5, 6], [7, 8]])), [19, 22, 43, 50]);
await check('maximum NaN', np.maximum(f([NaN, 1, 2]), f([1, NaN, 1])), [NaN, NaN, 2]);
await check('max NaN', np.max(f([1, NaN, 3])), [NaN]);
await check('floorDivide int by 0', np.floorDivide(i32([7, -7, 7]), i32([0, 2, -2])), [0, -4, -4]);
await check('remainder int', np.remainder(i32([7, -7, 7]), i32([3, 3, -3])), [1, 2, -2]);
await check('round half even', np.round(f([0.5, 1.5, 2.5, -0.5])), [0, 2, 2, -0]);
await check('sort NaN last', np.sort(f([3, NaN, 1, 2])), [1, 2, 3, NaN]);
await check('argsort', np.argsort(f([3, 1, 2])), [1, 2, 0]);
await check('cumulativeSum', np.cumulativeSum(i32([1, 2, 3])), [1, 3, 6]);
await check('bitwiseXor int32 (no BitwiseAnd kernel on webgpu)', np.bitwiseXor(i32([12, -1]), i32([10, 5])), [6, -6]);
await check('sum bool', np.sum(np.asarray([true, false, true])), [2]);
await check('fft', np.real(np.fft.fft(np.asarray([1, 2, 3, 4], { dtype: 'complex64' }))), [10, -2, -2, -2]);

// ---- timings: read-back / sync inside the timed region ----
const reps = Number(process.env.REPS ?? 10);
{
  const n = 4096;
  const a = np.ones([n, n]), b = np.ones([n, n]);
  const one = async () => { const c = np.matmul(a, b); await c.data(); c.dispose(); };
  await one();
  const ts = [];
  for (let r = 0; r < reps; r++) { const t = performance.now(); await one(); ts.push(performance.now() - t); }
  // chained: 10 matmuls queued, one read of a single element at the end (device time per op).
  const chain = async (k) => {
    const t = performance.now();
    const outs = [];
    for (let j = 0; j < k; j++) outs.push(np.matmul(a, b));
    const last = outs[outs.length - 1];
    await np.take(np.reshape(last, [-1]), np.asarray([0], { dtype: 'int32' })).data();
    for (const o of outs) o.dispose();
    return (performance.now() - t) / k;
  };
  await chain(2);
  res.timings['matmul 4096² incl. 64 MiB read-back (ms, median)'] = +median(ts).toFixed(2);
  res.timings['matmul 4096², 10 chained, 1-element read (ms each)'] = +(await chain(10)).toFixed(2);
  res.timings['matmul 4096² TFLOP/s (chained)'] = +((2 * n ** 3) / (res.timings['matmul 4096², 10 chained, 1-element read (ms each)'] / 1e3) / 1e12).toFixed(2);
  a.dispose(); b.dispose();
}
{
  const n = 2 ** 26;
  const x = np.ones([n]), y = np.ones([n]);
  const sync1 = async (z) => { await np.take(z, np.asarray([0], { dtype: 'int32' })).data(); };
  const one = async () => { const z = np.scope(() => np.add(np.multiply(x, 5), y)); await sync1(z); z.dispose(); };
  await one();
  const ts = [];
  for (let r = 0; r < reps; r++) { const t = performance.now(); await one(); ts.push(performance.now() - t); }
  res.timings['x*5 + y, 2^26, sync by 1-element read (ms, median)'] = +median(ts).toFixed(2);
  // Ten in a row, one 1-element read at the end: the GPU time per x*5+y without a read-back
  // round trip each (CuPy's timing also syncs once per measured block).
  const chained = async (k) => {
    const t = performance.now();
    const zs = [];
    for (let j = 0; j < k; j++) zs.push(np.scope(() => np.add(np.multiply(x, 5), y)));
    await sync1(zs[k - 1]);
    for (const z of zs) z.dispose();
    return (performance.now() - t) / k;
  };
  await chained(2);
  const tc = [];
  for (let r = 0; r < 3; r++) tc.push(await chained(10));
  res.timings['x*5 + y, 2^26, 10 chained, 1-element read (ms each, median of 3)'] = +median(tc).toFixed(3);
  const full = async () => { const z = np.scope(() => np.add(np.multiply(x, 5), y)); await z.data(); z.dispose(); };
  const tf2 = [];
  for (let r = 0; r < 3; r++) { const t = performance.now(); await full(); tf2.push(performance.now() - t); }
  res.timings['x*5 + y, 2^26, incl. 256 MiB read-back (ms, median)'] = +median(tf2).toFixed(2);
  x.dispose(); y.dispose();
}
res.memory = { arr: np.memory(), tf: tf.memory().numBytes };

if (!process.argv.includes('--no-cupy')) {
  try {
    const py = `
import cupy as cp, json
def t(f, reps=10):
    f(); cp.cuda.Device().synchronize(); s=cp.cuda.Event(); e=cp.cuda.Event(); ts=[]
    for _ in range(reps):
        s.record(); f(); e.record(); e.synchronize(); ts.append(cp.cuda.get_elapsed_time(s,e))
    return sorted(ts)[len(ts)//2]
a=cp.ones((4096,4096),cp.float32); x=cp.ones(2**26,cp.float32); y=cp.ones(2**26,cp.float32)
print(json.dumps({'cupy matmul 4096² (ms)': round(t(lambda: a@a),3), 'cupy x*5 + y 2^26 (ms)': round(t(lambda: x*5+y),3)}))`;
    res.cupy = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' }));
    const mm = res.timings['matmul 4096², 10 chained, 1-element read (ms each)'];
    const ax = res.timings['x*5 + y, 2^26, sync by 1-element read (ms, median)'];
    res.ratios = {
      'matmul speed vs CuPy (target >= 0.5)': +(res.cupy['cupy matmul 4096² (ms)'] / mm).toFixed(3),
      'x*5+y time vs CuPy (target <= 2)': +(ax / res.cupy['cupy x*5 + y 2^26 (ms)']).toFixed(2),
      'x*5+y time vs CuPy, 10 chained (target <= 2)': +(res.timings['x*5 + y, 2^26, 10 chained, 1-element read (ms each, median of 3)'] / res.cupy['cupy x*5 + y 2^26 (ms)']).toFixed(2),
    };
  } catch (e) {
    res.cupy = { error: String(e).slice(0, 300) };
  }
}
console.log(JSON.stringify(res, null, 2));
