// Core's `extract` through an adapter's optional `compress` kernel (the CUDA adapter has one; this
// CPU stand-in lets CI check core's side of it: broadcasting, flattening, what it frees).
import { createNamespace, type KernelArray } from '@arr/core';
import { describe, expect, it } from 'vitest';
import { NdarrayAdapter } from './adapter.js';

type H = ReturnType<NdarrayAdapter['full']>;

class CompressingAdapter extends NdarrayAdapter {
  calls: { xShape: number[]; maskShape: number[]; maskDtype: string }[] = [];
  async compress(x: KernelArray<H>, mask: KernelArray<H>): Promise<{ handle: H; count: number }> {
    this.calls.push({ xShape: [...x.shape], maskShape: [...mask.shape], maskDtype: mask.dtype });
    const xs = this.readSync(x) as ArrayLike<number | bigint>;
    const ms = this.readSync(mask) as ArrayLike<number>;
    const kept = Array.from(xs).filter((_, i) => ms[i] !== 0);
    const Ctor = (xs as unknown as { constructor: new (a: unknown[]) => never }).constructor;
    return { handle: this.fromHost(new Ctor(kept), [kept.length], x.dtype, this.defaultDevice()), count: kept.length };
  }
}

describe('extract with an adapter compress kernel', () => {
  const adapter = new CompressingAdapter();
  const np = createNamespace(adapter);
  const plain = createNamespace(new NdarrayAdapter());

  it('gives what the host path gives, flattening and broadcasting first', async () => {
    const cases: [unknown, unknown, string][] = [
      [[[true, false, true], [false, true, true]], [[1, 2, 3], [4, 5, 6]], 'float32'],
      [[1, 0, 2], [[1, 2, 3], [4, 5, 6]], 'int64'], // non-bool condition, broadcast over rows
      [[false, false], [7, 8], 'int32'],
    ];
    for (const [cond, x, dtype] of cases) {
      const got = await np.extract(np.asarray(cond as never), np.asarray(x as never, { dtype: dtype as never }));
      const want = await plain.extract(plain.asarray(cond as never), plain.asarray(x as never, { dtype: dtype as never }));
      expect(got.dtype).toBe(dtype);
      expect(got.shape).toEqual(want.shape);
      expect(await got.toArray()).toEqual(await want.toArray());
    }
    expect(adapter.calls.map((c) => [c.xShape, c.maskShape, c.maskDtype])).toEqual([
      [[6], [6], 'bool'], [[6], [6], 'bool'], [[2], [2], 'bool'],
    ]);
  });

  it("keeps the caller's arrays alive and frees its temporaries", async () => {
    const x = np.asarray([1, 2, 3], { dtype: 'float32' });
    const c = np.asarray([true, false, true]);
    const before = np.memory().arrays;
    const r = await np.extract(c, x);
    expect(np.memory().arrays).toBe(before + 1);
    expect(await x.toArray()).toEqual([1, 2, 3]);
    expect(await c.toArray()).toEqual([true, false, true]);
    expect(await r.toArray()).toEqual([1, 3]);
  });
});
