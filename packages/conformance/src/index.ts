/**
 * @arr/conformance: the suite every @arr adapter runs. One call in the adapter's
 * `conformance.test.ts` registers vitest tests for every function of the namespace, every dtype the
 * adapter declares, the array object, `.npy` interop, `info()`, property tests and the bad-input
 * catalogue:
 *
 * ```ts
 * import { defineConformanceSuite } from '@arr/conformance';
 * import np from './index.js';
 * defineConformanceSuite({ name: 'ndarray', namespace: np, expectedFailures: [] });
 * ```
 * @packageDocumentation
 */
import { afterAll, describe, it } from 'vitest';
import { DTYPES, type ArrayNamespace, type DType } from '@arr/core';
import { ExpectedFailures, type ExpectedFailure } from './expected-failures.js';
import { Recorder } from './support-matrix.js';
import type { Suite } from './suite.js';
import { defineErrorSuite, type ErrorSuiteOptions } from './errors/index.js';
import { elementwiseCases } from './cases/elementwise.js';
import { statisticalCases } from './cases/statistical.js';
import { searchingCases } from './cases/searching.js';
import { setSortingCases } from './cases/set-sorting.js';
import { creationCases } from './cases/creation.js';
import { dataTypesCases } from './cases/data-types.js';
import { manipulationCases } from './cases/manipulation.js';
import { linalgCases } from './cases/linalg.js';
import { linalgExtCases } from './cases/linalg-ext.js';
import { fftCases } from './cases/fft.js';
import { extractCases } from './cases/extract.js';
import { arrayObjectCases } from './cases/array-object.js';
import { infoCases } from './cases/info.js';
import { ioCases } from './cases/io.js';
import { propertyCases } from './cases/properties.js';

export type { ExpectedFailure } from './expected-failures.js';
export type { SupportMatrixRecord, Status } from './support-matrix.js';
export { TOLERANCE, compareArray, type Tolerance } from './matchers.js';
export { loadFixtures, makeArray, FIXTURE_FILES, type FixtureCase, type EncodedArray } from './fixtures.js';
export * as arbitraries from './arbitraries.js';
export { defineErrorSuite, type ErrorSuiteOptions } from './errors/index.js';

/** The case groups, for `only`. */
export const CATEGORIES = [
  'elementwise', 'statistical', 'searching', 'set-sorting', 'creation', 'data-types', 'manipulation', 'linalg', 'linalg-ext', 'fft', 'extract',
  'array-object', 'info', 'io', 'properties', 'errors',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface ConformanceSuiteOptions {
  /** Adapter name, used in test names and the support matrix (e.g. `'ndarray'`). */
  name: string;
  /** The namespace under test. */
  namespace: ArrayNamespace;
  /**
   * Known failures: a case id or glob (`linspace/complex64/*`, `**` crosses `/`) and a non-empty
   * reason. A listed case that passes fails the suite ("unexpected pass").
   */
  expectedFailures?: readonly ExpectedFailure[];
  /** Run only these groups (default: all). */
  only?: readonly Category[];
  /** Options of the bad-input catalogue (its own expected failures, fuzz runs, …). */
  errors?: ErrorSuiteOptions;
  /**
   * The engine may flush float subnormals to zero in arithmetic and comparisons, as WGSL
   * permits (WebGPU engines): property checks of ordering then compare subnormals as 0.
   * The fixture cases are unaffected (their inputs have no subnormals).
   */
  flushesSubnormals?: boolean;
}

/** Registers the whole conformance suite for one adapter namespace. */
export function defineConformanceSuite(options: ConformanceSuiteOptions): void {
  const { name, namespace: np } = options;
  const expected = new ExpectedFailures(options.expectedFailures ?? []);
  const info = np.info();
  const device = info.defaultDevice();
  const declared = new Set<string>(Object.values(info.dtypes({ device })));
  const recorder = new Recorder();
  for (const d of DTYPES) if (!declared.has(d as DType)) recorder.record('(declared dtypes)', d, 'unsupported');
  const suite: Suite = { name, np, declared, expected, recorder, flushesSubnormals: options.flushesSubnormals ?? false };
  const want = (c: Category) => !options.only || options.only.includes(c);

  describe(`conformance: ${name} (${String(device)})`, () => {
    if (want('elementwise')) elementwiseCases(suite);
    if (want('statistical')) statisticalCases(suite);
    if (want('searching')) searchingCases(suite);
    if (want('set-sorting')) setSortingCases(suite);
    if (want('creation')) creationCases(suite);
    if (want('data-types')) dataTypesCases(suite);
    if (want('manipulation')) manipulationCases(suite);
    if (want('linalg')) linalgCases(suite);
    if (want('linalg-ext')) linalgExtCases(suite);
    if (want('fft')) fftCases(suite);
    if (want('extract')) extractCases(suite);
    if (want('array-object')) arrayObjectCases(suite);
    if (want('info')) infoCases(suite);
    if (want('io')) ioCases(suite);
    if (want('properties')) propertyCases(suite);
    if (want('errors')) defineErrorSuite(np, options.errors);

    it('expectedFailures: every entry matches a case', () => {
      const stale = expected.unmatched();
      if (stale.length) throw new Error(`expectedFailures entries match no case (remove or fix them): ${stale.map((e) => e.id).join(', ')}`);
    });

    afterAll(() => {
      let engine: unknown;
      try {
        engine = np.info().engine();
      } catch (e) {
        engine = { error: String(e) };
      }
      recorder.writeIfRequested(name, String(device), engine);
    });
  });
}
