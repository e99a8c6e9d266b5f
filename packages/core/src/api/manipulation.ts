/** Manipulation: broadcastArrays, broadcastTo, concat, expandDims, flip, moveaxis, permuteDims, repeat, reshape, roll, squeeze, stack, tile, unstack. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ManipulationFunctions {}

export function manipulationFunctions(ctx: Context): ManipulationFunctions {
  void ctx;
  return {};
}
