/** Set functions: uniqueAll, uniqueCounts, uniqueInverse, uniqueValues, isin. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SetFunctions {}

export function setFunctions(ctx: Context): SetFunctions {
  void ctx;
  return {};
}
