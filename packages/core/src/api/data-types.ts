/** Data-type functions: astype, canCast, finfo, iinfo, isdtype, resultType. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DataTypeFunctions {}

export function dataTypeFunctions(ctx: Context): DataTypeFunctions {
  void ctx;
  return {};
}
