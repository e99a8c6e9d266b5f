/**
 * The lazy engine: kernels record nodes; evaluation turns the pending DAG into one ONNX model,
 * runs it once and caches the InferenceSession by the graph's structure (op keys, dtypes, ranks;
 * every shape-dependent constant is a runtime-fed int64 input, so dimensions stay symbolic).
 */
import ort from 'onnxruntime-node';
import { type DType, type Shape, DTYPE_INFO, DeviceError, HOST_ARRAY, IndexError, ValueError, negativeIntegerPower, sizeOf } from '@arr/core';
import { ATTR, encodeModel, type AttrJSON, type GraphJSON, type NodeJSON, type TensorJSON } from './proto.js';
import type { HostTensor, NativeSession, OrtCApi } from './capi.js';
import { KeyWriter, StructureCache, nameCode, opKeyId } from './graph-key.js';

/** ONNX TensorProto.DataType codes. */
export const ONNX_TYPE: Partial<Record<DType, number>> = {
  float32: 1, uint8: 2, int8: 3, uint16: 4, int16: 5, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11, uint32: 12, uint64: 13,
};
/** onnxruntime-common tensor type names. */
const ORT_TYPE: Partial<Record<DType, ort.Tensor.Type>> = {
  float32: 'float32', uint8: 'uint8', int8: 'int8', uint16: 'uint16', int16: 'int16', int32: 'int32', int64: 'int64',
  bool: 'bool', float16: 'float16', float64: 'float64', uint32: 'uint32', uint64: 'uint64',
};

/** A materialised value: an OrtValue (CPU or GPU) shared by nodes that alias it. */
export class Buf {
  refs = 0;
  /** Produced by one of our runs (its host buffer is ours to reuse once released). */
  owned = false;
  /** Set when the tensor was replaced by its device copy (`deviceInputs`): never moved twice. */
  moved = false;
  /** Checked to hold no negative value (integer pow's exponent; values never change): not read again. */
  nonNegative = false;
  /** A window on another value's memory (a contiguous slice): holds it, owns no bytes of its own. */
  parent: Buf | undefined;
  /** Replaced once when a host array moves to the device (`deviceInputs`). */
  constructor(public tensor: ort.Tensor, readonly bytes: number) {}
}

/** Emits ONNX nodes for one recorded op; returns the output value name. */
export type Emit = (b: Builder, inputs: readonly string[], node: LazyNode) => string;

let nextId = 1;
/** Graphs whose tensors are all smaller than this (elements / bytes) run single-threaded. */
const SMALL_LIMIT = 1 << 16;

/** One array: pending (an op over other nodes) or materialised (a Buf). It is the kernel handle. */
export class LazyNode {
  readonly id = nextId++;
  value: Buf | undefined;
  inputs: LazyNode[];
  /** Live user handles (1 until core frees it). */
  alive = true;
  /** Pending nodes that read this one. */
  consumers = 0;
  /** Rough size of the pending expression ending here (for the pending-graph limit). */
  readonly weight: number;
  error: unknown;
  /** Bytes this pending node will occupy (counted in memoryBytes until it is computed or dropped). */
  pendingBytes = 0;
  /** For take-like nodes: how to report an out-of-range index found at read-back. */
  indexCheck: { fn: string; axis: number; size: number; indices: LazyNode } | undefined;
  /**
   * Integer pow: its exponent when it was not on the host at the call, read and checked for
   * negative values before this node runs (see noNegativeExponent).
   */
  exponentCheck: LazyNode | undefined;
  /**
   * Set by the kernel when this node's elements are those of its one input from this element
   * offset on, in row-major order (a reshape: 0; a slice of contiguous elements: where it starts).
   * The CPU provider then evaluates it as a view (see Engine.evaluateNow).
   */
  window: number | undefined;
  private keyCode = -1;
  // Scratch of one evaluation, valid while the stamp equals the engine's epoch (no Maps or Sets
  // per evaluation): visited (`slot`: 2·position in the order, or 2·input index + 1), reads by
  // nodes of the graph (`uses`), and being a target.
  visited = 0;
  slot = 0;
  counted = 0;
  uses = 0;
  targeted = 0;
  /** Pending and part of a run in progress (see Engine.evaluateGraph). */
  running = false;

  constructor(
    readonly engine: Engine,
    readonly dtype: DType,
    readonly shape: Shape,
    readonly key: string,
    inputs: LazyNode[],
    readonly emit: Emit | undefined,
    /** int64 vectors fed at run time (shapes, starts, indices): kept out of the cache key. */
    readonly params: readonly BigInt64Array[] = [],
    value?: Buf,
  ) {
    this.inputs = inputs;
    let w = 1;
    for (const x of inputs) {
      x.consumers++;
      if (!x.value) w += x.weight;
    }
    this.weight = Math.min(w, 1e9);
    if (value) { this.value = value; value.refs++; engine.bytes += value.refs === 1 ? value.bytes : 0; }
    else {
      this.pendingBytes = sizeOf(shape) * DTYPE_INFO[dtype].itemsize;
      engine.bytes += this.pendingBytes;
    }
  }

  get pending(): boolean { return this.value === undefined; }
  /** `key` as a small integer, for the session cache key (interned at the first evaluation: most recorded nodes never reach one). */
  get keyId(): number { return this.keyCode >= 0 ? this.keyCode : (this.keyCode = opKeyId(this.key)); }
}

interface CachedSession {
  /** Through onnxruntime-node (GPU providers, or the CPU one without the C API). */
  session?: ort.InferenceSession;
  /** Through ORT's C API (the CPU provider): runs in place on our buffers. */
  native?: NativeSession;
  inputNames: string[];
  outputNames: string[];
  /** Device copies of host inputs (`deviceInputs`), in the order of the `promote` list. */
  promotedNames: string[];
}

/** One graph to run, as Engine.plan finds it. */
interface Plan {
  /** Pending nodes, inputs first. */
  order: LazyNode[];
  /** Materialised nodes the graph reads. */
  inputs: LazyNode[];
  /** Nodes whose values are kept, and where each is kept ('cpu' or 'gpu-buffer'). */
  outputs: LazyNode[];
  outLoc: string[];
  /** Over large tensors (all threads, full optimisation); small graphs run on one thread. */
  big: boolean;
  /** C API: intermediates from the shared arena. */
  arena: boolean;
  /** Host inputs that move to the device (`deviceInputs`), then the host scalars that do. */
  promote: LazyNode[];
  /** onnxruntime-node's run(): what each input is fed with (undefined with the C API runner). */
  feeds: ort.Tensor[] | undefined;
  scalarKeys: { node: LazyNode; key: string }[];
}

/** Device copies of host scalars kept (least recently used ones are released), and values remembered as read once. */
const DEVICE_SCALARS = 256, SCALAR_SIGHTINGS = 4096;

/** A scalar's value as a cache key (-0 apart from 0; every NaN alike). */
function scalarText(v: number | bigint): string {
  return typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : String(v);
}

/** Host inputs smaller than this (elements) stay on the host: moving them costs more than it saves. */
const PROMOTE_MIN = 1 << 12;

export interface EngineOptions {
  readonly ep: 'cpu' | 'webgpu' | 'cuda';
  readonly sessionOptions: ort.InferenceSession.SessionOptions;
  /** Pending nodes after which a chain is evaluated in the background. */
  readonly maxPending: number;
  /** Cached sessions kept (least recently used ones are released). */
  readonly maxSessions: number;
  /**
   * Host arrays (from `asarray`) still held by the user move to the device the first time a graph
   * reads them (an Identity output kept on the device), so later graphs do not upload them again.
   */
  readonly deviceInputs?: boolean;
  /** Graph forms GPU providers have kernels for (see Builder.gpuForms; default: on for GPU providers). */
  readonly gpuForms?: boolean;
  /**
   * CPU provider: host buffers of released results of at least this many bytes are kept (up to
   * REUSE_CAP bytes) and handed to later runs as pre-allocated outputs, so a loop that disposes
   * its results writes into memory already mapped instead of fresh pages. Undefined: off.
   */
  readonly reuseOutputsFrom?: number;
  /**
   * CPU provider: run through ORT's C API (see capi.ts) instead of onnxruntime-node's `run()`.
   * `arenaBytes`: graphs whose intermediates peak at no more than this take them from one arena
   * shared by all sessions, which keeps its chunks for later runs; larger ones (and all, with 0)
   * get fresh memory, given back after the run.
   */
  readonly native?: { readonly api: OrtCApi; readonly threads: number; readonly arenaBytes: number };
}

/** Most bytes of released result buffers kept for reuse. */
const REUSE_CAP = 512 << 20;

/** Builds one GraphProto while emitting. */
export class Builder {
  /**
   * `gpuForms`: emit forms that GPU providers have kernels for. The WebGPU EP has no uint8
   * kernels and no IsNaN / IsInf, and ORT runs such nodes on the CPU behind device-to-host
   * copies (max over 2²⁶ float32, with its NaN check, took 380–660 ms on the H200 that way).
   * With it, 0/1 flags that reductions run over are int32 instead of uint8 (`flags`), NaN and
   * infinity tests are comparisons, and ops.ts emits its other GPU forms (integer pow, shifts, …).
   */
  constructor(readonly gpuForms = false, /** The execution provider the graph is for (see ops.ts, hasKernel). */ readonly ep = 'cpu') {}
  /** The dtype of 0/1 flag tensors that reductions run over (uint8 is the smallest). */
  get flags(): 'uint8' | 'int32' { return this.gpuForms ? 'int32' : 'uint8'; }
  readonly nodes: NodeJSON[] = [];
  readonly inits: TensorJSON[] = [];
  readonly graphInputs: { name: string; dtype: DType; rank: number }[] = [];
  private n = 0;
  private paramBase = 0;
  private readonly constCache = new Map<string, string>();
  paramCount = 0;
  /**
   * The op key of the recorded node being emitted: every ONNX node is named after it, so ORT's
   * logs (node placement, errors) say which array function a node came from.
   */
  private origin = 'graph';

  tmp(): string { return `t${this.n++}`; }

  op(type: string, inputs: readonly string[], attrs: Record<string, number | number[] | string> = {}, outputs = 1): string {
    const out = Array.from({ length: outputs }, () => this.tmp());
    const attribute: AttrJSON[] = [];
    for (const [name, v] of Object.entries(attrs)) {
      if (typeof v === 'string') attribute.push({ name, type: ATTR.STRING, s: new TextEncoder().encode(v) });
      else if (Array.isArray(v)) attribute.push({ name, type: ATTR.INTS, ints: v });
      else if (Number.isInteger(v)) attribute.push({ name, type: ATTR.INT, i: v });
      else attribute.push({ name, type: ATTR.FLOAT, f: v });
    }
    this.nodes.push({ opType: type, input: [...inputs], output: out, attribute, name: `${this.origin}#${this.nodes.length}` });
    return out[0]!;
  }
  /** Both outputs of a two-output op (TopK). */
  op2(type: string, inputs: readonly string[], attrs: Record<string, number | number[]> = {}): [string, string] {
    const first = this.op(type, inputs, attrs, 2);
    const node = this.nodes[this.nodes.length - 1]!;
    return [first, node.output[1]!];
  }

  /** A constant tensor (initializer) of `dtype` filled from numbers/bigints. */
  constant(dtype: DType, values: readonly (number | bigint)[], dims: readonly number[] = values.length === 1 ? [] : [values.length]): string {
    const k = `${dtype}:${dims.join(',')}:${values.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',')}`;
    const hit = this.constCache.get(k);
    if (hit) return hit;
    const name = `c${this.constCache.size}`;
    this.inits.push({ name, dims: [...dims], dataType: ONNX_TYPE[dtype]!, rawData: encodeValues(dtype, values) });
    this.constCache.set(k, name);
    return name;
  }
  scalar(dtype: DType, v: number | bigint): string { return this.constant(dtype, [v], []); }
  i64(values: readonly number[]): string { return this.constant('int64', values, [values.length]); }

  /** The i-th runtime parameter of the node being emitted. */
  param(i: number): string { return `p${this.paramBase + i}`; }
  beginNode(node: LazyNode): void { this.paramBase = this.paramCount; this.paramCount += node.params.length; this.origin = node.key; }
}

function encodeValues(dtype: DType, values: readonly (number | bigint)[]): Uint8Array {
  const n = values.length;
  let arr: ArrayBufferView;
  switch (dtype) {
    case 'int64': arr = BigInt64Array.from(values, (v) => BigInt(v)); break;
    case 'uint64': arr = BigUint64Array.from(values, (v) => BigInt.asUintN(64, BigInt(v))); break;
    case 'float16': arr = Uint16Array.from(values, (v) => toHalfBits(Number(v))); break;
    case 'bool': arr = Uint8Array.from(values, (v) => (v ? 1 : 0)); break;
    default: {
      const C = { float32: Float32Array, float64: Float64Array, int8: Int8Array, int16: Int16Array, int32: Int32Array, uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array }[dtype as 'float32']!;
      arr = C.from(values, (v) => Number(v));
    }
  }
  void n;
  return new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** float → IEEE half bits, round to nearest even (for constants only). */
function toHalfBits(v: number): number {
  f32[0] = v;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    let h = m >>> shift;
    const rem = m & ((1 << shift) - 1), half = 1 << (shift - 1);
    if (rem > half || (rem === half && (h & 1))) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (h & 1))) h++;
  return sign | h;
}

/**
 * NumPy's refusal of integers to negative integer powers: throws for a negative value in `data`
 * (the values of `value`), else marks `value`, whose values never change, so it is not read again.
 */
export function noNegativeExponent(value: Buf, data: ArrayLike<number | bigint>): void {
  for (let i = 0; i < data.length; i++) if (data[i]! < 0) throw negativeIntegerPower();
  value.nonNegative = true;
}

/** Maps ORT's run-time errors on bad indices to the contract's IndexError. */
function mapRunError(e: unknown): unknown {
  const msg = e instanceof Error ? e.message : String(e);
  if (/out of (data )?bounds|out of range|indices element out|index .* is out|invalid index/i.test(msg)) {
    return new IndexError(`take: index is out of bounds (reported by onnxruntime at read-back: ${msg.split('\n')[0]})`);
  }
  return e;
}

export class Engine {
  bytes = 0;
  sessionsCreated = 0;
  runs = 0;
  private readonly cache = new StructureCache<Promise<CachedSession>>();
  /** Sessions whose creation has finished, by their promise (no await on the hot path). */
  private readonly settled = new WeakMap<Promise<CachedSession>, CachedSession>();
  /** GPU providers: device copies of host scalars by dtype, shape and value (see deviceScalars). */
  private readonly scalars = new Map<string, ort.Tensor>();
  /** Host scalar values read once so far (the second read moves the value to the device). */
  private readonly scalarSightings = new Map<string, number>();
  /** Released result buffers by byte length (see EngineOptions.reuseOutputsFrom). */
  private readonly reusable = new Map<number, ArrayBuffer[]>();
  /** Bytes held in `reusable`. */
  reusableBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Evaluations queued or running. */
  private inFlight = 0;
  /** Stamps the nodes' per-evaluation scratch (see LazyNode.visited). */
  private epoch = 0;
  private readonly key = new KeyWriter();
  /** The traversal's stack (reused). */
  private readonly stackNodes: LazyNode[] = [];
  private readonly stackNext: number[] = [];
  private readonly gpu: boolean;

  constructor(readonly options: EngineOptions) {
    this.gpu = options.ep !== 'cpu';
  }

  // ---- node lifetime ----

  leaf(tensor: ort.Tensor, dtype: DType, shape: Shape): LazyNode {
    const bytes = Number(tensor.size) * DTYPE_INFO[dtype].itemsize;
    return new LazyNode(this, dtype, shape, 'leaf', [], undefined, [], new Buf(tensor, bytes));
  }

  fromHost(data: ArrayBufferView, dtype: DType, shape: Shape): LazyNode {
    return this.leaf(hostOrtTensor(dtype, data, shape), dtype, shape);
  }

  node(dtype: DType, shape: Shape, key: string, inputs: LazyNode[], emit: Emit, params: BigInt64Array[] = []): LazyNode {
    const n = new LazyNode(this, dtype, shape, key, inputs, emit, params);
    if (n.weight > this.options.maxPending) {
      // Keep pending expressions bounded: materialise this one in the background (queued).
      // Queued, never started inside node(): the caller has not wrapped `n` yet.
      void this.schedule([n], false, false).catch((e) => { n.error = e; });
    }
    return n;
  }

  free(n: LazyNode): void {
    if (!n.alive) return;
    n.alive = false;
    this.maybeRelease(n);
  }

  private maybeRelease(n: LazyNode): void {
    if (n.alive || n.consumers > 0) return;
    if (n.value) {
      this.releaseBuf(n.value);
      n.value = undefined;
    }
    this.dropInputs(n);
  }

  private dropInputs(n: LazyNode): void {
    this.bytes -= n.pendingBytes;
    n.pendingBytes = 0;
    const ins = n.inputs;
    n.inputs = [];
    for (const x of ins) {
      x.consumers--;
      this.maybeRelease(x);
    }
  }

  private releaseBuf(b: Buf): void {
    if (--b.refs === 0) {
      this.bytes -= b.bytes;
      if (b.owned) this.keepForReuse(b.tensor);
      b.tensor.dispose();
      if (b.parent) this.releaseBuf(b.parent);
    }
  }

  /** Keeps a released result's host buffer when it is big enough, whole, and fits the cap. */
  private keepForReuse(t: ort.Tensor): void {
    const min = this.options.reuseOutputsFrom;
    if (min === undefined || t.location !== 'cpu') return;
    const data = t.data as unknown as ArrayBufferView;
    const buf = data.buffer as ArrayBuffer;
    if (data.byteLength < min || data.byteOffset !== 0 || data.byteLength !== buf.byteLength) return;
    if (this.reusableBytes + buf.byteLength > REUSE_CAP) return;
    const list = this.reusable.get(buf.byteLength) ?? [];
    list.push(buf);
    this.reusable.set(buf.byteLength, list);
    this.reusableBytes += buf.byteLength;
  }

  /** A kept buffer for an output of `n`, as its host array type (or null: none fits). */
  private reusedOutput(n: LazyNode): ArrayBufferView | null {
    const min = this.options.reuseOutputsFrom;
    if (min === undefined) return null;
    const bytes = sizeOf(n.shape) * DTYPE_INFO[n.dtype].itemsize;
    if (bytes < min) return null;
    const buf = this.reusable.get(bytes)?.pop();
    if (!buf) return null;
    this.reusableBytes -= bytes;
    // Core's host array types are onnxruntime-node's for every dtype ONNX has (bool: Uint8Array).
    const Ctor = HOST_ARRAY[n.dtype] as unknown as new (b: ArrayBuffer) => ArrayBufferView;
    return new Ctor(buf);
  }

  private setValue(n: LazyNode, t: ort.Tensor): void {
    const b = new Buf(t, Number(t.size) * DTYPE_INFO[n.dtype].itemsize);
    b.refs = 1;
    b.owned = true;
    this.bytes += b.bytes;
    n.value = b;
    n.indexCheck = undefined;
    this.dropInputs(n);
  }

  // ---- evaluation ----

  /**
   * Materialises `targets` (serialised with other evaluations). With nothing queued it starts
   * at once, so a small graph with a cached session is computed before this returns.
   */
  evaluate(targets: readonly LazyNode[], cpuOut = false): Promise<void> {
    return this.schedule(targets, cpuOut, this.inFlight === 0);
  }

  private schedule(targets: readonly LazyNode[], cpuOut: boolean, now: boolean): Promise<void> {
    this.inFlight++; // first: anything evaluateNow starts synchronously queues behind it
    const run = now ? this.evaluateNow(targets, cpuOut) : this.queue.then(() => this.evaluateNow(targets, cpuOut));
    const settle = () => { this.inFlight--; };
    this.queue = run.then(settle, settle);
    return run;
  }

  /**
   * Evaluates `targets`. On the CPU provider a target that is a pending reshape or contiguous
   * slice (of one …: a chain of `window` nodes) becomes a view of the value at the chain's start,
   * as in NumPy: that value is computed if it is pending, and shared (arrays are immutable, a Buf
   * counts its holders, and runs feed every input in its node's shape) or, for a slice, windowed.
   * A Reshape or Slice as the graph's output would copy every element. A view smaller than half
   * of its source is computed instead, so a small slice does not keep a large buffer alive. GPU
   * providers keep the nodes: a device tensor's dims are its own, and host inputs move to the
   * device in them.
   */
  private evaluateNow(targets: readonly LazyNode[], cpuOut: boolean): Promise<void> {
    const from = this.viewSources(targets);
    if (!from) return this.evaluateGraph(targets, cpuOut);
    return this.evaluateGraph(from, cpuOut).then(() => targets.forEach((t, i) => this.becomeView(t, from[i]!)));
  }

  /** `evaluateNow` on the calling thread (see evaluateGraphSync). */
  private evaluateNowSync(targets: readonly LazyNode[]): void {
    const from = this.viewSources(targets);
    this.evaluateGraphSync(from ?? targets);
    if (from) targets.forEach((t, i) => this.becomeView(t, from[i]!));
  }

  /** What to compute for `targets` when some become views (CPU provider): each one's window source; undefined when none does. */
  private viewSources(targets: readonly LazyNode[]): LazyNode[] | undefined {
    if (this.gpu) return undefined;
    let sources: LazyNode[] | undefined;
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i]!;
      const s = t.alive || t.consumers > 0 ? windowSource(t) : t;
      if (s !== t) (sources ??= targets.slice())[i] = s;
    }
    return sources;
  }

  /**
   * Pending window `t` and the windows between it and `source` (those still wanted) become views
   * of `source`'s value, once that has one: the same Buf when they start at its first element and
   * have all of them, else a Buf over their part of its memory.
   */
  private becomeView(t: LazyNode, source: LazyNode): void {
    const v = source.value;
    if (!v) return;
    const chain: LazyNode[] = [];
    for (let n = t; n !== source && n.pending; n = n.inputs[0]!) chain.push(n);
    // Offsets into source's elements, accumulated from the source up.
    const offsets = new Array<number>(chain.length);
    for (let i = chain.length - 1, at = 0; i >= 0; i--) offsets[i] = at += chain[i]!.window!;
    const whole = sizeOf(source.shape);
    chain.forEach((n, i) => {
      if (!n.pending || (!n.alive && n.consumers === 0)) return; // released by the one before
      const size = sizeOf(n.shape);
      if (offsets[i] === 0 && size === whole) {
        n.value = v;
        v.refs++;
      } else {
        const data = (v.tensor.data as unknown as Uint8Array).subarray(offsets[i]!, offsets[i]! + size);
        const b = new Buf(hostOrtTensor(n.dtype, data, n.shape), 0);
        b.refs = 1;
        b.parent = v;
        v.refs++;
        n.value = b;
      }
      this.dropInputs(n);
    });
  }

  private async evaluateGraph(targets: readonly LazyNode[], cpuOut: boolean): Promise<void> {
    const p = this.plan(targets, cpuOut);
    if (p === undefined) return;
    if ('exponentChecks' in p) {
      await this.checkExponents(p.exponentChecks);
      return this.evaluateGraph(targets, cpuOut); // the checks evaluated their inputs: traverse again
    }
    // Marked until the run is over, so that a synchronous read meanwhile does not compute them too.
    for (const n of p.order) n.running = true;
    try {
      const cached = this.session(p);
      const s = cached instanceof Promise ? await cached : cached;
      let result: Record<string, ort.Tensor>;
      try {
        const r = s.native ? this.runNative(s, s.native, p, p.big) : this.runNode(s, s.session!, p.order, p.feeds!, p.outputs);
        result = r instanceof Promise ? await r : r;
      } catch (e) {
        await this.explainIndexError(p.order);
        throw mapRunError(e);
      }
      this.finish(p, s, result);
    } finally {
      for (const n of p.order) n.running = false;
    }
  }

  /**
   * `evaluateGraph` on the calling thread, for synchronous read-back (CPU provider with the C API
   * runner, where building and running a session need no promise). Throws DeviceError when a
   * node it needs is being computed by a run still in progress (an evaluation not awaited).
   */
  private evaluateGraphSync(targets: readonly LazyNode[]): void {
    const p = this.plan(targets, true);
    if (p === undefined) return;
    if ('exponentChecks' in p) {
      this.checkExponentsSync(p.exponentChecks);
      return this.evaluateGraphSync(targets);
    }
    for (const n of p.order) {
      if (n.running) throw new DeviceError('onnxruntime: a synchronous read needs an array that a run still in progress is computing (started by an x.data() or evaluate() not yet awaited, or by the pending-expression limit, maxPending), and JavaScript cannot wait for it synchronously; await x.data() instead');
    }
    const s = this.session(p);
    if (s instanceof Promise || !s.native) throw new Error('onnxruntime: synchronous evaluation needs the C API runner'); // not reached: readSync exists only then
    let result: Record<string, ort.Tensor>;
    try {
      result = this.runNative(s, s.native, p, false) as Record<string, ort.Tensor>;
    } catch (e) {
      this.explainIndexErrorSync(p.order);
      throw mapRunError(e);
    }
    this.finish(p, s, result);
  }

  /**
   * What running `targets` takes: the pending nodes in order, the inputs and outputs, and the
   * session key (in `this.key`). Undefined when there is nothing to compute; `exponentChecks`
   * (the pending nodes) when integer pows among them wait on exponent checks first.
   */
  private plan(targets: readonly LazyNode[], cpuOut: boolean): Plan | { exponentChecks: LazyNode[] } | undefined {
    for (const t of targets) if (t.error) throw t.error;
    // A target freed while queued (and read by nobody) has nothing left to compute.
    const epoch = ++this.epoch;
    const order: LazyNode[] = [];
    const inputs: LazyNode[] = [];
    let targetCount = 0;
    let exponentChecks = false;
    for (const t of targets) {
      if (!t.pending || (!t.alive && t.consumers === 0)) continue;
      t.targeted = epoch;
      targetCount++;
      exponentChecks = this.visit(t, epoch, order, inputs) || exponentChecks;
    }
    if (targetCount === 0) return undefined;
    if (exponentChecks) return { exponentChecks: order };
    // Outputs: the targets, and nodes still wanted outside this graph.
    const outputs: LazyNode[] = [];
    for (const n of order) {
      if (n.targeted === epoch || n.alive || n.consumers > (n.counted === epoch ? n.uses : 0)) outputs.push(n);
    }
    const outLoc = outputs.map((n) => (cpuOut && n.targeted === epoch) || !this.gpu ? 'cpu' : 'gpu-buffer');
    // Small graphs run on one thread: a per-session thread pool costs more than it gives there.
    let largest = 0;
    for (const x of inputs) largest = Math.max(largest, Number(x.value!.tensor.size));
    for (const n of outputs) largest = Math.max(largest, n.pendingBytes);
    const big = largest >= SMALL_LIMIT;
    // C API: whether this graph's intermediates come from the shared arena (part of the key).
    const native = this.options.native;
    let arena = false;
    if (native !== undefined && native.arenaBytes > 0) {
      let total = 0; // all pending bytes: a bound on the peak that is cheap to get
      for (const n of order) total += n.pendingBytes;
      arena = total <= native.arenaBytes || intermediatePeak(order, new Set(outputs)) <= native.arenaBytes;
    }
    const promote = this.options.deviceInputs
      ? inputs.filter((x) => x.alive && !x.value!.moved && x.value!.tensor.location === 'cpu' && Number(x.value!.tensor.size) >= PROMOTE_MIN)
      : [];
    // What onnxruntime-node's run() is fed for each input: its tensor (in the node's shape: a
    // reshape evaluated as a view shares its source's), or the device copy of its value (host
    // scalars). The C API runner needs none: it takes each input's data in its node's shape.
    const feeds = native === undefined ? inputs.map(feedTensor) : undefined;
    const scalarKeys = this.options.deviceInputs && feeds ? this.deviceScalars(inputs, feeds) : [];
    for (const { node } of scalarKeys) promote.push(node);
    // The structure as integers (see graph-key.ts): every count precedes its items.
    const w = this.key;
    w.reset();
    w.put((big ? 1 : 0) | (arena ? 2 : 0));
    w.put(inputs.length);
    for (let i = 0; i < inputs.length; i++) { w.put(nameCode(inputs[i]!.dtype)); w.put(inputs[i]!.shape.length); w.put(nameCode(feeds?.[i]!.location ?? 'cpu')); }
    w.put(order.length);
    for (const n of order) {
      w.put(n.keyId); w.put(nameCode(n.dtype)); w.put(n.shape.length); w.put(n.inputs.length);
      for (const x of n.inputs) w.put(x.slot);
    }
    w.put(outputs.length);
    for (let i = 0; i < outputs.length; i++) { w.put(outputs[i]!.slot); w.put(outLoc[i] === 'cpu' ? 0 : 1); }
    w.put(promote.length);
    for (const x of promote) w.put(x.slot);
    return { order, inputs, outputs, outLoc, big, arena, promote, feeds, scalarKeys };
  }

  /** The cached session for plan `p` (keyed by `this.key`), built when missing: at once where that needs no promise. */
  private session(p: Plan): CachedSession | Promise<CachedSession> {
    const w = this.key;
    let cached = this.cache.get(w);
    if (!cached) {
      const built = this.build(p.order, p.inputs, p.outputs, p.outLoc, p.big, p.promote, p.arena);
      const building = built instanceof Promise ? built : Promise.resolve(built);
      cached = building;
      // Built at once (C API): usable now. By a promise: once it settles.
      if (built instanceof Promise) built.then((c) => this.settled.set(building, c), () => undefined);
      else this.settled.set(building, built);
      const entry = this.cache.set(w, building);
      building.catch(() => this.cache.delete(entry));
      if (this.cache.size > this.options.maxSessions) {
        const old = this.cache.oldest()!;
        this.cache.delete(old);
        old.value.then(releaseCached).catch(() => undefined);
      }
    }
    return this.settled.get(cached) ?? cached;
  }

  /** Stores a run's results: outputs become values, device copies replace host inputs, the rest is dropped. */
  private finish(p: Plan, s: CachedSession, result: Record<string, ort.Tensor>): void {
    this.runs++;
    p.outputs.forEach((n, i) => this.setValue(n, result[s.outputNames[i]!]!));
    const arrays = p.promote.length - p.scalarKeys.length;
    p.scalarKeys.forEach(({ key: k }, j) => this.keepDeviceScalar(k, result[s.promotedNames[arrays + j]!]!));
    p.promote.slice(0, arrays).forEach((x, k) => {
      const b = x.value!;
      const host = b.tensor;
      b.tensor = result[s.promotedNames[k]!]!;
      b.moved = true;
      host.dispose();
    });
    // Pending nodes that were not outputs are no longer wanted by anyone.
    for (const n of p.order) if (n.pending) this.dropInputs(n);
  }

  /**
   * Depth-first from `root` over pending nodes: appends them to `order` (inputs first) and the
   * materialised nodes they read to `inputs`, stamping `slot`, and counts each node's reads by
   * pending nodes of the graph (`uses`). Returns whether a node it appended waits on an exponent check.
   */
  private visit(root: LazyNode, epoch: number, order: LazyNode[], inputs: LazyNode[]): boolean {
    if (root.visited === epoch) return false;
    let exponentChecks = false;
    const nodes = this.stackNodes, next = this.stackNext;
    let sp = 0;
    nodes[sp] = root; next[sp] = 0; sp++;
    while (sp > 0) {
      const n = nodes[sp - 1]!;
      if (!n.pending) {
        n.visited = epoch; n.slot = 2 * inputs.length + 1; inputs.push(n);
        sp--;
        continue;
      }
      const i = next[sp - 1]!;
      if (i < n.inputs.length) {
        next[sp - 1] = i + 1;
        const c = n.inputs[i]!;
        if (c.counted !== epoch) { c.counted = epoch; c.uses = 0; }
        c.uses++;
        if (c.visited !== epoch) { nodes[sp] = c; next[sp] = 0; sp++; }
        continue;
      }
      sp--;
      n.visited = epoch; n.slot = 2 * order.length; order.push(n);
      if (n.exponentCheck) exponentChecks = true;
    }
    nodes.length = 0; // drop references to nodes
    return exponentChecks;
  }

  /**
   * GPU providers: host scalars (a number operand such as the 5 of `x * 5` becomes one) are fed
   * from a cache of device copies by value, replacing `feeds[i]`: each host input costs the
   * WebGPU EP an upload per run (the 10-op chain on 2²⁶: 2.98 ms per run with its ten scalars
   * from the host, 1.94 ms with them on the device, H200, 2026-12-03). A value moves to the
   * device at its second read (the copy is one more output of that run), so a loop over
   * ever new values keeps feeding them from the host. Returns the inputs to copy.
   */
  private deviceScalars(inputs: readonly LazyNode[], feeds: ort.Tensor[]): { node: LazyNode; key: string }[] {
    const copy: { node: LazyNode; key: string }[] = [];
    for (let i = 0; i < inputs.length; i++) {
      const t = feeds[i]!;
      if (t.location !== 'cpu' || t.size !== 1) continue;
      const x = inputs[i]!;
      const k = `${x.dtype}[${x.shape.join(',')}]:${scalarText((t.data as unknown as ArrayLike<number | bigint>)[0]!)}`;
      const dev = this.scalars.get(k);
      if (dev) {
        feeds[i] = dev;
        this.scalars.delete(k); // LRU: most recently used last
        this.scalars.set(k, dev);
        continue;
      }
      const seen = (this.scalarSightings.get(k) ?? 0) + 1;
      this.scalarSightings.delete(k);
      if (seen < 2) {
        this.scalarSightings.set(k, seen);
        if (this.scalarSightings.size > SCALAR_SIGHTINGS) this.scalarSightings.delete(this.scalarSightings.keys().next().value!);
      } else if (!copy.some((c) => c.key === k)) {
        copy.push({ node: inputs[i]!, key: k });
      }
    }
    return copy;
  }

  private keepDeviceScalar(key: string, t: ort.Tensor): void {
    this.scalars.set(key, t);
    if (this.scalars.size > DEVICE_SCALARS) {
      const [oldKey, old] = this.scalars.entries().next().value!;
      this.scalars.delete(oldKey);
      old.dispose();
    }
  }

  /** One run through onnxruntime-node (GPU providers; the CPU one without the C API). */
  private runNode(s: CachedSession, session: ort.InferenceSession, order: LazyNode[], inputTensors: readonly ort.Tensor[], outputs: LazyNode[]): Promise<ort.InferenceSession.ReturnType> {
    const feeds: Record<string, ort.Tensor> = {};
    inputTensors.forEach((t, i) => { feeds[s.inputNames[i]!] = t; });
    let p = 0;
    for (const n of order) for (const v of n.params) feeds[`p${p++}`] = hostOrtTensor('int64', v, [v.length]);
    // CPU outputs into kept buffers where there are some (every output named: null = ORT allocates).
    let fetches: Record<string, ort.Tensor | null> | undefined;
    if (!this.gpu && this.options.reuseOutputsFrom !== undefined) {
      outputs.forEach((n, i) => {
        const data = this.reusedOutput(n);
        if (data) (fetches ??= {})[s.outputNames[i]!] = hostOrtTensor(n.dtype, data, n.shape);
      });
      if (fetches) for (const name of s.outputNames) if (!(name in fetches)) fetches[name] = null;
    }
    return fetches ? session.run(feeds, fetches) : session.run(feeds);
  }

  /**
   * One run through ORT's C API: every output is a host array we allocate (or a kept one), which
   * ORT writes in place. Graphs over large tensors run on a worker thread (the event loop stays
   * free); small ones run on this thread, where a call costs least.
   */
  private runNative(s: CachedSession, session: NativeSession, { order, inputs, outputs }: Plan, big: boolean): Record<string, ort.Tensor> | Promise<Record<string, ort.Tensor>> {
    const ins: HostTensor[] = inputs.map((x) => hostTensor(x.dtype, x.value!.tensor.data as unknown as ArrayBufferView, x.shape));
    for (const n of order) for (const v of n.params) ins.push(hostTensor('int64', v, [v.length]));
    const outs = outputs.map((n) => {
      const data = this.reusedOutput(n) ?? new HOST_ARRAY[n.dtype](sizeOf(n.shape)) as ArrayBufferView;
      return hostTensor(n.dtype, data, n.shape);
    });
    const tensors = () => {
      const result: Record<string, ort.Tensor> = {};
      outputs.forEach((n, i) => { result[s.outputNames[i]!] = hostOrtTensor(n.dtype, outs[i]!.data, n.shape); });
      return result;
    };
    // Small graphs: synchronous, no promise to wait for.
    const done = session.run(ins, outs, big);
    return done ? done.then(tensors) : tensors();
  }

  /** Checks the exponents of the integer pows in `order` on their host values (evaluated first when pending). */
  private async checkExponents(order: LazyNode[]): Promise<void> {
    for (const n of order) {
      const e = n.exponentCheck;
      if (!e) continue;
      if (e.pending) await this.evaluateNow([e], true);
      if (e.error) throw e.error;
      const t = e.value!.tensor;
      noNegativeExponent(e.value!, (t.location === 'cpu' ? t.data : await this.hostCopy(e, true)) as unknown as ArrayLike<number | bigint>);
      n.exponentCheck = undefined;
    }
  }

  /** `checkExponents` on the calling thread (CPU provider: exponents are host arrays). */
  private checkExponentsSync(order: LazyNode[]): void {
    for (const n of order) {
      const e = n.exponentCheck;
      if (!e) continue;
      if (e.pending) this.evaluateNowSync([e]);
      if (e.error) throw e.error;
      noNegativeExponent(e.value!, e.value!.tensor.data as unknown as ArrayLike<number | bigint>);
      n.exponentCheck = undefined;
    }
  }

  /** After a failed run: finds the take-like node whose indices are out of range and throws its IndexError. */
  private async explainIndexError(order: LazyNode[]): Promise<void> {
    for (const n of order) {
      const c = n.indexCheck;
      if (!c || c.indices.error) continue;
      let data: ArrayLike<number | bigint>;
      try {
        if (c.indices.pending) await this.evaluateNow([c.indices], true);
        const t = c.indices.value?.tensor;
        if (!t) continue;
        // On the device (a moved host array): copied out here, not through the queue we hold.
        data = (t.location === 'cpu' ? t.data : await this.hostCopy(c.indices, true)) as unknown as ArrayLike<number | bigint>;
      } catch { continue; }
      checkIndices(c, data);
    }
  }

  /** `explainIndexError` on the calling thread (CPU provider: indices are host arrays). */
  private explainIndexErrorSync(order: LazyNode[]): void {
    for (const n of order) {
      const c = n.indexCheck;
      if (!c || c.indices.error) continue;
      let data: ArrayLike<number | bigint>;
      try {
        if (c.indices.pending) this.evaluateNowSync([c.indices]);
        const t = c.indices.value?.tensor;
        if (!t) continue;
        data = t.data as unknown as ArrayLike<number | bigint>;
      } catch { continue; }
      checkIndices(c, data);
    }
  }

  /** A session for the graph: built at once through the C API, by a promise through onnxruntime-node. */
  private build(order: LazyNode[], inputs: LazyNode[], outputs: LazyNode[], outLoc: string[], big: boolean, promote: LazyNode[], arena: boolean): CachedSession | Promise<CachedSession> {
    const b = new Builder(this.options.gpuForms ?? this.gpu, this.options.ep);
    const names = new Map<LazyNode, string>();
    const vi = (name: string, dtype: DType, rank: number) => ({
      name, type: { tensorType: { elemType: ONNX_TYPE[dtype]!, shape: { dim: Array.from({ length: rank }, (_, i) => ({ dimParam: `${name}_d${i}` })) } } },
    });
    const graphInputs = inputs.map((x, i) => { const name = `i${i}`; names.set(x, name); return vi(name, x.dtype, x.shape.length); });
    for (const n of order) {
      b.beginNode(n);
      names.set(n, n.emit!(b, n.inputs.map((x) => names.get(x)!), n));
    }
    const paramInputs = Array.from({ length: b.paramCount }, (_, i) => ({ name: `p${i}`, type: { tensorType: { elemType: 7, shape: { dim: [{ dimParam: `p${i}_n` }] } } } }));
    // Graph outputs need their own names (an output may be an input or shared by two nodes).
    const outputNames = outputs.map((n, i) => {
      const o = `o${i}`;
      b.nodes.push({ opType: 'Identity', input: [names.get(n)!], output: [o] });
      return o;
    });
    const promotedNames = promote.map((x, k) => {
      const o = `h${k}`;
      b.nodes.push({ opType: 'Identity', input: [names.get(x)!], output: [o] });
      return o;
    });
    const graph: GraphJSON = {
      name: 'arr',
      node: b.nodes,
      initializer: b.inits,
      input: [...graphInputs, ...paramInputs],
      output: [
        ...outputs.map((n, i) => vi(outputNames[i]!, n.dtype, n.shape.length)),
        ...promote.map((x, k) => vi(promotedNames[k]!, x.dtype, x.shape.length)),
      ],
    };
    const model = encodeModel(graph);
    const opts: ort.InferenceSession.SessionOptions = { ...this.options.sessionOptions };
    if (!big) {
      opts.intraOpNumThreads = 1;
      opts.graphOptimizationLevel = 'basic';
    }
    if (this.gpu) {
      const loc: Record<string, 'cpu' | 'gpu-buffer'> = {};
      outputNames.forEach((o, i) => { loc[o] = outLoc[i] as 'cpu' | 'gpu-buffer'; });
      for (const o of promotedNames) loc[o] = 'gpu-buffer';
      opts.preferredOutputLocation = loc;
    }
    const inputNames = graphInputs.map((g) => g.name);
    const native = this.options.native;
    if (native) {
      const session = native.api.createSession(model, [...inputNames, ...paramInputs.map((p) => p.name)], outputNames, {
        threads: big ? native.threads : 1, optimization: big ? 'all' : 'basic', sharedArena: arena,
      });
      this.sessionsCreated++;
      return { native: session, inputNames, outputNames, promotedNames };
    }
    return ort.InferenceSession.create(model, opts).then((session) => {
      this.sessionsCreated++;
      return { session, inputNames, outputNames, promotedNames };
    });
  }

  /**
   * Reads a node back to the host as a fresh copy, on the calling thread: the CPU provider with
   * the C API runner only (see evaluateGraphSync).
   */
  readSync(n: LazyNode): ArrayBufferView {
    if (this.gpu || !this.options.native) throw new DeviceError(`onnxruntime: synchronous read-back needs the CPU provider with the C API runner; await x.data() instead`);
    if (n.pending) this.evaluateNowSync([n]);
    if (n.error) throw n.error;
    return copyData(n.value!.tensor);
  }

  /** Reads a node back to the host as a fresh copy (via a CPU-output session when it lives on a GPU). */
  async read(n: LazyNode): Promise<ArrayBufferView> {
    if (n.pending) await this.evaluate([n], true);
    if (n.error) throw n.error;
    const t = n.value!.tensor;
    return t.location === 'cpu' ? copyData(t) : this.hostCopy(n, false);
  }

  /**
   * A host copy of a node that lives on a GPU. Never getData() on a gpu-buffer tensor (kills the
   * process on onnxruntime-node 1.30's WebGPU EP): copy through a one-node session whose output
   * location is the CPU. `now`: run at once (the caller already holds the evaluation queue).
   */
  private async hostCopy(n: LazyNode, now: boolean): Promise<ArrayBufferView> {
    const copy = new LazyNode(this, n.dtype, n.shape, 'Identity', [n], (bb, [x]) => bb.op('Identity', [x!]));
    try {
      await (now ? this.evaluateNow([copy], true) : this.evaluate([copy], true));
      return copyData(copy.value!.tensor);
    } finally {
      this.free(copy);
    }
  }

  get cacheSize(): number { return this.cache.size; }

  async dispose(): Promise<void> {
    for (const c of this.cache.values()) {
      try { await releaseCached(await c); } catch { /* already failed */ }
    }
    this.cache.clear();
    for (const t of this.scalars.values()) t.dispose();
    this.scalars.clear();
  }
}

async function releaseCached(c: CachedSession): Promise<void> {
  c.native?.release();
  await c.session?.release();
}

/** Where a chain of pending windows (reshapes, contiguous slices) ending at `t` starts (`t` itself when it is none, or when `t` is under half of it). */
function windowSource(t: LazyNode): LazyNode {
  let s = t;
  while (s.pending && s.window !== undefined) s = s.inputs[0]!;
  // A small window would keep the whole of a large value alive: computed on its own instead.
  return s !== t && 2 * sizeOf(t.shape) < sizeOf(s.shape) ? t : s;
}

/** Throws the IndexError of take-like node check `c` when `indices` has one out of range. */
function checkIndices(c: NonNullable<LazyNode['indexCheck']>, indices: ArrayLike<number | bigint>): void {
  for (let i = 0; i < indices.length; i++) {
    const v = Number(indices[i]!);
    if (v < -c.size || v >= c.size) throw new IndexError(`${c.fn}: index ${indices[i]} is out of bounds for axis ${c.axis} with size ${c.size}`);
  }
}

/** The tensor a graph reads for materialised node `x`: its value's, in `x`'s shape when it is a view with another (CPU only; see Engine.evaluateNow). */
function feedTensor(x: LazyNode): ort.Tensor {
  const t = x.value!.tensor;
  const dims = t.dims;
  if (dims.length === x.shape.length && dims.every((d, i) => d === x.shape[i])) return t;
  return hostOrtTensor(x.dtype, t.data as unknown as ArrayBufferView, x.shape);
}

/** A host array as the C API runner takes it. */
function hostTensor(dtype: DType, data: ArrayBufferView, shape: Shape): HostTensor {
  return { data, dims: shape, type: ONNX_TYPE[dtype]! };
}

/**
 * A host array as an onnxruntime-node CPU tensor (core's host array types are its types). Its
 * dims must be safe integers: core bounds an array's size, but an empty one (np.tile of a 0×2
 * array by 2⁵³) can have a larger dimension, which onnxruntime-common rejects with a TypeError.
 */
function hostOrtTensor(dtype: DType, data: ArrayBufferView, shape: Shape): ort.Tensor {
  for (const d of shape) {
    if (!Number.isSafeInteger(d)) throw new ValueError(`onnxruntime: dimension ${d} of shape [${shape.join(', ')}] is larger than its tensors can describe (2^53 - 1)`);
  }
  return new ort.Tensor(ORT_TYPE[dtype]!, data as never, shape as number[]);
}

/**
 * The most bytes of intermediates (pending nodes that are not outputs) alive at once when the
 * nodes run in `order`: an estimate of what a run takes from the shared arena.
 */
export function intermediatePeak(order: readonly LazyNode[], outputs: ReadonlySet<LazyNode>): number {
  const uses = new Map<LazyNode, number>();
  for (const n of order) for (const x of n.inputs) uses.set(x, (uses.get(x) ?? 0) + 1);
  let live = 0, peak = 0;
  for (const n of order) {
    if (!outputs.has(n)) { live += n.pendingBytes; peak = Math.max(peak, live); }
    for (const x of n.inputs) {
      const left = uses.get(x)! - 1;
      uses.set(x, left);
      if (left === 0 && x.pending && !outputs.has(x)) live -= x.pendingBytes;
    }
  }
  return peak;
}

function copyData(t: ort.Tensor): ArrayBufferView {
  const d = t.data as unknown as { slice(): ArrayBufferView };
  return d.slice();
}
