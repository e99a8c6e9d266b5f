/** Sorting: argsort, sort. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SortingFunctions {}

export function sortingFunctions(ctx: Context): SortingFunctions {
  void ctx;
  return {};
}
