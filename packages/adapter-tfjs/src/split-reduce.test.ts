// Two-stage reductions (on by default on webgpu, where tfjs gives each output one workgroup):
// turned on here for the cpu backend at a tiny threshold, every reduction must give what the
// one-stage reduction gives, for any axes, padding (lengths that are not k*m), NaN, int32 and bool.
import { createNamespace as createCoreNamespace, type NDArray } from '@arr/core';
import { describe, expect, it } from 'vitest';
import { TfjsAdapter } from './adapter.js';
import { createNamespace } from './create.js';

const ref = await createNamespace({ backend: 'cpu' });
const adapter = new TfjsAdapter('cpu');
adapter.splitReductionsFrom = 8;
const np = createCoreNamespace(adapter);

let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const values = async (x: NDArray) => Array.from((await x.data()) as ArrayLike<number>, Number);

describe('two-stage reductions', () => {
  const shapes: number[][] = [[37], [3, 29], [4, 5, 7], [2, 3, 4, 5], [1000]];
  for (const shape of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    const axesList: (number[] | undefined)[] = [undefined, ...shape.map((_, i) => [i]), shape.length > 2 ? [0, 2] : [0]];
    it(`match one-stage results for shape [${shape}]`, async () => {
      const data = Array.from({ length: size }, () => Math.round(rand() * 200 - 100) / 8);
      data[size >> 1] = size > 40 ? NaN : data[size >> 1]!; // NaN in the larger inputs
      for (const dtype of ['float32', 'int32', 'bool'] as const) {
        const src = dtype === 'float32' ? data : data.map((v) => (Number.isNaN(v) ? 3 : Math.trunc(v)));
        const a = np.asarray(src, { dtype, shape } as never);
        const b = ref.asarray(src, { dtype, shape } as never);
        for (const axis of axesList) {
          const o = axis === undefined ? {} : { axis };
          const fns = dtype === 'bool' ? (['any', 'all'] as const) : (['sum', 'max', 'min', 'prod', 'mean', 'any'] as const);
          for (const f of fns) {
            if (f === 'mean' && dtype !== 'float32') continue;
            const got = await values((np[f] as (x: NDArray, o: object) => NDArray)(a, o));
            const want = await values((ref[f] as (x: NDArray, o: object) => NDArray)(b, o));
            expect(got.length, `${f} ${dtype} axis ${String(axis)}`).toBe(want.length);
            for (let i = 0; i < want.length; i++) {
              const w = want[i]!, g = got[i]!;
              if (Number.isNaN(w)) expect(g, `${f} ${dtype} axis ${String(axis)}`).toBeNaN();
              else expect(Math.abs(g - w), `${f} ${dtype} axis ${String(axis)} [${i}]`).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(w)));
            }
          }
        }
      }
    });
  }
});
