/**
 * The CUDA driver, cuBLAS and NVRTC through koffi (no compiled addon). Every call's status is
 * checked here and turned into a DeviceError naming the call and the CUDA error.
 * Handles (contexts, streams, modules, functions) are koffi BigInt pointers; device pointers are
 * BigInt too.
 */
import { createRequire } from 'node:module';
import { DeviceError } from '@arr/core';
import { type Discovery, discover, missingMessage, pickToolkit, type Toolkit } from './discovery.js';

const require = createRequire(import.meta.url);
type Koffi = typeof import('koffi');
type Fn = (...args: any[]) => any;

let koffiModule: Koffi | undefined;
function koffi(): Koffi {
  if (!koffiModule) {
    try {
      koffiModule = require('koffi') as Koffi;
    } catch (e) {
      throw new DeviceError(`cuda: the koffi FFI package could not load (${(e as Error).message}); reinstall @arr/adapter-cuda's dependencies`);
    }
  }
  return koffiModule;
}

export const CUDA_ERROR_OUT_OF_MEMORY = 2;
export const CUDA_ERROR_NOT_READY = 600;

/** Thrown by memAlloc when the device is out of memory (the pool frees its cache and retries). */
export class OutOfMemory extends Error {}

export interface DeviceProps {
  readonly name: string;
  readonly major: number;
  readonly minor: number;
  readonly totalMem: number;
  readonly smCount: number;
}

/** The part of the driver the memory pool uses (tests pass a fake). */
export interface MemDriver {
  memAlloc(bytes: number): bigint;
  memFree(ptr: bigint): void;
  /** Waits for the stream (before freeing cached blocks that queued work may still use). */
  synchronize(): void;
}

export interface Libraries {
  readonly koffi: Koffi;
  readonly driverPath: string;
  readonly toolkit: Toolkit;
  readonly driverVersion: number;
  readonly nvrtcVersion: readonly [number, number];
  readonly cublasVersion: number;
  readonly device: DeviceProps;
  readonly cu: Record<string, Fn>;
  readonly cublas: Record<string, Fn>;
  readonly cublasLt: Record<string, Fn>;
  readonly nvrtc: Record<string, Fn>;
  readonly libc: Record<string, Fn>;
  readonly context: bigint;
  readonly stream: bigint;
  readonly cublasHandle: bigint;
  readonly cublasLtHandle: bigint;
}

const DRIVER_FNS = [
  'int cuInit(unsigned int flags)',
  'int cuDriverGetVersion(_Out_ int *v)',
  'int cuDeviceGetCount(_Out_ int *n)',
  'int cuDeviceGet(_Out_ int *dev, int ordinal)',
  'int cuDeviceGetName(_Out_ char *name, int len, int dev)',
  'int cuDeviceGetAttribute(_Out_ int *v, int attrib, int dev)',
  'int cuDeviceTotalMem_v2(_Out_ size_t *bytes, int dev)',
  'int cuDevicePrimaryCtxRetain(_Out_ void **ctx, int dev)',
  'int cuCtxSetCurrent(void *ctx)',
  'int cuStreamCreate(_Out_ void **stream, unsigned int flags)',
  'int cuStreamSynchronize(void *stream)',
  'int cuMemAlloc_v2(_Out_ uint64_t *dptr, size_t bytes)',
  'int cuMemFree_v2(uint64_t dptr)',
  'int cuMemGetInfo_v2(_Out_ size_t *free, _Out_ size_t *total)',
  'int cuMemcpyHtoDAsync_v2(uint64_t dst, void *src, size_t bytes, void *stream)',
  'int cuMemcpyDtoHAsync_v2(void *dst, uint64_t src, size_t bytes, void *stream)',
  'int cuMemcpyDtoDAsync_v2(uint64_t dst, uint64_t src, size_t bytes, void *stream)',
  'int cuMemcpyHtoD_v2(uint64_t dst, void *src, size_t bytes)',
  'int cuMemcpyDtoH_v2(void *dst, uint64_t src, size_t bytes)',
  'int cuMemsetD8Async(uint64_t dst, uint8_t value, size_t n, void *stream)',
  'int cuMemHostAlloc(_Out_ void **p, size_t bytes, unsigned int flags)',
  'int cuMemFreeHost(void *p)',
  'int cuModuleLoadData(_Out_ void **module, void *image)',
  'int cuModuleGetFunction(_Out_ void **fn, void *module, const char *name)',
  'int cuOccupancyMaxActiveBlocksPerMultiprocessor(_Out_ int *blocks, void *fn, int blockSize, size_t smem)',
  'int cuLaunchKernel(void *f, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by, unsigned int bz, unsigned int shmem, void *stream, void *params, void *extra)',
  'int cuEventCreate(_Out_ void **ev, unsigned int flags)',
  'int cuEventRecord(void *ev, void *stream)',
  'int cuEventQuery(void *ev)',
  'int cuEventSynchronize(void *ev)',
  'int cuEventDestroy_v2(void *ev)',
  'int cuEventElapsedTime(_Out_ float *ms, void *start, void *end)',
  'int cuGetErrorName(int err, _Out_ const char **name)',
];
const CUBLAS_FNS = [
  'int cublasCreate_v2(_Out_ void **h)',
  'int cublasSetStream_v2(void *h, void *stream)',
  'int cublasSetMathMode(void *h, int mode)',
  'int cublasSetWorkspace_v2(void *h, uint64_t workspace, size_t bytes)',
  'int cublasGetVersion_v2(void *h, _Out_ int *v)',
  'int cublasGemmStridedBatchedEx(void *h, int ta, int tb, int m, int n, int k, void *alpha, uint64_t A, int Atype, int lda, int64_t strideA, uint64_t B, int Btype, int ldb, int64_t strideB, void *beta, uint64_t C, int Ctype, int ldc, int64_t strideC, int batch, int computeType, int algo)',
];
const CUBLASLT_FNS = [
  'int cublasLtCreate(_Out_ void **h)',
  'int cublasLtMatmulDescCreate(_Out_ void **desc, int computeType, int scaleType)',
  'int cublasLtMatmulDescDestroy(void *desc)',
  'int cublasLtMatrixLayoutCreate(_Out_ void **layout, int type, uint64_t rows, uint64_t cols, int64_t ld)',
  'int cublasLtMatrixLayoutSetAttribute(void *layout, int attr, void *buf, size_t bytes)',
  'int cublasLtMatrixLayoutDestroy(void *layout)',
  'int cublasLtMatmulPreferenceCreate(_Out_ void **pref)',
  'int cublasLtMatmulPreferenceSetAttribute(void *pref, int attr, void *buf, size_t bytes)',
  'int cublasLtMatmulAlgoGetHeuristic(void *h, void *desc, void *a, void *b, void *c, void *d, void *pref, int requested, void *results, _Out_ int *count)',
  'int cublasLtMatmul(void *h, void *desc, void *alpha, uint64_t A, void *Adesc, uint64_t B, void *Bdesc, void *beta, uint64_t C, void *Cdesc, uint64_t D, void *Ddesc, void *algo, uint64_t workspace, size_t workspaceBytes, void *stream)',
];
const NVRTC_FNS = [
  'int nvrtcVersion(_Out_ int *major, _Out_ int *minor)',
  'int nvrtcCreateProgram(_Out_ void **prog, const char *src, const char *name, int numHeaders, void *headers, void *includeNames)',
  'int nvrtcCompileProgram(void *prog, int numOptions, const char **options)',
  'int nvrtcGetProgramLogSize(void *prog, _Out_ size_t *n)',
  'int nvrtcGetProgramLog(void *prog, _Out_ uint8_t *log)',
  'int nvrtcGetCUBINSize(void *prog, _Out_ size_t *n)',
  'int nvrtcGetCUBIN(void *prog, _Out_ uint8_t *cubin)',
  'int nvrtcGetPTXSize(void *prog, _Out_ size_t *n)',
  'int nvrtcGetPTX(void *prog, _Out_ uint8_t *ptx)',
  'int nvrtcDestroyProgram(void **prog)',
  'const char *nvrtcGetErrorString(int status)',
];

function bind(lib: any, decls: readonly string[]): Record<string, Fn> {
  const out: Record<string, Fn> = {};
  for (const d of decls) {
    const name = /\s\*?(\w+)\(/.exec(d)![1]!;
    out[name] = lib.func(d);
  }
  return out;
}

/** Out-parameter helpers: koffi fills `[x]` arrays for `_Out_` pointers. */
export const out = <T = any>(): [T] => [undefined as unknown as T];

let errNames: Record<string, Fn> | undefined;
function cuErrorName(code: number): string {
  if (!errNames) return `CUDA error ${code}`;
  const n = out<string>();
  return errNames.cuGetErrorName!(code, n) === 0 ? `${n[0]} (${code})` : `CUDA error ${code}`;
}

/** Checks a driver status; `what` names the call. */
export function check(code: number, what: string): void {
  if (code !== 0) {
    if (code === CUDA_ERROR_OUT_OF_MEMORY) throw new OutOfMemory(`${what}: out of memory`);
    throw new DeviceError(`cuda: ${what} failed: ${cuErrorName(code)}`);
  }
}
export function checkBlas(code: number, what: string): void {
  if (code !== 0) throw new DeviceError(`cuda: ${what} failed: cuBLAS status ${code}`);
}

/**
 * Loads the driver, picks a device and a toolkit the driver supports, creates a stream and a
 * cuBLAS handle. Throws DeviceError naming the missing file and the folders searched.
 */
export function loadLibraries(ordinal = 0, found: Discovery = discover()): Libraries {
  const k = koffi();
  // Driver: a found path, else the loader's own search for the soname.
  let driverLib: any;
  const driverPath = found.driver ?? 'libcuda.so.1';
  try {
    driverLib = k.load(driverPath);
  } catch (e) {
    throw new DeviceError(`${missingMessage('the NVIDIA driver library', ['libcuda.so.1'], [...found.driverDirs, '(the dynamic loader path)'])} (${(e as Error).message.split('\n')[0]})`);
  }
  const cu = bind(driverLib, DRIVER_FNS);
  errNames = cu;
  check(cu.cuInit!(0), 'cuInit');
  const v = out<number>();
  check(cu.cuDriverGetVersion!(v), 'cuDriverGetVersion');
  const driverVersion = v[0];
  const count = out<number>();
  check(cu.cuDeviceGetCount!(count), 'cuDeviceGetCount');
  if (count[0] === 0) throw new DeviceError('cuda: the driver loaded but reports no CUDA device (check nvidia-smi and CUDA_VISIBLE_DEVICES)');
  if (ordinal < 0 || ordinal >= count[0]) throw new DeviceError(`cuda: device ${ordinal} does not exist; the driver reports ${count[0]} device(s)`);
  const dev = out<number>();
  check(cu.cuDeviceGet!(dev, ordinal), 'cuDeviceGet');
  const nameBuf = Buffer.alloc(256);
  check(cu.cuDeviceGetName!(nameBuf, 256, dev[0]), 'cuDeviceGetName');
  const attr = (a: number) => { const r = out<number>(); check(cu.cuDeviceGetAttribute!(r, a, dev[0]), 'cuDeviceGetAttribute'); return r[0]; };
  const mem = out<number | bigint>();
  check(cu.cuDeviceTotalMem_v2!(mem, dev[0]), 'cuDeviceTotalMem');
  const device: DeviceProps = {
    name: nameBuf.toString('utf8', 0, nameBuf.indexOf(0)),
    major: attr(75), minor: attr(76), smCount: attr(16), totalMem: Number(mem[0]),
  };

  const toolkit = pickToolkit(found.toolkits, driverVersion);
  if (!toolkit) {
    const majors = found.toolkits.map((t) => t.major);
    const why = majors.length > 0 ? ` (found CUDA ${majors.join(', ')}, newer than the driver's CUDA ${Math.floor(driverVersion / 1000)}.${(driverVersion % 1000) / 10})` : '';
    throw new DeviceError(missingMessage('cuBLAS and NVRTC', ['libcublas.so.13 + libnvrtc.so.13', 'libcublas.so.12 + libnvrtc.so.12'], found.toolkitDirs) + why);
  }
  const load = (p: string) => {
    try { return k.load(p); } catch (e) { throw new DeviceError(`cuda: ${p} exists but could not be loaded: ${(e as Error).message.split('\n')[0]}`); }
  };
  const cublasLt = bind(load(toolkit.cublasLt), CUBLASLT_FNS); // load it first: cuBLAS resolves it by soname
  if (toolkit.nvrtcBuiltins) load(toolkit.nvrtcBuiltins);
  const cublas = bind(load(toolkit.cublas), CUBLAS_FNS);
  const nvrtc = bind(load(toolkit.nvrtc), NVRTC_FNS);
  const libc = bind(k.load('libc.so.6'), ['void *memcpy(void *dst, void *src, size_t n)']);

  const ctx = out<bigint>();
  check(cu.cuDevicePrimaryCtxRetain!(ctx, dev[0]), 'cuDevicePrimaryCtxRetain');
  check(cu.cuCtxSetCurrent!(ctx[0]), 'cuCtxSetCurrent');
  const stream = out<bigint>();
  check(cu.cuStreamCreate!(stream, 1 /* CU_STREAM_NON_BLOCKING */), 'cuStreamCreate');
  const h = out<bigint>();
  checkBlas(cublas.cublasCreate_v2!(h), 'cublasCreate');
  checkBlas(cublas.cublasSetStream_v2!(h[0], stream[0]), 'cublasSetStream');
  const lh = out<bigint>();
  checkBlas(cublasLt.cublasLtCreate!(lh), 'cublasLtCreate');
  const bv = out<number>();
  checkBlas(cublas.cublasGetVersion_v2!(h[0], bv), 'cublasGetVersion');
  const nmaj = out<number>(), nmin = out<number>();
  if (nvrtc.nvrtcVersion!(nmaj, nmin) !== 0) throw new DeviceError('cuda: nvrtcVersion failed');
  return {
    koffi: k, driverPath, toolkit, driverVersion, nvrtcVersion: [nmaj[0], nmin[0]], cublasVersion: bv[0], device,
    cu, cublas, cublasLt, nvrtc, libc, context: ctx[0], stream: stream[0], cublasHandle: h[0], cublasLtHandle: lh[0],
  };
}
