// CPU EP speed check, side by side with NumPy in the same run (python3 + numpy must be on PATH).
// Usage: pnpm --filter @arr/adapter-onnxruntime build && node bench/cpu-bench.mjs [--threads N] [--loop 100000]
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import ort from 'onnxruntime-node';
import { createNamespace, evaluate } from '../dist/index.js';
import { encodeModel } from '../dist/proto.js';
import { NativeSession, OrtCApi } from '../dist/capi.js';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const threads = arg('--threads', os.availableParallelism?.() ?? os.cpus().length);
const loopN = arg('--loop', 0);
// --node: through onnxruntime-node's run() instead of ORT's C API (to compare the two runners).
const cApi = !process.argv.includes('--node');
const np = await createNamespace({ executionProviders: ['cpu'], intraOpNumThreads: threads, cApi });

async function median(fn, reps = 7) {
  await fn(); // warm (session creation)
  const ts = [];
  for (let i = 0; i < reps; i++) { const t = performance.now(); await fn(); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

const out = { machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, threads }, runner: np.info().engine().details.runner, onnxruntime: {}, numpy: {} };

// Per-run overhead of a cached graph: a 10-op chain on 4 elements in steady state, measured
// first, so that garbage collection left over from the large arrays below (which had the main
// thread share the CPU with V8's collector threads) does not count as the chain's overhead.
// Means include collections the loop itself causes; cpu/wall > 1 shows other threads were busy.
{
  const s = np.asarray(new Float32Array(4).fill(1), { shape: [4] });
  const tiny = () => np.scope(() => { let t = s; for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5); return t; });
  out.onnxruntime['10-op chain on 4 elements, whole call incl. recording (µs)'] = 1000 * await median(async () => { const z = tiny(); await evaluate(z); z.dispose(); }, 201);
  // Where a run's time goes: recording, evaluate(), and the part inside the runner's run()
  // (onnxruntime-node's, or ours over the C API: wrapping buffers, ORT's Run, releasing).
  const owner = cApi ? NativeSession.prototype : ort.InferenceSession.prototype;
  const run = owner.run;
  const inRun = [];
  owner.run = async function (...a) { const t = performance.now(); try { return await run.apply(this, a); } finally { inRun.push(performance.now() - t); } };
  // Steady state: V8 compiles hot code on background threads during the first thousand runs.
  for (let i = 0; i < 3000; i++) { const z = tiny(); await evaluate(z); z.dispose(); }
  const rec = [], ev = [];
  const reps = 2000;
  const cpu0 = process.cpuUsage(), wall0 = performance.now();
  for (let i = 0; i < reps; i++) {
    let t = performance.now(); const z = tiny(); rec.push(performance.now() - t);
    t = performance.now(); await evaluate(z); ev.push(performance.now() - t); z.dispose();
  }
  owner.run = run;
  const cpu = process.cpuUsage(cpu0);
  out.onnxruntime['10-op chain on 4 elements: process CPU time / wall time'] = +((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)).toFixed(2);
  // Means include garbage-collection pauses; medians compare with the bare session's median below.
  const mean = (xs) => (1000 * xs.reduce((a, b) => a + b, 0)) / xs.length;
  const mid = (xs) => 1000 * [...xs].sort((a, b) => a - b)[xs.length >> 1];
  out.onnxruntime['10-op chain on 4 elements: record / evaluate / inside run() (µs, means)'] = [rec, ev, inRun].map(mean);
  out.onnxruntime['10-op chain on 4 elements: record / evaluate / inside run() (µs, medians)'] = [rec, ev, inRun].map(mid);
  // The same ten ops as a bare onnxruntime-node session (scalars as inputs, as the adapter feeds them).
  const vi = (name, rank) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: rank ? [{ dimParam: 'n' }] : [] } } } });
  const nodes = [], inputs = [vi('x', 1)], feeds = { x: new ort.Tensor('float32', new Float32Array(4).fill(1), [4]) };
  let t = 'x';
  for (let i = 0; i < 10; i++) {
    inputs.push(vi(`c${i}`, 0));
    feeds[`c${i}`] = new ort.Tensor('float32', new Float32Array([i % 2 ? 0.5 : 1.0001]), []);
    nodes.push({ input: [t, `c${i}`], output: [`t${i}`], opType: i % 2 ? 'Add' : 'Mul' });
    t = `t${i}`;
  }
  const bare = await ort.InferenceSession.create(encodeModel({ name: 'chain', node: nodes, initializer: [], input: inputs, output: [vi(t, 1)] }),
    { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'basic', enableCpuMemArena: false, enableMemPattern: false, extra: { session: { intra_op: { allow_spinning: '0' } } } });
  out.onnxruntime['the same 10 ops, bare onnxruntime-node run() (µs)'] = 1000 * await median(() => bare.run(feeds), 2001);
  // The host's speed drifts (on the H200 host a bare run took 42–104 µs in different processes):
  // blocks of 200 evaluate() runs alternate with blocks of 200 bare runs, so each pair of block
  // medians comes from the same host state.
  const blocks = { evaluate: [], bare: [] };
  for (let b = 0; b < 10; b++) {
    const e = [], r = [];
    for (let i = 0; i < 200; i++) { const z = tiny(); const t0 = performance.now(); await evaluate(z); e.push(performance.now() - t0); z.dispose(); }
    for (let i = 0; i < 200; i++) { const t0 = performance.now(); await bare.run(feeds); r.push(performance.now() - t0); }
    blocks.evaluate.push(mid(e)); blocks.bare.push(mid(r));
  }
  const spread = (xs) => { const s = [...xs].sort((p, q) => p - q); return { best: +s[0].toFixed(1), median: +s[s.length >> 1].toFixed(1), worst: +s[s.length - 1].toFixed(1) }; };
  out.onnxruntime['10-op chain on 4 elements, alternating blocks: evaluate() block medians (µs)'] = spread(blocks.evaluate);
  out.onnxruntime['10-op chain on 4 elements, alternating blocks: bare onnxruntime-node run() block medians (µs)'] = spread(blocks.bare);
  s.dispose();
}
// matmul 2048² float32 (inputs resident, result evaluated on the engine, not read back)
for (const n of [1024, 2048]) {
  const a = np.asarray(new Float32Array(n * n).map(() => Math.random()), { shape: [n, n] });
  const b = np.asarray(new Float32Array(n * n).map(() => Math.random()), { shape: [n, n] });
  out.onnxruntime[`matmul ${n}² f32 (ms)`] = await median(async () => { const c = np.matmul(a, b); await evaluate(c); c.dispose(); });
  a.dispose(); b.dispose();
}
// The same product as a bare C API session, by thread count and spinning (which setting MLAS's
// sgemm wants on this host), output into one reused array.
if (cApi) {
  const n = 2048, api = OrtCApi.load();
  const vi = (name) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: n }, { dimValue: n }] } } } });
  const model = encodeModel({ name: 'mm', node: [{ opType: 'MatMul', input: ['a', 'b'], output: ['c'] }], initializer: [], input: [vi('a'), vi('b')], output: [vi('c')] });
  const a = { data: new Float32Array(n * n).map(() => Math.random()), dims: [n, n], type: 1 };
  const b = { data: new Float32Array(n * n).map(() => Math.random()), dims: [n, n], type: 1 };
  const c = { data: new Float32Array(n * n), dims: [n, n], type: 1 };
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  for (const t of [...new Set([cores, Math.max(1, cores >> 1)])]) {
    for (const spinning of [false, true]) {
      const s = api.createSession(model, ['a', 'b'], ['c'], { threads: t, optimization: 'all', sharedArena: true, spinning });
      out.onnxruntime[`bare C API MatMul ${n}², ${t} threads${spinning ? ', spinning' : ''} (ms)`] = await median(() => s.run([a, b], [c], true));
      s.release();
    }
  }
}
// x*5 + y on 1e7 float32: one fused graph
{
  const n = 1e7;
  const x = np.asarray(new Float32Array(n).map(() => Math.random()), { shape: [n] });
  const y = np.asarray(new Float32Array(n).map(() => Math.random()), { shape: [n] });
  out.onnxruntime['x*5+y 1e7 f32 (ms)'] = await median(async () => { const z = np.scope(() => np.add(np.multiply(x, 5), y)); await evaluate(z); z.dispose(); });
  // The same without reusing released result buffers (reuseOutputs: false): fresh output memory.
  const fresh = await createNamespace({ executionProviders: ['cpu'], intraOpNumThreads: threads, reuseOutputs: false, cApi });
  const fx = fresh.asarray(await x.data(), { shape: [n] }), fy = fresh.asarray(await y.data(), { shape: [n] });
  out.onnxruntime['x*5+y 1e7 f32, reuseOutputs: false (ms)'] = await median(async () => { const z = fresh.scope(() => fresh.add(fresh.multiply(fx, 5), fy)); await evaluate(z); z.dispose(); });
  fx.dispose(); fy.dispose();
  out.onnxruntime['sum 1e7 f32 (ms)'] = await median(async () => { const z = np.sum(x); await evaluate(z); z.dispose(); });
  // Reshapes evaluate as views (no Reshape node copying into the output): of an evaluated array,
  // and at the end of a graph.
  out.onnxruntime['reshape of an evaluated 1e7 f32 array (ms)'] = await median(async () => { const z = np.reshape(x, [1000, 10000]); await evaluate(z); z.dispose(); });
  out.onnxruntime['(x*5+y).reshape 1e7 f32 (ms)'] = await median(async () => { const z = np.scope(() => np.reshape(np.add(np.multiply(x, 5), y), [1000, 10000])); await evaluate(z); z.dispose(); });
  // Contiguous slices too (at least half of their source).
  out.onnxruntime['x[1:] of an evaluated 1e7 f32 array (ms)'] = await median(async () => { const z = x.get('1:'); await evaluate(z); z.dispose(); });
  x.dispose(); y.dispose();
}
// cached re-run of a 10-op chain on 2^20: session count and per-run overhead
{
  const n = 2 ** 20;
  const x = np.asarray(new Float32Array(n).fill(0.5), { shape: [n] });
  const chain = () => np.scope(() => {
    let t = x;
    for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5);
    return t;
  });
  const before = np.info().engine().details.sessionsCreated;
  out.onnxruntime['10-op chain 2^20 f32 (ms)'] = await median(async () => { const z = chain(); await evaluate(z); z.dispose(); }, 21);
  out.onnxruntime['10-op chain: sessions created over 22 runs'] = np.info().engine().details.sessionsCreated - before;
  x.dispose();
}
// create-compute-dispose loop: memory() and RSS
if (loopN > 0) {
  const m0 = np.memory(), r0 = process.memoryUsage().rss;
  for (let i = 0; i < loopN; i++) {
    const b = np.scope(() => np.add(np.multiply(np.ones([16]), 2), 1));
    await evaluate(b);
    b.dispose();
  }
  globalThis.gc?.();
  const m1 = np.memory(), r1 = process.memoryUsage().rss;
  out.onnxruntime[`loop ${loopN}`] = { memoryBefore: m0, memoryAfter: m1, rssMiBBefore: r0 / 2 ** 20, rssMiBAfter: r1 / 2 ** 20 };
}

const py = `
import numpy as np, time, json
def med(f, reps=7):
    f(); ts=[]
    for _ in range(reps):
        t=time.perf_counter(); f(); ts.append((time.perf_counter()-t)*1000)
    ts.sort(); return ts[len(ts)//2]
r={}
for n in (1024, 2048):
    a=np.random.rand(n,n).astype(np.float32); b=np.random.rand(n,n).astype(np.float32)
    r[f"matmul {n}² f32 (ms)"]=med(lambda: a@b)
x=np.random.rand(10**7).astype(np.float32); y=np.random.rand(10**7).astype(np.float32)
r["x*5+y 1e7 f32 (ms)"]=med(lambda: x*5+y)
r["sum 1e7 f32 (ms)"]=med(lambda: x.sum())
r["reshape of an evaluated 1e7 f32 array (ms)"]=med(lambda: x.reshape(1000, 10000))
r["(x*5+y).reshape 1e7 f32 (ms)"]=med(lambda: (x*5+y).reshape(1000, 10000))
r["x[1:] of an evaluated 1e7 f32 array (ms)"]=med(lambda: x[1:])
x=np.full(2**20, 0.5, np.float32)
def chain():
    t=x
    for i in range(5): t=t*np.float32(1.0001)+np.float32(0.5)
    return t
r["10-op chain 2^20 f32 (ms)"]=med(chain, 21)
r["numpy"]=np.__version__
print(json.dumps(r))
`;
try { out.numpy = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' })); } catch (e) { out.numpy = { error: String(e.message ?? e) }; }
console.log(JSON.stringify(out, null, 2));
