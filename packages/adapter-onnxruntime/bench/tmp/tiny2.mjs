import { createNamespace, evaluate } from '../../dist/index.js';
const np = await createNamespace({ executionProviders: ['cpu'] });
const s = np.asarray(new Float32Array(4).fill(1), { shape: [4] });
const tiny = () => np.scope(() => { let t = s; for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5); return t; });
const zs = Array.from({ length: 20000 }, tiny);
const t0 = performance.now();
for (const z of zs) { await evaluate(z); }
console.log('evaluate mean µs', (performance.now() - t0) / 20);
for (const z of zs) z.dispose();
