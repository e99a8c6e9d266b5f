// Speed of the linalg / fft kernels against NumPy, measured in one run on this machine.
// Usage (from packages/numerics): sh scripts/bench_linalg_fft.sh
// (compiles src/linalg and src/fft with tsc into a temporary folder, then runs this file with it).
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const L = await import(pathToFileURL(`${dir}/linalg/index.js`).href);
const F = await import(pathToFileURL(`${dir}/fft/index.js`).href);

const rand = (len, seed) => { let s = seed >>> 0; const a = new Float64Array(len); for (let i = 0; i < len; i++) { s = (s * 1664525 + 1013904223) >>> 0; a[i] = s / 2 ** 31 - 1; } return a; };
const time = (f, rep) => { f(); let best = Infinity; for (let i = 0; i < rep; i++) { const t = performance.now(); f(); best = Math.min(best, performance.now() - t); } return best; };

const n = 512;
const a = rand(n * n, 1), b = rand(n * n, 2), x = rand(2 ** 21, 3);
const ours = {
  'solve 512x512, b 512x1': time(() => L.solve(a, b.subarray(0, n), 1, n, 1), 5),
  'solve 512x512, B 512x512': time(() => L.solve(a, b, 1, n, n), 3),
  'svd 512x512 (U, S, Vh)': time(() => L.svd(a, 1, n, n), 2),
  'svdvals 512x512': time(() => L.svdvals(a, 1, n, n), 2),
  'fft 2^20 complex128': time(() => F.fft(x), 5),
};
const py = `
import numpy as np, time, json
rng = np.random.default_rng(0)
def t(f, rep):
    f(); b = 1e9
    for _ in range(rep):
        s = time.perf_counter(); f(); b = min(b, time.perf_counter() - s)
    return b * 1e3
a = rng.standard_normal((512, 512)); b = rng.standard_normal((512, 512)); x = rng.standard_normal(2**20) + 1j * rng.standard_normal(2**20)
print(json.dumps({
  'solve 512x512, b 512x1': t(lambda: np.linalg.solve(a, b[:, :1]), 5),
  'solve 512x512, B 512x512': t(lambda: np.linalg.solve(a, b), 3),
  'svd 512x512 (U, S, Vh)': t(lambda: np.linalg.svd(a), 2),
  'svdvals 512x512': t(lambda: np.linalg.svd(a, compute_uv=False), 2),
  'fft 2^20 complex128': t(lambda: np.fft.fft(x), 5),
}))`;
const np = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' }));
console.log('| operation | @arr kernels (ms) | NumPy (ms) | ratio |\n|---|---|---|---|');
for (const k of Object.keys(ours)) console.log(`| ${k} | ${ours[k].toFixed(1)} | ${np[k].toFixed(1)} | ${(ours[k] / np[k]).toFixed(1)}× |`);
