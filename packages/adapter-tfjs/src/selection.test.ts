// Backend selection with injected loaders: explicit requests throw DeviceError with reason and
// fix, lists fall through in order and engine() reports what ran and what was skipped.
import { describe, expect, it } from 'vitest';
import { DeviceError } from '@arr/core';
import { createNamespace } from './create.js';
import type { BackendLoaders } from './backends.js';

const fail = (why: string) => async () => { throw new Error(why); };
const ok = async () => { await import('@tensorflow/tfjs-backend-cpu'); return {}; };
const loaders: Partial<BackendLoaders> = {
  tensorflow: fail('@tensorflow/tfjs-node-gpu is not installed; @tensorflow/tfjs-node is not installed'),
  webgpu: fail('no WebGPU adapter'),
};

describe('tfjs backend selection', () => {
  it('an explicit backend that cannot start throws DeviceError with the reason and the fix', async () => {
    const err = await createNamespace({ backend: 'tensorflow', loaders }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(String((err as Error).message)).toMatch(/tensorflow.*not installed.*To fix: install @tensorflow\/tfjs-node-gpu/);
    const e2 = await createNamespace({ backend: 'webgpu', loaders }).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(DeviceError);
    expect(String((e2 as Error).message)).toMatch(/no WebGPU adapter.*Vulkan/);
  });
  it('a list falls through in order and engine() says which ran and why others did not', async () => {
    const np = await createNamespace({ backend: ['tensorflow', 'webgpu', 'cpu'], loaders: { ...loaders, cpu: ok } });
    const e = np.info().engine();
    expect(e.backend).toBe('cpu');
    expect(e.details?.['skipped tensorflow']).toMatch(/not installed/);
    expect(e.details?.['skipped webgpu']).toMatch(/no WebGPU adapter/);
  });
  it('no backend of the list starts: DeviceError listing every reason', async () => {
    const err = await createNamespace({ backend: ['tensorflow', 'webgpu'], loaders }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(String((err as Error).message)).toMatch(/tensorflow: .*webgpu: /);
  });
  it('unknown backend names are a ValueError', async () => {
    await expect(createNamespace({ backend: 'webgl' as never })).rejects.toThrow(/not a tfjs backend/);
  });
  it('the real tensorflow loader reports a missing or unbuilt tfjs-node clearly', async () => {
    const err = await createNamespace({ backend: 'tensorflow' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceError);
    expect(String((err as Error).message)).toMatch(/tfjs-node/);
  });
  it('declares per-backend dtypes (wasm has no complex64) and rejects the rest with DTypeError', async () => {
    const cpu = await createNamespace({ backend: 'cpu' });
    const wasm = await createNamespace({ backend: 'wasm' });
    expect(cpu.info().dtypes()).toEqual(expect.objectContaining({ complex64: expect.anything() }));
    expect(Object.keys(wasm.info().dtypes()).sort()).toEqual(['bool', 'float32', 'int32']);
    expect(() => wasm.zeros([2], { dtype: 'float64' })).toThrow(/float64 is not supported by the tfjs adapter/);
  });
});
