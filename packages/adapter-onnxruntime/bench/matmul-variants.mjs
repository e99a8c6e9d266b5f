// Which ONNX form of a float32 matrix product runs fastest on an execution provider: MatMul,
// Gemm with B transposed, a 1×1 Conv (the EP's convolution kernel), and MatMul split into row
// blocks. Each form runs on device-resident inputs (outputs of an Identity session kept as GPU
// buffers), ten back to back, then a 1-element read through a CPU-output session (never getData()
// on a GPU buffer, see ../README.md). Values are checked against a float64 corner. Prints one JSON object.
// Usage: node bench/matmul-variants.mjs [--ep webgpu] [--n 4096] [--provider-options '{"validationMode":"disabled"}']
import ort from 'onnxruntime-node';
import { encodeModel } from '../dist/proto.js';
import { i64init as i64, matmulOperands, vi } from './onnx-graph-helpers.mjs';

const arg = (name, dflt) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const ep = arg('--ep', 'webgpu');
const n = Number(arg('--n', 4096));
const gpu = ep !== 'cpu';
const providerOptions = JSON.parse(arg('--provider-options', '{}'));
const provider = Object.keys(providerOptions).length ? { name: ep, ...providerOptions } : ep;
const session = (graph, outputsOnGpu) => ort.InferenceSession.create(encodeModel({ name: 'g', initializer: [], ...graph }), {
  executionProviders: [provider], graphOptimizationLevel: 'all', logSeverityLevel: 3,
  ...(gpu ? { preferredOutputLocation: outputsOnGpu ? 'gpu-buffer' : 'cpu' } : {}),
});

// The product C = A·B (n×n) in each form; every graph takes A, B (or Bᵀ) and gives C as [n, n].
const forms = {
  MatMul: { input: [vi('a', [n, n]), vi('b', [n, n])], output: [vi('c', [n, n])], node: [{ input: ['a', 'b'], output: ['c'], opType: 'MatMul' }] },
  Gemm: { input: [vi('a', [n, n]), vi('b', [n, n])], output: [vi('c', [n, n])], node: [{ input: ['a', 'b'], output: ['c'], opType: 'Gemm' }] },
  'Gemm, B transposed': {
    input: [vi('a', [n, n]), vi('bt', [n, n])], output: [vi('c', [n, n])],
    node: [{ input: ['a', 'bt'], output: ['c'], opType: 'Gemm', attribute: [{ name: 'transB', type: 2, i: 1 }] }],
  },
  // Y[0, m, j, 0] = Σₖ W[m, k, 0, 0] · X[0, k, j, 0] with W = A, X = B.
  'Conv 1×1': {
    input: [vi('a', [n, n]), vi('b', [n, n])], output: [vi('c', [n, n])], initializer: [i64('ws', [n, n, 1, 1]), i64('xs', [1, n, n, 1]), i64('cs', [n, n])],
    node: [
      { input: ['a', 'ws'], output: ['w'], opType: 'Reshape' }, { input: ['b', 'xs'], output: ['x'], opType: 'Reshape' },
      { input: ['x', 'w'], output: ['y'], opType: 'Conv' }, { input: ['y', 'cs'], output: ['c'], opType: 'Reshape' },
    ],
  },
  'MatMul, 4 row blocks as a batch': {
    input: [vi('a', [n, n]), vi('b', [n, n])], output: [vi('c', [n, n])], initializer: [i64('as', [4, n / 4, n]), i64('cs', [n, n])],
    node: [{ input: ['a', 'as'], output: ['a4'], opType: 'Reshape' }, { input: ['a4', 'b'], output: ['c4'], opType: 'MatMul' }, { input: ['c4', 'cs'], output: ['c'], opType: 'Reshape' }],
  },
};

const report = { ep, providerOptions, n, started: new Date().toISOString(), forms: {}, errors: [] };
const median = (xs) => xs.slice().sort((p, q) => p - q)[xs.length >> 1];
const { A, B, BT, corner: want, agrees: matchesCorner } = matmulOperands(n, (i) => Math.sin(i * 0.001 + 1), (i) => Math.sin(i * 0.001 + 2));
// Device-resident inputs: outputs of one Identity session, kept on the GPU.
const upload = await session({ input: [vi('a', [n, n]), vi('b', [n, n]), vi('bt', [n, n])], output: [vi('ra', [n, n]), vi('rb', [n, n]), vi('rbt', [n, n])], node: [
  { input: ['a'], output: ['ra'], opType: 'Identity' }, { input: ['b'], output: ['rb'], opType: 'Identity' }, { input: ['bt'], output: ['rbt'], opType: 'Identity' },
] }, true);
const dev = await upload.run({ a: new ort.Tensor('float32', A, [n, n]), b: new ort.Tensor('float32', B, [n, n]), bt: new ort.Tensor('float32', BT, [n, n]) });
// Reads C[0:2, 0:2] to the host (and waits for the queue).
const corner = await session({ input: [vi('c', [n, n])], output: [vi('k', [2, 2])], initializer: [i64('s', [0, 0]), i64('e', [2, 2])], node: [{ input: ['c', 's', 'e'], output: ['k'], opType: 'Slice' }] }, false);
const read = async (c) => Array.from((await corner.run({ c })).k.data);

// C[0:2, 0:2] in float64: what every form must give.
report.reference = want;
for (const [name, graph] of Object.entries(forms)) {
  try {
    const s = await session(graph, true);
    const feeds = { a: dev.ra };
    if (graph.input.some((i) => i.name === 'bt')) feeds.bt = dev.rbt; else feeds.b = dev.rb;
    const first = (await s.run(feeds)).c;
    const got = await read(first);
    const agrees = matchesCorner(got);
    const times = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      let c;
      for (let i = 0; i < 10; i++) c = (await s.run(feeds)).c;
      await read(c);
      times.push((performance.now() - t0) / 10);
    }
    const ms = median(times);
    report.forms[name] = { msBackToBack: ms, tflops: (2 * n ** 3) / (ms * 1e9), corner: got, matchesFloat64: agrees };
  } catch (e) {
    report.errors.push({ form: name, error: String(e?.message ?? e).split('\n')[0] });
  }
}
report.finished = new Date().toISOString();
console.log(JSON.stringify(report, null, 1));
process.exit(0);
