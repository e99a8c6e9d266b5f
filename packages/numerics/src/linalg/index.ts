/**
 * Linear-algebra kernels of the ndarray adapter: pure functions over Float64Array, always float64.
 *
 * Layout: a batch of m×n matrices is one row-major Float64Array of length batch·m·n (batch = product of
 * the leading dimensions). Complex matrices are interleaved (re, im) — two numbers per element, the
 * same as the host layout of complex arrays. Callers convert float32 / complex64 in and out.
 * Errors: `LinAlgError` (kind, batchIndex, pivot); callers map it to core's ValueError.
 */
export { LinAlgError, type LinAlgErrorKind } from './errors.js';
export { lu, solve, inv, det, slogdet, solveComplex, invComplex, detComplex, slogdetComplex, type LUResult } from './lu.js';
export { cholesky, choleskyComplex } from './cholesky.js';
export { qr, qrComplex, type QRMode, type QRResult } from './qr.js';
export { eigh, eighComplex, type EighResult } from './eigh.js';
export { svd, svdvals, svdComplex, type SVDResult, type SVDOptions } from './svd.js';
