// CPU-side benchmark of @arr/adapter-tfjs (cpu and wasm backends) next to NumPy, in one run:
// per-op overhead of 1-element ops, matmul, `x*5 + y`, and the 10^5 create-compute-dispose loop.
// Build first (`npx tsc -b packages/adapter-tfjs`), then: node packages/adapter-tfjs/bench/overhead.mjs
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace } from '../dist/create.js';

const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
async function time(fn, { reps = 7, inner = 1 } = {}) {
  await fn();
  const ts = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) await fn();
    ts.push((performance.now() - t0) / inner);
  }
  return median(ts);
}

const out = { machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version }, tfjs: {}, numpy: {} };
const loop = Number(process.env.LOOP ?? 100000);
for (const backend of ['wasm', 'cpu']) {
  const np = await createNamespace({ backend });
  const r = {};
  // per-op overhead: 1-element add, multiply, exp, sum — including core validation and wrapping.
  const a = np.asarray([1.5], { dtype: 'float32' }), b = np.asarray([2.5], { dtype: 'float32' });
  for (const [name, f] of [['add', () => np.add(a, b)], ['multiply scalar', () => np.multiply(a, 5)], ['exp', () => np.exp(a)], ['sum', () => np.sum(a)]]) {
    const n = 20000;
    r[`1-element ${name} (µs/op)`] = +(await time(() => { for (let i = 0; i < n; i++) f().dispose(); }, { reps: 5 }) * 1000 / n).toFixed(2);
  }
  a.dispose(); b.dispose();
  for (const n of [256, 1024]) {
    const x = np.ones([n, n]), y = np.ones([n, n]);
    r[`matmul ${n}² (ms)`] = +(await time(async () => { const z = np.matmul(x, y); await z.data(); z.dispose(); }, { reps: n > 512 && backend === 'cpu' ? 1 : 5 })).toFixed(2);
    x.dispose(); y.dispose();
  }
  {
    const n = 1e7;
    const x = np.ones([n]), y = np.ones([n]);
    r['x*5 + y, 1e7 (ms)'] = +(await time(async () => { const z = np.scope(() => np.add(np.multiply(x, 5), y)); await z.data(); z.dispose(); }, { reps: 5 })).toFixed(2);
    x.dispose(); y.dispose();
  }
  {
    const m0 = np.memory(), t0 = tf.memory().numTensors;
    const start = performance.now();
    for (let i = 0; i < loop; i++) {
      const x = np.asarray([i, 1, 2, 3], { dtype: 'float32' });
      const y = np.scope(() => np.add(np.multiply(x, 5), x));
      y.dispose(); x.dispose();
    }
    r[`${loop} create-compute-dispose (s)`] = +((performance.now() - start) / 1000).toFixed(2);
    r['memory after loop'] = { before: m0, after: np.memory(), tensorsBefore: t0, tensorsAfter: tf.memory().numTensors };
  }
  out.tfjs[backend] = r;
}
try {
  const py = `
import numpy as np, time, json
def med(f, reps=7):
    f(); ts=[]
    for _ in range(reps):
        t=time.perf_counter(); f(); ts.append(time.perf_counter()-t)
    return sorted(ts)[len(ts)//2]
a=np.array([1.5],np.float32); b=np.array([2.5],np.float32); r={}
n=20000
r['1-element add (µs/op)']=round(med(lambda: [np.add(a,b) for _ in range(n)],5)*1e6/n,2)
r['1-element multiply scalar (µs/op)']=round(med(lambda: [np.multiply(a,5) for _ in range(n)],5)*1e6/n,2)
for k in (256,1024):
    x=np.ones((k,k),np.float32); r[f'matmul {k}² (ms)']=round(med(lambda: x@x)*1e3,2)
x=np.ones(10**7,np.float32); y=np.ones(10**7,np.float32)
r['x*5 + y, 1e7 (ms)']=round(med(lambda: x*5+y)*1e3,2)
print(json.dumps(r))`;
  out.numpy = JSON.parse(execFileSync('python3', ['-c', py], { encoding: 'utf8' }));
} catch (e) { out.numpy = { error: String(e).slice(0, 200) }; }
console.log(JSON.stringify(out, null, 2));
