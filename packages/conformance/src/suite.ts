/** The shared state of one suite run and the wrapper every test goes through. */
import { it } from 'vitest';
import { DTYPES, type ArrayNamespace } from '@arr/core';
import type { ExpectedFailures } from './expected-failures.js';
import type { Recorder } from './support-matrix.js';

export interface Suite {
  readonly name: string;
  readonly np: ArrayNamespace;
  /** dtypes the adapter declares on its default device. */
  readonly declared: ReadonlySet<string>;
  readonly expected: ExpectedFailures;
  readonly recorder: Recorder;
  /** The engine may flush float subnormals to zero (WGSL allows it): order checks treat them as 0. */
  readonly flushesSubnormals: boolean;
}

export interface TestMeta {
  /** Case id, `fn/dtype/variant`; expectedFailures globs match it. */
  id: string;
  /** Row of the support matrix. */
  fn: string;
  /** Column of the support matrix ('-' when no dtype applies). */
  dtype: string;
  /** Every dtype the test needs; it is skipped (unsupported) unless all are declared. */
  dtypes?: Iterable<string>;
}

/**
 * Registers one `it`: skips it when it needs an undeclared dtype, turns an expected failure into a
 * pass (and an unexpected pass into a failure), and records the outcome for the support matrix.
 */
export function defineTest(suite: Suite, meta: TestMeta, body: () => Promise<void> | void): void {
  const needs = [...(meta.dtypes ?? (DTYPES.includes(meta.dtype as never) ? [meta.dtype] : []))];
  const missing = needs.filter((d) => !suite.declared.has(d));
  if (missing.length > 0) {
    suite.recorder.record(meta.fn, meta.dtype, 'unsupported');
    it.skip(`${meta.id} (${missing.join(', ')} not declared)`, () => {});
    return;
  }
  const xf = suite.expected.match(meta.id);
  it(meta.id, async () => {
    let error: unknown;
    try {
      await body();
    } catch (e) {
      error = e;
    }
    if (xf) {
      if (error === undefined) {
        suite.recorder.record(meta.fn, meta.dtype, 'fail');
        throw new Error(`unexpected pass: remove it from expectedFailures (entry ${JSON.stringify(xf.id)}: ${xf.reason})`);
      }
      suite.recorder.record(meta.fn, meta.dtype, 'expected-fail');
      return;
    }
    if (error !== undefined) {
      suite.recorder.record(meta.fn, meta.dtype, 'fail');
      throw error;
    }
    suite.recorder.record(meta.fn, meta.dtype, 'pass');
  });
}
