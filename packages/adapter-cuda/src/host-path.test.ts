// The adapter's host side against a fake driver (no GPU needed): which driver calls an operation
// makes, how reads handle the device error flags, and the dense-operand shortcut of the launch
// geometry, which must agree with collapse().
import { createNamespace as coreNamespace, type NDArray } from '@arr/core';
import { describe, expect, it } from 'vitest';
import { CudaAdapter } from './adapter.js';
import { classify, collapse } from './codegen.js';
import { fakeDriver } from './fake-driver.js';
import { ERR } from './kernels.js';

function setup(fusion = true, options: { blasWorkspaceBytes?: number; cublasLt?: boolean } = {}) {
  const fake = fakeDriver();
  const adapter = new CudaAdapter({ libraries: fake.libraries, fusion, cacheDir: false, ...options });
  const np = coreNamespace(adapter);
  const count = (name: string) => fake.calls[name] ?? 0;
  return { fake, adapter, np, count };
}

/** Materialised (non-lazy) arrays: reshape is a non-elementwise consumer. */
const dense = (np: ReturnType<typeof setup>['np'], a: NDArray) => np.reshape(np.add(a, 0), a.shape);

describe('classify (the dense shortcut of the launch geometry)', () => {
  it('gives collapse()\'s modes for dense, broadcast, transposed and sliced operands', () => {
    let seed = 12345;
    const rand = (n: number) => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return (seed >>> 0) % n; }; // xorshift32
    const contiguous = (shape: number[]) => { const s = new Array<number>(shape.length); let acc = 1; for (let d = shape.length - 1; d >= 0; d--) { s[d] = acc; acc *= shape[d]!; } return s; };
    let dense = 0, other = 0;
    for (let t = 0; t < 2000; t++) {
      const shape = Array.from({ length: 1 + rand(4) }, () => 1 + rand(4));
      const operands = Array.from({ length: 1 + rand(3) }, () => {
        const c = contiguous(shape);
        switch (rand(10)) {
          case 0: return c.map(() => 0); // one broadcast element
          case 1: return c.slice().reverse(); // a permuted walk
          case 2: return c.map((s) => s * 2); // every other element
          default: return c;
        }
      });
      const { modes, collapsed } = classify(shape, operands);
      expect(modes).toEqual(collapse(shape, operands).modes);
      if (collapsed) other++; else dense++;
    }
    expect(dense).toBeGreaterThan(100); // both branches were exercised
    expect(other).toBeGreaterThan(100);
  });
});

describe('driver calls per operation (fake driver)', () => {
  it('with fusion off, a scalar operand is a kernel parameter: one launch, no fill kernel', () => {
    const { adapter, np } = setup(false);
    const x = dense(np, np.ones([8]));
    const before = adapter.launches;
    const y = np.multiply(x, 5);
    expect(adapter.launches - before).toBe(1);
    y.dispose(); x.dispose();
  });

  it('reads copy the error flags only after a kernel that can raise them, and reuse events', async () => {
    const { np, count } = setup();
    const x = dense(np, np.ones([4]));
    await np.add(x, 1).data(); // warm: first event, first staging buffer
    const events = count('cuEventCreate');
    let copies = count('cuMemcpyDtoHAsync_v2');
    await np.add(x, 1).data();
    expect(count('cuMemcpyDtoHAsync_v2') - copies).toBe(1); // the values only
    const i = dense(np, np.asarray([2, 3], { dtype: 'int32' }));
    const p = np.pow(i, i); // integer pow can raise "negative integer power"
    copies = count('cuMemcpyDtoHAsync_v2');
    await p.data();
    expect(count('cuMemcpyDtoHAsync_v2') - copies).toBe(2); // values and flags
    copies = count('cuMemcpyDtoHAsync_v2');
    await p.data();
    expect(count('cuMemcpyDtoHAsync_v2') - copies).toBe(1); // flags already checked
    expect(count('cuEventCreate')).toBe(events + 1); // one for the upload of i; the reads reused theirs
  });

  it('a flag the device raised turns the next read into the error, once', async () => {
    const { fake, np } = setup();
    const i = dense(np, np.asarray([2, -1], { dtype: 'int32' }));
    const p = np.pow(i, i);
    // The adapter's first block is its error-flag block: report ERR.pow from the device.
    fake.onCopyToHost = (src, bytes) => (src === fake.firstAddress && bytes === 32 ? new Uint8Array(new BigUint64Array([BigInt(ERR.pow), 0n, 0n, 0n]).buffer) : undefined);
    await expect(p.data()).rejects.toThrow(/pow: integers to negative integer powers are not allowed/);
    fake.onCopyToHost = undefined;
    await expect(p.data()).resolves.toBeDefined();
  });
});

describe('cuBLAS workspace', () => {
  it('is handed over once, at the first product, and memory() leaves it out', () => {
    const { adapter, np, count } = setup();
    const a = dense(np, np.ones([4, 4]));
    const held = np.memory().bytes;
    expect(count('cublasSetWorkspace_v2')).toBe(0); // no product yet, no workspace
    const used = adapter.memoryInfo().usedBytes;
    np.matmul(a, a).dispose();
    expect(count('cublasSetWorkspace_v2')).toBe(1);
    expect(adapter.memoryInfo().usedBytes - used).toBe(32 << 20); // the pool holds it
    np.matmul(a, a).dispose();
    expect(count('cublasSetWorkspace_v2')).toBe(1);
    expect(np.memory().bytes).toBe(held);
  });

  it('blasWorkspaceBytes: 0 leaves cuBLAS to its own; a bad size is a ValueError', () => {
    const { np, count } = setup(true, { blasWorkspaceBytes: 0 });
    const a = dense(np, np.ones([4, 4]));
    np.matmul(a, a).dispose();
    expect(count('cublasSetWorkspace_v2')).toBe(0);
    expect(() => setup(true, { blasWorkspaceBytes: -1 })).toThrow(/blasWorkspaceBytes must be a non-negative integer, got -1/);
  });
});

describe('matrix products through cuBLASLt', () => {
  it('plans a problem once (heuristic once), then one cublasLtMatmul per product', () => {
    const { np, count } = setup();
    const a = dense(np, np.ones([4, 4])), b = dense(np, np.ones([3, 4, 4]));
    for (let i = 0; i < 3; i++) np.matmul(a, a).dispose();
    expect(count('cublasLtMatmulAlgoGetHeuristic')).toBe(1);
    expect(count('cublasLtMatmul')).toBe(3);
    np.matmul(b, b).dispose(); // a batch is another problem: one more plan, strided layouts
    expect(count('cublasLtMatmulAlgoGetHeuristic')).toBe(2);
    expect(count('cublasLtMatrixLayoutSetAttribute')).toBe(6); // batch count and stride, 3 layouts
    expect(count('cublasGemmStridedBatchedEx')).toBe(0);
  });

  it('uses cuBLAS when cuBLASLt has no algorithm, or when cublasLt: false', () => {
    const { fake, np, count } = setup();
    fake.ltAlgorithms = 0;
    const a = dense(np, np.ones([4, 4]));
    np.matmul(a, a).dispose();
    np.matmul(a, a).dispose();
    expect(count('cublasLtMatmul')).toBe(0);
    expect(count('cublasLtMatmulAlgoGetHeuristic')).toBe(1); // "no algorithm" is remembered too
    expect(count('cublasLtMatrixLayoutDestroy')).toBe(3); // and its descriptors freed
    expect(count('cublasGemmStridedBatchedEx')).toBe(2);
    const off = setup(true, { cublasLt: false });
    const c = dense(off.np, off.np.ones([4, 4]));
    off.np.matmul(c, c).dispose();
    expect(off.count('cublasLtMatmulAlgoGetHeuristic')).toBe(0);
    expect(off.count('cublasGemmStridedBatchedEx')).toBe(1);
  });
});

describe('ready()', () => {
  it('launches pending fused work and waits on an event, reading nothing back', async () => {
    const { createNamespace, ready } = await import('./index.js');
    const fake = fakeDriver();
    const np = await createNamespace({ libraries: fake.libraries, cacheDir: false });
    const x = np.reshape(np.add(np.ones([8]), 0), [8]);
    const y = np.add(np.multiply(x, 5), x); // lazy: nothing launched yet
    const launches = fake.calls['cuLaunchKernel'] ?? 0, copies = fake.calls['cuMemcpyDtoHAsync_v2'] ?? 0;
    await ready(y);
    expect((fake.calls['cuLaunchKernel'] ?? 0) - launches).toBe(1); // the fused chain, once
    expect(fake.calls['cuMemcpyDtoHAsync_v2'] ?? 0).toBe(copies);
    await ready(y, x); // nothing pending any more
    expect((fake.calls['cuLaunchKernel'] ?? 0) - launches).toBe(1);
  });
});
