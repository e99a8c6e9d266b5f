/** Statistical and utility reductions: sum, prod, max, min, mean, std, var, cumulativeSum, cumulativeProd, all, any, diff. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function statisticalCases(suite: Suite): void {
  registerFixtureFile(suite, 'statistical');
}
