/**
 * ONNX Runtime's C API, called through koffi on the libonnxruntime that onnxruntime-node ships
 * (no addon of ours to compile). The CPU provider runs through it because onnxruntime-node's
 * `run()` copies every output into a fresh JS buffer, even into a pre-allocated one (an Identity
 * on 10⁷ floats took 40 ms against NumPy's 4 ms copy on the 2-core VM), and costs ~30 µs more
 * per call. Here inputs and outputs are OrtValues over our own typed arrays: ORT reads and writes
 * them in place. Intermediates come from one arena shared by all sessions (registered on ORT's
 * environment), so a cached session does not pay fresh pages for every temporary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ortBinDir } from './providers.js';

type Koffi = typeof import('koffi');
type Fn = ((...args: any[]) => any) & { async: (...args: any[]) => void };

/**
 * Slots of the `OrtApi` function table (include/onnxruntime/core/session/onnxruntime_c_api.h).
 * The table is append-only, so these hold for the API version we ask for and every later one.
 */
const SLOT = {
  GetErrorMessage: 2, CreateEnv: 3, CreateSessionFromArray: 8, Run: 9, CreateSessionOptions: 10,
  DisableMemPattern: 17, EnableCpuMemArena: 18, DisableCpuMemArena: 19,
  SetSessionGraphOptimizationLevel: 23, SetIntraOpNumThreads: 24, SetInterOpNumThreads: 25,
  CreateTensorWithDataAsOrtValue: 49, CreateCpuMemoryInfo: 69,
  ReleaseStatus: 93, ReleaseSession: 95, ReleaseValue: 96, ReleaseSessionOptions: 100,
  AddSessionConfigEntry: 130, CreateAndRegisterAllocator: 144, CreateArenaCfgV2: 164,
} as const;
/** The C API version we ask for (ORT 1.16); every slot above exists in it. */
const API_VERSION = 16;

const PROTOS: Record<keyof typeof SLOT, string> = {
  GetErrorMessage: 'const char* GetErrorMessage(uintptr_t status)',
  CreateEnv: 'uintptr_t CreateEnv(int level, const char* logid, _Out_ uintptr_t* out)',
  CreateSessionFromArray: 'uintptr_t CreateSessionFromArray(uintptr_t env, uintptr_t data, size_t len, uintptr_t options, _Out_ uintptr_t* out)',
  Run: 'uintptr_t Run(uintptr_t session, uintptr_t runOptions, uintptr_t inputNames, uintptr_t inputs, size_t nIn, uintptr_t outputNames, size_t nOut, uintptr_t outputs)',
  CreateSessionOptions: 'uintptr_t CreateSessionOptions(_Out_ uintptr_t* out)',
  DisableMemPattern: 'uintptr_t DisableMemPattern(uintptr_t options)',
  EnableCpuMemArena: 'uintptr_t EnableCpuMemArena(uintptr_t options)',
  DisableCpuMemArena: 'uintptr_t DisableCpuMemArena(uintptr_t options)',
  SetSessionGraphOptimizationLevel: 'uintptr_t SetSessionGraphOptimizationLevel(uintptr_t options, int level)',
  SetIntraOpNumThreads: 'uintptr_t SetIntraOpNumThreads(uintptr_t options, int n)',
  SetInterOpNumThreads: 'uintptr_t SetInterOpNumThreads(uintptr_t options, int n)',
  // `out` as an address: the value lands straight in the run's array of OrtValue pointers.
  CreateTensorWithDataAsOrtValue: 'uintptr_t CreateTensorWithDataAsOrtValue(uintptr_t info, uintptr_t data, size_t len, uintptr_t shape, size_t rank, int type, uintptr_t out)',
  CreateCpuMemoryInfo: 'uintptr_t CreateCpuMemoryInfo(int allocatorType, int memType, _Out_ uintptr_t* out)',
  ReleaseStatus: 'void ReleaseStatus(uintptr_t status)',
  ReleaseSession: 'void ReleaseSession(uintptr_t session)',
  ReleaseValue: 'void ReleaseValue(uintptr_t value)',
  ReleaseSessionOptions: 'void ReleaseSessionOptions(uintptr_t options)',
  AddSessionConfigEntry: 'uintptr_t AddSessionConfigEntry(uintptr_t options, const char* key, const char* value)',
  CreateAndRegisterAllocator: 'uintptr_t CreateAndRegisterAllocator(uintptr_t env, uintptr_t memInfo, uintptr_t arenaCfg)',
  CreateArenaCfgV2: 'uintptr_t CreateArenaCfgV2(uintptr_t keys, uintptr_t values, size_t n, _Out_ uintptr_t* out)',
};

/** ORT's GraphOptimizationLevel values. */
const OPT_LEVEL = { basic: 1, all: 99 } as const;
/** OrtAllocatorType / OrtMemType values. */
const DEVICE_ALLOCATOR = 0, ARENA_ALLOCATOR = 1, MEM_DEFAULT = 0;

export interface NativeSessionOptions {
  readonly threads: number;
  readonly optimization: 'basic' | 'all';
  /** Intermediates from the shared arena (see {@link OrtCApi.enableSharedArena}). */
  readonly sharedArena: boolean;
  /** Worker threads spin between parallel sections instead of sleeping (default false: JS runs between our runs). */
  readonly spinning?: boolean;
  /** Further session config entries (`session.intra_op_thread_affinities`, …), for experiments. */
  readonly configEntries?: Readonly<Record<string, string>>;
}

/** One tensor handed to a run: a typed array over host memory, its dims and ONNX element type. */
export interface HostTensor {
  readonly data: ArrayBufferView;
  readonly dims: readonly number[];
  readonly type: number;
}

/** Null-terminated names and the array of pointers to them, kept alive with the session. */
class CStrings {
  readonly bufs: Buffer[];
  readonly ptrs: BigUint64Array;
  constructor(koffi: Koffi, names: readonly string[]) {
    this.bufs = names.map((n) => Buffer.from(`${n}\0`, 'utf8'));
    this.ptrs = new BigUint64Array(this.bufs.map((b) => koffi.address(b) as bigint));
  }
}

let loaded: OrtCApi | undefined;
let loadError: Error | undefined;

export class OrtCApi {
  private readonly fn: Record<keyof typeof SLOT, Fn>;
  private readonly out = [0];
  /** OrtEnv: ORT's process-wide environment (the same one onnxruntime-node holds). */
  private readonly env: number;
  /** Describes our own host buffers (wrapped, never freed by ORT). */
  private readonly hostMemory: number;
  private arena = false;

  /** Loads the library next to onnxruntime-node's binding once per process; throws why not. */
  static load(): OrtCApi {
    if (loaded) return loaded;
    if (loadError) throw loadError;
    try {
      loaded = new OrtCApi(createRequire(import.meta.url)('koffi') as Koffi);
      return loaded;
    } catch (e) {
      loadError = new Error(`ORT's C API could not be loaded through koffi: ${(e as Error).message}`);
      throw loadError;
    }
  }

  private constructor(readonly koffi: Koffi) {
    const file = libraryFile();
    const lib = koffi.load(file);
    const base = lib.func('uintptr_t OrtGetApiBase()')() as number;
    if (!base) throw new Error(`OrtGetApiBase returned null in ${file}`);
    const [getApi, getVersion] = koffi.decode(base, 'uintptr_t', 2) as BigUint64Array;
    this.version = (koffi.decode(getVersion!, koffi.proto('const char* GetVersionString()')) as () => string)();
    const api = (koffi.decode(getApi!, koffi.proto('uintptr_t GetApi(uint32_t version)')) as (v: number) => number)(API_VERSION);
    if (!api) throw new Error(`onnxruntime ${this.version} in ${file} does not offer C API version ${API_VERSION}`);
    const table = koffi.decode(api, 'uintptr_t', Math.max(...Object.values(SLOT)) + 1) as BigUint64Array;
    this.fn = Object.fromEntries(Object.entries(SLOT).map(([name, slot]) =>
      [name, koffi.decode(table[slot]!, koffi.proto(PROTOS[name as keyof typeof SLOT]))])) as Record<keyof typeof SLOT, Fn>;
    this.env = this.call('CreateEnv', 3, 'arr');
    this.hostMemory = this.call('CreateCpuMemoryInfo', DEVICE_ALLOCATOR, MEM_DEFAULT);
  }

  readonly version: string;

  /** Throws the message of a non-null OrtStatus (and releases it). */
  check(status: number): void {
    if (!status) return;
    const msg = this.fn.GetErrorMessage(status) as string;
    this.fn.ReleaseStatus(status);
    throw new Error(msg);
  }

  /** Calls a function whose last parameter is an out-pointer; returns what it wrote. */
  private call(name: keyof typeof SLOT, ...args: unknown[]): number {
    this.check(this.fn[name](...args, this.out));
    return this.out[0]!;
  }

  /**
   * Registers one CPU arena on ORT's environment for sessions made with `sharedArena`: its chunks
   * are reused across runs and sessions (each cached session keeping its own arena would hold
   * its peak). Chunks grow by what is asked (no power-of-two rounding). ORT cannot shrink an
   * arena registered this way, so the engine keeps graphs with large intermediates off it.
   */
  enableSharedArena(): void {
    if (this.arena) return;
    const keys = new CStrings(this.koffi, ['arena_extend_strategy']);
    const values = new BigUint64Array([1n]); // kSameAsRequested
    const cfg = this.call('CreateArenaCfgV2', this.koffi.address(keys.ptrs), this.koffi.address(values), 1);
    const arenaMemory = this.call('CreateCpuMemoryInfo', ARENA_ALLOCATOR, MEM_DEFAULT);
    try {
      this.check(this.fn.CreateAndRegisterAllocator(this.env, arenaMemory, cfg));
    } catch (e) {
      // Registered already (another copy of this module in the process): that arena serves.
      if (!/already/i.test((e as Error).message)) throw e;
    }
    this.arena = true;
  }

  createSession(model: Uint8Array, inputNames: readonly string[], outputNames: readonly string[], o: NativeSessionOptions): NativeSession {
    const so = this.call('CreateSessionOptions');
    try {
      this.check(this.fn.SetIntraOpNumThreads(so, o.threads));
      this.check(this.fn.SetInterOpNumThreads(so, 1));
      this.check(this.fn.SetSessionGraphOptimizationLevel(so, OPT_LEVEL[o.optimization]));
      this.check(this.fn.DisableMemPattern(so));
      // Worker threads sleep between runs instead of spinning (JS runs between our runs).
      this.check(this.fn.AddSessionConfigEntry(so, 'session.intra_op.allow_spinning', o.spinning ? '1' : '0'));
      for (const [key, value] of Object.entries(o.configEntries ?? {})) this.check(this.fn.AddSessionConfigEntry(so, key, value));
      if (o.sharedArena) {
        this.enableSharedArena();
        this.check(this.fn.EnableCpuMemArena(so));
        this.check(this.fn.AddSessionConfigEntry(so, 'session.use_env_allocators', '1'));
      } else {
        this.check(this.fn.DisableCpuMemArena(so));
      }
      const handle = this.call('CreateSessionFromArray', this.env, this.koffi.address(model), model.byteLength, so);
      return new NativeSession(this, handle, new CStrings(this.koffi, inputNames), new CStrings(this.koffi, outputNames));
    } finally {
      this.fn.ReleaseSessionOptions(so);
    }
  }

  /**
   * Writes to address `out` an OrtValue over `bytes` bytes at address `data` (ORT reads or writes
   * them in place; releasing the value frees nothing of ours), with `rank` int64 dims at `dims`.
   */
  wrap(data: bigint, bytes: number, dims: bigint, rank: number, type: number, out: bigint): void {
    this.check(this.fn.CreateTensorWithDataAsOrtValue(this.hostMemory, data, bytes, dims, rank, type, out));
  }

  /** @internal */ runSync(args: RunArgs): number { return this.fn.Run(...args) as number; }
  /** @internal */ runAsync(args: RunArgs): Promise<number> {
    return new Promise((resolve, reject) => this.fn.Run.async(...args, (err: unknown, status: number) => (err ? reject(err) : resolve(status))));
  }
  /** @internal */ releaseValue(v: number): void { this.fn.ReleaseValue(v); }
  /** @internal */ releaseSession(h: number): void { this.fn.ReleaseSession(h); }
}

type RunArgs = [number, number, bigint, bigint, number, bigint, number, bigint];

type TypedArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;
type TypedArrayCtor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArray;

/**
 * V8 keeps typed arrays of at most 64 bytes on its heap, and taking the address of one moves it
 * out (an allocation and a copy, 1–2 µs): such tensors are copied through the session's frame.
 */
const SMALL_BYTES = 64;

export class NativeSession {
  private released = false;
  /**
   * Off-heap memory of one run (a session runs once at a time: the engine queues evaluations):
   * the OrtValue pointers, every tensor's dims, then a 64-byte slot per tensor for small data.
   * A session's tensor count and ranks are fixed (they are part of its cache key), so the layout
   * is the same at every run.
   */
  private frame = new ArrayBuffer(0);
  private frameAddress = 0n;
  /**
   * OrtValues of 0-d tensors, by tensor index, kept across runs: their data is the tensor's
   * frame slot and they have no dims, so one value serves every run (a scalar operand costs no
   * OrtValue creation and release per run). Released with the frame or the session.
   */
  private kept: number[] = [];
  private readonly inputNamesAddress: bigint;
  private readonly outputNamesAddress: bigint;

  constructor(private readonly api: OrtCApi, private handle: number, private readonly inputNames: CStrings, private readonly outputNames: CStrings) {
    this.inputNamesAddress = api.koffi.address(inputNames.ptrs) as bigint;
    this.outputNamesAddress = api.koffi.address(outputNames.ptrs) as bigint;
  }

  /**
   * Runs the session on `inputs`, writing into `outputs` (their dims must be what the graph
   * gives). On this thread (returns when done; throws ORT's error), or with `background` on a
   * koffi worker thread, so long runs do not block the event loop (returns a promise).
   */
  run(inputs: readonly HostTensor[], outputs: readonly HostTensor[], background: boolean): void | Promise<void> {
    if (this.released) throw new Error('onnxruntime: run() on a released session');
    const all = inputs.length ? [...inputs, ...outputs] : outputs;
    const frame = this.wrapAll(all);
    const args: RunArgs = [
      this.handle, 0, this.inputNamesAddress, this.frameAddress, inputs.length,
      this.outputNamesAddress, outputs.length, this.frameAddress + BigInt(8 * inputs.length),
    ];
    // `all` stays referenced until the values are released: its arrays' memory is the run's.
    const finish = (status: number) => {
      try {
        this.api.check(status);
        for (let k = inputs.length; k < all.length; k++) {
          const at = frame.smallAt[k];
          if (at === undefined) continue;
          const a = all[k]!.data as TypedArray;
          (a as { set(x: ArrayLike<unknown>): void }).set(new (a.constructor as TypedArrayCtor)(this.frame, at, a.length));
        }
      } finally {
        this.releaseValues(frame.words, all.length);
      }
    };
    if (!background) {
      let status: number;
      try { status = this.api.runSync(args); } catch (e) { this.releaseValues(frame.words, all.length); throw e; }
      finish(status);
      return;
    }
    return this.api.runAsync(args).then(finish, (e: unknown) => { this.releaseValues(frame.words, all.length); throw e; });
  }

  /**
   * Fills the frame: an OrtValue per tensor (pointers first, then every tensor's dims, then the
   * small tensors' data, inputs copied in). On an error, releases what it made and throws.
   */
  private wrapAll(all: readonly HostTensor[]): { words: BigInt64Array; smallAt: number[] } {
    const n = all.length;
    let rank = 0;
    for (const t of all) rank += t.dims.length;
    const slots = 8 * (n + rank);
    const need = slots + SMALL_BYTES * n;
    if (need > this.frame.byteLength) {
      this.releaseKept(); // they point into the old frame
      this.frame = new ArrayBuffer(Math.max(need, 1024));
      this.frameAddress = this.api.koffi.address(new Uint8Array(this.frame)) as bigint;
    }
    const base = this.frameAddress;
    const words = new BigInt64Array(this.frame, 0, n + rank);
    const smallAt: number[] = [];
    let dimAt = n, k = 0;
    try {
      for (; k < n; k++) {
        const t = all[k]!;
        const bytes = t.data.byteLength;
        const rank0 = t.dims.length === 0;
        let data: bigint;
        if (bytes <= SMALL_BYTES) {
          const at = slots + SMALL_BYTES * k;
          const a = t.data as TypedArray;
          (new (a.constructor as TypedArrayCtor)(this.frame, at, a.length) as { set(x: ArrayLike<unknown>): void }).set(a);
          smallAt[k] = at;
          const kept = rank0 ? this.kept[k] : undefined;
          if (kept) { words[k] = BigInt(kept); continue; }
          data = base + BigInt(at);
        } else {
          data = this.api.koffi.address(t.data) as bigint;
        }
        for (let i = 0; i < t.dims.length; i++) words[dimAt + i] = BigInt(t.dims[i]!);
        this.api.wrap(data, bytes, base + BigInt(8 * dimAt), t.dims.length, t.type, base + BigInt(8 * k));
        if (rank0 && bytes <= SMALL_BYTES) this.kept[k] = Number(words[k]!);
        dimAt += t.dims.length;
      }
    } catch (e) {
      this.releaseValues(words, k);
      throw e;
    }
    return { words, smallAt };
  }

  /** Releases the run's OrtValues, except the kept ones. */
  private releaseValues(words: BigInt64Array, count: number): void {
    for (let i = 0; i < count; i++) if (!this.kept[i]) this.api.releaseValue(Number(words[i]!));
  }

  private releaseKept(): void {
    for (const v of this.kept) if (v) this.api.releaseValue(v);
    this.kept = [];
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.releaseKept();
    this.api.releaseSession(this.handle);
    this.handle = 0;
  }
}

/** libonnxruntime in onnxruntime-node's binary folder (the one its binding loads). */
function libraryFile(): string {
  const dir = ortBinDir();
  let files: string[];
  try { files = fs.readdirSync(dir); } catch (e) { throw new Error(`onnxruntime-node's binary folder ${dir} cannot be read (${(e as Error).message})`); }
  const lib = files.find((f) => /^(lib)?onnxruntime(\.so\.\d+|\.\d+(\.\d+)*\.dylib|\.dylib|\.dll)$/.test(f));
  if (!lib) throw new Error(`no onnxruntime library in ${dir} (found ${files.join(', ') || 'nothing'})`);
  return path.join(dir, lib);
}
