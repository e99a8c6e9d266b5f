/** What differs between tfjs backends, as far as the kernels care. */
import type { DType } from '@arr/core';
import type { BackendName } from './backends.js';

export interface Traits {
  readonly backend: BackendName;
  /** `dataSync()` works (cpu, wasm, tensorflow); webgpu in Node has no synchronous read-back. */
  readonly sync: boolean;
  /** The BitwiseAnd kernel is registered (not on webgpu). */
  readonly bitwiseAnd: boolean;
  /** int32 multiply wraps exactly mod 2³² (the cpu backend multiplies in doubles). */
  readonly exactIntMul: boolean;
  /** complex64 storage and the Complex/Real/Imag kernels exist (not on wasm). */
  readonly complex: boolean;
  readonly dtypes: readonly DType[];
}

export function traitsOf(backend: BackendName, hasKernel: (name: string) => boolean): Traits {
  const complex = hasKernel('Complex') && hasKernel('Real') && hasKernel('Imag');
  return Object.freeze({
    backend,
    sync: backend !== 'webgpu',
    bitwiseAnd: hasKernel('BitwiseAnd'),
    exactIntMul: backend !== 'cpu',
    complex,
    dtypes: Object.freeze<DType[]>(complex ? ['bool', 'int32', 'float32', 'complex64'] : ['bool', 'int32', 'float32']),
  });
}
