// GPU-host check of the tfjs webgpu backend (tfjs-backend-webgpu on the `webgpu` package, Dawn):
// starts the backend through @arr/adapter-tfjs, runs smoke checks against host references,
// measures matmul 4096² and `x*5 + y` on 2^26 float32 with read-back / sync inside the timed
// region, checks and times the opt-in fast matmul (src/webgpu-matmul.ts, `fastMatmul` option)
// per tile variant, optionally runs CuPy in the same run, and prints JSON.
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
// ---- opt-in fast matmul (src/webgpu-matmul.ts): correctness per variant, then 4096² timing ----
// Errors are recorded under res.fastMatmul and the rest of the script goes on.
res.fastMatmul = { correctness: {}, timings: {} };
{
  const fm = res.fastMatmul;
  let mod;
  try {
    mod = await import('../dist/webgpu-matmul.js');
  } catch (e) {
    fm.error = 'import: ' + String(e?.message ?? e).slice(0, 300);
  }
  if (mod) {
    const backend = tf.backend();
    const variants = ['auto', ...Object.keys(mod.FAST_MATMUL_VARIANTS)];
    let seed = 12345;
    const rnd = (len) => {
      const v = new Float32Array(len);
      for (let i = 0; i < len; i++) { seed = (seed * 1103515245 + 12345) % 2 ** 31; v[i] = (seed / 2 ** 31) * 2 - 1; }
      return v;
    };
    // float64 reference of [batch,m,k] @ [batch,k,n] from the float32 inputs
    const ref64 = (A, B, batch, m, k, n) => {
      const C = new Float64Array(batch * m * n);
      for (let q = 0; q < batch; q++) for (let i = 0; i < m; i++) {
        const c0 = (q * m + i) * n;
        for (let p = 0; p < k; p++) {
          const av = A[(q * m + i) * k + p], b0 = (q * k + p) * n;
          for (let j = 0; j < n; j++) C[c0 + j] += av * B[b0 + j];
        }
      }
      return C;
    };
    const errs = (got, want) => {
      let maxAbs = 0, maxRef = 0, maxRel = 0;
      for (let i = 0; i < want.length; i++) {
        const d = Math.abs(got[i] - want[i]);
        if (!(d <= maxAbs)) maxAbs = Number.isNaN(d) ? NaN : Math.max(maxAbs, d);
        maxRef = Math.max(maxRef, Math.abs(want[i]));
        maxRel = Math.max(maxRel, d / (Math.abs(want[i]) + 1e-3));
      }
      return { maxAbs, maxRel, maxRef };
    };
    // [batch, m, k, n]; batch 0 means a 2-D call
    const cases = [[0, 1000, 37, 513], [2, 67, 129, 33], [0, 256, 256, 256], [0, 130, 132, 136], [3, 65, 64, 129], [0, 1, 300, 17], [4, 128, 128, 128]];
    for (const [batch, m, k, n] of cases) {
      const bt = batch || 1;
      const A = rnd(bt * m * k), B = rnd(bt * k * n);
      const want = ref64(A, B, bt, m, k, n);
      const a = tf.tensor(A, batch ? [batch, m, k] : [m, k]), b = tf.tensor(B, batch ? [batch, k, n] : [k, n]);
      const name = `${batch ? batch + 'x' : ''}${m}x${k} @ ${batch ? batch + 'x' : ''}${k}x${n}`;
      const entry = (fm.correctness[name] = {});
      try {
        const d = tf.matMul(a, b);
        const tfv = await d.data();
        d.dispose();
        entry['tfjs matmul vs float64'] = errs(tfv, want);
        for (const v of variants) {
          try {
            const c = mod.fastMatmulWebgpu(backend, a, b, v);
            if (!c) { entry[v] = 'not taken (null)'; continue; }
            const got = await c.data();
            const shapeOk = JSON.stringify(c.shape) === JSON.stringify(batch ? [batch, m, n] : [m, n]);
            c.dispose();
            const e64 = errs(got, want), eTf = errs(got, tfv);
            const pass = shapeOk && e64.maxAbs <= 1e-4 * (1 + e64.maxRef);
            entry[v] = { pass, vsFloat64: e64, maxAbsVsTfjs: eTf.maxAbs, ...(shapeOk ? {} : { shape: c.shape }) };
            if (!pass) res.ok = false;
          } catch (e) {
            entry[v] = { error: String(e?.message ?? e).slice(0, 300) };
            res.ok = false;
          }
        }
      } finally {
        a.dispose(); b.dispose();
      }
    }
    // Through the namespace option (routes np.matmul).
    try {
      const npf = await createNamespace({ backend: 'webgpu', fastMatmul: true });
      const x = npf.asarray([[1, 2], [3, 4]], { dtype: 'float32' }), y = npf.asarray([[5, 6], [7, 8]], { dtype: 'float32' });
      const z = npf.matmul(x, y);
      const got = Array.from(await z.data());
      fm.correctness['np.matmul with fastMatmul: true, 2x2'] = JSON.stringify(got) === '[19,22,43,50]' ? 'ok' : { got };
    } catch (e) {
      fm.correctness['np.matmul with fastMatmul: true, 2x2'] = { error: String(e?.message ?? e).slice(0, 300) };
    }
    // Timing: 4096², 10 back-to-back calls then one 1-element read, median of reps (as above).
    const n = 4096;
    const a = tf.ones([n, n]), b = tf.ones([n, n]);
    const sync1 = async (t) => { const s = tf.tidy(() => tf.slice(tf.reshape(t, [-1]), [0], [1])); await s.data(); s.dispose(); };
    const chain = async (f, k) => {
      const t0 = performance.now();
      const outs = [];
      for (let j = 0; j < k; j++) outs.push(f());
      await sync1(outs[outs.length - 1]);
      for (const o of outs) o.dispose();
      return (performance.now() - t0) / k;
    };
    const timeIt = async (label, f) => {
      try {
        await chain(f, 2);
        const ts = [];
        for (let r = 0; r < Math.max(3, Math.min(reps, 5)); r++) ts.push(await chain(f, 10));
        const ms = median(ts);
        fm.timings[label] = { 'ms each (median)': +ms.toFixed(3), 'TFLOP/s': +((2 * n ** 3) / (ms / 1e3) / 1e12).toFixed(2) };
      } catch (e) {
        fm.timings[label] = { error: String(e?.message ?? e).slice(0, 300) };
      }
    };
    await timeIt('tfjs matmul (reference)', () => tf.matMul(a, b));
    for (const v of variants) await timeIt(v, () => mod.fastMatmulWebgpu(backend, a, b, v));
    a.dispose(); b.dispose();
    const best = Object.entries(fm.timings).filter(([k, t]) => k !== 'tfjs matmul (reference)' && t['TFLOP/s']).sort((x, y) => y[1]['TFLOP/s'] - x[1]['TFLOP/s'])[0];
    if (best) fm.best = { variant: best[0], ...best[1], 'target TFLOP/s': 25 };
  }
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
      ...(res.fastMatmul?.best ? { [`fast matmul (${res.fastMatmul.best.variant}) speed vs CuPy (target >= 0.5)`]: +(res.cupy['cupy matmul 4096² (ms)'] / res.fastMatmul.best['ms each (median)']).toFixed(3) } : {}),
      'x*5+y time vs CuPy (target <= 2)': +(ax / res.cupy['cupy x*5 + y 2^26 (ms)']).toFixed(2),
      'x*5+y time vs CuPy, 10 chained (target <= 2)': +(res.timings['x*5 + y, 2^26, 10 chained, 1-element read (ms each, median of 3)'] / res.cupy['cupy x*5 + y 2^26 (ms)']).toFixed(2),
    };
  } catch (e) {
    res.cupy = { error: String(e).slice(0, 300) };
  }
}
console.log(JSON.stringify(res, null, 2));
