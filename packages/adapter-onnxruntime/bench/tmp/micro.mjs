import { OrtCApi } from '../../dist/capi.js';
import { encodeModel } from '../../dist/proto.js';
const api = OrtCApi.load();
const vi = (name, rank) => ({ name, type: { tensorType: { elemType: 1, shape: { dim: Array.from({ length: rank }, (_, i) => ({ dimParam: `${name}${i}` })) } } } });
const nodes = [], inputs = [vi('x', 1)], names = ['x'], ins = [{ data: new Float32Array(4).fill(1), dims: [4], type: 1 }];
let t = 'x';
for (let i = 0; i < 10; i++) { inputs.push(vi(`c${i}`, 0)); names.push(`c${i}`); ins.push({ data: new Float32Array([i % 2 ? 0.5 : 1.0001]), dims: [], type: 1 }); nodes.push({ input: [t, `c${i}`], output: [`t${i}`], opType: i % 2 ? 'Add' : 'Mul' }); t = `t${i}`; }
const m = encodeModel({ name: 'g', node: nodes, initializer: [], input: inputs, output: [vi(t, 1)] });
for (const arena of [false, true]) {
const s = api.createSession(m, names, [t], { threads: 1, optimization: 'basic', sharedArena: arena, logLevel: 3 });
const out = [{ data: new Float32Array(4), dims: [4], type: 1 }];
const ts = [];
for (let i = 0; i < 20000; i++) { const t0 = performance.now(); await s.run(ins, out, false); ts.push(performance.now() - t0); }
ts.sort((a, b) => a - b); console.log('arena', arena, 'native run µs', ts[10000] * 1000);
}
// cost of wrap+release only
const koffi = api.koffi;
const values = new BigUint64Array(12); const base = koffi.address(values); const dims = new BigInt64Array(12); const db = koffi.address(dims);
const ts = [];
for (let i = 0; i < 20000; i++) { const t0 = performance.now(); for (let k = 0; k < 12; k++) api.wrap(ins[k % 11], db, base + BigInt(8 * k)); for (let k = 0; k < 12; k++) api.releaseValue(Number(values[k])); ts.push(performance.now() - t0); }
ts.sort((a, b) => a - b); console.log('12 wrap+release µs', ts[10000] * 1000);
