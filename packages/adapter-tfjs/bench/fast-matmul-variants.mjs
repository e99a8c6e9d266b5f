// GPU host: times each tile variant of the opt-in webgpu matmul (src/webgpu-matmul.ts) against
// tfjs's own at several square sizes (10 back-to-back calls, one 1-element read, median of 5),
// checking each result's first and last element. Prints JSON.
// Usage (after `npx tsc -b packages/adapter-tfjs`): node packages/adapter-tfjs/bench/fast-matmul-variants.mjs [sizes…]
import * as tf from '@tensorflow/tfjs-core';
import { startBackend } from '../dist/backends.js';
import { FAST_MATMUL_VARIANTS, fastMatmulWebgpu } from '../dist/webgpu-matmul.js';

await startBackend('webgpu');
const backend = tf.backend();
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const out = {};
for (const n of sizes.length ? sizes : [1024, 2048, 4096, 8192]) {
  const row = (out[n] = {});
  const a = tf.fill([n, n], 0.5), b = tf.fill([n, n], 0.25);
  const chain = async (f, k) => {
    const t0 = performance.now();
    const outs = [];
    for (let j = 0; j < k; j++) outs.push(f());
    const s = tf.tidy(() => tf.slice(tf.reshape(outs[k - 1], [-1]), [0], [1]));
    await s.data();
    s.dispose();
    for (const o of outs) o.dispose();
    return (performance.now() - t0) / k;
  };
  const cands = { tfjs: () => tf.matMul(a, b) };
  for (const v of ['auto', ...Object.keys(FAST_MATMUL_VARIANTS)]) cands[v] = () => fastMatmulWebgpu(backend, a, b, v);
  for (const [name, f] of Object.entries(cands)) {
    try {
      const c = f();
      const d = await c.data();
      c.dispose();
      const ok = d[0] === n * 0.125 && d[d.length - 1] === n * 0.125;
      await chain(f, 2);
      const ts = [];
      for (let r = 0; r < 5; r++) ts.push(await chain(f, 10));
      const ms = median(ts);
      row[name] = { ms: +ms.toFixed(3), tflops: +((2 * n ** 3) / (ms / 1e3) / 1e12).toFixed(2), ...(ok ? {} : { wrong: [d[0], d[d.length - 1]] }) };
    } catch (e) {
      row[name] = { error: String(e?.message ?? e).slice(0, 200) };
    }
  }
  a.dispose(); b.dispose();
}
console.log(JSON.stringify(out, null, 1));
