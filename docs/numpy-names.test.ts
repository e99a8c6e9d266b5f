/** docs/numpy-names.md has a row for every namespace function and is up to date. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BINARY, UNARY } from '@arr/core';
// @ts-expect-error: a plain .mjs script without types
import { OUTPUT, renderNumpyNames } from '../scripts/numpy-names.mjs';

const render = renderNumpyNames as (input: { namespace: object; UNARY: object; BINARY: object }) => string;

describe('docs/numpy-names.md', () => {
  test('the generator fails for a namespace function without a row', () => {
    expect(() => render({ namespace: { add() {}, frobnicate() {} }, UNARY, BINARY })).toThrow(/no row.*frobnicate/);
  });

  test('is generated from the ndarray namespace and up to date (regenerate: pnpm docs:names)', async () => {
    const { default: namespace } = await import('@arr/adapter-ndarray');
    const text = render({ namespace, UNARY, BINARY });
    expect(readFileSync(OUTPUT as string, 'utf8')).toBe(text);
  });
});
