// Integer ops on a GPU provider with and without the GPU graph forms (`gpuGraphForms`): the
// forms keep pow, shifts, remainder, sign, integer slices and uint32 selections on the EP, where ORT otherwise
// runs the nodes it has no kernel for on its CPU behind copies. Each op runs on device-resident
// 2^n inputs, `--runs` evaluations back to back and a 1-element read (ms each, median of 3); both forms
// must give the same values (compared in full). Prints one JSON object.
// Usage: node bench/gpu-int-ops.mjs [--ep webgpu] [--n 22] [--runs 5]
import { createNamespace, evaluate } from '../dist/index.js';

const opt = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const ep = opt('--ep', 'webgpu');
const size = 2 ** Number(opt('--n', 22));
const runs = Number(opt('--runs', 5));
const report = { ep, size, started: new Date().toISOString(), ms: {}, sameValues: {}, errors: [] };
const median = (ts) => ts.slice().sort((a, b) => a - b)[ts.length >> 1];

const spaces = { 'CPU forms': await createNamespace({ executionProviders: [ep], gpuGraphForms: false }), 'GPU forms': await createNamespace({ executionProviders: [ep] }) };
const ops = {
  'pow int32 (x ** y)': (np, a) => np.pow(a.i, a.e),
  'leftShift int32': (np, a) => np.bitwiseLeftShift(a.i, a.s),
  'rightShift int32': (np, a) => np.bitwiseRightShift(a.i, a.s),
  'remainder int32': (np, a) => np.remainder(a.i, a.d),
  'maximum uint32': (np, a) => np.maximum(a.u, a.v),
  'sign float32': (np, a) => np.sign(a.f),
  'slice int32 [1::2]': (np, a) => a.i.get('1::2'),
};
const values = {};
for (const [label, np] of Object.entries(spaces)) {
  const int = (f) => np.asarray(Int32Array.from({ length: size }, (_, i) => f(i)), { dtype: 'int32' });
  const a = {
    i: int((i) => (i % 2001) - 1000), e: int((i) => i % 5), s: int((i) => i % 33), d: int((i) => (i % 13) - 6),
    u: np.asarray(Uint32Array.from({ length: size }, (_, i) => (i * 2654435761) >>> 0), { dtype: 'uint32' }),
    v: np.asarray(Uint32Array.from({ length: size }, (_, i) => (i * 40503) >>> 0), { dtype: 'uint32' }),
    f: np.asarray(Float32Array.from({ length: size }, (_, i) => (i % 7) - 3), { dtype: 'float32' }),
  };
  for (const [name, f] of Object.entries(ops)) {
    try {
      const first = f(np, a);
      values[`${label}|${name}`] = await first.data(); // also moves the inputs to the device
      first.dispose();
      const times = [];
      for (let r = 0; r < 3; r++) {
        const t = performance.now();
        let last;
        for (let k = 0; k < runs; k++) { last?.dispose(); last = f(np, a); await evaluate(last); }
        await last.get('0:1').data();
        last.dispose();
        times.push((performance.now() - t) / runs);
      }
      (report.ms[name] ??= {})[label] = +median(times).toFixed(3);
    } catch (e) {
      report.errors.push(`${label} ${name}: ${String(e?.message ?? e).split('\n')[0]}`);
    }
  }
}
for (const name of Object.keys(ops)) {
  const x = values[`CPU forms|${name}`], y = values[`GPU forms|${name}`];
  report.sameValues[name] = !!x && !!y && x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}
report.finished = new Date().toISOString();
console.log(JSON.stringify(report, null, 1));
