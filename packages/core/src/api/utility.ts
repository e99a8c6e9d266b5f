/** Utility functions: all, any, diff. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface UtilityFunctions {}

export function utilityFunctions(ctx: Context): UtilityFunctions {
  void ctx;
  return {};
}
