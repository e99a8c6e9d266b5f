/** Searching: argmax, argmin, countNonzero, nonzero, searchsorted, where. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function searchingCases(suite: Suite): void {
  registerFixtureFile(suite, 'searching');
}
