/** Data-type functions: astype, canCast, finfo, iinfo, isdtype, resultType. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function dataTypesCases(suite: Suite): void {
  registerFixtureFile(suite, 'data-types');
}
