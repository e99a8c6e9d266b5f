/** Tests of the example runner itself (with a stand-in namespace, so they do not need an adapter). */
import { describe, expect, test } from 'vitest';
import { deepEqual, parseDoc, runExample, type Example, type Scope } from './doc-examples.js';

const fakeNp = {
  double: (xs: number[]) => xs.map((x) => x * 2),
  later: async (x: unknown) => x,
  boom: () => {
    throw new RangeError('bad thing');
  },
};
const scope: Scope = {
  np: fakeNp,
  globals: { answer: 42 },
  modules: { '@arr/adapter-ndarray': { default: fakeNp, named: 7 }, '@arr/core': { answer: 42 } },
};
const ex = (code: string): Example => ({ file: 'x/file.ts', subject: 'Thing.fn', line: 10, code });

describe('parseDoc', () => {
  test('summary and examples; @arr in prose is not a tag', () => {
    const doc = parseDoc(`/**
     * Does a thing for every @arr adapter.
     * Second line.
     * @param x the input
     * @example
     * np.double([1]); // => [2]
     * @example
     * \`\`\`ts
     * np.double([2]); // => [4]
     * \`\`\`
     * @returns nothing
     */`);
    expect(doc.summary).toBe('Does a thing for every @arr adapter.\nSecond line.');
    expect(doc.examples.map((e) => e.code)).toEqual(['np.double([1]); // => [2]', 'np.double([2]); // => [4]']);
    expect(doc.examples[0]!.offset).toBe(5); // line 0 is the opening /**
  });
});

describe('deepEqual', () => {
  test('numbers are exact; NaN equals NaN; -0 only when written', () => {
    expect(deepEqual(0.1 + 0.2, 0.3)).toBe(false);
    expect(deepEqual(NaN, NaN)).toBe(true);
    expect(deepEqual(-0, 0)).toBe(true);
    expect(deepEqual(0, -0)).toBe(false);
    expect(deepEqual(1n, 1)).toBe(false);
    expect(deepEqual(1n, 1n)).toBe(true);
  });
  test('typed arrays equal array literals; typed expectations check the type', () => {
    expect(deepEqual(new Float32Array([1, 2]), [1, 2])).toBe(true);
    expect(deepEqual(new Float32Array([1, 2]), new Float32Array([1, 2]))).toBe(true);
    expect(deepEqual([1, 2], new Float32Array([1, 2]))).toBe(false);
    expect(deepEqual([[1], [2]], [[1], [2, 3]])).toBe(false);
    expect(deepEqual({ re: 1, im: -0 }, { re: 1, im: -0 })).toBe(true);
    expect(deepEqual({ re: 1 }, { re: 1, im: 0 })).toBe(false);
  });
});

describe('runExample', () => {
  test('checks pass, with await, TypeScript syntax, imports and declarations', async () => {
    await runExample(
      ex(`import type { Foo } from '@arr/core';
import np2, { named } from '@arr/adapter-ndarray'; // a comment
import { answer as a } from '@arr/core';
const xs: number[] = np.double([1, 2]); // => [2, 4]
await np.later(xs); // => [2, 4]
np2 === np; // => true
named + a + answer; // => 91
export const f = (v: number): number => v + 1;
f(1); // => 2`),
      scope,
    );
  });
  test('a failed check names the file, the subject and the line', async () => {
    await expect(runExample(ex('np.double([1]); // => [3]'), scope)).rejects.toThrow(/x\/file\.ts:10 \(Thing\.fn\): line 10: expected \[3\], received \[2\]/);
  });
  test('a throwing example names where it came from', async () => {
    await expect(runExample(ex('const y = 1;\nnp.boom();'), scope)).rejects.toThrow(/x\/file\.ts:10 \(Thing\.fn\) threw RangeError: bad thing/);
  });
  test('an expected value that is not a literal is reported', async () => {
    await expect(runExample(ex('1; // => oneTwo'), scope)).rejects.toThrow(/line 10: the expected value `oneTwo` is not a JS literal/);
  });
});
