// GPU-host check of `createNamespace({ backend: 'webgpu', splitReductions: true })`: long
// reductions (2^24, 2^26 float32) with and without the two-stage split, values against a float64
// host reference and times (read-back inside the timed region). Prints JSON.
// Usage (after `npx tsc -b packages/adapter-tfjs`): node packages/adapter-tfjs/bench/split-reduce-check.mjs
import { createNamespace } from '../dist/create.js';

const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const res = { ok: true, cases: {}, errors: [] };
const spaces = {};
for (const split of [false, true]) spaces[split ? 'split' : 'plain'] = await createNamespace({ backend: 'webgpu', splitReductions: split });
res.engine = spaces.plain.info().engine();
for (const log2 of [24, 26]) {
  const n = 2 ** log2;
  const host = new Float32Array(n);
  for (let i = 0; i < n; i++) host[i] = ((i * 7919) % 1000) * 0.001 - 0.4;
  let sum = 0, max = -Infinity;
  for (let i = 0; i < n; i++) { sum += host[i]; max = Math.max(max, host[i]); }
  const rows = 16, m = n / rows; // [16, n/16], reduced over the long axis
  const rowSums = Array.from({ length: rows }, (_, r) => { let s = 0; for (let i = r * m; i < (r + 1) * m; i++) s += host[i]; return s; });
  for (const [label, np] of Object.entries(spaces)) {
    try {
      const x = np.asarray(host, { shape: [n] });
      const x2 = np.reshape(x, [rows, m]);
      const cases = {
        sum: [() => np.sum(x), [sum]],
        max: [() => np.max(x), [max]],
        mean: [() => np.mean(x), [sum / n]],
        'sum axis 1 of [16, n/16]': [() => np.sum(x2, { axis: 1 }), rowSums],
      };
      for (const [name, [f, want]] of Object.entries(cases)) {
        const ts = [];
        let got;
        for (let r = 0; r < 5; r++) {
          const t = performance.now();
          const y = f();
          got = Array.from(await y.data());
          ts.push(performance.now() - t);
          y.dispose();
        }
        const rel = Math.max(...got.map((v, i) => Math.abs(v - want[i]) / Math.max(1, Math.abs(want[i]))));
        const ok = got.length === want.length && rel < 1e-4;
        if (!ok) res.ok = false;
        res.cases[`${name} 2^${log2} (${label})`] = { ms: +median(ts).toFixed(3), ok, rel };
      }
      x2.dispose(); x.dispose();
    } catch (e) {
      res.ok = false;
      res.errors.push({ log2, label, error: String(e?.stack ?? e).slice(0, 1500) });
    }
  }
}
console.log(JSON.stringify(res, null, 2));
process.exit(0);
