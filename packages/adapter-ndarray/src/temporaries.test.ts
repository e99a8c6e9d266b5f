// Core's operand temporaries (a scalar made into an array, its broadcast, a cast) are disposed by
// the operation and never registered with the FinalizationRegistry, whose register/unregister
// pair costs more than the rest of a small op. Checked here on the CPU adapter.
import { createNamespace } from '@arr/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NdarrayAdapter } from './adapter.js';

describe('operand temporaries', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a binary op with a scalar and a cast registers only its result and leaves no array behind', async () => {
    const np = createNamespace(new NdarrayAdapter());
    const x = np.ones([4, 3], { dtype: 'float32' });
    const i = np.ones([3], { dtype: 'int32' });
    const before = np.memory();
    const register = vi.spyOn(FinalizationRegistry.prototype, 'register');
    const y = np.add(x, 5); // scalar → 0-d array → broadcast
    const z = np.multiply(x, i); // int32 cast to x's float dtype, then broadcast
    expect(register).toHaveBeenCalledTimes(2); // y and z only
    expect(np.memory().arrays).toBe(before.arrays + 2);
    expect(await y.toArray()).toEqual([[6, 6, 6], [6, 6, 6], [6, 6, 6], [6, 6, 6]]);
    expect(await z.toArray()).toEqual([[1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]]);
    y.dispose(); z.dispose();
    expect(np.memory()).toEqual(before);
  });

  it('an error while preparing the operands disposes what was made', () => {
    const np = createNamespace(new NdarrayAdapter());
    const x = np.ones([4, 3], { dtype: 'float32' });
    const before = np.memory();
    // The scalar becomes an array, then its broadcast against a mismatched shape fails inside core.
    const ctx = (x as unknown as { _ctx: { withTemporaries<P, T>(p: () => P, u: (v: P) => T): T; scalarArray(...a: unknown[]): unknown } })._ctx;
    expect(() => ctx.withTemporaries(() => { ctx.scalarArray('add', 5, 'float32', x.device); throw new Error('boom'); }, () => 0)).toThrow('boom');
    expect(np.memory()).toEqual(before);
  });
});
