/** Statistical functions: cumulativeSum, cumulativeProd, max, mean, min, prod, std, sum, var. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StatisticalFunctions {}

export function statisticalFunctions(ctx: Context): StatisticalFunctions {
  void ctx;
  return {};
}
