import ort from 'onnxruntime-node';
import { encodeModel } from '../dist/proto.js';
const n = 1e7;
const vi = (name) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'n' }] } } } });
const graph = {
  name: 'g',
  node: [
    { input: ['x', 'five'], output: ['t'], opType: 'Mul' },
    { input: ['t', 'y'], output: ['z'], opType: 'Add' },
  ],
  initializer: [{ name: 'five', dims: [], dataType: 1, rawData: new Uint8Array(new Float32Array([5]).buffer) }],
  input: [vi('x'), vi('y')], output: [vi('z')],
};
const model = encodeModel(graph);
const threads = Number(process.env.T ?? 2);
for (const arena of [false, true]) {
  const s = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, enableCpuMemArena: arena, enableMemPattern: false, graphOptimizationLevel: 'all', extra: { session: { intra_op: { allow_spinning: '0' } } } });
  const x = new ort.Tensor('float32', new Float32Array(n).fill(1), [n]);
  const y = new ort.Tensor('float32', new Float32Array(n).fill(2), [n]);
  const med = async (label, fn) => { await fn(); await fn(); const ts = []; for (let i = 0; i < 9; i++) { const t = performance.now(); await fn(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); console.log(`arena=${arena} ${label}: ${ts[4].toFixed(1)} ms`); };
  await med('plain run', async () => { const r = await s.run({ x, y }); r.z.dispose(); });
  await med('fresh pre-allocated output', async () => { const out = new ort.Tensor('float32', new Float32Array(n), [n]); await s.run({ x, y }, { z: out }); });
  const reused = new ort.Tensor('float32', new Float32Array(n), [n]);
  await med('reused pre-allocated output', async () => { const r = await s.run({ x, y }, { z: reused }); if (r.z.data[5] !== 7) throw new Error('wrong ' + r.z.data[5]); });
}
