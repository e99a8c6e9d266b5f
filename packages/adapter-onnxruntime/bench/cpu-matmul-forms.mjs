// Which ONNX form of a float32 n×n matrix product MLAS (the CPU EP) runs fastest, against NumPy on
// the same machine. MLAS splits one GEMM across threads in one dimension only: by rows when
// N <= M, and then every thread packs all of B for itself. Row blocks as a batch against a
// B of shape [1, n, n] make each GEMM wider than tall, so its threads split the columns instead.
// Plain MatMul also runs with more threads than cores.
// Every form is a bare C API session (the adapter's runner) writing into one reused output;
// each value is checked against a float64 corner. Prints one JSON object with min / median / p90 (ms).
// Usage: node bench/cpu-matmul-forms.mjs [--n 2048] [--reps 25]
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { OrtCApi } from '../dist/capi.js';
import { encodeModel } from '../dist/proto.js';
import { F32, i64init as i64, matmulOperands, vi } from './onnx-graph-helpers.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const n = arg('--n', 2048), reps = arg('--reps', 25);
const cores = os.availableParallelism?.() ?? os.cpus().length;
const api = OrtCApi.load();

const rand = () => Math.random() - 0.5;
const { A, B, BT, agrees: matchesCorner } = matmulOperands(n, rand, rand);

/** The product as `blocks` row blocks of A in one batched MatMul against B as [1, n, n]. */
const rowBlocks = (blocks) => ({
  input: [vi('a', [n, n]), vi('b', [n, n])], initializer: [i64('as', [blocks, n / blocks, n]), i64('bs', [1, n, n]), i64('cs', [n, n])],
  node: [
    { input: ['a', 'as'], output: ['a3'], opType: 'Reshape' }, { input: ['b', 'bs'], output: ['b3'], opType: 'Reshape' },
    { input: ['a3', 'b3'], output: ['c3'], opType: 'MatMul' }, { input: ['c3', 'cs'], output: ['c'], opType: 'Reshape' },
  ],
});
const forms = {
  MatMul: { input: [vi('a', [n, n]), vi('b', [n, n])], node: [{ input: ['a', 'b'], output: ['c'], opType: 'MatMul' }] },
  'Gemm, B transposed': { input: [vi('a', [n, n]), vi('bt', [n, n])], node: [{ input: ['a', 'bt'], output: ['c'], opType: 'Gemm', attribute: [{ name: 'transB', type: 2, i: 1 }] }] },
  'MatMul, 2 row blocks as a batch': rowBlocks(2),
  'MatMul, 4 row blocks as a batch': rowBlocks(4),
  'MatMul, 8 row blocks as a batch': rowBlocks(8),
};

const out = { machine: { cpu: os.cpus()[0]?.model, cores, node: process.version }, n, reps, forms: {}, numpy: {} };
const stats = (ts) => { const s = ts.slice().sort((p, q) => p - q); const at = (f) => +s[Math.min(s.length - 1, Math.floor(f * s.length))].toFixed(3); return { min: at(0), median: at(0.5), p90: at(0.9) }; };
async function time(session, ins, outT) {
  await session.run(ins, [outT], true); // warm
  const ts = [];
  for (let r = 0; r < reps; r++) { const t = performance.now(); await session.run(ins, [outT], true); ts.push(performance.now() - t); }
  return ts;
}
const settings = [{ threads: cores }, { threads: cores, spinning: true }, { threads: 0, label: 'ORT default threads' }];
for (const [name, g] of Object.entries(forms)) {
  const model = encodeModel({ name: 'mm', initializer: [], ...g, output: [vi('c', [n, n])] });
  const names = g.input.map((x) => x.name);
  const ins = names.map((x) => ({ data: x === 'bt' ? BT : x === 'a' ? A : B, dims: [n, n], type: F32 }));
  const c = { data: new Float32Array(n * n), dims: [n, n], type: F32 };
  // More threads than cores (MatMul only): MLAS then cuts the product into more pieces than
  // there are cores, so a core that falls behind holds up a smaller piece.
  const more = name === 'MatMul' ? [{ threads: Math.round(1.5 * cores) }, { threads: 2 * cores }] : [];
  for (const s of [...settings, ...more]) {
    const label = `${name}; ${s.label ?? `${s.threads} threads`}${s.spinning ? ', spinning' : ''}`;
    try {
      const session = api.createSession(model, names, ['c'], { threads: s.threads, optimization: 'all', sharedArena: true, spinning: s.spinning });
      const ts = await time(session, ins, c);
      session.release();
      const got = [c.data[0], c.data[1], c.data[n], c.data[n + 1]];
      out.forms[label] = { ...stats(ts), agrees: matchesCorner(got) };
    } catch (e) {
      out.forms[label] = { error: String(e.message ?? e).split('\n')[0] };
    }
  }
}
const py = `
import numpy as np, time, json
n, reps = ${n}, ${reps}
a = np.random.rand(n, n).astype(np.float32) - 0.5; b = np.random.rand(n, n).astype(np.float32) - 0.5
c = np.empty((n, n), np.float32)
def dist(f):
    f(); ts = []
    for _ in range(reps):
        t = time.perf_counter(); f(); ts.append((time.perf_counter() - t) * 1000)
    ts.sort(); at = lambda q: round(ts[min(len(ts) - 1, int(q * len(ts)))], 3)
    return {"min": at(0), "median": at(0.5), "p90": at(0.9)}
print(json.dumps({"a @ b": dist(lambda: a @ b), "matmul(a, b, out=c)": dist(lambda: np.matmul(a, b, out=c)), "numpy": np.__version__}))
`;
try { out.numpy = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' })); } catch (e) { out.numpy = { error: String(e.message ?? e) }; }
console.log(JSON.stringify(out, null, 1));
