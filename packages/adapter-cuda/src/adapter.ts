/** The CUDA adapter: wires the driver, pool, kernel generators and cuBLAS to @arr/core's `Adapter`. */
import {
  type Adapter, type ArgReduceOp, type BinaryOp, type Capabilities, type Device, type DType, type EngineInfo,
  type FillValue, type HostArray, type KernelArray, type ReduceOp, type ScanOp, type Shape, type UnaryOp,
  DeviceError, DTypeError, DTYPES, HOST_ARRAY, indexOutOfRange, lanes, makeDevice, negativeIntegerPower, numberToHalf, ValueError,
} from '@arr/core';
import { CudaArray, children, contiguousStrides, MAX_FUSED_LEAVES, MAX_FUSED_OPS, planFusion, type LazyNode } from './array.js';
import { classify, type ElementwiseKernel, elementwiseSource, EW_NAME, type Mode, signature } from './codegen.js';
import { CTYPES, isCpx } from './ctypes.js';
import { check, checkBlas, CUDA_ERROR_NOT_READY, type Libraries, loadLibraries, OutOfMemory, out } from './ffi.js';
import { defaultCacheDir, DiskCache, KernelCache } from './kernel-cache.js';
import {
  argReduceSource, BLOCK, compressSource, ERR, intMatmulSource, reduceOnePassSource, reduceRowsSource, reduceStridedSource, scanSource, scatterSource,
  searchsortedSource, sortSource, takeAlongSource, takeSource, VEC4,
} from './kernels.js';
import { LtGemm } from './blas-lt.js';
import { type Block, MemoryPool, type Pinned, PinnedPool } from './pool.js';

type K = KernelArray<CudaArray>;

export interface CudaAdapterOptions {
  /** CUDA device ordinal (default 0). */
  readonly device?: number;
  /** Allow TF32 tensor cores for float32 matmul (faster, ~10-bit mantissa products). Default false. */
  readonly tf32?: boolean;
  /**
   * Long reductions in one launch (blocks hand their partials to the last block to finish)
   * instead of two. Default true; false restores the two-launch form (for comparison).
   */
  readonly onePassReduce?: boolean;
  /** Record elementwise chains and compile each into one kernel (default true). */
  readonly fusion?: boolean;
  /** Kernel disk cache folder; `false` disables it. Default: $ARR_CUDA_CACHE or ~/.cache/arr-cuda. */
  readonly cacheDir?: string | false;
  /**
   * `extract` by stream compaction on the device instead of core's host path (mask read back,
   * positions found on the host, then `take`). Default true; false restores the host path.
   */
  readonly deviceExtract?: boolean;
  /**
   * Device memory given to cuBLAS as its workspace at the first matrix product, as PyTorch does
   * (NVIDIA suggests 32 MiB on Hopper). Default 32 MiB; 0 leaves cuBLAS to its own allocation.
   */
  readonly blasWorkspaceBytes?: number;
  /**
   * Matrix products through cuBLASLt with the algorithm chosen once per problem (default true);
   * false calls cublasGemmStridedBatchedEx, which chooses on every call. Problems cuBLASLt has no
   * algorithm for use cublasGemmStridedBatchedEx either way.
   */
  readonly cublasLt?: boolean;
  /**
   * Libraries already loaded, instead of loading them here: for tools that measure the adapter's
   * host-side cost against a fake driver (bench/host-overhead.mjs). Not for normal use.
   */
  readonly libraries?: Libraries;
}

const CAPS: Capabilities = Object.freeze({
  'boolean indexing': true,
  'data-dependent shapes': true,
  'max dimensions': 64,
  'sync readback': true,
});

/** Bytes per element in device memory. */
const itemBytes = (d: DType) => CTYPES[d].bytes;
/** Resident blocks of BLOCK threads per SM can't exceed 2048 threads / BLOCK. */
const MAX_BLOCKS_PER_SM = 2048 / BLOCK;
/** cuBLAS data type and compute type per dtype (float32 becomes TF32, 77, when opted in). */
const GEMM_TYPES: Partial<Record<DType, readonly [number, number]>> = {
  float16: [2, 68], float32: [0, 68], float64: [1, 70], complex64: [4, 68], complex128: [5, 70],
};
/** alpha = 1, beta = 0 in the compute type's precision (room for a complex pair). */
const GEMM_SCALARS_F32 = [new Float32Array([1, 0]), new Float32Array([0, 0])] as const;
const GEMM_SCALARS_F64 = [new Float64Array([1, 0]), new Float64Array([0, 0])] as const;
/** Bytes of the widest reduction accumulator (complex double). */
const ACC_BYTES = 16;

class ArgWriter {
  readonly buf = new ArrayBuffer(16384);
  readonly dv = new DataView(this.buf);
  readonly bytes = new Uint8Array(this.buf);
  readonly ptrs = new BigUint64Array(64);
  private readonly addr: bigint[] = [];
  off = 0;
  n = 0;
  constructor(addressOf: (b: Uint8Array) => bigint) {
    // Off-heap (16 KiB) so its address is stable; cuLaunchKernel copies the values out at once.
    const base = addressOf(this.bytes);
    for (let i = 0; i < this.buf.byteLength / 8; i++) this.addr.push(base + BigInt(i * 8));
  }
  reset(): this { this.off = 0; this.n = 0; return this; }
  private slot(size: number, align = 8): number {
    this.off = Math.ceil(this.off / align) * align;
    const o = this.off;
    this.ptrs[this.n++] = this.addr[o >> 3]!;
    this.off += Math.ceil(size / 8) * 8;
    return o;
  }
  ptr(p: bigint): this { this.dv.setBigUint64(this.slot(8), p, true); return this; }
  i64(v: number): this {
    const o = this.slot(8);
    if (v >= 0 && v < 4294967296) { this.dv.setUint32(o, v, true); this.dv.setUint32(o + 4, 0, true); }
    else this.dv.setBigInt64(o, BigInt(v), true);
    return this;
  }
  u32(v: number): this { this.dv.setUint32(this.slot(4), v >>> 0, true); return this; }
  u64(v: number): this { return this.i64(v); }
  i64s(vs: readonly number[]): this {
    const o = this.slot(vs.length * 8);
    for (let i = 0; i < vs.length; i++) this.dv.setBigInt64(o + 8 * i, BigInt(vs[i]!), true);
    return this;
  }
  /** A scalar parameter of dtype d (see paramCType). */
  scalar(d: DType, v: FillValue): this {
    if (isCpx(d)) {
      const [re, im] = Array.isArray(v) ? (v as [number, number]) : [Number(v), 0];
      const o = this.slot(16, 16);
      this.dv.setFloat64(o, re, true); this.dv.setFloat64(o + 8, im, true);
      return this;
    }
    const num = (x: FillValue) => (typeof x === 'boolean' ? (x ? 1 : 0) : typeof x === 'bigint' ? Number(x) : Number(x as number));
    switch (d) {
      case 'bool': this.dv.setInt32(this.slot(4), num(v) !== 0 || Number.isNaN(num(v)) ? 1 : 0, true); return this;
      case 'float16': this.dv.setFloat32(this.slot(4), halfValue(num(v)), true); return this;
      case 'float32': this.dv.setFloat32(this.slot(4), num(v), true); return this;
      case 'float64': this.dv.setFloat64(this.slot(8), num(v), true); return this;
      case 'int64': this.dv.setBigInt64(this.slot(8), BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(num(v)))), true); return this;
      case 'uint64': this.dv.setBigUint64(this.slot(8), BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(num(v)))), true); return this;
      case 'int8': this.dv.setInt8(this.slot(1), num(v)); return this;
      case 'uint8': this.dv.setUint8(this.slot(1), num(v)); return this;
      case 'int16': this.dv.setInt16(this.slot(2), num(v), true); return this;
      case 'uint16': this.dv.setUint16(this.slot(2), num(v), true); return this;
      case 'int32': this.dv.setInt32(this.slot(4), num(v), true); return this;
      case 'uint32': this.dv.setUint32(this.slot(4), num(v), true); return this;
    }
    return this;
  }
}

/** A float16 value as the float the kernel computes with. */
function halfValue(x: number): number {
  const h = numberToHalf(x);
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

/** Default cuBLAS workspace (blasWorkspaceBytes). */
const BLAS_WORKSPACE_BYTES = 32 << 20;

/** How long a read polls its event in place before yielding to the event loop (ms). */
const SPIN_MS = 0.1;

interface EwEntry { fn: bigint; needsErr: boolean; strided: number }

export class CudaAdapter implements Adapter<CudaArray> {
  readonly name = 'cuda';
  readonly libs: Libraries;
  readonly pool: MemoryPool;
  readonly pinned: PinnedPool;
  readonly fusion: boolean;
  readonly tf32: boolean;
  readonly kernels: KernelCache<bigint>;
  private readonly device_: Device;
  private readonly args: ArgWriter;
  private readonly fns = new Map<string, bigint>();
  private readonly occupancies = new Map<bigint, number>();
  private readonly ew = new Map<string, EwEntry>();
  private readonly errBlock: Block;
  /** A kernel that can raise an error flag ran since the flags were last copied out. */
  private errPending = false;
  /** Events drain() has waited for, for reuse (creating one per read costs a driver call). */
  private readonly idleEvents: bigint[] = [];
  /** cuBLAS math mode last set on the handle (-1: not yet). */
  private mathMode = -1;
  /** Bytes of cuBLAS workspace to hand over at the first product (0: none). */
  private readonly blasWorkspaceBytes: number;
  /** The cuBLAS workspace, once handed over. */
  private blasWorkspace: Block | undefined;
  /** cuBLASLt products with cached plans (undefined: cublasLt: false). */
  private readonly lt: LtGemm | undefined;
  /** Partials and per-row tickets of one-pass reductions (at most one wave of blocks). */
  private readonly reduceScratch: { partials: Block; tickets: Block } | undefined;
  private readonly arch: string;
  private readonly maxGrid: number;
  private engineInfo: EngineInfo | undefined;
  /** Kernel launches so far (tests and benchmarks read it). */
  launches = 0;
  /** Bytes live lazy arrays will take once computed (memoryBytes counts them as held). */
  private lazyBytes = 0;
  private countLazy(a: CudaArray): CudaArray {
    this.lazyBytes += a.size * itemBytes(a.dtype);
    a.counted = true;
    return a;
  }
  private uncountLazy(a: CudaArray): void {
    if (a.counted) { a.counted = false; this.lazyBytes -= a.size * itemBytes(a.dtype); }
  }

  constructor(options: CudaAdapterOptions = {}) {
    const libs = (this.libs = options.libraries ?? loadLibraries(options.device ?? 0));
    this.fusion = options.fusion ?? true;
    this.tf32 = options.tf32 ?? false;
    this.blasWorkspaceBytes = options.blasWorkspaceBytes ?? BLAS_WORKSPACE_BYTES;
    if (!Number.isSafeInteger(this.blasWorkspaceBytes) || this.blasWorkspaceBytes < 0) {
      throw new ValueError(`cuda: blasWorkspaceBytes must be a non-negative integer, got ${options.blasWorkspaceBytes}`);
    }
    if (options.cublasLt ?? true) this.lt = new LtGemm(libs.cublasLt, libs.cublasLtHandle, libs.stream);
    if (options.deviceExtract ?? true) this.compress = (x, mask) => this.compressOnDevice(x, mask);
    const { cu, koffi, stream } = libs;
    this.device_ = makeDevice('cuda', `cuda:${options.device ?? 0}`, 'gpu');
    this.arch = `sm_${libs.device.major}${libs.device.minor}`;
    this.maxGrid = libs.device.smCount * 32;
    this.pool = new MemoryPool({
      memAlloc: (bytes) => {
        const p = out<bigint>();
        check(cu.cuMemAlloc_v2!(p, bytes), `cuMemAlloc(${bytes})`);
        return BigInt(p[0]);
      },
      memFree: (p) => check(cu.cuMemFree_v2!(p), 'cuMemFree'),
      synchronize: () => check(cu.cuStreamSynchronize!(stream), 'cuStreamSynchronize'),
    });
    this.pinned = new PinnedPool({
      hostAlloc: (bytes) => {
        const p = out<bigint>();
        const r = cu.cuMemHostAlloc!(p, bytes, 0);
        if (r !== 0) check(r, `cuMemHostAlloc(${bytes})`);
        return BigInt(p[0]);
      },
      hostFree: (p) => check(cu.cuMemFreeHost!(p), 'cuMemFreeHost'),
      view: (p, bytes) => new Uint8Array(koffi.view(p, bytes)),
    });
    this.args = new ArgWriter((b) => koffi.address(b) as bigint);
    const dir = options.cacheDir === false ? undefined : options.cacheDir ?? defaultCacheDir();
    this.kernels = new KernelCache<bigint>(
      (src) => this.nvrtcCompile(src),
      (image) => { const m = out<bigint>(); check(cu.cuModuleLoadData!(m, image), 'cuModuleLoadData'); return BigInt(m[0]); },
      new DiskCache(dir), this.arch, libs.nvrtcVersion,
    );
    this.errBlock = this.pool.alloc(32);
    check(cu.cuMemsetD8Async!(this.errBlock.ptr, 0, 32, stream), 'cuMemsetD8Async');
    if (options.onePassReduce ?? true) {
      const maxWave = libs.device.smCount * MAX_BLOCKS_PER_SM;
      this.reduceScratch = { partials: this.pool.alloc(maxWave * ACC_BYTES), tickets: this.pool.alloc(maxWave * 4) };
      check(cu.cuMemsetD8Async!(this.reduceScratch.tickets.ptr, 0, maxWave * 4, stream), 'cuMemsetD8Async');
    }
  }

  // ---- info ----
  devices(): readonly Device[] { return [this.device_]; }
  defaultDevice(): Device { return this.device_; }
  dtypes(_device: Device): readonly DType[] { return DTYPES; }
  capabilities(): Capabilities { return CAPS; }
  engine(): EngineInfo {
    const l = this.libs;
    const ver = (v: number) => `${Math.floor(v / 1000)}.${(v % 1000) / 10}`;
    this.engineInfo ??= Object.freeze({
      adapter: 'cuda',
      backend: 'cuda',
      device: l.device.name,
      details: Object.freeze({
        driver: ver(l.driverVersion),
        toolkit: `CUDA ${l.toolkit.major}`,
        nvrtc: `${l.nvrtcVersion[0]}.${l.nvrtcVersion[1]}`,
        cublas: l.cublasVersion,
        computeCapability: `${l.device.major}.${l.device.minor}`,
        memoryBytes: l.device.totalMem,
        multiprocessors: l.device.smCount,
        fusion: this.fusion,
        deviceExtract: this.compress !== undefined,
        tf32: this.tf32,
        blasWorkspaceBytes: this.blasWorkspaceBytes,
        blas: this.lt ? 'cuBLASLt (plans cached per problem), cuBLAS otherwise' : 'cuBLAS',
        libcuda: l.driverPath,
        libcublas: l.toolkit.cublas,
        libnvrtc: l.toolkit.nvrtc,
      }),
    });
    return this.engineInfo;
  }

  /** Device memory: bytes held by live arrays and bytes cached for reuse (rounded block sizes). */
  memoryInfo(): { usedBytes: number; cachedBytes: number; liveBlocks: number; pinnedBytes: number } {
    return { usedBytes: this.pool.usedBytes, cachedBytes: this.pool.cachedBytes, liveBlocks: this.pool.liveBlocks, pinnedBytes: this.pinned.totalBytes };
  }
  /** Returns cached device blocks to the driver. */
  freeCache(): void { this.pool.freeCache(); }
  /** Waits for all queued work. */
  synchronize(): void { check(this.libs.cu.cuStreamSynchronize!(this.libs.stream), 'cuStreamSynchronize'); }

  // ---- compilation and launch ----
  private nvrtcCompile(source: string): { image: Uint8Array; kind: 'cubin' | 'ptx' } {
    const { nvrtc } = this.libs;
    const prog = out<bigint>();
    if (nvrtc.nvrtcCreateProgram!(prog, source, 'arr.cu', 0, null, null) !== 0) throw new DeviceError('cuda: nvrtcCreateProgram failed');
    const p = prog[0];
    try {
      const opts = [`-arch=${this.arch}`, '-std=c++17', '--fmad=false'];
      const r = nvrtc.nvrtcCompileProgram!(p, opts.length, opts);
      if (r !== 0) {
        const n = out<number | bigint>();
        nvrtc.nvrtcGetProgramLogSize!(p, n);
        const log = new Uint8Array(Number(n[0]));
        nvrtc.nvrtcGetProgramLog!(p, log);
        throw new DeviceError(`cuda: NVRTC failed to compile a generated kernel (${nvrtc.nvrtcGetErrorString!(r)}):\n${Buffer.from(log).toString('utf8')}\n--- source ---\n${source}`);
      }
      const n = out<number | bigint>();
      if (nvrtc.nvrtcGetCUBINSize!(p, n) === 0 && Number(n[0]) > 0) {
        const image = new Uint8Array(Number(n[0]));
        nvrtc.nvrtcGetCUBIN!(p, image);
        return { image, kind: 'cubin' };
      }
      nvrtc.nvrtcGetPTXSize!(p, n);
      const image = new Uint8Array(Number(n[0]));
      nvrtc.nvrtcGetPTX!(p, image);
      return { image, kind: 'ptx' };
    } finally {
      nvrtc.nvrtcDestroyProgram!([p]);
    }
  }

  /** A kernel function by a short key; `source` runs only on the first request. */
  private fn(key: string, name: string, source: () => string): bigint {
    const k = `${key}#${name}`;
    let f = this.fns.get(k);
    if (f === undefined) {
      const mod = this.kernels.module(source());
      const h = out<bigint>();
      check(this.libs.cu.cuModuleGetFunction!(h, mod, name), `cuModuleGetFunction(${name})`);
      f = BigInt(h[0]);
      this.fns.set(k, f);
    }
    return f;
  }

  /** Blocks of BLOCK threads of `f` resident at once on one SM (cached per function). */
  private occupancy(f: bigint): number {
    let k = this.occupancies.get(f);
    if (k === undefined) {
      const h = out<number>();
      check(this.libs.cu.cuOccupancyMaxActiveBlocksPerMultiprocessor!(h, f, BLOCK, 0), 'cuOccupancyMaxActiveBlocksPerMultiprocessor');
      k = Math.max(1, Number(h[0]));
      this.occupancies.set(f, k);
    }
    return k;
  }

  private grid(n: number): number { return Math.max(1, Math.min(Math.ceil(n / BLOCK), this.maxGrid)); }

  private launch(f: bigint, grid: number, block: number, shmem = 0): void {
    const r = this.libs.cu.cuLaunchKernel!(f, grid, 1, 1, block, 1, 1, shmem, this.libs.stream, this.args.ptrs, null);
    this.launches++;
    if (r !== 0) check(r, 'cuLaunchKernel');
  }

  // ---- memory ----
  private alloc(bytes: number): Block {
    return this.pool.alloc(bytes);
  }
  private newArray(shape: readonly number[], dtype: DType): CudaArray {
    const a = new CudaArray(shape, dtype);
    a.block = this.alloc(a.size * itemBytes(dtype));
    return a;
  }
  /** Device address of element 0 of a materialised array. */
  private addr(a: CudaArray): bigint {
    return a.offset === 0 ? a.block!.ptr : a.block!.ptr + BigInt(a.offset * itemBytes(a.dtype));
  }
  private view(base: CudaArray, shape: readonly number[], strides: number[], offset: number, dtype = base.dtype): CudaArray {
    const v = new CudaArray(shape, dtype);
    v.block = base.block;
    base.block!.refs++;
    v.strides = strides;
    v.offset = offset;
    return v;
  }

  private release(a: CudaArray): void {
    if (--a.refs > 0) return;
    if (a.block) { this.pool.release(a.block); a.block = undefined; }
    if (a.node) { this.uncountLazy(a); const n = a.node; a.node = undefined; for (const c of children(n)) this.release(c); }
  }

  // ---- storage ----
  fromHost(data: HostArray, shape: Shape, dtype: DType, _device: Device): CudaArray {
    const a = this.newArray(shape, dtype);
    const bytes = a.size * itemBytes(dtype);
    if (bytes > 0) this.upload(a.block!.ptr, data, bytes);
    return a;
  }

  private upload(dst: bigint, data: HostArray, bytes: number): void {
    const { cu, stream } = this.libs;
    const direct = this.pinnedAddress(data);
    if (direct !== undefined) {
      // Page-locked source (emptyPinned): one DMA, no staging copy. Synchronous like the staged
      // path, so the caller may overwrite its array as soon as asarray returns.
      check(cu.cuMemcpyHtoDAsync_v2!(dst, direct, bytes, stream), 'cuMemcpyHtoDAsync');
      check(cu.cuStreamSynchronize!(stream), 'cuStreamSynchronize');
      return;
    }
    const src = new Uint8Array(data.buffer, data.byteOffset, bytes);
    // Stage through pinned buffers in chunks so the DMA overlaps the next chunk's host copy.
    const CHUNK = 32 << 20;
    const chunk = Math.min(bytes, CHUNK);
    const bufs: Pinned[] = [this.pinned.take(chunk)];
    if (bytes > chunk) bufs.push(this.pinned.take(chunk));
    const events: bigint[] = [];
    try {
      for (let o = 0, i = 0; o < bytes; o += chunk, i++) {
        const b = bufs[i % bufs.length]!;
        if (events[i % bufs.length] !== undefined) check(cu.cuEventSynchronize!(events[i % bufs.length]), 'cuEventSynchronize');
        const n = Math.min(chunk, bytes - o);
        b.bytes.set(src.subarray(o, o + n));
        check(cu.cuMemcpyHtoDAsync_v2!(dst + BigInt(o), b.ptr, n, stream), 'cuMemcpyHtoDAsync');
        let ev = events[i % bufs.length];
        if (ev === undefined) { const e = out<bigint>(); check(cu.cuEventCreate!(e, 2), 'cuEventCreate'); ev = events[i % bufs.length] = BigInt(e[0]); }
        check(cu.cuEventRecord!(ev, stream), 'cuEventRecord');
      }
      // The staging buffers go back to the pool only once their copies are done.
      for (const e of events) check(cu.cuEventSynchronize!(e), 'cuEventSynchronize');
    } finally {
      for (const e of events) cu.cuEventDestroy_v2!(e);
      for (const b of bufs) this.pinned.give(b);
    }
  }

  /** A contiguous materialised array with x's values (x itself when it already is one; refs +1). */
  private contiguous(x: CudaArray): CudaArray {
    if (x.node) this.materialize(x);
    if (x.isContiguous()) { x.refs++; return x; }
    return this.copyOf(x);
  }

  private copyOf(x: CudaArray): CudaArray {
    const o = this.newArray(x.shape, x.dtype);
    this.runElementwise(
      { nodes: [{ k: 'in', i: 0 }], root: 0, params: [], inputDtypes: [x.dtype] }, [x], [], o, o.strides, o.offset,
    );
    return o;
  }

  /** Throws the error a kernel flagged, from the flags a read copied to `bytes` at `at` (see queueErrorCopy). */
  private checkErrors(bytes: Uint8Array, at: number): void {
    const err = new BigUint64Array(bytes.buffer, bytes.byteOffset + at, 4).slice();
    if (err[0] === 0n) return;
    const code = Number(err[0]);
    const raw = BigInt.asIntN(64, err[1]!), axis = Number(BigInt.asIntN(64, err[2]!)), size = Number(BigInt.asIntN(64, err[3]!));
    check(this.libs.cu.cuMemsetD8Async!(this.errBlock.ptr, 0, 32, this.libs.stream), 'cuMemsetD8Async');
    if (code === ERR.pow) throw negativeIntegerPower();
    const fn = code === ERR.take ? 'take' : code === ERR.takeAlongAxis ? 'takeAlongAxis' : 'scatter';
    throw indexOutOfRange(fn, Number.isSafeInteger(Number(raw)) ? Number(raw) : raw, axis, size);
  }

  private hostResult(x: CudaArray, bytes: Uint8Array): HostArray {
    const Ctor = HOST_ARRAY[x.dtype] as unknown as { new (b: ArrayBuffer, o: number, n: number): HostArray; BYTES_PER_ELEMENT: number };
    const buf = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buf).set(bytes);
    return new Ctor(buf, 0, x.size * lanes(x.dtype));
  }

  readSync(x: K): HostArray {
    const { cu, stream } = this.libs;
    const c = this.contiguous(x.handle);
    try {
      const bytes = c.size * itemBytes(c.dtype);
      const p = this.pinned.take(bytes + 32);
      try {
        if (bytes > 0) check(cu.cuMemcpyDtoHAsync_v2!(p.ptr, this.addr(c), bytes, stream), 'cuMemcpyDtoHAsync');
        const errAt = Math.ceil(bytes / 8) * 8;
        const flags = this.queueErrorCopy(p.ptr + BigInt(errAt));
        check(cu.cuStreamSynchronize!(stream), 'cuStreamSynchronize');
        if (flags) this.checkErrors(p.bytes, errAt);
        return this.hostResult(c, p.bytes.subarray(0, bytes));
      } finally {
        this.pinned.give(p);
      }
    } finally {
      this.release(c);
    }
  }

  async read(x: K): Promise<HostArray> {
    const { cu, stream } = this.libs;
    const c = this.contiguous(x.handle);
    let p: Pinned | undefined;
    try {
      const bytes = c.size * itemBytes(c.dtype);
      const errAt = Math.ceil(bytes / 8) * 8;
      p = this.pinned.take(errAt + 32);
      if (bytes > 0) check(cu.cuMemcpyDtoHAsync_v2!(p.ptr, this.addr(c), bytes, stream), 'cuMemcpyDtoHAsync');
      const flags = this.queueErrorCopy(p.ptr + BigInt(errAt));
      // The source block may be reused by later kernels only after the copy: release after the wait.
      await this.drain();
      if (flags) this.checkErrors(p.bytes, errAt);
      return await this.copyOut(c, p.bytes.subarray(0, bytes));
    } finally {
      if (p) this.pinned.give(p);
      this.release(c);
    }
  }

  /**
   * Resolves once the given arrays are computed on the device: lazy (fused) ones are launched,
   * then an event recorded after them is awaited (polled as reads are). Device-side errors still
   * surface at the next read.
   */
  async ready(handles: readonly CudaArray[]): Promise<void> {
    for (const h of handles) if (h.node) this.materialize(h);
    await this.drain();
  }

  // ---- page-locked host arrays (CuPy: cupyx.empty_pinned, x.get(out=...)) ----
  private readonly pinnedHost = new WeakMap<ArrayBuffer, bigint>();
  private readonly pinnedFinalizer = new FinalizationRegistry<bigint>((p) => { this.libs.cu.cuMemFreeHost!(p); });

  /**
   * A host typed array of `length` elements in page-locked memory: `asarray` from it and
   * `readInto` it copy by DMA at full PCIe/NVLink speed, with no staging copy. The memory is
   * returned to the driver when the array is garbage-collected.
   */
  emptyPinned(dtype: DType, length: number): HostArray {
    if (!(DTYPES as readonly string[]).includes(dtype)) throw new DTypeError(`emptyPinned: unknown dtype ${String(dtype)}`);
    if (!Number.isSafeInteger(length) || length < 0) throw new ValueError(`emptyPinned: length must be a non-negative integer, got ${String(length)}`);
    const bytes = length * itemBytes(dtype);
    const ptr = this.pinned.driver.hostAlloc(Math.max(bytes, 1));
    const buf = this.libs.koffi.view(ptr, bytes) as ArrayBuffer;
    this.pinnedHost.set(buf, ptr);
    this.pinnedFinalizer.register(buf, ptr);
    const Ctor = HOST_ARRAY[dtype] as unknown as { new (b: ArrayBuffer, o: number, n: number): HostArray };
    return new Ctor(buf, 0, length * lanes(dtype));
  }

  /** The device-visible address of a page-locked host array (undefined when it is ordinary memory). */
  private pinnedAddress(data: HostArray): bigint | undefined {
    const base = this.pinnedHost.get(data.buffer as ArrayBuffer);
    return base === undefined ? undefined : base + BigInt(data.byteOffset);
  }

  /**
   * Reads x into `dst` (a typed array of x's host type and length, e.g. from `emptyPinned`):
   * a page-locked `dst` gets one DMA and no host copy; ordinary memory goes through staging.
   */
  async readInto(x: K, dst: HostArray): Promise<HostArray> {
    const want = HOST_ARRAY[x.dtype] as unknown as { name: string };
    const n = x.shape.reduce((a, b) => a * b, 1) * lanes(x.dtype);
    if (dst.constructor !== want) throw new DTypeError(`readInto: a ${x.dtype} array reads into a ${want.name}, got a ${dst.constructor.name}`);
    if (dst.length !== n) throw new ValueError(`readInto: the destination holds ${dst.length} values, the array has ${n}`);
    const direct = this.pinnedAddress(dst);
    if (direct === undefined) {
      (dst as unknown as { set(a: ArrayLike<unknown>): void }).set(await this.read(x) as ArrayLike<unknown>);
      return dst;
    }
    const { cu, stream } = this.libs;
    const c = this.contiguous(x.handle);
    const err = this.pinned.take(32);
    try {
      const bytes = c.size * itemBytes(c.dtype);
      if (bytes > 0) check(cu.cuMemcpyDtoHAsync_v2!(direct, this.addr(c), bytes, stream), 'cuMemcpyDtoHAsync');
      const flags = this.queueErrorCopy(err.ptr);
      await this.drain();
      if (flags) this.checkErrors(err.bytes, 0);
      return dst;
    } finally {
      this.pinned.give(err);
      this.release(c);
    }
  }

  /**
   * Waits until the work queued so far is done: records an event (kept for reuse: creating one
   * costs a driver call) and polls it (waitEvent).
   */
  private async drain(): Promise<void> {
    const { cu, stream } = this.libs;
    let ev = this.idleEvents.pop();
    if (ev === undefined) {
      const e = out<bigint>();
      check(cu.cuEventCreate!(e, 2 /* CU_EVENT_DISABLE_TIMING */), 'cuEventCreate');
      ev = BigInt(e[0]);
    }
    try {
      check(cu.cuEventRecord!(ev, stream), 'cuEventRecord');
      await this.waitEvent(ev);
    } finally {
      this.idleEvents.push(ev);
    }
  }

  /**
   * Waits for an event without holding the event loop for long: polls in place for up to
   * SPIN_MS (a small read is done by then, as CuPy's blocking read would be), then on
   * setImmediate, then on 1 ms timers.
   */
  private waitEvent(ev: bigint): Promise<void> {
    const { cu } = this.libs;
    const done = (): boolean => {
      const r = cu.cuEventQuery!(ev);
      if (r === 0) return true;
      if (r !== CUDA_ERROR_NOT_READY) check(r, 'cuEventQuery');
      return false;
    };
    const t0 = performance.now();
    try {
      while (performance.now() - t0 < SPIN_MS) if (done()) return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      const poll = () => {
        try {
          if (done()) return resolve();
        } catch (e) {
          return reject(e);
        }
        if (performance.now() - t0 < 20) setImmediate(poll); else setTimeout(poll, 1);
      };
      setImmediate(poll);
    });
  }

  /**
   * Queues a copy of the device error flags to `dst` when a kernel that can raise them ran since
   * the last such copy; returns whether it did (only then are the flags checked).
   */
  private queueErrorCopy(dst: bigint): boolean {
    if (!this.errPending) return false;
    check(this.libs.cu.cuMemcpyDtoHAsync_v2!(dst, this.errBlock.ptr, 32, this.libs.stream), 'cuMemcpyDtoHAsync');
    this.errPending = false;
    return true;
  }

  /** The error-flag block, for a kernel that may raise one (the next read then checks the flags). */
  private errPtr(): bigint {
    this.errPending = true;
    return this.errBlock.ptr;
  }

  /** Pinned → a fresh host array; large copies run as parallel memcpys on libuv threads. */
  private async copyOut(x: CudaArray, src: Uint8Array): Promise<HostArray> {
    const n = src.byteLength;
    if (n < (8 << 20)) return this.hostResult(x, src);
    const buf = new ArrayBuffer(n);
    const dst = this.libs.koffi.address(new Uint8Array(buf)) as bigint;
    const srcAddr = (this.libs.koffi.address(src) as bigint);
    const parts = 4;
    const step = Math.ceil(n / parts / 4096) * 4096;
    const memcpy = this.libs.libc.memcpy as any;
    await Promise.all(Array.from({ length: parts }, (_, i) => {
      const o = i * step, len = Math.max(0, Math.min(step, n - o));
      if (len === 0) return Promise.resolve();
      return new Promise<void>((res, rej) => memcpy.async(dst + BigInt(o), srcAddr + BigInt(o), len, (e: unknown) => (e ? rej(e) : res())));
    }));
    const Ctor = HOST_ARRAY[x.dtype] as unknown as { new (b: ArrayBuffer, o: number, n: number): HostArray };
    return new Ctor(buf, 0, x.size * lanes(x.dtype));
  }

  free(handle: CudaArray): void { this.release(handle); }
  /** Bytes of live arrays (computed or still lazy), without the adapter's own blocks. */
  memoryBytes(): number { return this.pool.usedBytes - this.internalBytes + this.lazyBytes; }
  /** The adapter's own blocks: error flags, reduction scratch, cuBLAS workspace. */
  private get internalBytes(): number {
    const r = this.reduceScratch;
    return this.errBlock.size + (r ? r.partials.size + r.tickets.size : 0) + (this.blasWorkspace?.size ?? 0);
  }

  // ---- creation ----
  full(shape: Shape, value: FillValue, dtype: DType, _device: Device): CudaArray {
    const a = new CudaArray(shape, dtype);
    a.node = { k: 'const', value };
    a.leaves = 0;
    // Stays lazy even with fusion off: an elementwise op then takes it as a kernel parameter
    // (CuPy's scalar arguments), and anything else materialises it on first use.
    return this.countLazy(a);
  }

  // ---- elementwise and fusion ----
  private lazy(shape: readonly number[], dtype: DType, node: LazyNode): CudaArray {
    const kids = children(node);
    const over = () => {
      let ops = 1, leaves = 0;
      for (const c of kids) { if (c.node && c.node.k !== 'const') { ops += c.ops; leaves += c.leaves; } else if (!c.node) leaves += 1; }
      return { ops, leaves };
    };
    let cost = over();
    if (cost.ops > MAX_FUSED_OPS || cost.leaves > MAX_FUSED_LEAVES) {
      for (const c of kids) if (c.node && c.node.k !== 'const') this.materialize(c);
      cost = over();
    }
    for (const c of kids) c.refs++;
    const a = new CudaArray(shape, dtype);
    a.node = node;
    a.ops = cost.ops;
    a.leaves = cost.leaves;
    this.countLazy(a);
    if (!this.fusion) this.materialize(a);
    return a;
  }

  /** Computes a lazy array into its own block (children released). */
  materialize(a: CudaArray): void {
    if (!a.node) return;
    const block = this.alloc(a.size * itemBytes(a.dtype));
    // A lazy array's strides are contiguous (set at construction, never changed while lazy).
    if (a.size > 0) {
      const plan = planFusion(a);
      this.runElementwise(plan.kernel, plan.inputs, plan.params, a, a.strides, 0, block);
    }
    const n = a.node;
    this.uncountLazy(a);
    a.node = undefined;
    a.block = block;
    a.offset = 0;
    for (const c of children(n)) this.release(c);
  }

  /**
   * Launches one elementwise kernel computing `plan` over `shape` into the output region
   * (`outBlock` or `outArr`'s block at `outOffset` with `outStrides`).
   */
  private runElementwise(
    plan: { nodes: ElementwiseKernel['nodes']; root: number; params: readonly DType[]; inputDtypes: readonly DType[] },
    inputs: readonly CudaArray[], params: readonly { dtype: DType; value: FillValue }[],
    outArr: CudaArray, outStrides: readonly number[], outOffset: number, outBlock: Block = outArr.block!,
  ): void {
    const shape = outArr.shape;
    const size = outArr.size;
    if (size === 0) return;
    const operands: (readonly number[])[] = [...inputs.map((x) => x.strides), outStrides];
    const { modes, collapsed: col } = classify(shape, operands);
    const outMode: Mode = modes[modes.length - 1] === 'b' ? 'c' : modes[modes.length - 1]!;
    const anyStrided = modes.includes('s'); // the output's mode is the last; its 'b' → 'c' mapping never makes an 's'
    const nd = anyStrided ? col!.shape.length : 0;
    const wide = size >= 2 ** 31;
    const k: ElementwiseKernel = {
      inputs: inputs.map((x, i) => ({ dtype: x.dtype, mode: modes[i]! })),
      params: plan.params, nodes: plan.nodes, root: plan.root,
      out: { dtype: outArr.dtype, mode: outMode }, nd, wide,
    };
    const sig = signature(k);
    let e = this.ew.get(sig);
    if (!e) {
      const g = elementwiseSource(k);
      const fn = this.fn(`ew:${sig}`, EW_NAME, () => g.source);
      e = { fn, needsErr: g.needsErr, strided: g.strided };
      this.ew.set(sig, e);
    }
    const w = this.args.reset();
    w.u64(size);
    w.ptr(outOffset === 0 ? outBlock.ptr : outBlock.ptr + BigInt(outOffset * itemBytes(outArr.dtype)));
    for (const x of inputs) w.ptr(this.addr(x));
    for (const p of params) w.scalar(p.dtype, p.value);
    if (e.needsErr) w.ptr(this.errPtr());
    if (e.strided > 0) {
      const geo: number[] = [...col!.shape];
      col!.strides.forEach((st, i) => { if (modes[i] === 's' || (i === modes.length - 1 && outMode === 's')) geo.push(...st); });
      w.i64s(geo);
    }
    this.launch(e.fn, this.grid(size), BLOCK);
  }

  cast(x: K, dtype: DType): CudaArray {
    const h = x.handle;
    if (x.dtype === dtype) return this.share(h);
    return this.lazy(x.shape, dtype, { k: 'cast', a: h, from: x.dtype });
  }
  /** A second handle to the same values. */
  private share(h: CudaArray): CudaArray {
    if (h.node) {
      if (h.node.k === 'const') { const c = new CudaArray(h.shape, h.dtype); c.node = h.node; c.leaves = 0; return this.countLazy(c); }
      this.materialize(h);
    }
    return this.view(h, h.shape, h.strides.slice(), h.offset);
  }

  unary(op: UnaryOp, x: K, dtype: DType): CudaArray {
    return this.lazy(x.shape, dtype, { k: 'unary', op, a: x.handle, d: x.dtype });
  }
  binary(op: BinaryOp, a: K, b: K, dtype: DType): CudaArray {
    return this.lazy(a.shape, dtype, { k: 'binary', op, a: a.handle, b: b.handle, d: a.dtype });
  }
  where(cond: K, a: K, b: K): CudaArray {
    return this.lazy(a.shape, a.dtype, { k: 'where', c: cond.handle, a: a.handle, b: b.handle });
  }

  // ---- views ----
  private base(x: CudaArray): CudaArray { if (x.node) this.materialize(x); return x; }
  private constLike(h: CudaArray, shape: readonly number[]): CudaArray | undefined {
    if (h.node?.k !== 'const') return undefined;
    const c = new CudaArray(shape, h.dtype);
    c.node = h.node;
    c.leaves = 0;
    return this.countLazy(c);
  }

  reshape(x: K, shape: Shape): CudaArray {
    const h = x.handle;
    const c = this.constLike(h, shape);
    if (c) return c;
    this.base(h);
    if (h.isContiguous()) return this.view(h, shape, contiguousStrides(shape), h.offset);
    const copy = this.copyOf(h);
    const v = this.view(copy, shape, contiguousStrides(shape), 0);
    this.release(copy);
    return v;
  }
  permute(x: K, axes: readonly number[]): CudaArray {
    const h = x.handle;
    const shape = axes.map((a) => h.shape[a]!);
    const c = this.constLike(h, shape);
    if (c) return c;
    this.base(h);
    return this.view(h, shape, axes.map((a) => h.strides[a]!), h.offset);
  }
  slice(x: K, start: readonly number[], step: readonly number[], shape: Shape): CudaArray {
    const h = x.handle;
    const c = this.constLike(h, shape);
    if (c) return c;
    this.base(h);
    let off = h.offset;
    for (let d = 0; d < start.length; d++) if (shape[d]! > 0) off += start[d]! * h.strides[d]!;
    return this.view(h, shape, h.strides.map((s, d) => s * step[d]!), off);
  }
  broadcastTo(x: K, shape: Shape): CudaArray {
    const h = x.handle;
    const c = this.constLike(h, shape);
    if (c) return c;
    this.base(h);
    return this.view(h, shape, shape.map((n, d) => (h.shape[d] === n ? h.strides[d]! : 0)), h.offset);
  }
  concat(xs: readonly K[], axis: number): CudaArray {
    const first = xs[0]!;
    const shape = first.shape.slice();
    shape[axis] = xs.reduce((s, x) => s + x.shape[axis]!, 0);
    const o = this.newArray(shape, first.dtype);
    let at = 0;
    for (const x of xs) {
      const h = this.base(x.handle);
      const region = new CudaArray(x.shape, first.dtype);
      this.runElementwise({ nodes: [{ k: 'in', i: 0 }], root: 0, params: [], inputDtypes: [h.dtype] }, [h], [], region, o.strides, at * o.strides[axis]!, o.block!);
      at += x.shape[axis]!;
    }
    return o;
  }

  // ---- reductions ----
  reduce(op: ReduceOp, x: K, axes: readonly number[]): CudaArray {
    const h = this.base(x.handle);
    const outDtype: DType = op === 'all' || op === 'any' ? 'bool' : x.dtype;
    const kept = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const outShape = kept.map((i) => x.shape[i]!);
    const o = this.newArray(outShape, outDtype);
    const rows = o.size;
    let n = 1;
    for (const a of axes) n *= x.shape[a]!;
    if (rows === 0) return o;
    if (n === 0) {
      this.fillInto(o, op === 'prod' || op === 'all' ? 1 : 0);
      return o;
    }
    // Middle axes of a contiguous array: one thread per column, no copy.
    const sorted = [...axes].sort((a, b) => a - b);
    const block = sorted.length > 0 && sorted[sorted.length - 1]! - sorted[0]! === sorted.length - 1;
    if (h.isContiguous() && block && sorted[sorted.length - 1] !== x.shape.length - 1) {
      let outer = 1, inner = 1;
      for (let i = 0; i < sorted[0]!; i++) outer *= x.shape[i]!;
      for (let i = sorted[sorted.length - 1]! + 1; i < x.shape.length; i++) inner *= x.shape[i]!;
      const f = this.fn(`redc:${op}:${x.dtype}`, 'arr_reduce_cols', () => reduceStridedSource(op, x.dtype, outDtype));
      this.args.reset().ptr(this.addr(h)).ptr(o.block!.ptr).i64(outer).i64(n).i64(inner);
      this.launch(f, this.grid(outer * inner), BLOCK);
      return o;
    }
    // Otherwise reduced axes innermost, contiguous: [rows, n].
    const perm = [...kept, ...axes];
    const pv = this.view(h, perm.map((a) => x.shape[a]!), perm.map((a) => h.strides[a]!), h.offset);
    const c = this.contiguous(pv);
    this.release(pv);
    try {
      this.reduceRows(op, x.dtype, outDtype, c, rows, n, o.block!.ptr);
    } finally {
      this.release(c);
    }
    return o;
  }

  private reduceRows(op: ReduceOp, d: DType, outDtype: DType, c: CudaArray, rows: number, n: number, dst: bigint): void {
    if (n <= 64 || rows >= 4 * this.maxGrid) {
      const f = this.fn(`redc:${op}:${d}`, 'arr_reduce_cols', () => reduceStridedSource(op, d, outDtype));
      this.args.reset().ptr(this.addr(c)).ptr(dst).i64(rows).i64(n).i64(1);
      this.launch(f, this.grid(rows), BLOCK);
      return;
    }
    // 16-byte loads where rows and chunks start on 16-byte boundaries.
    const vec = VEC4[d] !== undefined && n % 4 === 0 && this.addr(c) % 16n === 0n;
    const v = vec ? 'v' : '';
    const scratch = this.reduceScratch;
    const f1 = scratch
      ? this.fn(`red1:${op}:${d}${v}`, 'arr_reduce1', () => reduceOnePassSource(op, d, outDtype, vec))
      : this.fn(`redr:${op}:${d}:01${v}`, 'arr_reduce', () => reduceRowsSource(op, d, outDtype, false, true, vec));
    // Exactly one full wave of blocks (as many as fit on every SM at once): a partial last wave
    // would leave most SMs idle while a few finish.
    const wave = this.libs.device.smCount * Math.min(MAX_BLOCKS_PER_SM, this.occupancy(f1));
    let chunks = rows >= wave ? 1 : Math.min(Math.floor(wave / rows), Math.ceil(n / (BLOCK * 4)));
    if (chunks <= 1) {
      const f = this.fn(`redr:${op}:${d}:00${v}`, 'arr_reduce', () => reduceRowsSource(op, d, outDtype, false, false, vec));
      this.args.reset().ptr(this.addr(c)).ptr(dst).i64(n).i64(1).i64(n);
      this.launch(f, rows, BLOCK);
      return;
    }
    const chunk = vec ? Math.ceil(n / chunks / 4) * 4 : Math.ceil(n / chunks);
    chunks = Math.ceil(n / chunk);
    if (scratch) {
      // rows * chunks <= wave: the scratch holds a partial per block and a ticket per row.
      this.args.reset().ptr(this.addr(c)).ptr(dst).ptr(scratch.partials.ptr).ptr(scratch.tickets.ptr).i64(n).i64(chunks).i64(chunk);
      this.launch(f1, rows * chunks, BLOCK);
      return;
    }
    const tmp = this.alloc(rows * chunks * ACC_BYTES);
    try {
      this.args.reset().ptr(this.addr(c)).ptr(tmp.ptr).i64(n).i64(chunks).i64(chunk);
      this.launch(f1, rows * chunks, BLOCK);
      const f2 = this.fn(`redr:${op}:${d}:10`, 'arr_reduce', () => reduceRowsSource(op, d, outDtype, true, false));
      this.args.reset().ptr(tmp.ptr).ptr(dst).i64(chunks).i64(1).i64(chunks);
      this.launch(f2, rows, BLOCK);
    } finally {
      this.pool.release(tmp);
    }
  }

  private fillInto(o: CudaArray, v: FillValue): void {
    this.runElementwise({ nodes: [{ k: 'param', i: 0 }], root: 0, params: [o.dtype], inputDtypes: [] }, [], [{ dtype: o.dtype, value: v }], o, o.strides, o.offset);
  }

  /** x with `axis` moved last, contiguous, as [rows, n]. */
  private axisLast(x: K, axis: number): { c: CudaArray; rows: number; n: number; perm: number[] } {
    const h = this.base(x.handle);
    const nd = x.shape.length;
    const perm = [...Array(nd).keys()].filter((i) => i !== axis);
    perm.push(axis);
    const pv = this.view(h, perm.map((a) => x.shape[a]!), perm.map((a) => h.strides[a]!), h.offset);
    const c = this.contiguous(pv);
    this.release(pv);
    const n = x.shape[axis]!;
    return { c, rows: n === 0 ? 0 : c.size / n, n, perm };
  }
  /** A [.., n] contiguous result in axis-last order, viewed back in the original axis order. */
  private axisBack(o: CudaArray, perm: number[]): CudaArray {
    const inv = new Array<number>(perm.length);
    perm.forEach((p, i) => { inv[p] = i; });
    const v = this.view(o, inv.map((i) => o.shape[i]!), inv.map((i) => o.strides[i]!), 0);
    this.release(o);
    return v;
  }

  argReduce(op: ArgReduceOp, x: K, axis: number): CudaArray {
    const { c, rows, n } = this.axisLast(x, axis);
    try {
      const o = this.newArray(x.shape.filter((_, i) => i !== axis), 'int32');
      if (rows > 0) {
        const f = this.fn(`arg:${op}:${x.dtype}`, 'arr_argreduce', () => argReduceSource(op, x.dtype));
        this.args.reset().ptr(this.addr(c)).ptr(o.block!.ptr).i64(rows).i64(n);
        this.launch(f, Math.min(rows, 65535 * 16), BLOCK);
      }
      return o;
    } finally {
      this.release(c);
    }
  }

  scan(op: ScanOp, x: K, axis: number): CudaArray {
    const { c, rows, n, perm } = this.axisLast(x, axis);
    try {
      const o = this.newArray(c.shape, x.dtype);
      if (rows > 0) {
        const f = this.fn(`scan:${op}:${x.dtype}`, 'arr_scan', () => scanSource(op, x.dtype));
        this.args.reset().ptr(this.addr(c)).ptr(o.block!.ptr).i64(rows).i64(n);
        this.launch(f, Math.min(rows, 65535 * 16), BLOCK);
      }
      return this.axisBack(o, perm);
    } finally {
      this.release(c);
    }
  }

  // ---- linear algebra ----
  matmul(a: K, b: K): CudaArray {
    const nd = a.shape.length;
    const m = a.shape[nd - 2]!, k = a.shape[nd - 1]!, n = b.shape[nd - 1]!;
    const shape = [...a.shape.slice(0, nd - 1), n];
    const o = this.newArray(shape, a.dtype);
    if (o.size === 0) return o;
    if (k === 0) { this.fillInto(o, 0); return o; }
    const batch = o.size / (m * n);
    const ca = this.contiguous(a.handle), cb = this.contiguous(b.handle);
    try {
      const d = a.dtype;
      const blas = d === 'float16' || d === 'float32' || d === 'float64' || d === 'complex64' || d === 'complex128';
      if (!blas) {
        const f = this.fn(`imm:${d}`, 'arr_imatmul', () => intMatmulSource(d));
        this.args.reset().ptr(this.addr(ca)).ptr(this.addr(cb)).ptr(o.block!.ptr).i64(batch).i64(m).i64(k).i64(n);
        this.launch(f, this.grid(o.size), BLOCK);
        return o;
      }
      this.gemm(d, this.addr(cb), this.addr(ca), o.block!.ptr, m, n, k, batch);
      return o;
    } finally {
      this.release(ca);
      this.release(cb);
    }
  }

  /** Row-major C[m,n] = A[m,k]·B[k,n] as column-major Cᵀ = Bᵀ·Aᵀ (pointers: bT = B, aT = A). */
  private gemm(d: DType, B: bigint, A: bigint, C: bigint, m: number, n: number, k: number, batch: number): void {
    const { cublas, cublasHandle } = this.libs;
    const [t, compute] = GEMM_TYPES[d]!;
    const c = compute === 68 && d === 'float32' && this.tf32 ? 77 : compute;
    const [alpha, beta] = compute === 70 ? GEMM_SCALARS_F64 : GEMM_SCALARS_F32;
    if (this.blasWorkspace === undefined && this.blasWorkspaceBytes > 0) {
      // With a workspace of its own, the bare cuBLAS call for a queued 4096² product took 14 µs of
      // host time instead of 20 (H200, third session's call E; later calls found the difference
      // within noise). Held for the adapter's lifetime; cuBLAS and cuBLASLt share it (one
      // stream, so never at the same time).
      const ws = this.pool.alloc(this.blasWorkspaceBytes);
      checkBlas(cublas.cublasSetWorkspace_v2!(cublasHandle, ws.ptr, this.blasWorkspaceBytes), 'cublasSetWorkspace');
      this.blasWorkspace = ws;
    }
    // float16 products accumulate and scale in float32; the others scale in their own type.
    const problem = { type: t, scaleType: t === 2 ? 0 : t, compute: c, m, n, k, batch };
    if (this.lt?.run(problem, alpha, beta, B, A, C, this.blasWorkspace?.ptr ?? 0n, this.blasWorkspace?.size ?? 0)) {
      this.launches++;
      return;
    }
    const mode = c === 77 ? 3 : 0;
    if (mode !== this.mathMode) {
      checkBlas(cublas.cublasSetMathMode!(cublasHandle, mode), 'cublasSetMathMode');
      this.mathMode = mode;
    }
    // cublasGemmStridedBatchedEx for a batch of 1 too: the H200 runs of 2026-12-03 measured the
    // plain cublasGemmEx path slower here (TF32 4096²: 0.40 ms against 0.36 ms, with ~100-200 µs
    // of host time per call), so it was taken out again.
    checkBlas(cublas.cublasGemmStridedBatchedEx!(
      cublasHandle, 0, 0, n, m, k, alpha, B, t, n, k * n, A, t, k, m * k, beta, C, t, n, m * n, batch, c, -1,
    ), 'cublasGemmStridedBatchedEx');
    this.launches++;
  }

  // ---- indexing ----
  private geom(shape: readonly number[], axis: number) {
    let P = 1, Q = 1;
    for (let i = 0; i < axis; i++) P *= shape[i]!;
    for (let i = axis + 1; i < shape.length; i++) Q *= shape[i]!;
    return { P, Q, N: shape[axis]! };
  }

  /**
   * Checks index values on the host before the kernel runs, so an out-of-range index throws at
   * the call (as core expects) instead of at a later read-back. One small read of the indices.
   */
  private checkIndices(fn: 'take' | 'takeAlongAxis' | 'scatter', indices: K, axis: number, n: number): void {
    if (indices.handle.size === 0) return;
    const vals = this.readSync(indices) as ArrayLike<number | bigint>;
    for (let i = 0; i < vals.length; i++) {
      const v = Number(vals[i]);
      if (v < -n || v >= n) throw indexOutOfRange(fn, vals[i]!, axis, n);
    }
  }

  take(x: K, indices: K, axis: number): CudaArray {
    this.checkIndices('take', indices, axis, x.shape[axis]!);
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    const o = this.newArray(shape, x.dtype);
    if (o.size === 0) return o;
    const cx = this.contiguous(x.handle), ci = this.contiguous(indices.handle);
    try {
      const { P, Q, N } = this.geom(x.shape, axis);
      const f = this.fn(`take:${x.dtype}:${indices.dtype}`, 'arr_take', () => takeSource(x.dtype, indices.dtype));
      this.args.reset().ptr(this.addr(cx)).ptr(this.addr(ci)).ptr(o.block!.ptr).i64(P).i64(N).i64(Q).i64(ci.size).i64(axis).ptr(this.errPtr());
      this.launch(f, this.grid(o.size), BLOCK);
      return o;
    } finally {
      this.release(cx);
      this.release(ci);
    }
  }

  /** Core's optional `compress` hook: present unless `deviceExtract: false`. */
  readonly compress?: (x: K, mask: K) => Promise<{ handle: CudaArray; count: number }>;

  /** `extract` on the device: count per block, offsets, then an ordered write (one 8-byte read of the total). */
  private async compressOnDevice(x: K, mask: K): Promise<{ handle: CudaArray; count: number }> {
    const n = x.handle.size;
    if (n === 0) return { handle: this.newArray([0], x.dtype), count: 0 };
    const cx = this.contiguous(x.handle), cm = this.contiguous(mask.handle);
    const blocks = Math.max(1, Math.min(Math.ceil(n / (BLOCK * 16)), this.libs.device.smCount * 16));
    const chunk = Math.ceil(n / blocks);
    const counts = this.newArray([blocks + 1], 'int64');
    try {
      const key = `compress:${x.dtype}`;
      const src = () => compressSource(x.dtype);
      this.args.reset().ptr(this.addr(cm)).ptr(this.addr(counts)).i64(n).i64(chunk);
      this.launch(this.fn(key, 'arr_compress_count', src), blocks, BLOCK);
      this.args.reset().ptr(this.addr(counts)).i64(blocks);
      this.launch(this.fn(key, 'arr_compress_offsets', src), 1, 32);
      const total = this.view(counts, [1], [1], blocks);
      let count: number;
      try {
        count = Number((await this.read({ handle: total, shape: [1], dtype: 'int64' }))[0]);
      } finally {
        this.release(total);
      }
      const o = this.newArray([count], x.dtype);
      if (count > 0) {
        this.args.reset().ptr(this.addr(cx)).ptr(this.addr(cm)).ptr(o.block!.ptr).ptr(this.addr(counts)).i64(n).i64(chunk);
        this.launch(this.fn(key, 'arr_compress_write', src), blocks, BLOCK);
      }
      return { handle: o, count };
    } finally {
      // Stream order keeps these alive for the kernels already queued.
      this.release(counts);
      this.release(cx);
      this.release(cm);
    }
  }

  takeAlongAxis(x: K, indices: K, axis: number): CudaArray {
    this.checkIndices('takeAlongAxis', indices, axis, x.shape[axis]!);
    const o = this.newArray(indices.shape, x.dtype);
    if (o.size === 0) return o;
    const cx = this.contiguous(x.handle), ci = this.contiguous(indices.handle);
    try {
      const { P, Q, N } = this.geom(x.shape, axis);
      const f = this.fn(`tal:${x.dtype}:${indices.dtype}`, 'arr_take_along', () => takeAlongSource(x.dtype, indices.dtype));
      this.args.reset().ptr(this.addr(cx)).ptr(this.addr(ci)).ptr(o.block!.ptr).i64(P).i64(N).i64(Q).i64(indices.shape[axis]!).i64(axis).ptr(this.errPtr());
      this.launch(f, this.grid(o.size), BLOCK);
      return o;
    } finally {
      this.release(cx);
      this.release(ci);
    }
  }

  setSlice(x: K, start: readonly number[], step: readonly number[], values: K): CudaArray {
    const o = this.copyOf(this.base(x.handle));
    let off = 0;
    for (let d = 0; d < start.length; d++) off += start[d]! * o.strides[d]!;
    const v = this.base(values.handle);
    const region = new CudaArray(values.shape, x.dtype);
    this.runElementwise({ nodes: [{ k: 'in', i: 0 }], root: 0, params: [], inputDtypes: [v.dtype] }, [v], [], region, o.strides.map((s, d) => s * step[d]!), off, o.block!);
    return o;
  }

  scatter(x: K, indices: K, axis: number, values: K): CudaArray {
    this.checkIndices('scatter', indices, axis, x.shape[axis]!);
    const o = this.copyOf(this.base(x.handle));
    const J = indices.shape[0]!;
    const { P, Q, N } = this.geom(x.shape, axis);
    if (J === 0 || P * Q === 0) return o;
    const ci = this.contiguous(indices.handle), cv = this.contiguous(values.handle);
    try {
      const f = this.fn(`scat:${x.dtype}:${indices.dtype}`, 'arr_scatter', () => scatterSource(x.dtype, indices.dtype));
      this.args.reset().ptr(o.block!.ptr).ptr(this.addr(ci)).ptr(this.addr(cv)).i64(P).i64(N).i64(Q).i64(J).i64(axis).ptr(this.errPtr());
      this.launch(f, this.grid(P * J * Q), BLOCK);
      return o;
    } finally {
      this.release(ci);
      this.release(cv);
    }
  }

  // ---- sorting and searching ----
  private sortImpl(x: K, axis: number, descending: boolean, want: 'keys' | 'idx'): CudaArray {
    const { c, rows, n, perm } = this.axisLast(x, axis);
    try {
      const o = this.newArray(c.shape, want === 'keys' ? x.dtype : 'int32');
      if (rows === 0 || n === 0) return this.axisBack(o, perm);
      const d = x.dtype;
      const p = 2 ** Math.ceil(Math.log2(Math.max(n, 1)));
      const S = itemBytes(d);
      const keys = this.alloc(rows * p * S), idx = this.alloc(rows * p * 4);
      try {
        const key = `sort:${d}:${descending ? 1 : 0}`;
        const src = () => sortSource(d, descending);
        const total = rows * p;
        this.args.reset().ptr(this.addr(c)).ptr(keys.ptr).ptr(idx.ptr).i64(rows).i64(n).i64(p);
        this.launch(this.fn(key, 'arr_sort_init', src), this.grid(total), BLOCK);
        if (p <= 2048 && p * (S + 4) <= 48 * 1024) {
          this.args.reset().ptr(keys.ptr).ptr(idx.ptr).i64(rows).i64(n).i64(p);
          this.launch(this.fn(key, 'arr_sort_small', src), Math.min(rows, 65535 * 16), Math.min(1024, Math.max(32, p / 2)), Math.ceil((p * 4) / 16) * 16 + p * S);
        } else {
          const step = this.fn(key, 'arr_sort_step', src);
          for (let k = 2; k <= p; k *= 2) {
            for (let j = k / 2; j >= 1; j /= 2) {
              this.args.reset().ptr(keys.ptr).ptr(idx.ptr).i64(rows).i64(n).i64(p).i64(k).i64(j);
              this.launch(step, this.grid(total), BLOCK);
            }
          }
        }
        this.args.reset().ptr(keys.ptr).ptr(idx.ptr).ptr(want === 'keys' ? o.block!.ptr : 0n).ptr(want === 'idx' ? o.block!.ptr : 0n).i64(rows).i64(n).i64(p);
        this.launch(this.fn(key, 'arr_sort_out', src), this.grid(rows * n), BLOCK);
      } finally {
        this.pool.release(keys);
        this.pool.release(idx);
      }
      return this.axisBack(o, perm);
    } finally {
      this.release(c);
    }
  }

  sort(x: K, axis: number, descending: boolean, _stable: boolean): CudaArray {
    return this.sortImpl(x, axis, descending, 'keys');
  }
  argsort(x: K, axis: number, descending: boolean, _stable: boolean): CudaArray {
    return this.sortImpl(x, axis, descending, 'idx');
  }
  searchsorted(x1: K, v: K, side: 'left' | 'right'): CudaArray {
    const o = this.newArray(v.shape, 'int32');
    if (o.size === 0) return o;
    const ca = this.contiguous(x1.handle), cv = this.contiguous(v.handle);
    try {
      const f = this.fn(`ss:${x1.dtype}:${side}`, 'arr_searchsorted', () => searchsortedSource(x1.dtype, side));
      this.args.reset().ptr(this.addr(ca)).ptr(this.addr(cv)).ptr(o.block!.ptr).i64(ca.size).i64(cv.size);
      this.launch(f, this.grid(cv.size), BLOCK);
      return o;
    } finally {
      this.release(ca);
      this.release(cv);
    }
  }
}

export { OutOfMemory };
