// Two tfjs-backend-webgpu behaviours, reproduced on the cpu backend by swapping in kernels that
// act as webgpu's do, so the adapter's handling is tested without a GPU:
// - its Reshape shares the data and leaves a complex tensor's parts at their old shape, so
//   Real/Imag of a reshaped complex tensor return wrongly shaped parts (this crashed
//   bench/gpu-check.mjs with `broadcastTo(): shape.length=1 < input.rank=2` in TfjsAdapter.h);
// - its ArgMax/ArgMin return shape [1] where the result is 0-d.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createNamespace } from './create.js';

type KernelConfig = Parameters<typeof tf.registerKernel>[0];
type Info = { dataId: object; shape: number[]; dtype: string };
type CpuBackend = { incRef(id: object): void; data: { get(id: object): { complexTensorInfos?: unknown } } };

const np = await createNamespace({ backend: 'cpu' });
const vals = async (x: { data(): Promise<ArrayLike<unknown>> }): Promise<number[]> => Array.from(await x.data(), Number);
const saved: KernelConfig[] = [];
const swap = (name: string, kernelFunc: (orig: KernelConfig['kernelFunc'], args: Parameters<KernelConfig['kernelFunc']>[0]) => unknown): void => {
  const orig = tf.getKernel(name, 'cpu')!;
  saved.push(orig);
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel({ ...orig, kernelFunc: ((args) => kernelFunc(orig.kernelFunc, args)) as KernelConfig['kernelFunc'] });
};

beforeAll(() => {
  // webgpu's Reshape: the same data under a new shape; the parts keep theirs.
  swap('Reshape', (orig, args) => {
    const x = (args.inputs as { x: Info }).x;
    const backend = args.backend as unknown as CpuBackend;
    if (backend.data.get(x.dataId).complexTensorInfos == null) return orig(args);
    const shape = tf.util.inferFromImplicitShape((args.attrs as { shape: number[] }).shape, tf.util.sizeFromShape(x.shape));
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape, dtype: x.dtype };
  });
  // webgpu's ArgMax/ArgMin: a 0-d result comes back as shape [1].
  for (const name of ['ArgMax', 'ArgMin']) {
    swap(name, (orig, args) => {
      const r = orig(args) as Info;
      return r.shape.length === 0 ? { ...r, shape: [1] } : r;
    });
  }
});
afterAll(() => {
  for (const k of saved) {
    tf.unregisterKernel(k.kernelName, 'cpu');
    tf.registerKernel(k);
  }
});

describe('tfjs adapter with webgpu-like kernels (on cpu)', () => {
  it('the swapped Reshape does leave complex parts stale (the quirk is in place)', () => {
    const z = tf.complex(tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]]));
    const r = tf.reshape(z, [2]);
    expect(tf.real(r).shape).toEqual([1, 2]);
    tf.dispose([z, r]);
  });
  it('fft of complex64 (gpu-check smoke test) and a norm that reads parts of an rfft result', async () => {
    const x = np.asarray([1, 2, 3, 4], { dtype: 'complex64' });
    const f = np.fft.fft(x);
    expect(await vals(np.real(f))).toEqual([10, -2, -2, -2]);
    const r = np.fft.rfft(np.asarray([1, 2, 3, 4]), { norm: 'ortho' });
    expect(r.shape).toEqual([3]);
    expect(await vals(np.real(r))).toEqual([5, -1, -1]);
    // fft along a non-last axis transposes complex tensors
    const y = np.fft.fft(np.reshape(np.asarray([1, 2, 3, 4], { dtype: 'complex64' }), [2, 2]), { axis: 0 });
    expect(await vals(np.real(y))).toEqual([4, 6, -2, -2]);
  });
  it('complex64 reshape then elementwise, matmul and reductions', async () => {
    const z = np.reshape(np.asarray([1, 2, 3, 4, 5, 6], { dtype: 'complex64' }), [2, 3]);
    expect(await vals(np.real(np.mean(z, { axis: -1, keepdims: true })))).toEqual([2, 5]);
    const v = np.asarray([1, 1, 1], { dtype: 'complex64' });
    expect(await vals(np.real(np.matmul(z, v)))).toEqual([6, 15]);
    expect(await vals(np.real(np.linalg.diagonal(z)))).toEqual([1, 5]);
  });
  it('argmax/argmin to a 0-d result', async () => {
    const a = np.argmax(np.asarray([1, 5, 2]));
    expect(a.shape).toEqual([]);
    expect(await vals(a)).toEqual([1]);
    expect(await vals(np.argmin(np.asarray([3, NaN, 1])))).toEqual([1]);
    expect(await vals(np.add(np.argmax(np.asarray([[1, 5, 2]])), 1))).toEqual([2]);
  });
});
