/** Linear algebra of the main namespace: matmul, matrixTranspose, tensordot, vecdot. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function linalgCases(suite: Suite): void {
  registerFixtureFile(suite, 'linalg');
}
