// Two-stage reductions (the `splitReductions` option), on the CPU provider: the plan, and results
// against one-stage reductions and a float64 reference.
import { describe, expect, it } from 'vitest';
import { splitPlan } from './adapter.js';
import { createNamespace } from './index.js';

describe('splitPlan', () => {
  it('splits long trailing reductions to few outputs at a divisor near the square root', () => {
    expect(splitPlan([1 << 26], [0], 65536)).toEqual([1, 8192, 8192]);
    expect(splitPlan([3, 1 << 20], [1], 65536)).toEqual([3, 1024, 1024]);
    expect(splitPlan([2, 300, 400], [1, 2], 65536)).toEqual([2, 320, 375]);
    expect(splitPlan([2, 300, 400], [2, 1], 65536)).toEqual([2, 320, 375]); // axes in any order
  });
  it('leaves alone short, leading-axis, many-output and divisor-poor reductions', () => {
    expect(splitPlan([1000], [0], 65536)).toBeUndefined(); // short
    expect(splitPlan([1 << 20, 4], [0], 65536)).toBeUndefined(); // not the trailing axes
    expect(splitPlan([4096, 4096], [1], 65536)).toBeUndefined(); // 4096 outputs: already parallel
    expect(splitPlan([65537], [0], 65536)).toBeUndefined(); // prime
    expect(splitPlan([2 * 65521], [0], 65536)).toBeUndefined(); // no divisor in [64, √R]
  });
});

describe('splitReductions on the CPU provider', () => {
  const n = 3 * 4096 + 3 * 64; // 12480 = 104 · 120: splits with the threshold below
  const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 10);
  const ref = (xs: ArrayLike<number>) => { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i]!; return s; };

  it('sum, max, min, prod, all, any and int32 sums agree with one stage and with float64', async () => {
    const split = await createNamespace({ executionProviders: ['cpu'], splitReductions: 4096 });
    const plain = await createNamespace({ executionProviders: ['cpu'] });
    expect(split.info().engine().details!.splitReductions).toBe(4096);
    expect(splitPlan([n], [0], 4096)).toEqual([1, 104, 120]);
    const xs = split.asarray(data), xp = plain.asarray(data);
    const keyOf = (a: unknown) => (a as { _handle: { key: string } })._handle.key;
    expect(keyOf(split.sum(xs))).toBe('reduce2:sum:float32:0'); // the two-stage graph
    expect(keyOf(plain.sum(xp))).toBe('reduce:sum:float32:0');
    expect(Math.abs(await split.sum(xs).item() as number - ref(data))).toBeLessThan(1e-3);
    for (const f of ['max', 'min'] as const) expect(await split[f](xs).item()).toBe(await plain[f](xp).item());
    const small = Float32Array.from({ length: n }, (_, i) => 1 + (i % 7 === 0 ? 1e-4 : 0));
    const p = await split.prod(split.asarray(small)).item() as number, q = await plain.prod(plain.asarray(small)).item() as number;
    expect(Math.abs(p - q) / q).toBeLessThan(1e-4);
    const withNaN = data.slice(); withNaN[n - 5] = NaN;
    expect(await split.max(split.asarray(withNaN)).item()).toBeNaN();
    const mask = split.greater(xs, -9.99);
    expect(await split.all(mask).item()).toBe(await plain.all(plain.greater(xp, -9.99)).item());
    expect(await split.any(split.greater(xs, 9.99)).item()).toBe(await plain.any(plain.greater(xp, 9.99)).item());
    const ints = Int32Array.from({ length: n }, (_, i) => (i * 2654435761) | 0); // wraps in int32
    expect(await split.sum(split.asarray(ints)).item()).toBe(await plain.sum(plain.asarray(ints)).item());
  });

  it('one session serves every length (the reshape targets are run-time inputs)', async () => {
    const split = await createNamespace({ executionProviders: ['cpu'], splitReductions: 4096 });
    const sessions = () => split.info().engine().details!.sessionsCreated as number;
    await split.sum(split.asarray(data.subarray(0, 8192))).item();
    const s1 = sessions();
    expect(await split.sum(split.asarray(data.subarray(0, 12288))).item()).toBeCloseTo(ref(data.subarray(0, 12288)), 2);
    expect(sessions()).toBe(s1);
  });

  it('trailing-axis reductions keep the other axes', async () => {
    const split = await createNamespace({ executionProviders: ['cpu'], splitReductions: 4096 });
    const x = split.reshape(split.asarray(data), [2, 6240]);
    const got = await split.sum(x, { axis: 1 }).toArray() as number[];
    const want = [ref(data.subarray(0, 6240)), ref(data.subarray(6240))];
    got.forEach((v, i) => expect(Math.abs(v - want[i]!)).toBeLessThan(1e-3));
    const kept = await split.max(split.reshape(split.asarray(data), [2, 48, 130]), { axis: [1, 2], keepdims: true }).toArray() as number[][][];
    expect(kept.length).toBe(2);
    expect(kept[0]![0]![0]).toBe(Math.max(...data.subarray(0, 6240)));
  });
});
