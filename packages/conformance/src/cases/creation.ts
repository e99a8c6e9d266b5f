/** Creation functions: arange, asarray, empty*, eye, full*, linspace, meshgrid, ones*, tril, triu, zeros*. */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function creationCases(suite: Suite): void {
  registerFixtureFile(suite, 'creation');
}
