// GPU host diagnostics for the WebGPU EP speed targets: how the time of an elementwise chain
// splits between evaluate() and the read that waits for it, by size and chain length.
// Run with ARR_ORT_LOG_LEVEL=0 to see ORT's node placement on stderr. Prints one JSON object.
// Usage: node bench/webgpu-diag.mjs [--ep webgpu] [--options '{"validationMode":"disabled"}'] [--sizes 20,26]
import { createNamespace, evaluate } from '../dist/index.js';

const arg = (name, dflt) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : dflt);
const ep = arg('--ep', 'webgpu');
const providerOptions = JSON.parse(arg('--options', '{}'));
const sizes = arg('--sizes', '20,26').split(',').map(Number);
const np = await createNamespace({ executionProviders: [ep], providerOptions });
const out = { ep, providerOptions, engine: np.info().engine(), chain: {} };
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
for (const log2 of sizes) {
  const n = 2 ** log2;
  const x = np.add(np.asarray(new Float32Array(n).fill(0.5), { shape: [n] }), 0);
  await evaluate(x);
  for (const k of [1, 2, 10]) {
    const chain = () => np.scope(() => { let t = x; for (let i = 0; i < k; i++) t = i % 2 ? np.add(t, 0.5) : np.multiply(t, 1.0001); return t; });
    const w = chain(); await evaluate(w); await w.get('0:1').data(); w.dispose();
    const ev = [], rd = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      const z = chain(); await evaluate(z);
      const t1 = performance.now();
      await z.get('0:1').data();
      ev.push(t1 - t0); rd.push(performance.now() - t1); z.dispose();
    }
    out.chain[`2^${log2}, ${k} ops`] = { evaluateMs: +median(ev).toFixed(3), thenReadMs: +median(rd).toFixed(3) };
  }
  // One op with an array operand instead of a scalar (no scalar input to upload).
  const y = np.add(x, 0); await evaluate(y);
  const ts = [];
  for (let r = 0; r < 5; r++) { const t0 = performance.now(); const z = np.add(x, y); await evaluate(z); await z.get('0:1').data(); ts.push(performance.now() - t0); z.dispose(); }
  out.chain[`2^${log2}, x + y (array operand)`] = { totalMs: +median(ts).toFixed(3) };
  x.dispose(); y.dispose();
}
out.sessions = np.info().engine().details;
console.log(JSON.stringify(out, null, 1));
process.exit(0);
