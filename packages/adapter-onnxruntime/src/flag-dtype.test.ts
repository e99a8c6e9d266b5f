// Reductions over 0/1 flags (NaN checks, all/any, bool max/min, argsort of bools) give the same
// results with uint8 flags (the CPU provider's default) and int32 flags (GPU providers' default,
// see Builder.flags). Expected values computed with NumPy 2.4 (python3 -c, 2026-12-03).
import { describe, expect, it } from 'vitest';
import { createNamespace } from './index.js';

const x = [[1, NaN, 3], [4, 5, -1], [NaN, NaN, 2]];
const b = [[true, false, true], [true, true, true]];
const notB = [[false, true, false], [false, false, false]];
const numpy = {
  max0: [NaN, NaN, 3], max1: [NaN, 5, NaN], min1: [NaN, -1, NaN], argmax1: [1, 1, 0], argmin0: [2, 0, 1],
  all1: [false, true], any0: [false, true, false], bmax1: [true, true], bmin1: [false, true], argsortb: [1, 0, 2],
};

describe.each(['uint8', 'int32'] as const)('flag reductions with %s flags', (flagDtype) => {
  it('match NumPy', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], flagDtype });
    const a = np.asarray(x, { dtype: 'float32' });
    const m = np.asarray(b, { dtype: 'bool' });
    const got = {
      max0: await np.max(a, { axis: 0 }).toArray(), max1: await np.max(a, { axis: 1 }).toArray(),
      min1: await np.min(a, { axis: 1 }).toArray(), argmax1: await np.argmax(a, { axis: 1 }).toArray(),
      argmin0: await np.argmin(a, { axis: 0 }).toArray(), all1: await np.all(m, { axis: 1 }).toArray(),
      any0: await np.any(np.asarray(notB, { dtype: 'bool' }), { axis: 0 }).toArray(), bmax1: await np.max(m, { axis: 1 }).toArray(),
      bmin1: await np.min(m, { axis: 1 }).toArray(), argsortb: await np.argsort(m.get(0)).toArray(),
    };
    expect(got).toEqual(numpy);
  });
});
