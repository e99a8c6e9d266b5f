/** np.extract(condition, x) (boolean-mask selection). */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function extractCases(suite: Suite): void {
  registerFixtureFile(suite, 'extract');
}
