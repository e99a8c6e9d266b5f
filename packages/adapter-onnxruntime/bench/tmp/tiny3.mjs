import { createNamespace, evaluate } from '../../dist/index.js';
const np = await createNamespace({ executionProviders: ['cpu'] });
const s = np.asarray(new Float32Array(4).fill(1), { shape: [4] });
const tiny = () => np.scope(() => { let t = s; for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5); return t; });
const N = 20000; const ev = [];
for (let i = 0; i < N; i++) { const z = tiny(); const t = performance.now(); await evaluate(z); ev.push(performance.now() - t); z.dispose(); }
const med = (x) => x.sort((a, b) => a - b)[x.length >> 1] * 1000;
console.log('evaluate median µs', med(ev), 'prep/cache/run/tail', globalThis.PT.map(med));
