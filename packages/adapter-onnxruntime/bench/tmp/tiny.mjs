import { createNamespace, evaluate } from '../../dist/index.js';
import { NativeSession } from '../../dist/capi.js';
const np = await createNamespace({ executionProviders: ['cpu'] });
const s = np.asarray(new Float32Array(4).fill(1), { shape: [4] });
const tiny = () => np.scope(() => { let t = s; for (let i = 0; i < 5; i++) t = np.add(np.multiply(t, 1.0001), 0.5); return t; });
const run = NativeSession.prototype.run; const inRun = [];
NativeSession.prototype.run = async function (...a) { const t = performance.now(); try { return await run.apply(this, a); } finally { inRun.push(performance.now() - t); } };
const ev = [];
for (let i = 0; i < 20000; i++) { const z = tiny(); const t = performance.now(); await evaluate(z); ev.push(performance.now() - t); z.dispose(); }
const med = (x) => x.sort((a, b) => a - b)[x.length >> 1] * 1000;
console.log('evaluate median µs', med(ev), 'inside run', med(inRun));
