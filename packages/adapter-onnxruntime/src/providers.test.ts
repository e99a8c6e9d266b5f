import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '@arr/core';
import np, { createNamespace } from './index.js';
import { explainFailure, ortBinDir, selectProvider, type ExecutionProvider } from './providers.js';

const failing = (ok: readonly ExecutionProvider[]) => async (ep: ExecutionProvider) => {
  if (!ok.includes(ep)) throw new Error(ep === 'cuda' ? 'OrtSessionOptionsAppendExecutionProvider_Cuda: Failed to load shared library' : 'Failed to get a WebGPU adapter: No supported adapters');
};

describe('execution provider selection', () => {
  it('takes the first provider that starts, in the given order', async () => {
    expect((await selectProvider(['cuda', 'webgpu', 'cpu'], failing(['webgpu', 'cpu']))).ep).toBe('webgpu');
    expect((await selectProvider(['cuda', 'webgpu', 'cpu'], failing(['cuda', 'webgpu', 'cpu']))).ep).toBe('cuda');
    const r = await selectProvider(['cuda', 'webgpu', 'cpu'], failing(['cpu']));
    expect(r.ep).toBe('cpu');
    expect(Object.keys(r.tried)).toEqual(['cuda', 'webgpu']);
  });
  it('throws DeviceError naming each provider and why when none starts', async () => {
    const p = selectProvider(['cuda', 'webgpu'], failing([]));
    await expect(p).rejects.toThrow(DeviceError);
    await expect(p).rejects.toThrow(/cuda: .*libonnxruntime_providers_cuda\.so.*webgpu: .*Vulkan/s);
  });
  it('rejects unknown providers and empty lists', async () => {
    await expect(selectProvider([], failing(['cpu']))).rejects.toThrow(DeviceError);
    await expect(selectProvider(['tpu' as ExecutionProvider], failing(['cpu']))).rejects.toThrow(/executionProviders contains "tpu"/);
  });
  it('explains a CUDA failure with the missing libraries and the fix', () => {
    const m = explainFailure('cuda', 'Failed to load shared library');
    expect(m).toMatch(/libonnxruntime_providers_cuda\.so/);
    expect(m).toMatch(/CUDA 12/);
    expect(m).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12/);
  });
  const cudaInstalled = fs.existsSync(path.join(ortBinDir(), 'libonnxruntime_providers_cuda.so'));
  it.skipIf(cudaInstalled)('the real CUDA EP fails here with a DeviceError naming the missing library', async () => {
    const p = createNamespace({ executionProviders: ['cuda'] });
    await expect(p).rejects.toThrow(DeviceError);
    await expect(p).rejects.toThrow(/cuda: the CUDA execution provider could not load .*libonnxruntime_providers_cuda\.so/s);
  });
  it('the default namespace reports the provider that runs', () => {
    const e = np.info().engine();
    expect(e.adapter).toBe('onnxruntime');
    expect(['cuda', 'webgpu', 'cpu']).toContain(e.backend);
    if (e.backend === 'cpu' && !cudaInstalled) expect(e.details?.['skipped:cuda']).toMatch(/CUDA/);
    expect(String(np.info().defaultDevice())).toBe(`onnxruntime:${e.backend}`);
  });
});
