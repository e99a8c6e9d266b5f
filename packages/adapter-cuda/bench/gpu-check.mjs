// GPU host check for @arr/adapter-cuda (plain JS over dist/): loads CUDA, runs smoke checks and
// the speed cases, prints one JSON object. Usage: node bench/gpu-check.mjs [--quick]
import { createNamespace as coreNamespace } from '@arr/core';
import { CudaAdapter } from '../dist/index.js';

const quick = process.argv.includes('--quick');
const result = { when: new Date().toISOString(), node: process.version, cases: {}, smoke: {}, errors: [] };
const t = () => performance.now();
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function make(opts) {
  const t0 = t();
  const adapter = new CudaAdapter(opts);
  const np = coreNamespace(adapter);
  return { adapter, np, startMs: t() - t0 };
}

async function timeIt(name, reps, fn, sync, extra = {}) {
  try {
    await fn(); sync(); await fn(); sync();
    const times = [], enqueue = [];
    for (let r = 0; r < reps; r++) { const t0 = t(); await fn(); enqueue.push(t() - t0); sync(); times.push(t() - t0); }
    // usEnqueue: host time of the call alone (before the sync), the part a sync per call exposes.
    result.cases[name] = { ms: median(times), min: Math.min(...times), usEnqueue: median(enqueue) * 1000, reps, ...extra };
    if (extra.flop) result.cases[name].tflops = extra.flop / (median(times) * 1e-3) / 1e12;
    if (extra.bytes) result.cases[name].gbps = extra.bytes / (median(times) * 1e-3) / 1e9;
  } catch (e) {
    result.errors.push({ case: name, error: String(e?.stack ?? e).slice(0, 2000) });
  }
}

const main = async () => {
  const base = make({});
  const { adapter, np } = base;
  result.engine = np.info().engine();
  result.startMs = base.startMs;
  const sync = () => adapter.synchronize();

  // ---- smoke ----
  try {
    const a = np.asarray([[1, 2], [3, 4]], { dtype: 'float32' });
    result.smoke.matmul = await np.add(np.matmul(a, np.ones([2, 2])), 1).toArray();
    result.smoke.sum = await np.sum(np.arange(10)).item();
    result.smoke.sort = await np.sort(np.asarray([3, NaN, 1, 2])).toArray();
    result.smoke.floorDivide = await np.floorDivide(np.asarray([-7, 7, -7, 7], { dtype: 'int32' }), np.asarray([2, -2, 0, 3], { dtype: 'int32' })).toArray();
    result.smoke.round = await np.round(np.asarray([0.5, 1.5, 2.5, -0.5])).toArray();
    result.smoke.complexSqrt = await np.sqrt(np.asarray([-4], { dtype: 'complex64' })).data().then((d) => [...d]);
    result.smoke.float16 = await np.add(np.asarray([1, 2], { dtype: 'float16' }), 0.5).toArray();
    result.smoke.int64 = await np.multiply(np.asarray([2n ** 40n], { dtype: 'int64' }), 3).toArray().then((x) => x.map(String));
    result.smoke.cumsum = await np.cumulativeSum(np.arange(5)).toArray();
    result.smoke.argsort = await np.argsort(np.asarray([3, 1, 2, 1])).toArray();
  } catch (e) {
    result.errors.push({ case: 'smoke', error: String(e?.stack ?? e).slice(0, 3000) });
  }

  const N = quick ? 1 << 20 : 1 << 26;
  const reps = quick ? 3 : 10;
  // ---- matmul 4096²: by default (cuBLASLt) and through cuBLAS (cublasLt: false) ----
  for (const blas of ['', ', cuBLAS']) {
    for (const tf32 of [false, true]) {
      const ctx = !tf32 && !blas ? base : make({ tf32, ...(blas ? { cublasLt: false } : {}) });
      const n = quick ? 1024 : 4096;
      const A = ctx.np.ones([n, n], { dtype: 'float32' }), B = ctx.np.ones([n, n], { dtype: 'float32' });
      const a = ctx.np.add(A, 0), b = ctx.np.add(B, 0);
      await timeIt(`matmul ${n}² float32${tf32 ? ' tf32' : ''}${blas}`, quick ? 3 : 30, () => { ctx.np.matmul(a, b).dispose(); }, () => ctx.adapter.synchronize(), { flop: 2 * n ** 3 });
    }
  }
  // ---- x*5 + y ----
  const off = make({ fusion: false });
  for (const [label, ctx] of [['op by op', off], ['fused', base]]) {
    const x = ctx.np.scope(() => ctx.np.reshape(ctx.np.add(ctx.np.zeros([N]), 1), [N]));
    const y = ctx.np.scope(() => ctx.np.reshape(ctx.np.add(ctx.np.zeros([N]), 2), [N]));
    // In a scope, so x*5 is freed when the call ends (as CuPy frees it by reference count)
    // instead of waiting for the garbage collector with 256 MiB of device memory.
    await timeIt(`x*5 + y 2^${Math.log2(N)} float32 ${label}`, reps, () => {
      ctx.np.scope(() => ctx.np.reshape(ctx.np.add(ctx.np.multiply(x, 5), y), [N])).dispose(); // reshape: a non-elementwise consumer runs the chain
    }, () => ctx.adapter.synchronize(), { bytes: (label === 'fused' ? 3 : 5) * 4 * N });
  }
  // ---- sum ----
  {
    const x = np.scope(() => np.reshape(np.add(np.zeros([N]), 1), [N]));
    await timeIt(`sum 2^${Math.log2(N)} float32`, 3 * reps, () => { np.sum(x).dispose(); }, sync, { bytes: 4 * N });
    result.smoke.sumValue = await np.sum(x).item();
    // Back to back, one sync per 50 calls: the kernel's own rate once host work overlaps it.
    await timeIt(`sum 2^${Math.log2(N)} float32, 50 back to back (per call)`, reps, () => { for (let i = 0; i < 50; i++) np.sum(x).dispose(); }, sync, { bytes: 50 * 4 * N, per: 50 });
    // Both forms again on fresh adapters (no state from the cases above), each also back to back.
    for (const onePassReduce of [true, false]) {
      const c = make({ onePassReduce });
      const label = onePassReduce ? 'one-pass form, fresh adapter' : 'two-pass form, fresh adapter';
      const xc = c.np.scope(() => c.np.reshape(c.np.add(c.np.zeros([N]), 1), [N]));
      const syncC = () => c.adapter.synchronize();
      await timeIt(`sum 2^${Math.log2(N)} float32 (${label})`, 3 * reps, () => { c.np.sum(xc).dispose(); }, syncC, { bytes: 4 * N });
      await timeIt(`sum 2^${Math.log2(N)} float32 (${label}), 50 back to back (per call)`, reps, () => { for (let i = 0; i < 50; i++) c.np.sum(xc).dispose(); }, syncC, { bytes: 50 * 4 * N, per: 50 });
      xc.dispose();
    }
  }
  // ---- long reductions against a float64 reference (the one-pass path needs n > 1024) ----
  try {
    const n = quick ? 1 << 20 : 1 << 24;
    const host = new Float32Array(n);
    for (let i = 0; i < n; i++) host[i] = ((i * 7919) % 1000) * 0.001 - 0.4;
    const x = np.asarray(host);
    const ref = (lo, hi) => { let s = 0, mx = -Infinity, mn = Infinity; for (let i = lo; i < hi; i++) { s += host[i]; mx = Math.max(mx, host[i]); mn = Math.min(mn, host[i]); } return { s, mx, mn }; };
    const all = ref(0, n);
    const checks = {};
    for (let r = 0; r < 3; r++) checks[`sum#${r}`] = { got: await np.sum(x).item(), want: all.s }; // repeats: tickets reset
    checks.max = { got: await np.max(x).item(), want: all.mx };
    checks.min = { got: await np.min(x).item(), want: all.mn };
    const rows = 48, m = n / 64; // several rows, each split over several blocks (a ticket per row)
    const xr = np.reshape(np.asarray(host.subarray(0, rows * m)), [rows, m]);
    const rs = await np.sum(xr, { axis: 1 }).toArray();
    let worst = 0;
    rs.forEach((v, i) => { const w = ref(i * m, (i + 1) * m).s; worst = Math.max(worst, Math.abs(v - w) / Math.max(1, Math.abs(w))); });
    checks.rowSums = { rows, n: m, worstRel: worst };
    const xi = np.astype(np.asarray(host.map((v) => Math.round(v * 1000))), 'int32');
    let si = 0; for (let i = 0; i < n; i++) si += Math.round(host[i] * 1000);
    checks.int32sum = { got: await np.sum(xi).item(), want: si };
    let ok = worst < 1e-5;
    for (const [k, c] of Object.entries(checks)) if ('want' in c) { c.rel = Math.abs(c.got - c.want) / Math.max(1, Math.abs(c.want)); if (!(c.rel < 1e-5)) ok = false; void k; }
    result.smoke.longReductions = { n, ok, checks };
    if (!ok) result.errors.push({ case: 'long reductions', error: JSON.stringify(checks) });
  } catch (e) {
    result.errors.push({ case: 'long reductions', error: String(e?.stack ?? e).slice(0, 2000) });
  }
  // ---- per-op overhead ----
  for (const [label, ctx] of [['fusion off', off], ['fusion on (record + compile-cached launch)', base]]) {
    const one = ctx.np.reshape(ctx.np.ones([1]), [1]);
    const iters = quick ? 2000 : 20000;
    const fused = ctx === base;
    const step = fused
      ? () => { const z = ctx.np.add(one, one); const m = ctx.np.reshape(z, [1]); m.dispose(); z.dispose(); }
      : () => { ctx.np.add(one, one).dispose(); };
    for (let i = 0; i < 200; i++) step();
    ctx.adapter.synchronize();
    const t0 = t();
    for (let i = 0; i < iters; i++) step();
    const enqueue = (t() - t0) / iters;
    ctx.adapter.synchronize();
    const total = (t() - t0) / iters;
    result.cases[`per-op overhead, 1-element add (${label})`] = { usEnqueue: enqueue * 1000, usWithSync: total * 1000, iters };
  }
  // ---- a 1-element read after a 1-element op: the benchmark app's overhead case ----
  {
    const one = np.reshape(np.ones([1]), [1]);
    const ts = [];
    for (let i = 0; i < 2200; i++) { const t0 = t(); const z = np.add(one, one); await z.data(); z.dispose(); if (i >= 200) ts.push(t() - t0); }
    result.cases['1-element add + read back (µs)'] = { median: median(ts) * 1000, min: Math.min(...ts) * 1000 };
  }
  // ---- where the per-op time goes: koffi alone, the driver alone, a bare launch ----
  // (reaches into the adapter's internals on purpose: this is a diagnostic)
  {
    const { cu, libc, stream } = adapter.libs;
    const iters = quick ? 2000 : 20000;
    const perCall = (fn) => {
      for (let i = 0; i < 500; i++) fn();
      sync();
      const t0 = t();
      for (let i = 0; i < iters; i++) fn();
      const us = ((t() - t0) / iters) * 1000;
      sync();
      return us;
    };
    const buf = new Uint8Array(16);
    const v = [0];
    const f = adapter.fn('probe', 'arr_probe', () => 'extern "C" __global__ void arr_probe(float *p) {}');
    const launchEmpty = () => { adapter.args.reset().ptr(adapter.errBlock.ptr); adapter.launch(f, 1, 128); };
    result.cases['launch breakdown (µs per call)'] = {
      koffiMemcpy0: perCall(() => libc.memcpy(buf, buf, 0)),
      cuDriverGetVersion: perCall(() => cu.cuDriverGetVersion(v)),
      cuLaunchKernelEmpty: perCall(() => cu.cuLaunchKernel(f, 1, 1, 1, 128, 1, 1, 0, stream, adapter.args.ptrs, null)),
      adapterLaunchEmpty: perCall(launchEmpty),
    };
  }
  // ---- host time of one matmul call (queued back to back, no sync between), plain and TF32:
  // ours by default (cuBLASLt, 32 MiB workspace), through cuBLAS (cublasLt: false) with the
  // workspace and without (blasWorkspaceBytes: 0), and the bare call the adapter makes ----
  {
    const n = quick ? 1024 : 4096;
    const rec = {};
    const configs = { '': {}, ', cuBLAS': { cublasLt: false }, ', cuBLAS without workspace': { cublasLt: false, blasWorkspaceBytes: 0 } };
    for (const [name, opts] of Object.entries(configs)) {
      for (const tf32 of [false, true]) {
        const ctx = make({ tf32, ...opts });
        const a = ctx.np.add(ctx.np.ones([n, n], { dtype: 'float32' }), 0), b = ctx.np.add(ctx.np.ones([n, n], { dtype: 'float32' }), 0);
        ctx.adapter.synchronize();
        const sync0 = () => ctx.adapter.synchronize();
        const label = `np.matmul${tf32 ? ' tf32' : ''}${name}`;
        for (let i = 0; i < 3; i++) ctx.np.matmul(a, b).dispose();
        sync0();
        const t0 = t();
        for (let i = 0; i < 100; i++) ctx.np.matmul(a, b).dispose();
        rec[label] = ((t() - t0) / 100) * 1000;
        sync0();
        if (name === '' && !tf32) {
          for (const x of [a, b]) ctx.adapter.materialize(x._handle);
          const C = ctx.np.add(ctx.np.ones([n, n], { dtype: 'float32' }), 0);
          ctx.adapter.materialize(C._handle);
          const addr = (x) => ctx.adapter.addr(x._handle);
          const t1 = t();
          for (let i = 0; i < 100; i++) ctx.adapter.gemm('float32', addr(b), addr(a), addr(C), n, n, n, 1);
          rec['bare gemm() (cuBLASLt)'] = ((t() - t1) / 100) * 1000;
          sync0();
          C.dispose();
        }
        a.dispose(); b.dispose();
      }
    }
    result.cases['matmul host µs per call (queued)'] = rec;
  }
  // ---- upload / readback 256 MiB ----
  {
    const n = quick ? 1 << 22 : 1 << 26;
    const host = new Float32Array(n).fill(1.5);
    const up = [], down = [];
    for (let r = 0; r < (quick ? 3 : 7); r++) {
      sync();
      let t0 = t();
      const x = np.asarray(host, { shape: [n], copy: false });
      sync();
      up.push(t() - t0);
      t0 = t();
      const d = await x.data();
      down.push(t() - t0);
      if (d[n - 1] !== 1.5) result.errors.push({ case: 'readback', error: 'wrong value' });
      x.dispose();
    }
    result.cases[`upload ${n * 4 >> 20} MiB`] = { ms: median(up), gbps: (n * 4) / (median(up) * 1e-3) / 1e9 };
    result.cases[`readback ${n * 4 >> 20} MiB`] = { ms: median(down), gbps: (n * 4) / (median(down) * 1e-3) / 1e9 };
    // The same through page-locked host arrays (emptyPinned / readInto: CuPy's pinned path).
    const pinned = adapter.emptyPinned('float32', n).fill(2.5);
    const upP = [], downP = [];
    for (let r = 0; r < (quick ? 3 : 7); r++) {
      sync();
      let t0 = t();
      const x = np.asarray(pinned, { shape: [n], copy: false });
      sync();
      upP.push(t() - t0);
      pinned.fill(0);
      t0 = t();
      await adapter.readInto(x, pinned);
      downP.push(t() - t0);
      if (pinned[0] !== 2.5 || pinned[n - 1] !== 2.5) result.errors.push({ case: 'pinned readback', error: 'wrong value' });
      pinned.fill(2.5);
      x.dispose();
    }
    result.cases[`upload ${n * 4 >> 20} MiB from pinned (emptyPinned)`] = { ms: median(upP), gbps: (n * 4) / (median(upP) * 1e-3) / 1e9 };
    result.cases[`readback ${n * 4 >> 20} MiB into pinned (readInto)`] = { ms: median(downP), gbps: (n * 4) / (median(downP) * 1e-3) / 1e9 };
    // event-loop responsiveness during a readback
    const x = np.asarray(host, { shape: [n], copy: false });
    let ticks = 0; let going = true;
    const tick = () => { ticks++; if (going) setImmediate(tick); };
    setImmediate(tick);
    await x.data();
    going = false;
    result.cases[`readback ${n * 4 >> 20} MiB`].eventLoopTicksDuring = ticks;
    x.dispose();
  }
  // ---- memory loop ----
  {
    const iters = quick ? 2000 : 100000;
    const x = np.reshape(np.ones([1024]), [1024]);
    sync();
    const before = adapter.memoryInfo();
    const t0 = t();
    for (let i = 0; i < iters; i++) {
      const y = np.add(np.multiply(x, 2), 1);
      const s = np.sum(y);
      s.dispose(); y.dispose();
    }
    sync();
    const after = adapter.memoryInfo();
    result.cases[`memory loop ${iters}`] = { ms: t() - t0, usedBefore: before.usedBytes, usedAfter: after.usedBytes, cachedAfter: after.cachedBytes, ok: before.usedBytes === after.usedBytes };
  }
  result.kernels = { compiled: adapter.kernels.compiles, compileMs: adapter.kernels.compileMs, modules: adapter.kernels.size, launches: adapter.launches };
};

main().catch((e) => result.errors.push({ case: 'main', error: String(e?.stack ?? e) })).finally(() => {
  console.log(JSON.stringify(result, null, 1));
  process.exit(0);
});
