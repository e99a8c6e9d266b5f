import { describe, expect, it } from 'vitest';
import { NdarrayAdapter } from './adapter.js';

describe('buffers', () => {
  it('counts a buffer once however many views share it, and frees it with the last view', () => {
    const ad = new NdarrayAdapter();
    const dev = ad.defaultDevice();
    expect(ad.memoryBytes()).toBe(0);
    const base = ad.fromHost(new Float32Array(12), [3, 4], 'float32', dev);
    expect(ad.memoryBytes()).toBe(48);
    const x = { handle: base, shape: [3, 4], dtype: 'float32' as const };
    const t = ad.permute(x, [1, 0]);
    const s = ad.slice(x, [1, 0], [1, 2], [2, 2]);
    const r = ad.reshape(x, [12]);
    const b = ad.broadcastTo({ handle: ad.reshape(x, [1, 12]), shape: [1, 12], dtype: 'float32' }, [5, 12]);
    expect(ad.memoryBytes()).toBe(48);
    ad.free(base);
    expect(ad.memoryBytes()).toBe(48);
    for (const h of [t, s, r]) ad.free(h);
    expect(ad.memoryBytes()).toBe(48);
    ad.free(b);
    expect(ad.memoryBytes()).toBe(48); // the [1, 12] reshape view is still live
  });

  it('reshape of a non-contiguous view copies', () => {
    const ad = new NdarrayAdapter();
    const dev = ad.defaultDevice();
    const h = ad.fromHost(Float64Array.from([0, 1, 2, 3, 4, 5]), [2, 3], 'float64', dev);
    const t = ad.permute({ handle: h, shape: [2, 3], dtype: 'float64' }, [1, 0]);
    const r = ad.reshape({ handle: t, shape: [3, 2], dtype: 'float64' }, [6]);
    expect(Array.from(ad.readSync({ handle: r, shape: [6], dtype: 'float64' }) as Float64Array)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(ad.memoryBytes()).toBe(96);
    ad.free(r);
    expect(ad.memoryBytes()).toBe(48);
    ad.free(t);
    ad.free(h);
    expect(ad.memoryBytes()).toBe(0);
    ad.free(h); // a second free is ignored
    expect(ad.memoryBytes()).toBe(0);
  });

  it('fromHost keeps the array it is handed, never recycles it, and readSync returns a copy', () => {
    const ad = new NdarrayAdapter();
    const dev = ad.defaultDevice();
    const src = Int32Array.from([1, 2, 3]);
    const h = ad.fromHost(src, [3], 'int32', dev);
    const out = ad.readSync({ handle: h, shape: [3], dtype: 'int32' }) as Int32Array;
    out[1] = 9;
    expect(Array.from(ad.readSync({ handle: h, shape: [3], dtype: 'int32' }) as Int32Array)).toEqual([1, 2, 3]);
    // A large host array (past the recycling threshold) is not handed out again once freed: a
    // later output of the same size gets other memory, and the array keeps its values.
    const n = 1 << 19;
    const big = new Float32Array(n).fill(7);
    const hb = ad.fromHost(big, [n], 'float32', dev);
    ad.free(hb);
    const x = { handle: ad.fromHost(new Float32Array(n).fill(1), [n], 'float32', dev), shape: [n], dtype: 'float32' as const };
    const y = ad.binary('add', x, x, 'float32');
    expect(big.every((v) => v === 7)).toBe(true);
    expect((ad.readSync({ handle: y, shape: [n], dtype: 'float32' }) as Float32Array)[0]).toBe(2);
  });
  it('a freed result buffer is recycled for the next output of its size (the case above is not)', () => {
    const ad = new NdarrayAdapter();
    const dev = ad.defaultDevice();
    const n = 1 << 19;
    const x = { handle: ad.fromHost(new Float32Array(n).fill(1), [n], 'float32', dev), shape: [n], dtype: 'float32' as const };
    const y = ad.binary('add', x, x, 'float32');
    const yData = ad.readSync({ handle: y, shape: [n], dtype: 'float32' });
    expect(yData[0]).toBe(2);
    const yBuf = (y as unknown as { buf: { data: Float32Array } }).buf.data;
    ad.free(y);
    const z = ad.binary('add', x, x, 'float32');
    expect((z as unknown as { buf: { data: Float32Array } }).buf.data).toBe(yBuf);
  });
});
