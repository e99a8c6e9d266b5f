/** Set and sorting functions: unique*, isin, sort, argsort. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function setSortingCases(suite: Suite): void {
  registerFixtureFile(suite, 'set-sorting');
}
