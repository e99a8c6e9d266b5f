// GPU host diagnostics for the tfjs webgpu speed targets: where the time of matmul 4096² and
// x*5+y on 2^26 goes, raw tfjs against @arr, per matmul program type. Prints one JSON object.
// Usage: node bench/webgpu-diag.mjs
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace } from '../dist/create.js';

const out = { raw: {}, arr: {}, programTypes: {} };
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const np = await createNamespace({ backend: 'webgpu' });
out.engine = np.info().engine();
out.flags = tf.env().getFlags();
const sync1 = async (t) => { const s = tf.slice(tf.reshape(t, [-1]), [0], [1]); await s.data(); s.dispose(); };
// Per-op time: k ops queued back to back, one 1-element read at the end.
async function perOp(name, k, fn, into, sync = sync1) {
  const run = async () => { const t0 = performance.now(); const zs = []; for (let i = 0; i < k; i++) zs.push(fn()); await sync(zs[k - 1]); zs.forEach((z) => z.dispose()); return (performance.now() - t0) / k; };
  await run();
  const ts = []; for (let r = 0; r < 3; r++) ts.push(await run());
  into[name] = +median(ts).toFixed(3);
}
const timed = async (name, f, into) => { try { await f(); } catch (e) { into[name] = `error: ${String(e?.message ?? e).slice(0, 300)}`; } };

const N = 2 ** 26;
const x = tf.ones([N]), y = tf.ones([N]);
await timed('empty sync (1-element read)', async () => { const ts = []; for (let i = 0; i < 10; i++) { const t0 = performance.now(); await sync1(x); ts.push(performance.now() - t0); } out.raw['1-element read round trip (ms)'] = +median(ts).toFixed(3); }, out.raw);
await timed('raw', () => perOp('tf.add(tf.mul(x, 5), y) 2^26, 10 queued (ms each)', 10, () => tf.tidy(() => tf.add(tf.mul(x, 5), y)), out.raw), out.raw);
await timed('raw2', () => perOp('tf.mul(x, 5) 2^26 (ms each)', 10, () => tf.mul(x, 5), out.raw), out.raw);
await timed('raw3', () => perOp('tf.add(x, y) 2^26 (ms each)', 10, () => tf.add(x, y), out.raw), out.raw);
await timed('raw4', () => perOp('tf.mul(x, 5) 2^26, one at a time with read (ms)', 1, () => tf.mul(x, 5), out.raw), out.raw);
const ax = np.ones([N]), ay = np.ones([N]);
const arrSync = async (z) => { const i = np.asarray([0], { dtype: 'int32' }); const s = np.take(np.reshape(z, [-1]), i); await s.data(); s.dispose(); i.dispose(); };
await timed('arr', () => perOp('np.add(np.multiply(x, 5), y) 2^26, 10 queued (ms each)', 10, () => np.scope(() => np.add(np.multiply(ax, 5), ay)), out.arr, arrSync), out.arr);
await timed('arr2', () => perOp('np.multiply(x, 5) 2^26, 10 queued (ms each)', 10, () => np.multiply(ax, 5), out.arr, arrSync), out.arr);
x.dispose(); y.dispose();

// matmul 4096² by program type (-1 = tfjs's own choice).
const n = 4096;
const a = tf.randomUniform([n, n]), b = tf.randomUniform([n, n]);
for (const type of [-1, 0, 1, 2, 3]) {
  await timed(String(type), async () => {
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', type);
    await perOp(`type ${type}: matmul 4096², 5 queued (ms each)`, 5, () => tf.matMul(a, b), out.programTypes);
  }, out.programTypes);
}
tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', -1);
out.memory = tf.memory();
console.log(JSON.stringify(out, null, 1));
process.exit(0);
