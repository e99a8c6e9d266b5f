import { describe, expect, it } from 'vitest';
import { KeyWriter, StructureCache, nameCode, opKeyId } from './graph-key.js';
import { createNamespace } from './index.js';

const writer = (xs: number[]) => { const w = new KeyWriter(); for (const x of xs) w.put(x); return w; };

describe('graph cache key', () => {
  it('matches only the exact sequence, even when every key shares one bucket', () => {
    const cache = new StructureCache<string>(0); // mask 0: all keys collide
    const seqs = [[1, 2, 3], [1, 2], [1, 2, 3, 0], [3, 2, 1], [0x7fffffff], []];
    seqs.forEach((xs, i) => cache.set(writer(xs), `v${i}`));
    seqs.forEach((xs, i) => expect(cache.get(writer(xs))).toBe(`v${i}`));
    expect(cache.get(writer([1, 2, 4]))).toBeUndefined();
    expect(cache.size).toBe(seqs.length);
  });
  it('keeps recency: a hit becomes the newest, oldest() is the least recently used', () => {
    const cache = new StructureCache<string>();
    const a = cache.set(writer([1]), 'a');
    cache.set(writer([2]), 'b');
    expect(cache.oldest()).toBe(a);
    expect(cache.get(writer([1]))).toBe('a');
    expect(cache.oldest()!.value).toBe('b');
    cache.delete(cache.oldest()!);
    expect(cache.get(writer([2]))).toBeUndefined();
    expect(cache.values()).toEqual(['a']);
  });
  it('grows past its first buffer and is reusable after reset()', () => {
    const long = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 100_003);
    const w = writer(long);
    const cache = new StructureCache<number>();
    cache.set(w, 1);
    w.reset(); w.put(7);
    expect(cache.get(w)).toBeUndefined();
    expect(cache.get(writer(long))).toBe(1);
  });
  it('rejects what it cannot hold', () => {
    const w = new KeyWriter();
    for (const bad of [-1, 0.5, 2 ** 31, NaN]) expect(() => w.put(bad)).toThrow(RangeError);
  });
  it('interns op keys and names to stable small integers', () => {
    expect(opKeyId(`b:add:${'float32'}`)).toBe(opKeyId('b:add:float32'));
    expect(opKeyId('b:add:float32')).not.toBe(opKeyId('b:add:float64'));
    expect(nameCode('cpu')).toBe(nameCode('cpu'));
  });
  it('graphs that differ only in which inputs are shared get their own sessions and right values', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'] });
    const sessions = () => np.info().engine().details!.sessionsCreated as number;
    const x = np.asarray([1, 2, 3], { dtype: 'float32' });
    const y = np.asarray([10, 20, 30], { dtype: 'float32' });
    const s0 = sessions();
    expect(await np.multiply(x, x).toArray()).toEqual([1, 4, 9]);
    expect(await np.multiply(x, y).toArray()).toEqual([10, 40, 90]);
    expect(await np.multiply(y, y).toArray()).toEqual([100, 400, 900]); // same structure as x·x
    expect(sessions() - s0).toBe(2);
    // A diamond (t used twice) against a chain of the same ops.
    const t = np.add(x, 1);
    expect(await np.multiply(t, t).toArray()).toEqual([4, 9, 16]);
    expect(await np.multiply(np.add(x, 1), np.add(y, 1)).toArray()).toEqual([22, 63, 124]);
    // Same ops, counts and inputs; only which input the second op reads differs.
    const s1 = sessions();
    expect(await np.multiply(np.add(x, y), x).toArray()).toEqual([11, 44, 99]);
    expect(await np.multiply(np.add(x, y), y).toArray()).toEqual([110, 440, 990]);
    expect(sessions() - s1).toBe(2);
    x.dispose(); y.dispose(); t.dispose();
  });
});
