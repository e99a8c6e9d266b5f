/** Creation functions: arange, asarray, empty, eye, full, linspace, meshgrid, ones, tril, triu, zeros and the *Like variants. */
import type { Context } from '../context.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CreationFunctions {}

export function creationFunctions(ctx: Context): CreationFunctions {
  void ctx;
  return {};
}
