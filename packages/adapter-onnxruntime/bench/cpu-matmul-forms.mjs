// Which ONNX form of a float32 n×n matrix product MLAS (the CPU EP) runs fastest, against NumPy on
// the same machine. MLAS splits one GEMM across threads in one dimension only (MlasGemmBatch): by
// rows when N <= M, and then every thread packs all of B for itself. A batch of GEMMs wider than
// tall splits by columns instead, and each thread packs only its columns of B.
// ORT's MatMul flattens A of shape [b, n/b, n] against B of shape [n, n] or [1, n, n] back into
// one n×n GEMM (MatMulComputeHelper: "right_shape being 2D … padding 1s in front … can be
// flattened too"), so the sixth session's row blocks as a batch changed nothing. Only when B has
// more dimensions than A ([1, 1, n, n] against [b, n/b, n]) does it stay a batch of b GEMMs of
// (n/b)×n, all reading the same B (offsets only, no copy).
// Plain MatMul also runs with more threads than cores, and with worker threads pinned to cores
// (ORT's session.intra_op_thread_affinities).
// Every form is a bare C API session (the adapter's runner) writing into one reused output, and
// the adapter itself (np.matmul) takes part in the rounds against NumPy;
// each value is checked against float64 at entries spread over the product. Then the most
// promising settings run in rounds that alternate with NumPy in a Python process kept open beside
// this one, so both see the same host state (this host's speed drifts between processes and over
// minutes). Prints one JSON object with min / median / p90 (ms).
// Usage: node bench/cpu-matmul-forms.mjs [--n 2048] [--reps 25] [--rounds 12]
import os from 'node:os';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { OrtCApi } from '../dist/capi.js';
import { createNamespace, evaluate } from '../dist/index.js';
import { encodeModel } from '../dist/proto.js';
import { F32, i64init as i64, matmulOperands, vi } from './onnx-graph-helpers.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const n = arg('--n', 2048), reps = arg('--reps', 25), rounds = arg('--rounds', 12);
const cores = os.availableParallelism?.() ?? os.cpus().length;
const api = OrtCApi.load();

const rand = () => Math.random() - 0.5;
const { A, B, BT, agreesEverywhere } = matmulOperands(n, rand, rand);

/**
 * The product as `blocks` row blocks of A against B as [1, 1, n, n]: a batch of `blocks` GEMMs of
 * (n/blocks)×n. With `reshapes`, the graph takes and gives n×n and reshapes inside (as the
 * adapter's graphs would); without, its inputs and output have the batch shapes already, over the
 * same memory.
 */
const batchOfRowBlocks = (blocks, reshapes) => (reshapes ? {
  input: [vi('a', [n, n]), vi('b', [n, n])], initializer: [i64('as', [blocks, n / blocks, n]), i64('bs', [1, 1, n, n]), i64('cs', [n, n])],
  node: [
    { input: ['a', 'as'], output: ['a3'], opType: 'Reshape' }, { input: ['b', 'bs'], output: ['b4'], opType: 'Reshape' },
    { input: ['a3', 'b4'], output: ['c4'], opType: 'MatMul' }, { input: ['c4', 'cs'], output: ['c'], opType: 'Reshape' },
  ],
} : {
  input: [vi('a', [blocks, n / blocks, n]), vi('b', [1, 1, n, n])], output: [vi('c', [1, blocks, n / blocks, n])],
  node: [{ input: ['a', 'b'], output: ['c'], opType: 'MatMul' }],
});
const forms = {
  MatMul: { input: [vi('a', [n, n]), vi('b', [n, n])], node: [{ input: ['a', 'b'], output: ['c'], opType: 'MatMul' }] },
  'Gemm, B transposed': { input: [vi('a', [n, n]), vi('bt', [n, n])], node: [{ input: ['a', 'bt'], output: ['c'], opType: 'Gemm', attribute: [{ name: 'transB', type: 2, i: 1 }] }] },
  ...Object.fromEntries([2, 4, 8].map((b) => [`MatMul, batch of ${b} row blocks`, batchOfRowBlocks(b, false)])),
  ...Object.fromEntries([2, 4, 8].map((b) => [`MatMul, batch of ${b} row blocks, reshaped in the graph`, batchOfRowBlocks(b, true)])),
};

const out = { machine: { cpu: os.cpus()[0]?.model, cores, node: process.version }, n, reps, rounds, forms: {}, interleaved: {}, numpy: {} };
const stats = (ts) => { const s = ts.slice().sort((p, q) => p - q); const at = (f) => +s[Math.min(s.length - 1, Math.floor(f * s.length))].toFixed(3); return { min: at(0), median: at(0.5), p90: at(0.9) }; };
async function timeRuns(session, ins, outT, k) {
  const ts = [];
  for (let r = 0; r < k; r++) { const t = performance.now(); await session.run(ins, [outT], true); ts.push(performance.now() - t); }
  return ts;
}
/** Worker threads 1..threads-1 each on its own core, 1-based ids from 2 (ORT leaves the calling thread unpinned). */
const pinned = (threads) => ({ 'session.intra_op_thread_affinities': Array.from({ length: threads - 1 }, (_, i) => String((i % (cores - 1)) + 2)).join(';') });
const settings = [
  { threads: cores }, { threads: cores, spinning: true }, { threads: cores, pin: true }, { threads: 0, label: 'ORT default threads' },
];
// More threads than cores (MatMul only): MLAS then cuts the product into more pieces than
// there are cores, so a core that falls behind holds up a smaller piece.
const moreThreads = [{ threads: Math.round(1.5 * cores) }, { threads: 2 * cores }];
const labelOf = (name, s) => `${name}; ${s.label ?? `${s.threads} threads`}${s.spinning ? ', spinning' : ''}${s.pin ? ', pinned' : ''}`;

const dimsOf = (v) => v.type.tensorType.shape.dim.map((d) => d.dimValue);
/** A session of one form and setting, its inputs and its reused output (each over the n×n arrays). */
function open(name, s) {
  const g = forms[name];
  const output = g.output ?? [vi('c', [n, n])];
  const model = encodeModel({ name: 'mm', initializer: [], ...g, output });
  const names = g.input.map((x) => x.name);
  const ins = g.input.map((x) => ({ data: x.name === 'bt' ? BT : x.name === 'a' ? A : B, dims: dimsOf(x), type: F32 }));
  const c = { data: new Float32Array(n * n), dims: dimsOf(output[0]), type: F32 };
  const session = api.createSession(model, names, ['c'], {
    threads: s.threads, optimization: 'all', sharedArena: true, spinning: s.spinning, ...(s.pin ? { configEntries: pinned(s.threads) } : {}),
  });
  const agrees = () => agreesEverywhere(c.data);
  return { session, ins, c, agrees };
}

for (const name of Object.keys(forms)) {
  for (const s of name === 'MatMul' ? [...settings, ...moreThreads] : [{ threads: cores }]) {
    const label = labelOf(name, s);
    try {
      const f = open(name, s);
      await timeRuns(f.session, f.ins, f.c, 1); // warm
      const ts = await timeRuns(f.session, f.ins, f.c, reps);
      f.session.release();
      out.forms[label] = { ...stats(ts), agrees: f.agrees() };
    } catch (e) {
      out.forms[label] = { error: String(e.message ?? e).split('\n')[0] };
    }
  }
}

// NumPy in a Python process kept open: each line asks for k timed products, it answers their times.
const py = `
import numpy as np, sys, time, json
n = ${n}
a = np.random.rand(n, n).astype(np.float32) - 0.5; b = np.random.rand(n, n).astype(np.float32) - 0.5
a @ b
print(json.dumps({"numpy": np.__version__, "config": str(np.show_config(mode="dicts").get("Build Dependencies", {}).get("blas", {}))}), flush=True)
for line in sys.stdin:
    ts = []
    for _ in range(int(line)):
        t = time.perf_counter(); a @ b; ts.append((time.perf_counter() - t) * 1000)
    print(json.dumps(ts), flush=True)
`;
const child = spawn('python3', ['-c', py], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
const nextLine = async () => { const { value, done } = await lines.next(); if (done) throw new Error('the NumPy process ended'); return JSON.parse(value); };
try {
  out.numpy = await nextLine();
  const numpyRuns = async (k) => { child.stdin.write(`${k}\n`); return nextLine(); };
  const sessions = [['MatMul', { threads: cores }], ['Gemm, B transposed', { threads: cores }], ...[2, 4, 8].map((b) => [`MatMul, batch of ${b} row blocks`, { threads: cores }]),
    ['MatMul, batch of 4 row blocks, reshaped in the graph', { threads: cores }]]
    .map(([name, s]) => {
      const f = open(name, s);
      return { label: labelOf(name, s), ts: [], run: (k) => timeRuns(f.session, f.ins, f.c, k), agrees: f.agrees, release: () => f.session.release() };
    });
  // The adapter itself, as a user calls it: np.matmul and evaluate(), the previous result disposed
  // first (its buffer is then reused for the next, as the bare sessions reuse one output).
  const np = await createNamespace({ executionProviders: ['cpu'] });
  const a = np.asarray(A, { shape: [n, n] }), b = np.asarray(B, { shape: [n, n] });
  let last;
  const adapter = {
    label: `the adapter: np.matmul(a, b), evaluated (${np.info().engine().details.runner})`, ts: [],
    run: async (k) => {
      const ts = [];
      for (let r = 0; r < k; r++) {
        last?.dispose();
        const t = performance.now();
        last = np.matmul(a, b);
        await evaluate(last);
        ts.push(performance.now() - t);
      }
      return ts;
    },
    agrees: async () => agreesEverywhere(await last.data()),
    release: () => { last?.dispose(); a.dispose(); b.dispose(); },
  };
  const candidates = [...sessions, adapter];
  const numpyTs = [];
  await numpyRuns(3);
  for (const f of candidates) await f.run(3);
  // OpenBLAS's threads spin for a while after each product (its THREAD_TIMEOUT, ~0.1 s): in
  // benchmarks/results/h200-2026-12-03g/call-1, whichever ORT session ran right after NumPy took
  // twice as long. So each NumPy block is followed by a pause, and the sessions take turns going first.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));
  for (let r = 0; r < rounds; r++) {
    numpyTs.push(...await numpyRuns(3));
    await settle();
    for (let i = 0; i < candidates.length; i++) { const f = candidates[(i + r) % candidates.length]; f.ts.push(...await f.run(3)); }
  }
  out.interleaved['NumPy a @ b'] = stats(numpyTs);
  for (const f of candidates) { out.interleaved[f.label] = { ...stats(f.ts), agrees: await f.agrees() }; f.release(); }
} catch (e) {
  out.interleaved.error = String(e.message ?? e);
} finally {
  child.stdin.end();
}
console.log(JSON.stringify(out, null, 1));
