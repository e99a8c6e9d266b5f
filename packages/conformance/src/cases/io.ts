/** `.npy` interop: load NumPy-written bytes (fixtures), save → load round trips, header sanity. */
import { describe, expect } from 'vitest';
import { DTYPES, DTYPE_INFO } from '@arr/core';
import { makeArray } from '../fixtures.js';
import { compareArray } from '../matchers.js';
import { defineTest, type Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';
import { iota } from './array-object.js';

export function ioCases(suite: Suite): void {
  const { np } = suite;
  describe('io', () => {
    registerFixtureFile(suite, 'io', 'load (.npy bytes written by NumPy)');
    describe('save', () => {
      for (const dtype of DTYPES) {
        for (const shape of [[2, 3], [], [0, 2]]) {
          defineTest(suite, { id: `save/${dtype}/${shape.join('x') || 'scalar'}-round-trip`, fn: 'save', dtype }, async () => {
            const e = iota(dtype, shape);
            const x = makeArray(np, e);
            const bytes = await np.save(x);
            const y = np.load(bytes);
            try {
              expect(bytes).toBeInstanceOf(Uint8Array);
              expect([...bytes.subarray(0, 6)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
              const headerLen = bytes[8]! | (bytes[9]! << 8);
              expect((10 + headerLen) % 64).toBe(0); // NumPy aligns the data to 64 bytes
              const header = new TextDecoder().decode(bytes.subarray(10, 10 + headerLen));
              expect(header).toContain(`'descr': '${DTYPE_INFO[dtype].npy}'`);
              expect(header).toContain(`'shape': (${shape.length === 1 ? `${shape[0]},` : shape.join(', ')})`);
              expect(bytes.length).toBe(10 + headerLen + e.data.length * DTYPE_INFO[dtype].itemsize);
              const m = await compareArray(y, e);
              if (m) throw new Error(m);
            } finally {
              x.dispose();
              y.dispose();
            }
          });
        }
      }
    });
  });
}
