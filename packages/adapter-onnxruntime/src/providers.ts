/**
 * Execution-provider detection and selection. A provider "starts" when a one-node session can be
 * created with it; failures become DeviceErrors that say what is missing and how to fix it.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import ort from 'onnxruntime-node';
import { DeviceError } from '@arr/core';
import { encodeModel } from './proto.js';

export type ExecutionProvider = 'cpu' | 'webgpu' | 'cuda';
export const PROVIDERS: readonly ExecutionProvider[] = ['cuda', 'webgpu', 'cpu'];

/** Where onnxruntime-node keeps its native libraries (the CUDA EP libraries belong there too). */
export function ortBinDir(): string {
  try {
    const req = createRequire(import.meta.url);
    const pkg = path.dirname(req.resolve('onnxruntime-node/package.json'));
    return path.join(pkg, 'bin', 'napi-v6', process.platform, process.arch);
  } catch {
    return 'onnxruntime-node/bin/napi-v6/<platform>/<arch>';
  }
}

/** Turns a provider's start-up failure into an actionable explanation. */
export function explainFailure(ep: ExecutionProvider, message: string): string {
  const first = message.split('\n')[0]!.trim();
  if (ep === 'cuda') {
    return `the CUDA execution provider could not load (${first}). It needs libonnxruntime_providers_cuda.so and ` +
      `libonnxruntime_providers_shared.so in ${ortBinDir()}, which onnxruntime-node's install script downloads from NuGet ` +
      `(skipped when ONNXRUNTIME_NODE_INSTALL=skip), plus the CUDA 12 runtime (libcudart.so.12, libcublas.so.12) and cuDNN 9 ` +
      `on the library path. Fix: reinstall onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12 on a machine that can reach ` +
      `NuGet and has CUDA 12 + cuDNN 9, or use executionProviders: ['webgpu'] or ['cpu']`;
  }
  if (ep === 'webgpu') {
    const vulkan = /adapter|vulkan/i.test(message) ? ' No WebGPU adapter was found: onnxruntime-node uses Dawn with the Vulkan backend on Linux, so it needs a GPU, its driver and the Vulkan loader (libvulkan.so.1, e.g. apt install libvulkan1 plus the vendor ICD).' : '';
    return `the WebGPU execution provider could not start (${first}).${vulkan} Fix: run on a machine with a Vulkan-capable GPU, or use executionProviders: ['cpu']`;
  }
  return `the CPU execution provider could not start (${first}); onnxruntime-node's native binding may be missing for ${process.platform}-${process.arch}`;
}

const probeModel = (() => {
  let m: Uint8Array | undefined;
  return () => (m ??= encodeModel({
    name: 'probe',
    node: [{ opType: 'Identity', input: ['x'], output: ['y'] }],
    initializer: [],
    input: [{ name: 'x', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'n' }] } } } }],
    output: [{ name: 'y', type: { tensorType: { elemType: 1, shape: { dim: [{ dimParam: 'n' }] } } } }],
  }));
})();

/** Session creation for a provider; injectable so the selection logic can be unit-tested. */
export type Starter = (ep: ExecutionProvider) => Promise<void>;

export const defaultStarter: Starter = async (ep) => {
  const s = await ort.InferenceSession.create(probeModel(), { executionProviders: [ep] });
  await s.release();
};

/**
 * Picks the first provider of `list` that starts. Throws DeviceError naming every provider tried,
 * why it failed and how to fix it, when none does.
 */
export async function selectProvider(list: readonly ExecutionProvider[], start: Starter = defaultStarter): Promise<{ ep: ExecutionProvider; tried: Record<string, string> }> {
  if (!Array.isArray(list) || list.length === 0) {
    throw new DeviceError(`createNamespace: executionProviders must be a non-empty list of ${PROVIDERS.join(', ')}; received ${JSON.stringify(list)}`);
  }
  const tried: Record<string, string> = {};
  for (const ep of list) {
    if (!PROVIDERS.includes(ep)) {
      throw new DeviceError(`createNamespace: executionProviders contains ${JSON.stringify(ep)}; expected some of ${PROVIDERS.join(', ')}`);
    }
    try {
      await start(ep);
      return { ep, tried };
    } catch (e) {
      tried[ep] = explainFailure(ep, e instanceof Error ? e.message : String(e));
    }
  }
  const why = Object.entries(tried).map(([ep, msg]) => `${ep}: ${msg}`).join('; ');
  throw new DeviceError(`createNamespace: no execution provider of [${list.join(', ')}] could start in onnxruntime-node. ${why}`);
}
