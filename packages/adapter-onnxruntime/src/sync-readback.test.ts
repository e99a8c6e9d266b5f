// Synchronous read-back on the CPU provider through the C API runner: dataSync() builds, runs
// and reads a pending graph on the calling thread; np.linalg's host factorisations rely on it.
import { describe, expect, it } from 'vitest';
import { DeviceError, IndexError, ValueError } from '@arr/core';
import { createNamespace } from './index.js';

const np = await createNamespace({ executionProviders: ['cpu'] });
const details = () => np.info().engine().details!;
const runs = () => details().runs as number;
const sessions = () => details().sessionsCreated as number;
/** The memory an array's value lives in. */
const memoryOf = (a: unknown) => (a as { _handle: { value: { tensor: { data: ArrayBufferView } } } })._handle.value.tensor.data.buffer;

describe('synchronous read-back (CPU provider, C API runner)', () => {
  it('is declared, and only there', async () => {
    expect(details().runner).toMatch(/C API/);
    expect(np.info().capabilities()['sync readback']).toBe(true);
    const viaNode = await createNamespace({ executionProviders: ['cpu'], cApi: false });
    expect(viaNode.info().capabilities()['sync readback']).toBe(false);
    const x = viaNode.add(viaNode.asarray([1, 2]), 1);
    expect(() => x.dataSync()).toThrow(DeviceError);
    expect(await x.toArray()).toEqual([2, 3]);
    x.dispose();
  });

  it('computes a pending graph on the calling thread, building its session there the first time', () => {
    const x = np.asarray([0.5, 1.5, -2, 3], { dtype: 'float32' });
    const s0 = sessions(), r0 = runs();
    // A structure no other test builds, so its session is new.
    const y = np.divide(np.add(np.exp(x), np.sin(x)), 3);
    const got = y.dataSync() as Float32Array;
    expect(runs()).toBe(r0 + 1);
    expect(sessions()).toBe(s0 + 1);
    const want = [0.5, 1.5, -2, 3].map((v) => (Math.exp(v) + Math.sin(v)) / 3);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 5));
    // A fresh copy each time: writing into it changes nothing.
    got[0] = 100;
    expect((y.dataSync() as Float32Array)[0]).toBeCloseTo(want[0]!, 5);
    expect(runs()).toBe(r0 + 1); // computed once
    expect(y.toArraySync()).toHaveLength(4);
    x.dispose(); y.dispose();
  });

  it('gives the values of a large graph (the size that runs on a worker thread when read asynchronously)', () => {
    const n = 1 << 17;
    const x = np.arange(0, n, 1, { dtype: 'float32' });
    const y = np.add(np.multiply(x, 2), 1);
    const got = y.dataSync() as Float32Array;
    expect(got.length).toBe(n);
    expect([got[0], got[1000], got[n - 1]]).toEqual([1, 2001, 2 * (n - 1) + 1]);
    x.dispose(); y.dispose();
  });

  it('makes views of pending reshapes and slices, as the asynchronous path does', () => {
    const x = np.arange(12);
    const y = np.multiply(x, 3);
    const r0 = runs();
    const v = np.reshape(y, [3, 4]).get('1:');
    expect(v.toArraySync()).toEqual([[12, 15, 18, 21], [24, 27, 30, 33]]);
    expect(runs()).toBe(r0 + 1); // y computed; the reshape and the slice ran no node
    expect(y.toArraySync()).toEqual(Array.from({ length: 12 }, (_, i) => 3 * i));
    expect(runs()).toBe(r0 + 1); // the view computed y
    expect(memoryOf(v)).toBe(memoryOf(y)); // one buffer
    for (const a of [x, y, v]) a.dispose();
  });

  it('array-valued repeats (which need it) work', () => {
    const x = np.asarray([[1, 2, 3], [4, 5, 6]], { dtype: 'int32' });
    const counts = np.add(np.asarray([0, 1, 2], { dtype: 'int32' }), 0); // pending: read synchronously
    const r = np.repeat(x, counts, { axis: 1 });
    expect(r.shape).toEqual([2, 3]);
    expect(r.toArraySync()).toEqual([[2, 3, 3], [5, 6, 6]]); // NumPy: np.repeat(x, [0, 1, 2], axis=1)
    for (const a of [x, counts, r]) a.dispose();
  });

  it('gives np.linalg through host float64 factorisations, and none without it', async () => {
    expect(details().linalg).toMatch(/host float64/);
    const a = np.asarray([[4, 1], [2, 3]], { dtype: 'float64' });
    const b = np.add(np.asarray([1, 2], { dtype: 'float64' }), 0); // pending: read synchronously
    const x = np.linalg.solve(a, b);
    const sol = x.dataSync() as Float64Array; // 4·0.1 + 0.6 = 1, 2·0.1 + 3·0.6 = 2
    expect(sol[0]).toBeCloseTo(0.1, 14);
    expect(sol[1]).toBeCloseTo(0.6, 14);
    expect((np.linalg.det(a).itemSync() as number)).toBeCloseTo(10, 12);
    const viaNode = await createNamespace({ executionProviders: ['cpu'], cApi: false });
    expect(viaNode.info().engine().details!.linalg).toBe('none');
    expect(() => viaNode.linalg.det(viaNode.asarray([[1, 2], [3, 4]]))).toThrow(DeviceError);
    for (const t of [a, b, x]) t.dispose();
  });

  it('checks computed integer exponents and indices as the asynchronous path does', () => {
    const x = np.asarray([2, 3, 4], { dtype: 'int32' });
    const e = np.subtract(np.asarray([1, 2, 3], { dtype: 'int32' }), 2); // [-1, 0, 1]
    const p = np.pow(x, e);
    expect(() => p.dataSync()).toThrow(ValueError);
    expect(() => p.dataSync()).toThrow(/negative integer powers/);
    const e1 = np.add(e, 1);
    expect(np.pow(x, e1).toArraySync()).toEqual([1, 3, 16]);
    const idx = np.add(np.asarray([0, 5], { dtype: 'int32' }), 0); // 5 is out of range, found at the run
    const t = np.take(x, idx);
    expect(() => t.dataSync()).toThrow(IndexError);
    expect(() => t.dataSync()).toThrow(/index 5 is out of bounds for axis 0 with size 3/);
    for (const a of [x, e, p, e1, idx, t]) a.dispose();
  });

  it('refuses an array that a run still in progress is computing, and computes independent ones meanwhile', async () => {
    const n = 1 << 18; // a large graph: its run goes to a worker thread
    const x = np.ones([n]);
    const y = np.add(np.multiply(x, 3), 1);
    const reading = y.data(); // started, not awaited
    const z = np.add(y, 1);
    expect(() => z.dataSync()).toThrow(DeviceError);
    expect(() => z.dataSync()).toThrow(/await/);
    const other = np.multiply(np.asarray([1, 2, 3]), 2);
    expect(other.toArraySync()).toEqual([2, 4, 6]);
    const values = await reading as Float32Array;
    expect(values[0]).toBe(4);
    expect((z.dataSync() as Float32Array)[n - 1]).toBe(5); // after the run: y is an input now
    for (const a of [x, y, z, other]) a.dispose();
  });

  it('leaves no memory behind', () => {
    const before = np.memory();
    for (let i = 0; i < 50; i++) {
      np.scope(() => {
        const a = np.asarray([i, i + 1, i + 2]);
        expect((np.sqrt(np.add(np.multiply(a, a), 1)).dataSync() as Float32Array)[0]).toBeCloseTo(Math.sqrt(i * i + 1), 5);
      });
    }
    expect(np.memory()).toEqual(before);
  });
});
