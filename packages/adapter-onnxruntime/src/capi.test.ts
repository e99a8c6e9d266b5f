// ORT's C API through koffi (capi.ts) and the CPU provider's runs through it: results land in
// our own buffers, errors carry ORT's message, and the adapter says which runner it uses.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ValueError } from '@arr/core';
import { OrtCApi, type HostTensor } from './capi.js';
import { Engine, intermediatePeak, type LazyNode } from './graph.js';
import { encodeModel } from './proto.js';
import { createNamespace, evaluate } from './index.js';

const F32 = 1;
const vi = (name: string, rank: number) => ({ name, type: { tensorType: { elemType: F32, shape: { dim: Array.from({ length: rank }, (_, i) => ({ dimParam: `${name}${i}` })) } } } });
/** z = x * c + y (c a scalar input). */
const axpy = encodeModel({
  name: 'axpy', initializer: [],
  node: [{ opType: 'Mul', input: ['x', 'c'], output: ['t'] }, { opType: 'Add', input: ['t', 'y'], output: ['z'] }],
  input: [vi('x', 1), vi('c', 0), vi('y', 1)], output: [vi('z', 1)],
});
const options = { threads: 1, optimization: 'all' as const, sharedArena: true };
const f32 = (data: Float32Array, dims: number[] = [data.length]): HostTensor => ({ data, dims, type: F32 });

/** x*c+y in float32 arithmetic, each step rounded (what the two ONNX ops give). */
const reference = (x: Float32Array, c: number, y: Float32Array) => Float32Array.from(x, (v, i) => Math.fround(Math.fround(v * c) + y[i]!));

describe('ORT C API (koffi)', () => {
  const api = OrtCApi.load();

  it("loads the library onnxruntime-node ships, of onnxruntime-node's version", () => {
    const pkg = createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string };
    expect(api.version).toBe(pkg.version);
    expect(OrtCApi.load()).toBe(api); // once per process
  });

  it('writes the result into the output array it is given, on this thread or a worker thread', async () => {
    const s = api.createSession(axpy, ['x', 'c', 'y'], ['z'], options);
    const n = 100_003;
    const x = Float32Array.from({ length: n }, (_, i) => Math.sin(i)), y = Float32Array.from({ length: n }, (_, i) => Math.cos(i));
    const want = reference(x, 5, y);
    for (const background of [false, true]) {
      const z = new Float32Array(n).fill(Number.NaN);
      await s.run([f32(x), f32(new Float32Array([5]), []), f32(y)], [f32(z)], background);
      expect(z).toEqual(want);
    }
    s.release();
  });

  it('runs empty tensors, and a sub-array view at its offset', async () => {
    const s = api.createSession(axpy, ['x', 'c', 'y'], ['z'], options);
    const z0 = new Float32Array(0);
    await s.run([f32(new Float32Array(0)), f32(new Float32Array([2]), []), f32(new Float32Array(0))], [f32(z0)], false);
    expect(z0.length).toBe(0);
    const whole = Float32Array.from([9, 9, 1, 2, 3, 9]);
    const out = new Float32Array(8).fill(-1);
    await s.run([f32(whole.subarray(2, 5)), f32(new Float32Array([2]), []), f32(new Float32Array([10, 20, 30]))], [f32(out.subarray(4, 7))], false);
    expect(Array.from(out)).toEqual([-1, -1, -1, -1, 12, 24, 36, -1]);
    s.release();
  });

  it("throws ORT's message for a bad run and stays usable; a released session refuses to run", async () => {
    const s = api.createSession(axpy, ['x', 'c', 'y'], ['z'], options);
    const x = new Float32Array([1, 2, 3]);
    expect(() => s.run([f32(x), f32(new Float32Array([1]), []), f32(new Float32Array([1, 2]))], [f32(new Float32Array(3))], false))
      .toThrow(/Add|broadcast|dimension/i);
    await expect(s.run([f32(x), f32(new Float32Array([1]), []), f32(new Float32Array([1, 2]))], [f32(new Float32Array(3))], true))
      .rejects.toThrow(/Add|broadcast|dimension/i); // the same from a worker thread
    const z = new Float32Array(3);
    await s.run([f32(x), f32(new Float32Array([3]), []), f32(x)], [f32(z)], false);
    expect(Array.from(z)).toEqual([4, 8, 12]);
    s.release();
    expect(() => s.run([f32(x), f32(new Float32Array([3]), []), f32(x)], [f32(z)], false)).toThrow(/released/);
  });

  it('rejects a model ORT cannot load, with its reason', () => {
    expect(() => api.createSession(new Uint8Array([1, 2, 3, 4]), ['x'], ['y'], options)).toThrow(/protobuf|model|parse/i);
  });
});

describe('intermediatePeak', () => {
  it('counts the intermediates alive at once, not outputs', () => {
    const engine = new Engine({ ep: 'cpu', sessionOptions: {}, maxPending: 1e9, maxSessions: 4 });
    const x = engine.fromHost(new Float32Array(1024), 'float32', [1024]);
    const id = (b: unknown, [v]: readonly string[]) => v!;
    // x → a → b → c, and d = a + c: a stays alive until d.
    const a = engine.node('float32', [1024], 'a', [x], id);
    const b = engine.node('float32', [1024], 'b', [a], id);
    const c = engine.node('float32', [1024], 'c', [b], id);
    const d = engine.node('float32', [1024], 'd', [a, c], id);
    const order: LazyNode[] = [a, b, c, d];
    expect(intermediatePeak(order, new Set([d]))).toBe(3 * 4096); // a, b, c while c runs
    expect(intermediatePeak(order, new Set([c, d]))).toBe(2 * 4096); // a and b
    expect(intermediatePeak(order, new Set(order))).toBe(0);
  });
});

describe('the CPU provider through the C API', () => {
  it("says which runner it uses, and gives onnxruntime-node's results", async () => {
    const viaC = await createNamespace({ executionProviders: ['cpu'] });
    const viaNode = await createNamespace({ executionProviders: ['cpu'], cApi: false });
    expect(viaC.info().engine().details!.runner).toMatch(/^onnxruntime C API 1\.30/);
    expect(viaNode.info().engine().details!.runner).toBe('onnxruntime-node run()');
    const n = 64;
    const host = Float64Array.from({ length: n * n }, (_, i) => Math.sin(i));
    // float64 matmul on both runners against a float64 reference of one row.
    const want = Array.from({ length: n }, (_, j) => { let v = 0; for (let k = 0; k < n; k++) v += host[k]! * host[k * n + j]!; return v; });
    for (const np of [viaC, viaNode]) {
      const a = np.asarray(host, { shape: [n, n] });
      const row = (await np.matmul(a, a).data() as Float64Array).subarray(0, n);
      Array.from(row).forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 10));
    }
  });

  it('keeps results right when graphs are too large for the arena (arenaBytes: 1) or there is none (0)', async () => {
    for (const arenaBytes of [1, 0]) {
      const np = await createNamespace({ executionProviders: ['cpu'], arenaBytes });
      const x = np.asarray(Float32Array.from({ length: 1 << 17 }, (_, i) => i % 7));
      const y = np.scope(() => np.subtract(np.multiply(np.add(x, 1), 2), x)); // 2(x+1) - x = x + 2
      await evaluate(y);
      const got = await y.data() as Float32Array;
      expect(got[0]).toBe(2);
      expect(got[(1 << 17) - 1]).toBe(((1 << 17) - 1) % 7 + 2);
    }
  });

  it('refuses a bad arenaBytes', async () => {
    await expect(createNamespace({ executionProviders: ['cpu'], arenaBytes: -1 })).rejects.toThrow(ValueError);
    await expect(createNamespace({ executionProviders: ['cpu'], arenaBytes: Number.NaN })).rejects.toThrow(/arenaBytes/);
  });
});
