// Where the WebGPU EP's time goes in the 10-op elementwise chain (t = t*1.0001 + 0.5, five times,
// on 2^26 float32, device-resident): the same chain with its scalars fed as host inputs at every
// run (what the adapter does, so one session serves every scalar value), as initializers, and as
// inputs already on the GPU; and chains of 1 and 2 ops for the cost per op. Bare onnxruntime-node
// sessions; ten runs back to back, then one 1-element read through a CPU-output session (never
// getData() on a GPU buffer, see ../README.md). Prints one JSON object.
// Usage: node bench/chain-forms.mjs [--ep webgpu] [--log2 26]
import ort from 'onnxruntime-node';
import { encodeModel } from '../dist/proto.js';
import { F32, i64init, vi } from './onnx-graph-helpers.mjs';

const arg = (name, dflt) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const ep = arg('--ep', 'webgpu');
const n = 2 ** Number(arg('--log2', 26));
const gpu = ep !== 'cpu';
const provider = gpu ? { name: ep, storageBufferCacheMode: 'simple' } : ep;
const f32init = (name, v) => ({ name, dims: [], dataType: F32, rawData: new Uint8Array(Float32Array.of(v).buffer) });
const session = (graph, outputsOnGpu) => ort.InferenceSession.create(encodeModel({ name: 'g', initializer: [], ...graph }), {
  executionProviders: [provider], graphOptimizationLevel: 'all', logSeverityLevel: 3,
  ...(gpu ? { preferredOutputLocation: outputsOnGpu ? 'gpu-buffer' : 'cpu' } : {}),
});
const scalar = (i) => (i % 2 ? 0.5 : 1.0001);

/** The chain of `ops` ops; scalars 'input' (graph inputs) or 'init' (initializers). */
function chainGraph(ops, scalars) {
  const node = [], input = [vi('x', [n])], initializer = [];
  let t = 'x';
  for (let i = 0; i < ops; i++) {
    if (scalars === 'input') input.push(vi(`c${i}`, [])); else initializer.push(f32init(`c${i}`, scalar(i)));
    node.push({ opType: i % 2 ? 'Add' : 'Mul', input: [t, `c${i}`], output: [`t${i}`] });
    t = `t${i}`;
  }
  node.push({ opType: 'Identity', input: [t], output: ['z'] });
  return { input, output: [vi('z', [n])], initializer, node };
}

const report = { ep, n, started: new Date().toISOString(), forms: {}, errors: [] };
const median = (xs) => xs.slice().sort((p, q) => p - q)[xs.length >> 1];
// x on the device, and the ten scalars on the device (outputs of Identity sessions).
const upload = await session({ input: [vi('a', [n])], output: [vi('b', [n])], node: [{ opType: 'Identity', input: ['a'], output: ['b'] }] }, true);
const x = (await upload.run({ a: new ort.Tensor('float32', new Float32Array(n).fill(0.5), [n]) })).b;
const hostScalars = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, new ort.Tensor('float32', Float32Array.of(scalar(i)), [])]));
const upScalars = await session({
  input: Array.from({ length: 10 }, (_, i) => vi(`c${i}`, [])), output: Array.from({ length: 10 }, (_, i) => vi(`d${i}`, [])),
  node: Array.from({ length: 10 }, (_, i) => ({ opType: 'Identity', input: [`c${i}`], output: [`d${i}`] })),
}, true);
const up = await upScalars.run(hostScalars);
const deviceScalars = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, up[`d${i}`]]));
const corner = await session({ input: [vi('z', [n])], output: [vi('k', [1])], initializer: [i64init('s', [0]), i64init('e', [1])], node: [{ opType: 'Slice', input: ['z', 's', 'e'], output: ['k'] }] }, false);
const read = async (z) => (await corner.run({ z })).k.data[0];

let want = 0.5;
for (let i = 0; i < 10; i++) want = Math.fround(i % 2 ? want + 0.5 : want * Math.fround(1.0001));
report.reference = want;
const forms = {
  '10 ops, scalars fed from the host (as the adapter does)': [chainGraph(10, 'input'), hostScalars],
  '10 ops, scalars as initializers': [chainGraph(10, 'init'), {}],
  '10 ops, scalars fed as GPU tensors': [chainGraph(10, 'input'), deviceScalars],
  '2 ops, scalars fed from the host': [chainGraph(2, 'input'), { c0: hostScalars.c0, c1: hostScalars.c1 }],
  '1 op, scalar fed from the host': [chainGraph(1, 'input'), { c0: hostScalars.c0 }],
  '1 op, scalar as initializer': [chainGraph(1, 'init'), {}],
};
for (const [name, [graph, scalars]] of Object.entries(forms)) {
  try {
    const s = await session(graph, true);
    const feeds = { x, ...scalars };
    const first = await read((await s.run(feeds)).z);
    const times = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      let z;
      for (let i = 0; i < 10; i++) { const prev = z; z = (await s.run(feeds)).z; prev?.dispose(); }
      await read(z);
      z.dispose();
      times.push((performance.now() - t0) / 10);
    }
    report.forms[name] = { msPerRun: +median(times).toFixed(3), first };
  } catch (e) {
    report.errors.push({ form: name, error: String(e?.message ?? e).split('\n')[0] });
  }
}
report.finished = new Date().toISOString();
console.log(JSON.stringify(report, null, 1));
process.exit(0);
