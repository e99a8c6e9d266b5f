/**
 * The array object: properties, operator methods, get/set indexing (fixtures), read-back,
 * dispose/DisposedError, scope and memory().
 */
import { describe, expect } from 'vitest';
import { DTYPES, HOST_ARRAY, type DType, type NDArray } from '@arr/core';
import { makeArray, type EncodedArray } from '../fixtures.js';
import { compareArray } from '../matchers.js';
import { defineTest, type Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

/** A small array of `dtype` with distinct values 0..n-1 (true/false alternating for bool). */
export function iota(dtype: DType, shape: number[]): EncodedArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => {
    if (dtype === 'bool') return i % 2 === 1;
    if (dtype === 'int64' || dtype === 'uint64') return String(i);
    if (dtype === 'complex64' || dtype === 'complex128') return [i, -i] as [number, number];
    return i;
  });
  return { dtype, shape, data };
}

function transpose2(e: EncodedArray): EncodedArray {
  const [r, c] = e.shape as [number, number];
  const data = [];
  for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) data.push(e.data[i * c + j]!);
  return { dtype: e.dtype, shape: [c, r], data };
}

const BINARY_METHODS = [
  'add', 'subtract', 'multiply', 'divide', 'floorDivide', 'remainder', 'pow', 'equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual',
] as const;
const INT_METHODS = ['bitwiseAnd', 'bitwiseOr', 'bitwiseXor', 'bitwiseLeftShift', 'bitwiseRightShift'] as const;
const UNARY_METHODS = ['negative', 'positive', 'abs'] as const;

type Fn = (...a: unknown[]) => NDArray;

export function arrayObjectCases(suite: Suite): void {
  const { np } = suite;
  describe('array object', () => {
    describe('properties', () => {
      for (const dtype of DTYPES) {
        defineTest(suite, { id: `NDArray.properties/${dtype}/2x3`, fn: 'NDArray.properties', dtype }, async () => {
          const x = makeArray(np, iota(dtype, [2, 3]));
          try {
            expect([...x.shape]).toEqual([2, 3]);
            expect(x.dtype).toBe(dtype);
            expect(x.ndim).toBe(2);
            expect(x.size).toBe(6);
            expect(x.device).toBe(np.info().defaultDevice());
            expect(() => { (x as unknown as { shape: number[] }).shape.push(1); }).toThrow();
          } finally {
            x.dispose();
          }
        });
        defineTest(suite, { id: `NDArray.T/${dtype}/2x3`, fn: 'NDArray.T', dtype }, async () => {
          const e = iota(dtype, [2, 3]);
          const x = makeArray(np, e);
          const t = x.T;
          try {
            const m = await compareArray(t, transpose2(e));
            if (m) throw new Error(m);
          } finally {
            t.dispose();
            x.dispose();
          }
        });
        defineTest(suite, { id: `NDArray.mT/${dtype}/2x2x3`, fn: 'NDArray.mT', dtype }, async () => {
          const e = iota(dtype, [2, 2, 3]);
          const x = makeArray(np, e);
          const t = x.mT;
          try {
            expect([...t.shape]).toEqual([2, 3, 2]);
            const first = await compareArray(t.get(0), transpose2({ dtype, shape: [2, 3], data: e.data.slice(0, 6) }));
            if (first) throw new Error(first);
            expect(() => x.T).toThrow(/T/);
          } finally {
            t.dispose();
            x.dispose();
          }
        });
        defineTest(suite, { id: `NDArray.size/${dtype}/0d-and-empty`, fn: 'NDArray.properties', dtype }, () => {
          const a = makeArray(np, iota(dtype, []));
          const b = makeArray(np, iota(dtype, [2, 0, 3]));
          try {
            expect([a.ndim, a.size, b.ndim, b.size]).toEqual([0, 1, 3, 0]);
          } finally {
            a.dispose();
            b.dispose();
          }
        });
      }
    });

    describe('operator methods', () => {
      for (const dtype of ['float32', 'int32', 'float64', 'int8', 'uint8'] as DType[]) {
        const methods: readonly string[] = [...BINARY_METHODS, ...(dtype.startsWith('float') ? [] : INT_METHODS)];
        for (const m of methods) {
          defineTest(suite, { id: `NDArray.${m}/${dtype}/method-equals-function`, fn: `NDArray.${m}`, dtype }, async () => {
            const x = makeArray(np, { dtype, shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
            const y = makeArray(np, { dtype, shape: [3], data: [1, 2, 3] });
            const viaMethod = (x as unknown as Record<string, Fn>)[m]!.call(x, y);
            const viaFn = (np as unknown as Record<string, Fn>)[m]!(x, y);
            const withScalar = (x as unknown as Record<string, Fn>)[m]!.call(x, 2);
            const fnScalar = (np as unknown as Record<string, Fn>)[m]!(x, 2);
            try {
              expect(viaMethod.dtype).toBe(viaFn.dtype);
              expect(await viaMethod.toArray()).toEqual(await viaFn.toArray());
              expect(await withScalar.toArray()).toEqual(await fnScalar.toArray());
            } finally {
              for (const a of [x, y, viaMethod, viaFn, withScalar, fnScalar]) a.dispose();
            }
          });
        }
        for (const m of UNARY_METHODS) {
          defineTest(suite, { id: `NDArray.${m}/${dtype}/method-equals-function`, fn: `NDArray.${m}`, dtype }, async () => {
            const x = makeArray(np, { dtype, shape: [3], data: [1, 2, 3] });
            const a = (x as unknown as Record<string, Fn>)[m]!.call(x);
            const b = (np as unknown as Record<string, Fn>)[m]!(x);
            try {
              expect(await a.toArray()).toEqual(await b.toArray());
            } finally {
              for (const v of [x, a, b]) v.dispose();
            }
          });
        }
      }
      defineTest(suite, { id: 'NDArray.matmul/float32/method-equals-function', fn: 'NDArray.matmul', dtype: 'float32' }, async () => {
        const x = makeArray(np, { dtype: 'float32', shape: [2, 2], data: [1, 2, 3, 4] });
        const a = x.matmul(x);
        try {
          expect(await a.toArray()).toEqual([[7, 10], [15, 22]]);
        } finally {
          a.dispose();
          x.dispose();
        }
      });
      defineTest(suite, { id: 'NDArray.methods/float32/reshape-astype-reductions', fn: 'NDArray.methods', dtype: 'float32' }, async () => {
        const x = makeArray(np, { dtype: 'float32', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
        const made = [x.reshape([3, 2]), x.astype('int32'), x.sum(), x.mean({ axis: 0 }), x.max({ axis: 1, keepdims: true }), x.min(), x.negative()];
        try {
          expect(await made[0]!.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
          expect(made[1]!.dtype).toBe('int32');
          expect(await made[2]!.item()).toBe(21);
          expect(await made[3]!.toArray()).toEqual([2.5, 3.5, 4.5]);
          expect(await made[4]!.toArray()).toEqual([[3], [6]]);
          expect(await made[5]!.item()).toBe(1);
        } finally {
          for (const a of new Set([x, ...made])) a.dispose();
        }
      });
    });

    registerFixtureFile(suite, 'indexing', 'indexing (take, takeAlongAxis, get, set)');

    describe('read-back', () => {
      for (const dtype of DTYPES) {
        defineTest(suite, { id: `NDArray.data/${dtype}/storage-type`, fn: 'NDArray.data', dtype }, async () => {
          const x = makeArray(np, iota(dtype, [2, 2]));
          try {
            const d = await x.data();
            expect(d).toBeInstanceOf(HOST_ARRAY[dtype]);
            expect(d.length).toBe(dtype.startsWith('complex') ? 8 : 4);
          } finally {
            x.dispose();
          }
        });
        defineTest(suite, { id: `NDArray.toArray/${dtype}/nested`, fn: 'NDArray.toArray', dtype }, async () => {
          const x = makeArray(np, iota(dtype, [2, 2]));
          const z = makeArray(np, iota(dtype, [2, 0]));
          try {
            const conv = (i: number) =>
              dtype === 'bool' ? i % 2 === 1 : dtype === 'int64' || dtype === 'uint64' ? BigInt(i) : dtype.startsWith('complex') ? { re: i, im: -i } : i;
            const got = await x.toArray();
            expect(JSON.stringify(got, (_, v) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? 0 : v))).toBe(
              JSON.stringify([[conv(0), conv(1)], [conv(2), conv(3)]], (_, v) => (typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? 0 : v)),
            );
            expect(await z.toArray()).toEqual([[], []]);
          } finally {
            x.dispose();
            z.dispose();
          }
        });
        defineTest(suite, { id: `NDArray.item/${dtype}/size-1`, fn: 'NDArray.item', dtype }, async () => {
          const e = iota(dtype, [1, 1]);
          e.data = [dtype === 'bool' ? true : dtype.endsWith('64') && dtype.includes('int') ? '3' : dtype.startsWith('complex') ? [3, -3] : 3];
          const x = makeArray(np, e);
          const y = makeArray(np, iota(dtype, [2]));
          try {
            const v = await x.item();
            const want = dtype === 'bool' ? true : dtype === 'int64' || dtype === 'uint64' ? 3n : dtype.startsWith('complex') ? { re: 3, im: -3 } : 3;
            expect(v).toEqual(want);
            await expect(y.item()).rejects.toThrow();
            if (np.info().capabilities()['sync readback']) {
              expect(x.itemSync()).toEqual(want);
              expect(x.dataSync()).toBeInstanceOf(HOST_ARRAY[dtype]);
            } else {
              expect(() => x.dataSync()).toThrow(/dataSync/);
            }
          } finally {
            x.dispose();
            y.dispose();
          }
        });
      }
    });

    describe('dispose', () => {
      defineTest(suite, { id: 'NDArray.dispose/float32/disposed-error', fn: 'NDArray.dispose', dtype: 'float32' }, async () => {
        const x = makeArray(np, iota('float32', [3]));
        x.dispose();
        expect(x.isDisposed).toBe(true);
        x.dispose(); // idempotent
        expect(() => np.add(x, 1)).toThrow(expect.objectContaining({ name: 'DisposedError' }));
        expect(() => x.get(0)).toThrow(expect.objectContaining({ name: 'DisposedError' }));
        expect(() => np.sum(x)).toThrow(expect.objectContaining({ name: 'DisposedError' }));
        let err: unknown;
        try {
          await x.data();
        } catch (e) {
          err = e;
        }
        expect((err as Error)?.name).toBe('DisposedError');
      });
      defineTest(suite, { id: 'NDArray.dispose/float32/symbol-dispose', fn: 'NDArray.dispose', dtype: 'float32' }, () => {
        const before = np.memory().arrays;
        {
          const x = makeArray(np, iota('float32', [3]));
          x[Symbol.dispose]();
          expect(x.isDisposed).toBe(true);
        }
        expect(np.memory().arrays).toBe(before);
      });
      defineTest(suite, { id: 'NDArray.dispose/float32/views-survive-base', fn: 'NDArray.dispose', dtype: 'float32' }, async () => {
        const x = makeArray(np, iota('float32', [2, 3]));
        const v = x.get(':', '1:');
        const t = np.permuteDims(x, [1, 0]);
        x.dispose();
        try {
          expect(await v.toArray()).toEqual([[1, 2], [4, 5]]);
          expect(await t.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
        } finally {
          v.dispose();
          t.dispose();
        }
      });
    });

    describe('scope and memory', () => {
      defineTest(suite, { id: 'scope/float32/frees-temporaries', fn: 'scope', dtype: 'float32' }, async () => {
        const before = np.memory().arrays;
        const y = np.scope(() => np.add(np.multiply(np.ones([3]), 2), 1));
        expect(np.memory().arrays).toBe(before + 1);
        expect(await y.toArray()).toEqual([3, 3, 3]);
        y.dispose();
        expect(np.memory().arrays).toBe(before);
      });
      defineTest(suite, { id: 'scope/float32/nested-and-objects', fn: 'scope', dtype: 'float32' }, () => {
        const before = np.memory().arrays;
        const out = np.scope(() => {
          const a = np.ones([2]);
          const inner = np.scope(() => ({ b: np.add(a, 1), c: [np.zeros([1])] }));
          np.ones([5]);
          return { a, ...inner };
        });
        expect(np.memory().arrays).toBe(before + 3);
        for (const a of [out.a, out.b, ...out.c]) a.dispose();
        expect(np.memory().arrays).toBe(before);
      });
      defineTest(suite, { id: 'scope/float32/throw-disposes', fn: 'scope', dtype: 'float32' }, () => {
        const before = np.memory().arrays;
        expect(() => np.scope(() => {
          np.ones([4]);
          throw new Error('boom');
        })).toThrow('boom');
        expect(np.memory().arrays).toBe(before);
      });
      defineTest(suite, { id: 'memory/float32/counts-and-bytes', fn: 'memory', dtype: 'float32' }, () => {
        const m0 = np.memory();
        expect(typeof m0.arrays).toBe('number');
        expect(typeof m0.bytes).toBe('number');
        const x = np.zeros([1000], { dtype: 'float32' } as never);
        const m1 = np.memory();
        expect(m1.arrays).toBe(m0.arrays + 1);
        expect(m1.bytes).toBeGreaterThanOrEqual(m0.bytes + 4000);
        x.dispose();
        expect(np.memory()).toEqual(m0);
      });
      defineTest(suite, { id: 'memory/float32/create-compute-dispose-loop', fn: 'memory', dtype: 'float32' }, () => {
        const m0 = np.memory();
        for (let i = 0; i < 2000; i++) {
          const a = np.ones([8]);
          const b = np.add(a, i);
          const c = np.sum(b);
          a.dispose();
          b.dispose();
          c.dispose();
        }
        expect(np.memory()).toEqual(m0);
      });
    });
  });
}
