import { describe, expect, it } from 'vitest';
import { ValueError } from '@arr/core';
import { createNamespace, evaluate } from './index.js';
import { contiguousSliceOffset } from './adapter.js';

const np = await createNamespace({ executionProviders: ['cpu'] });
const sessions = () => np.info().engine().details!.sessionsCreated as number;
const runs = () => np.info().engine().details!.runs as number;

describe('lazy graphs', () => {
  it('fuses a chain into one run and caches the session by structure', async () => {
    const x = np.asarray([1, 2, 3], { dtype: 'float32' });
    const y = np.asarray([10, 20, 30], { dtype: 'float32' });
    const r0 = runs();
    const z = np.add(np.multiply(x, 5), y);
    expect(runs()).toBe(r0); // recorded, not run
    expect(await z.toArray()).toEqual([15, 30, 45]);
    expect(runs()).toBe(r0 + 1);
    const s0 = sessions();
    // Same structure, other values and another length: no new session (dimensions are symbolic).
    for (const n of [3, 7, 100]) {
      const a = np.ones([n]), b = np.ones([n]);
      const c = np.add(np.multiply(a, 2), b);
      expect(Array.from(await c.data() as Float32Array).every((v) => v === 3)).toBe(true);
      a.dispose(); b.dispose(); c.dispose();
    }
    expect(sessions() - s0).toBeLessThanOrEqual(1);
    x.dispose(); y.dispose(); z.dispose();
  });
  it('integer pow refuses negative exponents (NumPy\'s ValueError) without leaving a node behind', async () => {
    const x = np.asarray([2, 3, 4], { dtype: 'int32' });
    const bad = np.asarray([1, -1, 2], { dtype: 'int32' });
    const before = np.memory();
    expect(() => np.pow(x, bad)).toThrow(ValueError); // on the host: at the call
    expect(np.memory()).toEqual(before);
    // Computed exponents are evaluated and checked before the graph that uses them runs.
    const e = np.subtract(np.asarray([1, 2, 3], { dtype: 'int32' }), 2);
    const p = np.pow(x, e);
    await expect(p.toArray()).rejects.toThrow(/pow: integers to negative integer powers are not allowed/);
    const e1 = np.add(e, 1);
    const q = np.pow(x, e1);
    expect(await q.toArray()).toEqual([1, 3, 16]); // NumPy: [2, 3, 4] ** [0, 1, 2]
    // A checked exponent is marked and not read again (on a GPU that read is a copy to the host).
    expect((e1 as unknown as { _handle: { value: { nonNegative: boolean } } })._handle.value.nonNegative).toBe(true);
    const r0 = runs();
    const q2 = np.pow(np.add(x, 1), e1);
    expect(await q2.toArray()).toEqual([1, 4, 25]);
    expect(runs() - r0).toBe(1);
    for (const a of [x, bad, e, e1, p, q, q2]) a.dispose();
  });
  it('broadcast operands reach the ONNX op unexpanded and unreshaped (ONNX broadcasts by itself)', async () => {
    const inputsOf = (a: unknown) => (a as { _handle: { inputs: { shape: number[] }[] } })._handle.inputs.map((i) => i.shape);
    const x = np.asarray([1, 2, 3], { dtype: 'float32' });
    const z = np.multiply(x, 5); // the scalar: a 0-d input, no Reshape to [1] or Expand to [3]
    expect(inputsOf(z)).toEqual([[3], []]);
    expect(await z.toArray()).toEqual([5, 10, 15]);
    const m = np.add(np.ones([2, 3]), x); // rank lifted by core: fed as [3]
    expect(inputsOf(m)).toEqual([[2, 3], [3]]);
    expect(await m.toArray()).toEqual([[2, 3, 4], [2, 3, 4]]);
    const c = np.add(np.ones([2, 1]), x); // both sides broadcast: one keeps its Expand
    expect(await c.toArray()).toEqual([[2, 3, 4], [2, 3, 4]]);
    for (const a of [x, z, m, c]) a.dispose();
  });
  it('evaluate() materialises several arrays in one run; live intermediates are kept', async () => {
    const x = np.arange(4, undefined, undefined, { dtype: 'float32' });
    const t = np.multiply(x, 2);
    const u = np.add(t, 1), v = np.subtract(t, 1);
    const r0 = runs();
    await evaluate(u, v);
    expect(runs()).toBe(r0 + 1);
    expect(await t.toArray()).toEqual([0, 2, 4, 6]);
    expect(runs()).toBe(r0 + 1); // t was an output of that graph (it is still referenced)
    expect(await u.toArray()).toEqual([1, 3, 5, 7]);
    for (const a of [x, t, u, v]) a.dispose();
  });
  it('bounds pending expressions (background evaluation)', async () => {
    const ns = await createNamespace({ executionProviders: ['cpu'], maxPending: 16 });
    let x = ns.ones([8]);
    for (let i = 0; i < 100; i++) { const y = ns.add(x, 1); x.dispose(); x = y; }
    expect((await x.data())[0]).toBe(101);
    x.dispose();
    expect(ns.memory()).toEqual({ arrays: 0, bytes: 0 });
  });
});

describe('contiguousSliceOffset', () => {
  it('is the first element of every slice whose elements are consecutive in memory, and undefined for the rest', () => {
    let seed = 12345; // mulberry32
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    let windows = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const xs = Array.from({ length: 1 + rand(4) }, () => 1 + rand(4));
      const start: number[] = [], step: number[] = [], shape: number[] = [];
      for (const d of xs) {
        const st = [1, 1, 2, -1][rand(4)]!;
        const s0 = rand(d);
        const room = st > 0 ? Math.floor((d - 1 - s0) / st) + 1 : Math.floor(s0 / -st) + 1;
        const len = rand(2) ? room : 1 + rand(room);
        start.push(s0); step.push(st); shape.push(len);
      }
      // The slice's flat indices in row-major order, by brute force.
      const strides = xs.map((_, i) => xs.slice(i + 1).reduce((a, b) => a * b, 1));
      const flat: number[] = [];
      const walk = (axis: number, at: number) => {
        if (axis === xs.length) { flat.push(at); return; }
        for (let k = 0; k < shape[axis]!; k++) walk(axis + 1, at + (start[axis]! + k * step[axis]!) * strides[axis]!);
      };
      walk(0, 0);
      const consecutive = flat.every((v, k) => v === flat[0]! + k);
      const got = contiguousSliceOffset(xs, start, step, shape);
      expect(got, JSON.stringify({ xs, start, step, shape })).toBe(consecutive ? flat[0] : undefined);
      if (got !== undefined) windows++;
    }
    expect(windows).toBeGreaterThan(600); // both answers were exercised
    expect(windows).toBeLessThan(2400);
  });
});

describe('reshapes and contiguous slices as views (CPU provider)', () => {
  const bytes = (ns: typeof np) => ns.memory().bytes;
  for (const cApi of [true, false]) {
    it(`of a computed array: no run, one buffer, right values as an input (${cApi ? 'C API' : "onnxruntime-node's run()"})`, async () => {
      const ns = await createNamespace({ executionProviders: ['cpu'], cApi });
      const nsRuns = () => ns.info().engine().details!.runs as number;
      const r = ns.arange(6, undefined, undefined, { dtype: 'float32' });
      const x = ns.multiply(r, 2);
      await evaluate(x);
      r.dispose();
      const b0 = bytes(ns), r0 = nsRuns();
      const v = ns.reshape(x, [2, 3]);
      await evaluate(v);
      expect(nsRuns()).toBe(r0); // nothing ran
      expect(bytes(ns)).toBe(b0); // x's buffer, shared
      x.dispose();
      expect(await v.toArray()).toEqual([[0, 2, 4], [6, 8, 10]]);
      // Read by a graph in its own shape: a [2, 3] operand against a [3, 1] one broadcasts to [3, 2, 3].
      const c = ns.asarray([100, 200, 300], { dtype: 'float32' });
      const c3 = ns.reshape(c, [3, 1, 1]);
      const w = ns.add(v, c3);
      expect(await w.toArray()).toEqual([100, 200, 300].map((k) => [[k, k + 2, k + 4], [k + 6, k + 8, k + 10]]));
      for (const a of [v, c, c3, w]) a.dispose();
      expect(ns.memory()).toEqual({ arrays: 0, bytes: 0 });
    });
  }
  it('of a pending expression: the expression is the output and the reshape shares it (no copy)', async () => {
    const x = np.asarray([1, 2, 3, 4, 5, 6], { dtype: 'float32' });
    const b0 = bytes(np), r0 = runs();
    const t = np.multiply(x, 2); // still held: without the view it would be a second output
    const u = np.reshape(t, [3, 2]);
    const v = np.reshape(u, [2, 3]);
    await evaluate(v);
    expect(runs()).toBe(r0 + 1);
    expect(bytes(np) - b0).toBe(6 * 4); // one buffer for t, u and v
    expect(await u.toArray()).toEqual([[2, 4], [6, 8], [10, 12]]);
    expect(await v.toArray()).toEqual([[2, 4, 6], [8, 10, 12]]);
    expect(await t.toArray()).toEqual([2, 4, 6, 8, 10, 12]);
    expect(runs()).toBe(r0 + 1);
    t.dispose(); u.dispose();
    const sums = np.sum(v, { axis: 1 });
    expect(await sums.toArray()).toEqual([12, 30]);
    for (const a of [x, v, sums]) a.dispose();
    expect(bytes(np)).toBe(b0 - 6 * 4); // x's buffer too
  });
  for (const cApi of [true, false]) {
    it(`a contiguous slice of at least half its source is a window on it (${cApi ? 'C API' : "onnxruntime-node's run()"})`, async () => {
      const ns = await createNamespace({ executionProviders: ['cpu'], cApi });
      const nsRuns = () => ns.info().engine().details!.runs as number;
      const a = ns.arange(24, undefined, undefined, { dtype: 'float32' });
      const m = ns.multiply(a, 10);
      const x = ns.reshape(m, [4, 6]); // pending: m is computed as the windows' source
      a.dispose(); m.dispose();
      const rows = x.get('1:'); // rows 1..3: elements 6..23
      const r0 = nsRuns();
      await evaluate(rows);
      expect(nsRuns()).toBe(r0 + 1); // m's run, no Slice after it
      expect(bytes(ns)).toBe(24 * 4); // m's buffer, shared by x; rows owns none
      expect(await rows.toArray()).toEqual([[60, 70, 80, 90, 100, 110], [120, 130, 140, 150, 160, 170], [180, 190, 200, 210, 220, 230]]);
      x.dispose(); // rows still reads x's memory
      // A window of a window, reshaped, and read by a graph in its own shape.
      const mid = rows.get('1:3');
      const inner = ns.reshape(mid, [3, 4]);
      const r1 = nsRuns();
      await evaluate(inner);
      expect(nsRuns()).toBe(r1);
      const sum = ns.sum(inner, { axis: 1 });
      expect(await sum.toArray()).toEqual([120 + 130 + 140 + 150, 160 + 170 + 180 + 190, 200 + 210 + 220 + 230]);
      // Under half of its source: computed on its own (a Slice run), so it holds only its bytes.
      const small = rows.get(0, '0:2');
      const r2 = nsRuns();
      expect(await small.toArray()).toEqual([60, 70]);
      expect(nsRuns()).toBe(r2 + 1);
      for (const t of [rows, mid, inner, sum]) t.dispose();
      expect(bytes(ns)).toBe(2 * 4); // x's buffer went with its last window
      small.dispose();
      expect(ns.memory()).toEqual({ arrays: 0, bytes: 0 });
    });
  }
  it("a window's source buffer is not reused while the window reads it", async () => {
    const ns = await createNamespace({ executionProviders: ['cpu'], reuseOutputs: 1024 });
    const kept = () => ns.info().engine().details!.reusableBytes as number;
    const y = ns.asarray(Float32Array.from({ length: 4096 }, (_, i) => i));
    const z = ns.multiply(y, 3);
    await evaluate(z);
    const tail = z.get('1024:');
    await evaluate(tail);
    z.dispose();
    expect(kept()).toBe(0); // read by `tail`
    const w = ns.add(y, 1); // same size as z: would take z's buffer if it were free
    await evaluate(w);
    expect((await tail.data() as Float32Array).slice(0, 2)).toEqual(Float32Array.from([3072, 3075]));
    tail.dispose();
    expect(kept()).toBe(4096 * 4);
    w.dispose(); y.dispose();
  });
});

describe('host data (CPU provider)', () => {
  for (const cApi of [true, false]) {
    it(`asarray hands its array over without another copy; views with an offset read right (${cApi ? 'C API' : "onnxruntime-node's run()"})`, async () => {
      const ns = await createNamespace({ executionProviders: ['cpu'], cApi });
      const big = Float32Array.from({ length: 100_000 }, (_, i) => i);
      // copy: false keeps the user's memory (offset 3 into it, past the 64-byte small-tensor path).
      const v = ns.asarray(big.subarray(3, 70_003), { copy: false });
      expect((v as unknown as { _handle: { value: { tensor: { data: Float32Array } } } })._handle.value.tensor.data.buffer).toBe(big.buffer);
      const w = ns.multiply(v, 2);
      const d = await w.data() as Float32Array;
      expect([d[0], d[1], d[69_999]]).toEqual([6, 8, 2 * 70_002]);
      // The default copies once (core), so later writes to the source do not reach the array.
      const src = Float32Array.from([1, 2, 3, 4]);
      const c = ns.asarray(src);
      src[0] = 100;
      expect(await c.toArray()).toEqual([1, 2, 3, 4]);
      for (const a of [v, w, c]) a.dispose();
      expect(ns.memory()).toEqual({ arrays: 0, bytes: 0 });
    });
  }
});

describe('memory', () => {
  it('create-compute-dispose loops leave memory() flat and create no sessions after the first', async () => {
    const m0 = np.memory();
    const loop = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const b = np.scope(() => np.add(np.multiply(np.ones([64]), 2), 1));
        await evaluate(b);
        b.dispose();
      }
    };
    await loop(50);
    const s0 = sessions();
    const rss0 = process.memoryUsage().rss;
    await loop(3000);
    expect(sessions()).toBe(s0);
    expect(np.memory()).toEqual(m0);
    // RSS: allow noise, catch per-iteration leaks (3000 × a leaked 64-float graph would be far more).
    expect(process.memoryUsage().rss - rss0).toBeLessThan(64 * 2 ** 20);
  });
  it('a dimension beyond 2^53 - 1 (only an empty array can have one) is a ValueError, not a TypeError', async () => {
    const e = np.zeros([0, 2], { dtype: 'bool' });
    expect(() => np.tile(e, 2 ** 53)).toThrow(ValueError); // found by the conformance fuzz, seed 684734069
    e.dispose();
  });
  it('dispose releases the values (bytes go back)', async () => {
    const m0 = np.memory().bytes;
    const a = np.ones([1000]);
    expect(np.memory().bytes).toBeGreaterThanOrEqual(m0 + 4000); // pending arrays count what they will hold
    await evaluate(a);
    expect(np.memory().bytes).toBe(m0 + 4000);
    a.dispose();
    expect(np.memory().bytes).toBe(m0);
  });
  it('reports out-of-range indices at read-back as IndexError naming the function', async () => {
    const x = np.asarray([1, 2, 3]);
    const i = np.add(np.asarray([0, 1]), 2); // pending indices [2, 3]
    await expect(np.take(x, i).data()).rejects.toThrow(/take: index 3 is out of bounds for axis 0 with size 3/);
  });
});
