/** Elementwise functions (67) incl. clip, weak scalars, special values, promotion. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function elementwiseCases(suite: Suite): void {
  registerFixtureFile(suite, 'elementwise');
}
