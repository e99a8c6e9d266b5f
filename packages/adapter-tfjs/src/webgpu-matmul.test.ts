// The webgpu matmul kernel without a GPU: the WGSL it generates (parsed by wgsl_reflect inside a
// copy of tfjs-backend-webgpu's preamble), the tiling and dispatch arithmetic, the plumbing into
// tfjs (program object, rank-3 views, the result tensor) through a stand-in backend, and the
// `fastMatmul` option. Whether the shader computes the right numbers fast is for the GPU host:
// bench/gpu-check.mjs compares it with tfjs's matmul and a float64 reference and times it.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as Wgsl from 'wgsl_reflect';
// wgsl_reflect's `main` (a UMD build in a "type": "module" package) does not load in Node; its ES
// module build does, but has no types of its own: those of the package are the same API.
// @ts-expect-error TS7016 (no declaration for the deep path)
import * as wgslModule from 'wgsl_reflect/wgsl_reflect.module.js';
import {
  FAST_MATMUL_VARIANTS, autoVariant, checkTile, fastMatmulShape, fastMatmulWebgpu, makeMatmulProgram,
  makeMatmulShader, planMatmul, shaderKeyOf, workgroupSizeOf,
  type FastMatmulProgram, type FastMatmulVariant, type MatmulShaderSpec, type WebGPUBackendLike,
} from './webgpu-matmul.js';
import { fastMatmulOption } from './create.js';
import { TfjsAdapter } from './adapter.js';

const { WgslParser, WgslReflect } = wgslModule as typeof Wgsl;
const variants = Object.keys(FAST_MATMUL_VARIANTS) as FastMatmulVariant[];

/** What tfjs-backend-webgpu 4.22's makeShader puts around the user code for two rank-3 inputs. */
function withPreamble(program: FastMatmulProgram): string {
  const t = program.outputComponent === 4 ? 'vec4<f32>' : 'f32';
  const [x, y, z] = program.workgroupSize;
  return `
struct Uniforms { NAN : f32, INFINITY : f32, aShape : vec3<i32>, aShapeStrides: vec2<i32>, bShape : vec3<i32>, bShapeStrides: vec2<i32>, outShape : vec3<i32>,
  outShapeStrides: vec2<i32>, };
@group(0) @binding(0) var<storage, read_write> result: array<${t}>;
@group(0) @binding(1) var<storage, read> A: array<${t}>;
@group(0) @binding(2) var<storage, read> B: array<${t}>;
@group(0) @binding(3) var<uniform> uniforms: Uniforms;
var<private> localId: vec3<u32>;
var<private> localIndex: u32;
var<private> globalId: vec3<u32>;
var<private> numWorkgroups: vec3<u32>;
var<private> workgroupId: vec3<u32>;
${program.getUserCode()}
@compute @workgroup_size(${x}, ${y}, ${z})
fn _start(@builtin(local_invocation_id) LocalId : vec3<u32>, @builtin(global_invocation_id) GlobalId : vec3<u32>,
          @builtin(local_invocation_index) LocalIndex: u32, @builtin(workgroup_id) WorkgroupId : vec3<u32>,
          @builtin(num_workgroups) NumWorkgroups : vec3<u32>) {
  localId = LocalId; localIndex = LocalIndex; globalId = GlobalId; numWorkgroups = NumWorkgroups; workgroupId = WorkgroupId;
  main();
}
`;
}

const specs: MatmulShaderSpec[] = [];
for (const v of variants) {
  for (const vec4 of [true, false]) {
    for (const fit of [[true, true, true], [false, false, false], [true, false, true], [false, true, false]]) {
      specs.push({ tile: FAST_MATMUL_VARIANTS[v], vec4, fitM: fit[0]!, fitN: fit[1]!, fitK: fit[2]! });
    }
  }
}
const planOf = (spec: MatmulShaderSpec) => ({
  batch: 1, m: 1, n: 1, k: 1, variant: 'tile128' as const, spec, workgroupSize: workgroupSizeOf(spec.tile), dispatch: [1, 1, 1] as [number, number, number],
});

describe('webgpu matmul: generated WGSL', () => {
  it.each(specs.map((s) => [shaderKeyOf(s), s] as const))('%s parses inside the tfjs preamble', (_key, spec) => {
    const program = makeMatmulProgram(planOf(spec));
    const src = withPreamble(program);
    expect(() => new WgslParser().parse(src)).not.toThrow();
    const r = new WgslReflect(src);
    expect(r.entry.compute.map((e) => e.name)).toEqual(['_start']);
    expect(r.storage.map((s) => s.name).sort()).toEqual(['A', 'B', 'result']);
    expect(r.functions.map((f) => f.name)).toContain('main');
  });

  it('parser catches a broken shader (the check above is not vacuous)', () => {
    const program = makeMatmulProgram(planOf(specs[0]!));
    const broken = withPreamble(program).replace('workgroupBarrier();', 'workgroupBarrier(;');
    expect(() => new WgslParser().parse(broken)).toThrow();
  });

  it('fully unrolled: tileK x rows x column-groups vec4 FMAs, no loops but the K loop', () => {
    for (const v of variants) {
      const t = FAST_MATMUL_VARIANTS[v];
      const src = makeMatmulShader({ tile: t, vec4: true, fitM: true, fitN: true, fitK: true });
      expect(src.match(/= fma\(/g)?.length, v).toBe(t.tileK * t.rowsPerThread * (t.colsPerThread / 4));
      expect(src.match(/\bfor \(/g)?.length, v).toBe(1);
      expect(src.match(/workgroupBarrier\(\)/g)?.length, v).toBe(3);
      // workgroup memory: (tileM*tileK + tileK*tileN) floats
      const bytes = (t.tileM * t.tileK + t.tileK * t.tileN) * 4;
      expect(bytes, v).toBeLessThanOrEqual(16384);
    }
  });

  it('bounds checks only on the dimensions the tile does not divide', () => {
    const t = FAST_MATMUL_VARIANTS.tile128;
    const fit = makeMatmulShader({ tile: t, vec4: true, fitM: true, fitN: true, fitK: true });
    expect(fit).not.toMatch(/< dim[MNK]/);
    const m = makeMatmulShader({ tile: t, vec4: true, fitM: false, fitN: true, fitK: true });
    expect(m).toMatch(/< dimM/);
    expect(m).not.toMatch(/< dim[NK]/);
    const nk = makeMatmulShader({ tile: t, vec4: true, fitM: true, fitN: false, fitK: false });
    expect(nk).toMatch(/< dimN/);
    expect(nk).toMatch(/< dimK/);
    expect(nk).not.toMatch(/< dimM/);
    // scalar mode checks each of the 4 elements of a vec4 separately
    const s = makeMatmulShader({ tile: t, vec4: false, fitM: false, fitN: false, fitK: false });
    expect(s).toMatch(/\+ 3 < dimK/);
    expect(s).toMatch(/\+ 3 < dimN/);
    expect(s).not.toMatch(/kq|nq/);
  });

  it('rejects tiles it cannot express', () => {
    expect(() => checkTile({ tileM: 128, tileN: 128, tileK: 6, rowsPerThread: 8, colsPerThread: 8 })).toThrow();
    expect(() => checkTile({ tileM: 128, tileN: 128, tileK: 8, rowsPerThread: 8, colsPerThread: 6 })).toThrow();
    expect(() => checkTile({ tileM: 256, tileN: 256, tileK: 8, rowsPerThread: 8, colsPerThread: 8 })).toThrow(); // 1024 threads
    for (const v of variants) expect(() => checkTile(FAST_MATMUL_VARIANTS[v])).not.toThrow();
  });

  it('the shader key distinguishes every spec', () => {
    expect(new Set(specs.map(shaderKeyOf)).size).toBe(specs.length);
  });
});

describe('webgpu matmul: tiling and dispatch', () => {
  it('4096² float32: auto is 64x64 tiles, 64x64 workgroups of 16x8 threads, vec4, no checks', () => {
    const p = planMatmul(1, 4096, 4096, 4096)!;
    expect(p.variant).toBe('tile64w128');
    expect(p.dispatch).toEqual([64, 64, 1]);
    expect(p.workgroupSize).toEqual([16, 8, 1]);
    expect(p.spec).toMatchObject({ vec4: true, fitM: true, fitN: true, fitK: true });
    const q = planMatmul(1, 4096, 4096, 4096, 'tile128')!;
    expect(q.dispatch).toEqual([32, 32, 1]);
    expect(q.workgroupSize).toEqual([16, 16, 1]);
    expect(planMatmul(1, 4096, 4096, 4096, 'tile64')!.workgroupSize).toEqual([16, 16, 1]);
  });

  it('1000x37 @ 37x513: scalar (K odd), checks on every dimension', () => {
    const p = planMatmul(1, 1000, 513, 37)!;
    expect(p.dispatch).toEqual([9, 16, 1]);
    expect(p.spec).toMatchObject({ vec4: false, fitM: false, fitN: false, fitK: false });
    const q = planMatmul(1, 1000, 513, 37, 'tile128')!;
    expect(q.dispatch).toEqual([5, 8, 1]);
    // The grid covers the output; one tile fewer in either direction would not.
    for (const pl of [p, q]) {
      expect(pl.dispatch[0] * pl.spec.tile.tileN).toBeGreaterThanOrEqual(513);
      expect((pl.dispatch[0] - 1) * pl.spec.tile.tileN).toBeLessThan(513);
      expect(pl.dispatch[1] * pl.spec.tile.tileM).toBeGreaterThanOrEqual(1000);
      expect((pl.dispatch[1] - 1) * pl.spec.tile.tileM).toBeLessThan(1000);
    }
  });

  it('batched 3x65x129 (K 33 and 64): z is the batch', () => {
    const p = planMatmul(3, 65, 129, 33)!;
    expect(p.dispatch).toEqual([3, 2, 3]);
    expect(p.spec).toMatchObject({ vec4: false, fitM: false, fitN: false, fitK: false });
    const q = planMatmul(3, 64, 128, 64)!;
    expect(q.dispatch).toEqual([2, 1, 3]);
    expect(q.spec).toMatchObject({ vec4: true, fitM: true, fitN: true, fitK: true });
    const r = planMatmul(3, 65, 128, 64, 'tile128')!;
    expect(r.dispatch).toEqual([1, 1, 3]);
    expect(r.spec).toMatchObject({ vec4: true, fitM: false, fitN: true, fitK: true });
    expect(planMatmul(3, 65, 128, 48, 'tile64k32')!.spec).toMatchObject({ vec4: true, fitK: false });
  });

  it('auto picks the variant measured fastest (tile64w128)', () => {
    expect(autoVariant(1, 4096, 4096)).toBe('tile64w128');
    expect(autoVariant(3, 65, 129)).toBe('tile64w128');
    expect(planMatmul(1, 8, 8, 8, 'auto')!.variant).toBe('tile64w128');
  });

  it('null when a grid dimension exceeds the device limit', () => {
    expect(planMatmul(70000, 4, 4, 4)).toBeNull();
    expect(planMatmul(1, 64, 64 * 65536, 4, 'tile64')).toBeNull();
    expect(planMatmul(1, 64, 64 * 65535, 4, 'tile64')).not.toBeNull();
    expect(planMatmul(2, 256, 256, 8, 'tile128', 1)).toBeNull();
  });

  it('fastMatmulShape: float32 rank 2, or rank 3 with the same batch; nothing empty', () => {
    const info = (shape: number[], dtype: tf.DataType = 'float32') => ({ dataId: {}, shape, dtype });
    expect(fastMatmulShape(info([5, 3]), info([3, 7]))).toEqual([1, 5, 3, 7]);
    expect(fastMatmulShape(info([2, 5, 3]), info([2, 3, 7]))).toEqual([2, 5, 3, 7]);
    expect(fastMatmulShape(info([1, 5, 3]), info([2, 3, 7]))).toBeNull();
    expect(fastMatmulShape(info([2, 2, 5, 3]), info([2, 2, 3, 7]))).toBeNull();
    expect(fastMatmulShape(info([5, 3], 'int32'), info([3, 7], 'int32'))).toBeNull();
    expect(fastMatmulShape(info([5, 0]), info([0, 7]))).toBeNull();
    expect(fastMatmulShape(info([5, 3]), info([4, 7]))).toBeNull();
  });
});

describe('webgpu matmul: plumbing into tfjs (stand-in backend on cpu)', () => {
  /** Records the program and hands back a result tensor (zeros) made by the cpu backend. */
  const standIn = async () => {
    await tf.setBackend('cpu');
    const cpu = tf.backend() as unknown as { makeTensorInfo(s: number[], d: string, v?: Float32Array): tf.TensorInfo; data: { has(id: object): boolean; get(id: object): { dtype: string } | undefined } };
    const calls: { program: FastMatmulProgram; inputs: tf.TensorInfo[] }[] = [];
    const backend: WebGPUBackendLike = {
      device: { limits: { maxComputeWorkgroupsPerDimension: 65535 } },
      tensorMap: { has: (id) => cpu.data.has(id), get: (id) => cpu.data.get(id) },
      runWebGPUProgram(program, inputs, dtype) {
        calls.push({ program, inputs });
        const size = program.outputShape.reduce((p, d) => p * d, 1);
        return cpu.makeTensorInfo(program.outputShape, dtype, new Float32Array(size).fill(7));
      },
    };
    return { backend, calls };
  };

  it('declines float32 tensors whose stored data is int32 (tfjs casts int32 to float32 in place)', async () => {
    const { backend, calls } = await standIn();
    const i = tf.tensor2d([[1, 2], [3, 4]], undefined, 'int32');
    const asFloat: tf.TensorInfo = { dataId: i.dataId, shape: i.shape, dtype: 'float32' };
    const f = tf.ones([2, 2]);
    expect(fastMatmulWebgpu(backend, asFloat, f)).toBeNull();
    expect(fastMatmulWebgpu(backend, f, asFloat)).toBeNull();
    expect(calls).toHaveLength(0);
    expect(fastMatmulWebgpu(backend, f, f)).not.toBeNull();
    i.dispose(); f.dispose();
  });

  it('2-D: rank-3 views of the inputs, [1,M,N] program, [M,N] tensor; no leaks', async () => {
    const { backend, calls } = await standIn();
    const a = tf.ones([1000, 37]), b = tf.ones([37, 513]);
    const before = tf.memory().numTensors;
    const c = fastMatmulWebgpu(backend, a, b)!;
    expect(c.shape).toEqual([1000, 513]);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect((await c.data())[0]).toBe(7);
    const { program, inputs } = calls[0]!;
    expect(inputs.map((x) => x.shape)).toEqual([[1, 1000, 37], [1, 37, 513]]);
    expect(inputs[0]!.dataId).toBe(a.dataId);
    expect(program.outputShape).toEqual([1, 1000, 513]);
    expect(program.dispatch).toEqual([9, 16, 1]);
    expect(program.variableComponents).toEqual([1, 1]);
    expect(program.outputComponent).toBe(1);
    tf.dispose([a, b, c]);
  });

  it('3-D same batch; null for what it does not take', async () => {
    const { backend, calls } = await standIn();
    const a = tf.ones([3, 64, 32]), b = tf.ones([3, 32, 128]);
    const c = fastMatmulWebgpu(backend, a, b, 'tile128')!;
    expect(c.shape).toEqual([3, 64, 128]);
    expect(calls[0]!.program.dispatch).toEqual([1, 1, 3]);
    expect(calls[0]!.program.outputComponent).toBe(4);
    expect(calls[0]!.program.shaderKey).toBe(shaderKeyOf(planMatmul(3, 64, 128, 32, 'tile128')!.spec));
    expect(fastMatmulWebgpu(backend, tf.ones([1, 64, 32]), b)).toBeNull();
    expect(fastMatmulWebgpu(backend, tf.ones([4, 4], 'int32'), tf.ones([4, 4], 'int32'))).toBeNull();
    const foreign = { dataId: {}, shape: [4, 4], dtype: 'float32' as const };
    expect(fastMatmulWebgpu(backend, foreign, tf.ones([4, 4]))).toBeNull();
    expect(calls.length).toBe(1);
    tf.dispose([a, b, c]);
  });
});

describe('fastMatmul option', () => {
  it('option first, then ARR_TFJS_FAST_MATMUL', () => {
    expect(fastMatmulOption(undefined, undefined)).toBe('auto');
    expect(fastMatmulOption(undefined, '')).toBe('auto');
    expect(fastMatmulOption(undefined, '0')).toBe(false);
    expect(fastMatmulOption(undefined, '1')).toBe('auto');
    expect(fastMatmulOption(undefined, 'tile64')).toBe('tile64');
    expect(fastMatmulOption(undefined, 'auto')).toBe('auto');
    expect(fastMatmulOption(true, '0')).toBe('auto');
    expect(fastMatmulOption(false, '1')).toBe(false);
    expect(fastMatmulOption('tile128', undefined)).toBe('tile128');
    expect(() => fastMatmulOption(undefined, 'fast')).toThrow(/ARR_TFJS_FAST_MATMUL/);
    expect(() => fastMatmulOption('tile7' as never, undefined)).toThrow(/fastMatmul/);
  });

  it('ignored off webgpu: the cpu adapter keeps tfjs matmul', async () => {
    const adapter = new TfjsAdapter('cpu');
    adapter.fastMatmul = 'auto';
    const { createNamespace: core } = await import('@arr/core');
    const np = core(adapter);
    const c = np.matmul(np.asarray([[1, 2], [3, 4]]), np.asarray([[5, 6], [7, 8]]));
    expect(Array.from((await c.data()) as Float32Array)).toEqual([19, 22, 43, 50]);
  });
});
