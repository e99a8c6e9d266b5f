// `deviceInputs` (GPU providers): a host array still held by the user is copied once by an extra
// Identity output of the first graph that reads it and then feeds later graphs from there. On a
// GPU that output stays on the device; here, on the CPU provider, the same mechanics run with
// the copy on the host, which is what CI can check.
import { describe, expect, it } from 'vitest';
import { Engine } from './graph.js';

const engine = (deviceInputs: boolean) =>
  new Engine({ ep: 'cpu', sessionOptions: { executionProviders: ['cpu'], logSeverityLevel: 3 }, maxPending: 512, maxSessions: 100, deviceInputs });
const add = (e: Engine, a: ReturnType<Engine['fromHost']>, b: ReturnType<Engine['fromHost']>) =>
  e.node('float32', a.shape, 'add', [a, b], (bb, [x, y]) => bb.op('Add', [x!, y!]));

describe('deviceInputs', () => {
  const n = 5000;
  const host = Float32Array.from({ length: n }, (_, i) => i);

  it('replaces the held host array by the graph copy once, and keeps its values', async () => {
    const e = engine(true);
    const x = e.fromHost(host.slice(), 'float32', [n]);
    const original = x.value!.tensor;
    const y = add(e, x, x);
    expect(Array.from((await e.read(y)) as Float32Array).slice(0, 4)).toEqual([0, 2, 4, 6]);
    const moved = x.value!.tensor;
    expect(moved).not.toBe(original);
    const z = add(e, x, x);
    await e.read(z);
    expect(x.value!.tensor).toBe(moved); // moved once only
    expect(Array.from((await e.read(x)) as Float32Array)).toEqual(Array.from(host));
    const bytes = e.bytes;
    e.free(y); e.free(z); e.free(x);
    expect(e.bytes).toBeLessThan(bytes);
  });

  it('leaves arrays alone when off, for small arrays, and for arrays nobody holds', async () => {
    const off = engine(false);
    const a = off.fromHost(host.slice(), 'float32', [n]);
    const t0 = a.value!.tensor;
    await off.read(add(off, a, a));
    expect(a.value!.tensor).toBe(t0);

    const on = engine(true);
    const small = on.fromHost(Float32Array.of(1, 2, 3), 'float32', [3]);
    const s0 = small.value!.tensor;
    await on.read(add(on, small, small));
    expect(small.value!.tensor).toBe(s0);

    const dropped = on.fromHost(host.slice(), 'float32', [n]);
    const buf = dropped.value!;
    const y = add(on, dropped, dropped);
    on.free(dropped); // the user let go; y still needs it
    expect(Array.from((await on.read(y)) as Float32Array).slice(0, 3)).toEqual([0, 2, 4]);
    expect(buf.moved).toBe(false);
  });
});
