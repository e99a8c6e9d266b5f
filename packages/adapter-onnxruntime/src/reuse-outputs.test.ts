// The CPU provider's reuse of released result buffers as pre-allocated outputs (`reuseOutputs`):
// results stay right, nothing still referenced is reused, and user arrays are never taken.
import { describe, expect, it } from 'vitest';
import { createNamespace, evaluate } from './index.js';

const kept = (np: Awaited<ReturnType<typeof createNamespace>>) => np.info().engine().details!.reusableBytes as number;

describe('reuseOutputs (CPU provider)', () => {
  it("a disposed result's buffer becomes the next same-size output, with the right values", async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], reuseOutputs: 1024 });
    const x = np.asarray(Float32Array.from({ length: 4096 }, (_, i) => i));
    const a = np.multiply(x, 2);
    const first = Array.from(await a.data() as Float32Array); // a copy
    expect(kept(np)).toBe(0);
    a.dispose();
    expect(kept(np)).toBe(4096 * 4);
    const b = np.add(x, 1);
    await evaluate(b);
    expect(kept(np)).toBe(0); // taken as b's output
    expect(Array.from(await b.data() as Float32Array).slice(0, 3)).toEqual([1, 2, 3]);
    expect(first.slice(0, 3)).toEqual([0, 2, 4]);
    b.dispose(); x.dispose();
  });

  it('never reuses a buffer another array still reads, nor an array made from user data', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], reuseOutputs: 1024 });
    const host = Float32Array.from({ length: 4096 }, (_, i) => i);
    const x = np.asarray(host, { copy: false } as never);
    x.dispose();
    expect(kept(np)).toBe(0); // user memory is not ours
    const y = np.asarray(host);
    const z = np.multiply(y, 3);
    await evaluate(z);
    const view = np.reshape(z, [64, 64]); // shares z's buffer
    z.dispose();
    expect(kept(np)).toBe(0); // still read by `view`
    const w = np.add(y, 1);
    await evaluate(w);
    expect((await view.toArray() as number[][])[1]![0]).toBe(192);
    view.dispose();
    expect(kept(np)).toBe(4096 * 4); // z's buffer: `view` read it as a view, and released it last
    w.dispose(); y.dispose();
  });

  it('is off with reuseOutputs: false, and off the CPU provider by construction', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], reuseOutputs: false });
    const x = np.ones([1 << 20]);
    const a = np.add(x, 1);
    await evaluate(a);
    a.dispose();
    expect(kept(np)).toBe(0);
    expect(np.info().engine().details!.reuseOutputsFrom).toBe(false);
    x.dispose();
  });
});
