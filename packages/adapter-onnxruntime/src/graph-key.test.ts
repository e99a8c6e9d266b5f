import { describe, expect, it } from 'vitest';
import { KeyWriter, nameCode, opKeyId } from './graph-key.js';
import { createNamespace } from './index.js';

const keyOf = (xs: number[]) => { const w = new KeyWriter(); for (const x of xs) w.put(x); return w.toString(); };

describe('graph cache key', () => {
  it('distinct integer sequences give distinct keys (the encoding is prefix-free)', () => {
    // Each pair would collide under a naive concatenation of code units.
    const pairs: [number[], number[]][] = [
      [[0x8000], [0x8001, 0]], // one two-unit value against two one-unit values
      [[32768 + 5], [1, 5]], // a large value against the two units it is written as, read as small ones
      [[2 ** 30 - 1], [0x7fff, 0x7fff]],
      [[5, 0], [5]],
    ];
    for (const [a, b] of pairs) expect(keyOf(a)).not.toBe(keyOf(b));
    const seen = new Set<string>();
    for (let a = 0; a < 40; a++) for (const b of [0, 1, 0x7fff, 0x8000, 0x12345, 2 ** 29]) seen.add(keyOf([a, b]));
    expect(seen.size).toBe(40 * 6);
  });
  it('writes keys longer than one fromCharCode call and reuses the writer', () => {
    const w = new KeyWriter();
    const long = Array.from({ length: 20_000 }, (_, i) => i % 40_000);
    for (const v of long) w.put(v);
    const k1 = w.toString();
    w.reset(); w.put(7);
    expect(w.toString()).toBe(String.fromCharCode(7));
    w.reset(); for (const v of long) w.put(v);
    expect(w.toString()).toBe(k1);
  });
  it('rejects what it cannot encode', () => {
    const w = new KeyWriter();
    for (const bad of [-1, 0.5, 2 ** 30, NaN]) expect(() => w.put(bad)).toThrow(RangeError);
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
