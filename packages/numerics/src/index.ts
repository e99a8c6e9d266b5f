/**
 * @arr/numerics: float64 numerics in plain TypeScript (LU with partial pivoting, Cholesky,
 * Householder QR, symmetric eigensolver, SVD, mixed-radix + Bluestein FFT) and the host-side
 * `np.linalg` / `np.fft` kernels built on them, for adapters whose arrays live in host memory.
 * @packageDocumentation
 */
export * as linalg from './linalg/index.js';
export * as fft from './fft/index.js';
export { hostLinalgKernels, hostFftKernels, type HostIO } from './host-kernels.js';
