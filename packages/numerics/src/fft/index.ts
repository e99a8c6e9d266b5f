/**
 * FFT kernels of the ndarray adapter (float64 / complex128 arithmetic always).
 *
 * Layout: complex arrays are interleaved (re, im) Float64Arrays — the host layout of complex dtypes;
 * real arrays are plain Float64Arrays; every array is contiguous row-major with the given shape.
 * The `*Axis` functions transform every 1-D lane along one axis (n-d transforms = one call per axis).
 * `n` (≥ 1, validated by the caller) crops or zero-pads each lane as NumPy does; `norm` is NumPy's.
 */
export { FFTPlan, getPlan } from './plan.js';
export { fft, fftAxis, rfftAxis, irfftAxis, hfftAxis, ihfftAxis, normScale, type FFTNorm } from './transforms.js';
