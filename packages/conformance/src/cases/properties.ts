/** Property tests (fast-check): algebraic laws every adapter must keep, on random shapes and dtypes. */
import { describe, expect } from 'vitest';
import fc from 'fast-check';
import { DTYPES, type DType, type NDArray } from '@arr/core';
import { anyArrayArb, arrayArb, broadcastablePairArb, dtypeArb, shapeArb } from '../arbitraries.js';
import { makeArray, type EncodedArray } from '../fixtures.js';
import { compareArray, hostElements } from '../matchers.js';
import { defineTest, type Suite } from '../suite.js';

const RUNS = 40;
const REAL: DType[] = ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32', 'float64'];
const NUMERIC: DType[] = [...REAL, 'complex64', 'complex128'];
/** Smallest normal value per float dtype (below it: subnormal). */
const MIN_NORMAL: Partial<Record<DType, number>> = { float16: 2 ** -14, float32: 2 ** -126, float64: 2 ** -1022 };

export function propertyCases(suite: Suite): void {
  const { np } = suite;
  const declared = (list: readonly DType[]) => list.filter((d) => suite.declared.has(d));
  /** Runs `fn` with arrays made from encodings and disposes everything afterwards (and checks for leaks). */
  const withArrays = async (encs: EncodedArray[], fn: (...xs: NDArray[]) => Promise<NDArray[] | void>) => {
    const before = np.memory().arrays;
    const xs = encs.map((e) => makeArray(np, e));
    let outs: NDArray[] | void = [];
    try {
      outs = await fn(...xs);
    } finally {
      for (const a of [...xs, ...(outs ?? [])]) a.dispose();
    }
    // At most `before`: arrays leaked by earlier tests may be collected (FinalizationRegistry)
    // while this one awaits, which only lowers the count; a leak here raises it.
    expect(np.memory().arrays).toBeLessThanOrEqual(before);
  };
  const prop = (id: string, fn: string, body: () => Promise<void>) => defineTest(suite, { id: `properties/${id}`, fn, dtype: '-', dtypes: [] }, body);

  describe('properties', () => {
    prop('add-commutes', 'add', () =>
      fc.assert(
        fc.asyncProperty(dtypeArb(declared(NUMERIC)).chain((d) => broadcastablePairArb(3).chain(([s1, s2]) => fc.tuple(arrayArb(d, s1), arrayArb(d, s2)))), ([a, b]) =>
          withArrays([a, b], async (x, y) => {
            const p = np.add(x!, y!), q = np.add(y!, x!);
            const m = await compareArray(p, { dtype: q.dtype, shape: [...q.shape], data: [] }, { compare: 'shape' });
            expect(m).toBeUndefined();
            expect(hostElements(await p.data(), p.dtype)).toEqual(hostElements(await q.data(), q.dtype));
            return [p, q];
          })),
        { numRuns: RUNS },
      ));
    prop('broadcast-shape-law', 'broadcastShapes', () =>
      fc.assert(
        fc.asyncProperty(fc.tuple(shapeArb(3, 3), shapeArb(3, 3)), async ([s1, s2]) => {
          const n = Math.max(s1.length, s2.length);
          const pad = (s: number[]) => [...new Array<number>(n - s.length).fill(1), ...s];
          const [p1, p2] = [pad(s1), pad(s2)];
          const ok = p1.every((d, i) => d === p2[i] || d === 1 || p2[i] === 1);
          const want = p1.map((d, i) => (d === 1 ? p2[i]! : d));
          await withArrays([], async () => {
            const a = np.zeros(s1), b = np.zeros(s2);
            try {
              if (ok) {
                const c = np.add(a, b);
                expect([...c.shape]).toEqual(want);
                expect([...np.broadcastShapes(s1, s2)]).toEqual(want);
                return [a, b, c];
              }
              expect(() => np.add(a, b)).toThrow(expect.objectContaining({ name: 'ShapeError' }));
              expect(() => np.broadcastShapes(s1, s2)).toThrow(expect.objectContaining({ name: 'ShapeError' }));
              return [a, b];
            } catch (e) {
              a.dispose();
              b.dispose();
              throw e;
            }
          });
        }),
        { numRuns: RUNS * 2 },
      ));
    prop('reshape-round-trip', 'reshape', () =>
      fc.assert(
        fc.asyncProperty(dtypeArb(declared(DTYPES)).chain((d) => anyArrayArb(d, 4, 3)), (e) =>
          withArrays([e], async (x) => {
            const flat = np.reshape(x!, [-1]);
            const back = np.reshape(flat, e.shape);
            const m = await compareArray(back, e);
            expect(m).toBeUndefined();
            expect([...flat.shape]).toEqual([e.data.length]);
            return [flat, back];
          })),
        { numRuns: RUNS },
      ));
    prop('sort-ordered-and-idempotent', 'sort', () =>
      fc.assert(
        fc.asyncProperty(dtypeArb(declared(REAL)).chain((d) => shapeArb(2, 5, 1).filter((s) => s.length > 0).chain((s) => arrayArb(d, s))), (e) =>
          withArrays([e], async (x) => {
            const s1 = np.sort(x!);
            const s2 = np.sort(s1);
            const a = hostElements(await s1.data(), s1.dtype) as (number | bigint)[];
            expect(hostElements(await s2.data(), s2.dtype)).toEqual(a);
            const n = e.shape[e.shape.length - 1]!;
            // An engine that flushes subnormals compares them equal to 0 (and keeps their order).
            const tiny = MIN_NORMAL[s1.dtype] ?? 0;
            const key = (v: number | bigint) => (suite.flushesSubnormals && typeof v === 'number' && Math.abs(v) < tiny ? 0 : v);
            for (let i = 0; i < a.length; i++) if (i % n !== 0) expect(key(a[i - 1]!) <= key(a[i]!)).toBe(true);
            return [s1, s2];
          })),
        { numRuns: RUNS },
      ));
    prop('take-agrees-with-get', 'take', () =>
      fc.assert(
        fc.asyncProperty(
          dtypeArb(declared(DTYPES)).chain((d) => shapeArb(1, 6, 1).filter((s) => s.length === 1).chain((s) => fc.tuple(arrayArb(d, s), fc.array(fc.integer({ min: -s[0]!, max: s[0]! - 1 }), { minLength: 1, maxLength: 5 })))),
          ([e, idx]) =>
            withArrays([e, { dtype: 'int32', shape: [idx.length], data: idx }], async (x, i) => {
              const t = np.take(x!, i!);
              const g = x!.get(i!);
              expect(hostElements(await t.data(), t.dtype)).toEqual(hostElements(await g.data(), g.dtype));
              const singles = idx.map((k) => x!.get(k));
              const want = (await Promise.all(singles.map(async (s) => hostElements(await s.data(), s.dtype)))).flat();
              expect(hostElements(await t.data(), t.dtype)).toEqual(want);
              return [t, g, ...singles];
            }),
        ),
        { numRuns: RUNS },
      ));
    // float64 where the adapter has it (tight bound), else float32.
    const sumDType: DType = suite.declared.has('float64') ? 'float64' : 'float32';
    const sumTol = sumDType === 'float64' ? 1e-12 : 1e-5;
    prop('sum-all-axes-equals-one-by-one', 'sum', () =>
      fc.assert(
        fc.asyncProperty(shapeArb(3, 4).chain((s) => arrayArb(sumDType, s)), (e) =>
          withArrays([e], async (x) => {
            const all = np.sum(x!);
            const made: NDArray[] = [all];
            let r = x!;
            for (let ax = e.shape.length - 1; ax >= 0; ax--) {
              r = np.sum(r, { axis: ax });
              made.push(r);
            }
            const got = (await all.item()) as number;
            const step = (await r.item()) as number;
            const mag = e.data.reduce((acc: number, v) => acc + Math.abs(v as number), 0);
            expect(Math.abs(got - step)).toBeLessThanOrEqual(sumTol * Math.max(1, mag));
            return made;
          })),
        { numRuns: RUNS },
      ));
    prop('astype-int-round-trip', 'astype', () =>
      fc.assert(
        fc.asyncProperty(
          fc.tuple(dtypeArb(declared(['int8', 'int16', 'uint8', 'uint16', 'int32'])), dtypeArb(declared(['int32', 'int64', 'float64']))).chain(([from, to]) =>
            shapeArb(2, 4).chain((s) => arrayArb(from, s).map((e) => [e, to] as const)),
          ),
          ([e, to]) =>
            withArrays([e], async (x) => {
              const up = np.astype(x!, to);
              const down = np.astype(up, e.dtype);
              expect(await compareArray(down, e)).toBeUndefined();
              return [up, down];
            }),
        ),
        { numRuns: RUNS },
      ));
    prop('save-load-round-trip', 'save', () =>
      fc.assert(
        fc.asyncProperty(dtypeArb(declared(DTYPES)).chain((d) => anyArrayArb(d, 3, 3)), (e) =>
          withArrays([e], async (x) => {
            const y = np.load(await np.save(x!));
            expect(await compareArray(y, e, { signedZero: true })).toBeUndefined();
            return [y];
          })),
        { numRuns: RUNS },
      ));
  });
}
