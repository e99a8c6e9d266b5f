// CPU-only unit tests: library discovery on a fake layout, pool accounting with a fake driver,
// kernel cache keys and the disk cache, fusion planning and the code generator's structure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceError } from '@arr/core';
import { discover, type DiscoveryFs, pickToolkit } from './discovery.js';
import { MemoryPool, roundSize } from './pool.js';
import { OutOfMemory } from './ffi.js';
import { cacheKey, DiskCache, KernelCache } from './kernel-cache.js';
import { CudaArray, planFusion } from './array.js';
import { collapse, elementwiseSource, signature } from './codegen.js';
import { binaryExpr, unaryExpr } from './ops.js';
import { reduceOnePassSource, reduceRowsSource, sortSource } from './kernels.js';

const fakeFs = (files: string[]): DiscoveryFs => ({
  exists: (p) => files.includes(p),
  readdir: (d) => [...new Set(files.filter((f) => f.startsWith(d + '/')).map((f) => f.slice(d.length + 1).split('/')[0]!))],
});

describe('library discovery', () => {
  it('finds the driver under /usr/local/nvidia and CUDA 13 in /usr/local/cuda', () => {
    const fs_ = fakeFs([
      '/usr/local/nvidia/lib64/libcuda.so.1',
      '/usr/local/cuda/lib64/libcublas.so.13', '/usr/local/cuda/lib64/libcublasLt.so.13',
      '/usr/local/cuda/lib64/libnvrtc.so.13', '/usr/local/cuda/lib64/libnvrtc-builtins.so.13.0',
    ]);
    const d = discover({ fs: fs_, env: {}, home: '/home/u' });
    expect(d.driver).toBe('/usr/local/nvidia/lib64/libcuda.so.1');
    expect(d.toolkits[0]).toMatchObject({ major: 13, cublas: '/usr/local/cuda/lib64/libcublas.so.13', nvrtcBuiltins: '/usr/local/cuda/lib64/libnvrtc-builtins.so.13.0' });
  });
  it('prefers CUDA_PATH, finds pip wheels, and picks the toolkit the driver supports', () => {
    const sp = '/home/u/.local/lib/python3.12/site-packages';
    const fs_ = fakeFs([
      '/opt/cuda12/lib64/libcublas.so.12', '/opt/cuda12/lib64/libcublasLt.so.12', '/opt/cuda12/lib64/libnvrtc.so.12',
      `${sp}/nvidia/cu13/lib/libcublas.so.13`, `${sp}/nvidia/cu13/lib/libcublasLt.so.13`, `${sp}/nvidia/cu13/lib/libnvrtc.so.13`,
    ]);
    const d = discover({ fs: fs_, env: { CUDA_PATH: '/opt/cuda12' }, home: '/home/u' });
    expect(d.toolkitDirs[0]).toBe('/opt/cuda12/lib64');
    expect(d.toolkits.map((t) => t.major)).toEqual([13, 12]);
    expect(d.toolkits[0]!.cublas).toBe(`${sp}/nvidia/cu13/lib/libcublas.so.13`);
    expect(pickToolkit(d.toolkits, 12080)?.major).toBe(12);
    expect(pickToolkit(d.toolkits, 13000)?.major).toBe(13);
    expect(pickToolkit(d.toolkits, 11080)).toBeUndefined();
  });
  it('lists the folders searched when nothing is there', () => {
    const d = discover({ fs: fakeFs([]), env: {}, home: '/h' });
    expect(d.driver).toBeUndefined();
    expect(d.toolkits).toEqual([]);
    expect(d.driverDirs).toContain('/usr/local/nvidia/lib64');
    expect(d.toolkitDirs).toContain('/usr/local/cuda/lib64');
  });
});

describe('memory pool (fake driver)', () => {
  const fake = (capacity: number) => {
    let next = 0x1000n, live = 0;
    const sizes = new Map<bigint, number>();
    const d = {
      allocs: 0, frees: 0, syncs: 0,
      memAlloc(bytes: number) { if (live + bytes > capacity) throw new OutOfMemory('oom'); live += bytes; d.allocs++; next += BigInt(bytes); sizes.set(next, bytes); return next; },
      memFree(p: bigint) { d.frees++; live -= sizes.get(p)!; },
      synchronize() { d.syncs++; },
    };
    return d;
  };
  it('reuses freed blocks of the same size class and accounts used/cached bytes', () => {
    const drv = fake(1 << 30);
    const pool = new MemoryPool(drv);
    const a = pool.alloc(1000);
    expect(a.size).toBe(roundSize(1000));
    expect(pool.usedBytes).toBe(1024);
    pool.release(a);
    expect(pool.usedBytes).toBe(0);
    expect(pool.cachedBytes).toBe(1024);
    const b = pool.alloc(900);
    expect(b.ptr).toBe(a.ptr);
    expect(drv.allocs).toBe(1);
    expect(pool.cachedBytes).toBe(0);
  });
  it('on OOM frees the cache once, retries, then throws DeviceError', () => {
    const drv = fake(4 << 20);
    const pool = new MemoryPool(drv);
    const a = pool.alloc(2 << 20);
    pool.release(a);
    const b = pool.alloc(4 << 20); // needs the cached 2 MiB back
    expect(drv.syncs).toBe(1);
    expect(drv.frees).toBe(1);
    expect(() => pool.alloc(2 << 20)).toThrow(DeviceError);
    pool.release(b);
  });
  it('views share a block by refcount', () => {
    const pool = new MemoryPool(fake(1 << 20));
    const a = pool.alloc(10);
    a.refs++;
    pool.release(a);
    expect(pool.usedBytes).toBe(512);
    pool.release(a);
    expect(pool.usedBytes).toBe(0);
  });
});

describe('kernel cache', () => {
  it('keys on source, architecture and NVRTC version', () => {
    const k = cacheKey('src', 'sm_90', [13, 0]);
    expect(k).toMatch(/^[0-9a-f]{32}-sm_90-nvrtc13\.0$/);
    expect(cacheKey('src', 'sm_80', [13, 0])).not.toBe(k);
    expect(cacheKey('src', 'sm_90', [12, 8])).not.toBe(k);
    expect(cacheKey('src2', 'sm_90', [13, 0])).not.toBe(k);
  });
  it('a second cache on the same folder compiles nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arr-kc-'));
    let compiles = 0;
    const compile = (s: string) => { compiles++; return { image: new TextEncoder().encode(`bin:${s}`), kind: 'cubin' as const }; };
    const load = (img: Uint8Array) => new TextDecoder().decode(img);
    const c1 = new KernelCache(compile, load, new DiskCache(dir), 'sm_90', [13, 0]);
    expect(c1.module('a')).toBe('bin:a');
    expect(c1.module('a')).toBe('bin:a');
    expect(compiles).toBe(1);
    const c2 = new KernelCache(compile, load, new DiskCache(dir), 'sm_90', [13, 0]);
    expect(c2.module('a')).toBe('bin:a');
    expect(compiles).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('fusion planning and code generation', () => {
  const leaf = (shape: number[], dtype: 'float32' | 'int32' = 'float32') => { const a = new CudaArray(shape, dtype); return a; };
  it('x*5 + y becomes one kernel: two inputs, one parameter, three ops', () => {
    const x = leaf([8]), y = leaf([8]);
    const five = new CudaArray([8], 'float32'); five.node = { k: 'const', value: 5 };
    const m = new CudaArray([8], 'float32'); m.node = { k: 'binary', op: 'multiply', a: x, b: five, d: 'float32' };
    const r = new CudaArray([8], 'float32'); r.node = { k: 'binary', op: 'add', a: m, b: y, d: 'float32' };
    const p = planFusion(r);
    expect(p.inputs).toEqual([x, y]);
    expect(p.params).toEqual([{ dtype: 'float32', value: 5 }]);
    expect(p.kernel.nodes.map((n) => n.k)).toEqual(['in', 'param', 'binary', 'in', 'binary']);
    const k = { inputs: [{ dtype: 'float32' as const, mode: 'c' as const }, { dtype: 'float32' as const, mode: 'c' as const }], params: p.kernel.params, nodes: p.kernel.nodes, root: p.kernel.root, out: { dtype: 'float32' as const, mode: 'c' as const }, nd: 0, wide: false };
    const src = elementwiseSource(k).source;
    expect(src).toContain('extern "C" __global__ void arr_ew(u32 n, float* __restrict__ out, const float* __restrict__ in0, const float* __restrict__ in1, float p0)');
    expect(src).toContain('(t0 * t1)');
    expect(signature(k)).toBe(signature({ ...k }));
  });
  it('shared subexpressions are computed once', () => {
    const x = leaf([4]);
    const s = new CudaArray([4], 'float32'); s.node = { k: 'unary', op: 'sin', a: x, d: 'float32' };
    const r = new CudaArray([4], 'float32'); r.node = { k: 'binary', op: 'add', a: s, b: s, d: 'float32' };
    expect(planFusion(r).kernel.nodes.filter((n) => n.k === 'unary')).toHaveLength(1);
  });
  it('collapses contiguous dimensions and classifies operands', () => {
    const c = collapse([2, 3, 4], [[12, 4, 1], [0, 0, 0], [1, 2, 6]]);
    expect(c.modes).toEqual(['c', 'b', 's']);
    const d = collapse([2, 3, 4], [[12, 4, 1], [12, 4, 1]]);
    expect(d.shape).toEqual([24]);
    expect(d.modes).toEqual(['c', 'c']);
  });
  it('NumPy semantics in the generated expressions', () => {
    expect(binaryExpr('floorDivide', 'int32', 'int32', 'a', 'b').expr).toBe('i_floordiv<i32>(a, b)');
    expect(binaryExpr('remainder', 'float64', 'float64', 'a', 'b').expr).toBe('np_rem<double>(a, b)');
    expect(binaryExpr('maximum', 'float32', 'float32', 'a', 'b').expr).toBe('np_max<float>(a, b)');
    expect(binaryExpr('add', 'float16', 'float16', 'a', 'b').expr).toBe('rh((a + b))');
    expect(binaryExpr('pow', 'int64', 'int64', 'a', 'b').needsErr).toBe(true);
    expect(unaryExpr('round', 'float32', 'float32', 'x').expr).toBe('rintf(x)');
    expect(unaryExpr('sqrt', 'complex64', 'complex64', 'z').expr).toBe('rc(c_sqrt(z))');
    expect(unaryExpr('abs', 'int8', 'int8', 'x').expr).toBe('i_abs<i8>(x)');
  });
  it('reductions use a block tree and sorts order NaN last, ties by index', () => {
    expect(reduceRowsSource('sum', 'float32', 'float32', false, true)).toContain('__shared__ float sh[256]');
    // one pass: the last block of a row (by ticket) combines the partials and resets the ticket
    const one = reduceOnePassSource('max', 'float64', 'float64', false);
    expect(one).toContain('atomicAdd(&tickets[row], 1u) == (unsigned)(chunks - 1)');
    expect(one).toContain('tickets[row] = 0u;');
    expect(one.indexOf('__threadfence();')).toBeLessThan(one.indexOf('atomicAdd'));
    expect(() => reduceOnePassSource('sum', 'float64', 'float64', true)).toThrow(/no vector reduction/);
    const s = sortSource('float32', false);
    expect(s).toContain('if (c != 0) return c < 0;');
    expect(s).toContain('return ia < ib;');
  });
});
