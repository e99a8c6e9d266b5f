/** Linear algebra in the main namespace: matmul, matrixTranspose, tensordot, vecdot. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LinalgMainFunctions {}

export function linalgMainFunctions(ctx: Context): LinalgMainFunctions {
  void ctx;
  return {};
}
