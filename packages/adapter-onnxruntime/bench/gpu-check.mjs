// WebGPU EP verification for the GPU host (plain JS over the built dist/). Prints one JSON object.
// Usage there: node packages/adapter-onnxruntime/bench/gpu-check.mjs [--ep webgpu] [--big 26]
// It never calls getData() on a gpu-buffer tensor (that kills the process on onnxruntime-node 1.30);
// every read-back goes through a session whose output location is the CPU (see src/graph.ts).
import { createNamespace, evaluate } from '../dist/index.js';

const argv = process.argv;
const opt = (name, dflt) => { const i = argv.indexOf(name); return i > 0 ? argv[i + 1] : dflt; };
const ep = opt('--ep', 'webgpu');
const bigLog2 = Number(opt('--big', 26));
const report = { ep, started: new Date().toISOString(), smoke: {}, speed: {}, errors: [] };
const step = async (group, name, fn) => {
  try { report[group][name] = await fn(); } catch (e) { report[group][name] = { error: String(e?.message ?? e).split('\n')[0] }; report.errors.push(name); }
};
const close = (a, b, tol = 1e-4) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol * (1 + Math.abs(b[i])) || (Number.isNaN(v) && Number.isNaN(b[i])));

let np;
try {
  const t = performance.now();
  np = await createNamespace({ executionProviders: [ep], deviceInputs: process.env.ARR_ORT_DEVICE_INPUTS !== '0' });
  report.startMs = performance.now() - t;
  report.engine = np.info().engine();
  report.dtypes = Object.keys(np.info().dtypes());
} catch (e) {
  report.startError = String(e?.message ?? e);
  console.log(JSON.stringify(report, null, 2));
  process.exit(0);
}

// ---- smoke checks (the conformance-critical paths) ----
await step('smoke', 'elementwise fused', async () => {
  const x = np.asarray([1, 2, 3, 4], { dtype: 'float32' });
  const r = await np.add(np.multiply(x, 5), np.sqrt(x)).data();
  return close(Array.from(r), [1, 2, 3, 4].map((v) => v * 5 + Math.sqrt(v)));
});
await step('smoke', 'matmul', async () => Array.from(await np.matmul(np.asarray([[1, 2], [3, 4]]), np.asarray([[5, 6], [7, 8]])).data()).join() === '19,22,43,50');
await step('smoke', 'reductions', async () => {
  const x = np.reshape(np.arange(12, undefined, undefined, { dtype: 'float32' }), [3, 4]);
  return [await np.sum(x).item(), Array.from(await np.max(x, { axis: 0 }).data()).join(), Array.from(await np.argmax(x, { axis: 1 }).data()).join(), Array.from(await np.cumulativeSum(np.ones([4])).data()).join()];
});
await step('smoke', 'int32 and bool', async () => [Array.from(await np.add(np.arange(4), 1).data()).join(), Array.from(await np.less(np.arange(4), 2).data()).join()]);
await step('smoke', 'indexing/sort', async () => {
  const x = np.asarray([3, 1, 2], { dtype: 'float32' });
  return [Array.from(await np.sort(x).data()).join(), Array.from(await np.argsort(x).data()).join(), Array.from(await np.take(x, np.asarray([2, 0])).data()).join(), Array.from(await x.get('::-1').data()).join()];
});
await step('smoke', 'device-resident chain then read', async () => {
  let x = np.ones([1024], { dtype: 'float32' });
  for (let i = 0; i < 20; i++) { const y = np.add(x, 1); await evaluate(y); x.dispose(); x = y; }
  const v = await x.data();
  x.dispose();
  return v[0] === 21 && v[1023] === 21;
});
await step('smoke', 'dispose releases memory', async () => {
  const before = np.memory();
  for (let i = 0; i < 200; i++) { const a = np.ones([1 << 16]); const b = np.multiply(a, 2); await evaluate(b); a.dispose(); b.dispose(); }
  return { before, after: np.memory() };
});

// ---- speed: matmul 4096², fused 10-op chain on 2^big, device-resident ----
const median = (ts) => ts.slice().sort((a, b) => a - b)[Math.floor(ts.length / 2)];
const matmulCase = (np) => async () => {
  const n = 4096;
  const a = np.asarray(new Float32Array(n * n).map(() => Math.random()), { shape: [n, n] });
  const b = np.asarray(new Float32Array(n * n).map(() => Math.random()), { shape: [n, n] });
  const a1 = np.add(a, 0), b1 = np.add(b, 0); // upload once into GPU buffers
  await evaluate(a1, b1);
  const w = np.matmul(a1, b1); await evaluate(w); w.dispose(); // session creation
  const ts = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const c = np.matmul(a1, b1); await evaluate(c);
    // evaluate() resolves when run() does; a tiny read-back forces the queue to finish.
    await c.get('0:1', '0:1').data();
    ts.push(performance.now() - t); c.dispose();
  }
  // Ten back to back, one tiny read at the end: the queue's own rate, without a read's round
  // trip (about 1 ms, 'tiny run() overhead' below) after every product.
  const bb = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const cs = [];
    for (let i = 0; i < 10; i++) { const c = np.matmul(a1, b1); await evaluate(c); cs.push(c); }
    await cs[9].get('0:1', '0:1').data();
    bb.push((performance.now() - t) / 10); cs.forEach((c) => c.dispose());
  }
  a.dispose(); b.dispose(); a1.dispose(); b1.dispose();
  const ms = median(ts), msBackToBack = median(bb);
  return { ms, tflops: (2 * n ** 3) / (ms * 1e9), msBackToBack, tflopsBackToBack: (2 * n ** 3) / (msBackToBack * 1e9) };
};
await step('speed', 'matmul 4096² f32, device-resident (ms each, TFLOP/s)', matmulCase(np));
await step('speed', `fused 10-op chain on 2^${bigLog2} f32, device-resident (ms each)`, async () => {
  const n = 2 ** bigLog2;
  const x0 = np.asarray(new Float32Array(n).fill(0.5), { shape: [n] });
  const x = np.add(x0, 0); await evaluate(x); x0.dispose();
  const chain = () => np.scope(() => { let t = x; for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5); return t; });
  const w = chain(); await evaluate(w); w.dispose();
  const ts = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const z = chain(); await evaluate(z); await z.get('0:1').data();
    ts.push(performance.now() - t); z.dispose();
  }
  const bb = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    const zs = [];
    for (let i = 0; i < 10; i++) { const z = chain(); await evaluate(z); zs.push(z); }
    await zs[9].get('0:1').data();
    bb.push((performance.now() - t) / 10); zs.forEach((z) => z.dispose());
  }
  x.dispose();
  return { ms: median(ts), msBackToBack: median(bb), sessions: np.info().engine().details.sessionsCreated };
});
// Long reductions: one stage (ORT's Reduce* over 2^big elements) against two (splitReductions).
await step('speed', `sum / max over 2^${bigLog2} f32, one stage vs two (ms, values)`, async () => {
  const n = 2 ** bigLog2;
  const host = new Float32Array(n).map((_, i) => Math.sin(i * 0.001));
  let want = 0, wantMax = -Infinity;
  for (let i = 0; i < n; i++) { want += host[i]; wantMax = Math.max(wantMax, host[i]); }
  const out = { reference: { sum: want, max: wantMax } };
  for (const [label, split] of [['one stage', false], ['two stages', true]]) {
    const ns = await createNamespace({ executionProviders: [ep], splitReductions: split });
    const x = ns.add(ns.asarray(host), 0); await evaluate(x);
    const r = {};
    for (const f of ['sum', 'max']) {
      const w = ns[f](x); r[f] = await w.item(); w.dispose(); // session creation
      const ts = [];
      for (let i = 0; i < 5; i++) { const t = performance.now(); const y = ns[f](x); await y.item(); ts.push(performance.now() - t); y.dispose(); }
      r[`${f} ms`] = median(ts);
    }
    out[label] = r;
    x.dispose();
  }
  return out;
});
await step('speed', 'tiny run() overhead (ms)', async () => {
  const x = np.ones([4]);
  const ts = [];
  for (let i = 0; i < 50; i++) { const t = performance.now(); const z = np.add(x, 1); await z.data(); ts.push(performance.now() - t); z.dispose(); }
  return median(ts);
});
report.finished = new Date().toISOString();
report.engineAfter = np.info().engine();
console.log(JSON.stringify(report, null, 2));
