// A create-compute-dispose loop leaves tfjs memory where it started (10^5 in bench/).
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace } from './create.js';

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`tfjs ${backend} memory`, () => {
    it('stays flat over create-compute-dispose iterations and scopes', async () => {
      const np = await createNamespace({ backend });
      const before = { ...np.memory(), tensors: tf.memory().numTensors };
      for (let i = 0; i < 300; i++) {
        const x = np.asarray([1, 2, 3, 4], { dtype: 'float32' });
        const y = np.scope(() => np.add(np.multiply(x, 5), x));
        const s = np.scope(() => np.sort(np.remainder(y, 3)));
        s.dispose(); y.dispose(); x.dispose();
        np.scope(() => { np.sum(np.floorDivide(np.arange(10), 3)); });
      }
      expect(np.memory()).toEqual({ arrays: before.arrays, bytes: before.bytes });
      expect(tf.memory().numTensors).toBe(before.tensors);
    });
  });
}
