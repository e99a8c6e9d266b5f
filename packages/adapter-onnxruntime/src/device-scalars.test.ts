// GPU providers feed host scalars from a cache of device copies by value (Engine.deviceScalars).
// No GPU here: the engine's bookkeeping is driven directly, with CPU tensors standing in for the
// device copies; the WebGPU conformance run on the GPU host checks the values end to end.
import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { Engine, type LazyNode } from './graph.js';

type Copy = { node: LazyNode; key: string };
interface ScalarCache {
  deviceScalars(inputs: readonly LazyNode[], feeds: ort.Tensor[]): Copy[];
  keepDeviceScalar(key: string, t: ort.Tensor): void;
}
const gpuEngine = () => new Engine({ ep: 'webgpu', sessionOptions: {}, maxPending: 1e9, maxSessions: 4, deviceInputs: true });
const cache = (e: Engine) => e as unknown as ScalarCache;
const scalar = (e: Engine, v: number, shape: number[] = []) => e.fromHost(Float32Array.of(v), 'float32', shape);
/** One "graph run": what the inputs would be fed with, and which values get a device copy. */
function run(e: Engine, inputs: LazyNode[]) {
  const feeds = inputs.map((x) => x.value!.tensor);
  const copy = cache(e).deviceScalars(inputs, feeds);
  for (const c of copy) cache(e).keepDeviceScalar(c.key, new ort.Tensor('float32', Float32Array.of(-1), [])); // the "device copy"
  return { feeds, copy };
}

describe('device scalars (GPU providers)', () => {
  it('moves a value to the device at its second read, then feeds the copy', () => {
    const e = gpuEngine();
    const first = run(e, [scalar(e, 1.5)]);
    expect(first.copy).toEqual([]); // once: fed from the host
    expect(first.feeds[0]!.data[0]).toBe(1.5);
    const second = run(e, [scalar(e, 1.5)]);
    expect(second.copy.map((c) => c.key)).toEqual(['float32[]:1.5']);
    const third = run(e, [scalar(e, 1.5), scalar(e, 2.5)]);
    expect(third.feeds[0]!.data[0]).toBe(-1); // the cached copy, whatever leaf holds the value
    expect(third.feeds[1]!.data[0]).toBe(2.5); // another value: first sighting
    expect(third.copy).toEqual([]);
  });

  it('keys by dtype, shape and value (-0 is not 0), copies a value once per run, and skips arrays', () => {
    const e = gpuEngine();
    const inputs = () => [scalar(e, 0), scalar(e, -0), scalar(e, 0, [1]), scalar(e, 0), e.fromHost(Float32Array.of(1, 2), 'float32', [2])];
    // 0 is read twice in the first graph: its second read there already copies it (once).
    expect(run(e, inputs()).copy.map((c) => c.key)).toEqual(['float32[]:0']);
    expect(run(e, inputs()).copy.map((c) => c.key)).toEqual(['float32[]:-0', 'float32[1]:0']);
    const { feeds } = run(e, inputs());
    expect(feeds.map((t) => t.data[0])).toEqual([-1, -1, -1, -1, 1]);
  });

  it('keeps at most 256 device copies, releasing the least recently used', () => {
    const e = gpuEngine();
    const kept: ort.Tensor[] = [];
    for (let i = 0; i < 257; i++) {
      const t = new ort.Tensor('float32', Float32Array.of(i), []);
      kept.push(t);
      cache(e).keepDeviceScalar(`float32[]:${i}`, t);
    }
    expect(() => kept[0]!.data).toThrow(); // disposed
    expect(kept[1]!.data[0]).toBe(1);
  });

  it('is not used by the CPU provider (deviceInputs is off there), whose scalars stay host arrays', async () => {
    const { createNamespace } = await import('./index.js');
    const np = await createNamespace({ executionProviders: ['cpu'], deviceInputs: true });
    expect(np.info().engine().details!.deviceInputs).toBe(false);
    const x = np.asarray([1, 2], { dtype: 'float32' });
    for (let i = 0; i < 3; i++) expect(Array.from(await np.multiply(x, 3).data() as Float32Array)).toEqual([3, 6]);
  });
});
