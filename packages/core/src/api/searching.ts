/** Searching: argmax, argmin, countNonzero, nonzero, searchsorted, where, extract. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SearchingFunctions {}

export function searchingFunctions(ctx: Context): SearchingFunctions {
  void ctx;
  return {};
}
