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

  it('fromHost copies and readSync returns a copy', () => {
    const ad = new NdarrayAdapter();
    const src = Int32Array.from([1, 2, 3]);
    const h = ad.fromHost(src, [3], 'int32', ad.defaultDevice());
    src[0] = 9;
    const out = ad.readSync({ handle: h, shape: [3], dtype: 'int32' }) as Int32Array;
    out[1] = 9;
    expect(Array.from(ad.readSync({ handle: h, shape: [3], dtype: 'int32' }) as Int32Array)).toEqual([1, 2, 3]);
  });
});
