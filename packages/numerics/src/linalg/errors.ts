/**
 * Failure of a linear-algebra kernel. The kernels are pure numerics and know nothing of core's error
 * classes; the caller maps a `LinAlgError` to a `ValueError` whose message names the function.
 *
 * - `singular`: an exact zero pivot in LU (`inv`, `solve`); `pivot` is the 0-based pivot column.
 * - `not-positive-definite`: `cholesky` met a non-positive (or NaN) pivot at `pivot`.
 * - `no-convergence`: an iterative solver (eigh, svd) did not converge, e.g. on NaN or ±Infinity input.
 */
export type LinAlgErrorKind = 'singular' | 'not-positive-definite' | 'no-convergence';

export class LinAlgError extends Error {
  override readonly name = 'LinAlgError';
  constructor(
    readonly kind: LinAlgErrorKind,
    /** Index of the failing matrix in the batch (0-based, row-major over the batch dimensions). */
    readonly batchIndex: number,
    /** 0-based pivot / column where the failure was detected; -1 when not applicable. */
    readonly pivot: number,
    message: string,
  ) {
    super(message);
  }
}
