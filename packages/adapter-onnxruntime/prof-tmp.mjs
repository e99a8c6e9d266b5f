const { createNamespace, evaluate } = await import('./dist/index.js');
const np = await createNamespace({ executionProviders: ['cpu'] });
const s = np.asarray(new Float32Array(4).fill(1), { shape: [4] });
const tiny = () => np.scope(() => { let t = s; for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5); return t; });
let rec = 0, ev = 0; const N = 20000;
for (let i = 0; i < N; i++) { let t = performance.now(); const z = tiny(); rec += performance.now() - t; t = performance.now(); await evaluate(z); ev += performance.now() - t; z.dispose(); }
console.log('record', 1000 * rec / N, 'evaluate', 1000 * ev / N);
