/** Indexing: take, takeAlongAxis, and the get/set of the array object (installed on the context). */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface IndexingFunctions {}

export function indexingFunctions(ctx: Context): IndexingFunctions {
  void ctx;
  return {};
}
