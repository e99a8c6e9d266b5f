// Where the host time of `np.sum` over 2^26 float32 goes, on a fresh adapter and on one that ran
// other work first (gpu-check saw 21-41 µs of host time per call on a used adapter, about 10 on a
// fresh one). Prints enqueue-time percentiles and the top self-time functions of a CPU profile
// taken around the timed loop; writes the .cpuprofile files to $OUT when it is set.
// Usage (GPU host): node bench/sum-host.mjs   (--fake: against the fake driver, to try it here)
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createNamespace as coreNamespace } from '@arr/core';
import { CudaAdapter } from '../dist/index.js';
import { fakeDriver } from '../dist/fake-driver.js';

const N = 1 << 26;
const t = () => performance.now();
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });

/** Top self-time functions of a profile, as "share% name (file:line)". */
function top(profile, k = 15) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const key = `${f.functionName || '(anonymous)'} (${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1})`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => `${((100 * us) / total).toFixed(1)}% ${name}`);
}

async function measure(label, np, adapter) {
  const x = np.reshape(np.add(np.zeros([N]), 1), [N]);
  adapter.synchronize();
  for (let i = 0; i < 20; i++) { np.sum(x).dispose(); adapter.synchronize(); }
  const enqueue = [], total = [];
  await session.post('Profiler.start');
  for (let i = 0; i < 2000; i++) {
    const t0 = t();
    const s = np.sum(x);
    const t1 = t();
    adapter.synchronize();
    total.push(t() - t0);
    enqueue.push(t1 - t0);
    s.dispose();
  }
  const { profile } = await session.post('Profiler.stop');
  if (process.env.OUT) writeFileSync(`${process.env.OUT}/sum-host-${label.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify(profile));
  x.dispose();
  const us = (v) => +(v * 1000).toFixed(1);
  console.log(JSON.stringify({
    case: label,
    enqueueUs: { p10: us(pct(enqueue, 0.1)), median: us(pct(enqueue, 0.5)), p90: us(pct(enqueue, 0.9)), max: us(pct(enqueue, 1)) },
    totalUs: { p10: us(pct(total, 0.1)), median: us(pct(total, 0.5)), p90: us(pct(total, 0.9)) },
    memory: adapter.memoryInfo(),
    topSelf: top(profile),
  }, null, 1));
}

const make = () => new CudaAdapter(process.argv.includes('--fake') ? { libraries: fakeDriver().libraries, cacheDir: false } : {});
const fresh = make();
await measure('fresh adapter', coreNamespace(fresh), fresh);

// A used adapter: the work gpu-check does before its sum case (products, fused and unfused chains).
const used = make();
const np = coreNamespace(used);
{
  const a = np.add(np.ones([4096, 4096]), 0), b = np.add(np.ones([4096, 4096]), 0);
  for (let i = 0; i < 12; i++) np.matmul(a, b).dispose();
  const x = np.reshape(np.add(np.zeros([N]), 1), [N]), y = np.reshape(np.add(np.zeros([N]), 2), [N]);
  for (let i = 0; i < 12; i++) { const z = np.add(np.multiply(x, 5), y); const m = np.reshape(z, [N]); z.dispose(); m.dispose(); }
  used.synchronize();
  for (const v of [a, b, x, y]) v.dispose();
}
await measure('used adapter', np, used);
session.disconnect();
