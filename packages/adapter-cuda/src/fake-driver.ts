/**
 * A CUDA driver that does nothing, so the adapter runs on a machine without a GPU: unit tests
 * check what it asks the driver for, and bench/host-overhead.mjs measures its own host work.
 * Device allocations get distinct fake addresses; page-locked staging buffers are real memory
 * (reads copy out of them); every other call succeeds at once. Not exported from the package.
 */
import { createRequire } from 'node:module';
import type { Libraries } from './ffi.js';

type Fn = (...args: any[]) => number;

export interface FakeDriver {
  readonly libraries: Libraries;
  /** Calls so far, by function name. */
  readonly calls: Record<string, number>;
  /** Device → host copies: the bytes to write into the host buffer (default: zeros, as if device memory held zeros). */
  onCopyToHost?: (src: bigint, bytes: number) => Uint8Array | undefined;
  /** Algorithms cuBLASLt's heuristic finds per problem (default 1; 0: none, cuBLAS takes over). */
  ltAlgorithms: number;
  /** The first device address handed out (the adapter's first block is its error-flag block). */
  readonly firstAddress: bigint;
}

export function fakeDriver(): FakeDriver {
  const koffi = createRequire(import.meta.url)('koffi') as Libraries['koffi'];
  // Page-locked buffers stand in as ordinary off-heap memory, kept alive here.
  const hostBuffers: Uint8Array[] = [];
  const hostAlloc = (bytes: number): bigint => {
    const b = new Uint8Array(new ArrayBuffer(Math.max(bytes, 8)));
    hostBuffers.push(b);
    return BigInt(koffi.address(b) as bigint);
  };
  const firstAddress = 0x10000n;
  let next = firstAddress;
  const calls: Record<string, number> = {};
  const ok = (name: string, f?: (...a: any[]) => void): Fn => (...a) => { calls[name] = (calls[name] ?? 0) + 1; f?.(...a); return 0; };
  const lib = (fill: Record<string, Fn>) => new Proxy({} as Record<string, Fn>, { get: (_, name: string) => fill[name] ?? ok(name) });
  const fake: FakeDriver = {
    calls,
    firstAddress,
    ltAlgorithms: 1,
    libraries: undefined as unknown as Libraries,
  };
  const cu = lib({
    cuMemAlloc_v2: ok('cuMemAlloc_v2', (p: bigint[], bytes: number) => { p[0] = next; next += BigInt(Math.ceil(Number(bytes) / 256) * 256); }),
    cuModuleLoadData: ok('cuModuleLoadData', (m: bigint[]) => { m[0] = 1n; }),
    cuModuleGetFunction: ok('cuModuleGetFunction', (f: bigint[]) => { f[0] = next++; }),
    cuOccupancyMaxActiveBlocksPerMultiprocessor: ok('cuOccupancyMaxActiveBlocksPerMultiprocessor', (b: number[]) => { b[0] = 8; }),
    cuMemHostAlloc: ok('cuMemHostAlloc', (p: bigint[], bytes: number) => { p[0] = hostAlloc(Number(bytes)); }),
    cuEventCreate: ok('cuEventCreate', (e: bigint[]) => { e[0] = next++; }),
    cuMemcpyDtoHAsync_v2: ok('cuMemcpyDtoHAsync_v2', (dst: bigint, src: bigint, bytes: number) => {
      const host = new Uint8Array(koffi.view(dst as never, Number(bytes)) as ArrayBuffer);
      const data = fake.onCopyToHost?.(src, Number(bytes));
      if (data) host.set(data); else host.fill(0);
    }),
  });
  const nvrtc = lib({
    nvrtcCreateProgram: ok('nvrtcCreateProgram', (p: bigint[]) => { p[0] = 1n; }),
    nvrtcGetCUBINSize: ok('nvrtcGetCUBINSize', (_p: bigint, n: number[]) => { n[0] = 16; }),
  });
  // cuBLASLt's heuristic finds ltAlgorithms algorithms that need no workspace.
  const cublasLt = lib({
    cublasLtMatmulAlgoGetHeuristic: ok('cublasLtMatmulAlgoGetHeuristic', (...a: unknown[]) => { (a[9] as number[])[0] = fake.ltAlgorithms; }),
  });
  (fake as { libraries: Libraries }).libraries = {
    koffi, driverPath: '(fake)', toolkit: { major: 13, cublas: '(fake)', cublasLt: '(fake)', nvrtc: '(fake)', nvrtcBuiltins: undefined },
    driverVersion: 13000, nvrtcVersion: [13, 0], cublasVersion: 130000,
    device: { name: 'fake', major: 9, minor: 0, smCount: 132, totalMem: 2 ** 30 },
    cu, cublas: lib({}), cublasLt, nvrtc, libc: lib({}), context: 1n, stream: 1n, cublasHandle: 1n, cublasLtHandle: 2n,
  };
  return fake;
}
