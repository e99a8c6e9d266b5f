// GPU host check of device-side `extract` (stream compaction): the kept elements against a host
// computation, and the time of the benchmark's filter case (x > 0.5, extract, sum, read back).
// Prints one JSON object. Usage: node bench/extract-check.mjs [--host-path]
import { createNamespace } from '../dist/index.js';

// With `deviceExtract: false` the same script times core's host path, for comparison.
const np = await createNamespace({ deviceExtract: !process.argv.includes('--host-path') });
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const out = { engine: np.info().engine().device, cases: {} };
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
for (const n of [0, 1, 1000, 1_000_003, 10_000_000, 2 ** 26]) {
  const host = new Float32Array(n);
  for (let i = 0; i < n; i++) host[i] = rand();
  const x = np.asarray(host, { shape: [n] });
  // Host expectation: the kept values in order.
  const want = host.filter((v) => v > 0.5);
  const mask = np.greater(x, 0.5);
  const kept = await np.extract(mask, x);
  const got = await kept.data();
  let same = got.length === want.length;
  for (let i = 0; same && i < want.length; i++) same = got[i] === want[i];
  kept.dispose(); mask.dispose();
  const times = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    const m = np.greater(x, 0.5);
    const k = await np.extract(m, x);
    m.dispose();
    const s = np.sum(k); k.dispose();
    await s.item(); s.dispose();
    times.push(performance.now() - t0);
  }
  out.cases[n] = { kept: want.length, identical: same, extractSumMs: +median(times).toFixed(3) };
  x.dispose();
}
// Broadcast condition and other dtypes.
try {
  const b = await (await np.extract(np.asarray([true, false, true]), np.reshape(np.arange(6, undefined, undefined, { dtype: 'int64' }), [2, 3]))).toArray();
  out.broadcastInt64 = b.map(String);
} catch (e) {
  out.broadcastInt64 = { error: String(e?.message ?? e) };
}
console.log(JSON.stringify(out, null, 1));
process.exit(0);
