/** Manipulation: broadcastArrays, broadcastShapes, broadcastTo, concat, expandDims, flip, moveaxis, permuteDims, repeat, reshape, roll, squeeze, stack, tile, unstack. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function manipulationCases(suite: Suite): void {
  registerFixtureFile(suite, 'manipulation');
}
