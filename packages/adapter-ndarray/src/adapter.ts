/** The ndarray adapter: wires the kernel modules to @arr/core's `Adapter` interface. */
import os from 'node:os';
import {
  type Adapter, type ArgReduceOp, type BinaryOp, type Capabilities, type Device, type DType, type EngineInfo,
  type FillValue, type HostArray, type KernelArray, type ReduceOp, type ScanOp, type Shape, type UnaryOp,
  DTYPES, lanes, makeDevice,
} from '@arr/core';
import { runMap } from './elementwise/codegen.js';
import { unarySpec } from './elementwise/unary.js';
import { binarySpec, whereSpec } from './elementwise/binary.js';
import { castSpec } from './elementwise/cast.js';
import { signbit } from './elementwise/signbit.js';
import { copy } from './flat.js';
import { toHalf } from './half.js';
import { argReduce, reduce, scan } from './reduce.js';
import { matmul } from './matmul.js';
import { scatter, setSlice, take, takeAlongAxis } from './indexing.js';
import { argsort, searchsorted, sort } from './sort.js';
import { alloc, Handle, Pool, sizeOfShape } from './storage.js';
import { broadcastView, concat, permuteView, reshapeView, sliceView } from './views.js';
import { hostFftKernels, hostLinalgKernels, type HostIO } from '@arr/numerics';

type K = KernelArray<Handle>;

export interface NdarrayAdapterOptions {
  /** Reserved for future use (threads, …). */
  readonly name?: string;
}

const DEVICE = makeDevice('ndarray', 'cpu', 'cpu');
const DEVICES: readonly Device[] = Object.freeze([DEVICE]);
const CAPS: Capabilities = Object.freeze({
  'boolean indexing': true,
  'data-dependent shapes': true,
  'max dimensions': 64,
  'sync readback': true,
});

export class NdarrayAdapter implements Adapter<Handle> {
  readonly name = 'ndarray';
  /** The buffers this instance holds (memoryBytes counts them). */
  readonly pool = new Pool();
  /** np.linalg / np.fft kernels: @arr/numerics' float64 numerics over this adapter's host arrays. */
  private readonly io: HostIO<Handle> = {
    read: (x) => copy(x.handle.nd, x.dtype),
    make: (data, shape) => this.pool.own(data, shape),
  };
  readonly linalg = hostLinalgKernels(this.io);
  readonly fft = hostFftKernels(this.io);
  private engineInfo: EngineInfo | undefined;

  constructor(_options: NdarrayAdapterOptions = {}) {}

  devices(): readonly Device[] { return DEVICES; }
  defaultDevice(): Device { return DEVICE; }
  dtypes(_device: Device): readonly DType[] { return DTYPES; }
  capabilities(): Capabilities { return CAPS; }
  engine(): EngineInfo {
    this.engineInfo ??= Object.freeze({
      adapter: 'ndarray',
      backend: 'js',
      device: os.cpus()[0]?.model ?? 'unknown CPU',
      details: Object.freeze({ node: process.version }),
    });
    return this.engineInfo;
  }

  // ---- storage ----
  fromHost(data: HostArray, shape: Shape, _dtype: DType, _device: Device): Handle {
    // Kept as is: core hands it over (a fresh copy, or the user's own under copy: false; see
    // Adapter.fromHost), so a second copy only doubled asarray's time. Never recycled for outputs.
    return this.pool.own(data, shape, false);
  }
  read(x: K): Promise<HostArray> {
    return Promise.resolve(this.readSync(x));
  }
  readSync(x: K): HostArray {
    return copy(x.handle.nd, x.dtype);
  }
  free(handle: Handle): void { this.pool.free(handle); }
  memoryBytes(): number { return this.pool.bytes; }
  toDevice(x: K, _device: Device): Handle { return this.pool.view(x.handle, x.handle.nd); }

  // ---- creation ----
  full(shape: Shape, value: FillValue, dtype: DType, _device: Device): Handle {
    const size = sizeOfShape(shape);
    const data = alloc(dtype, size) as any;
    if (size > 0) {
      if (lanes(dtype) === 2) {
        const [re, im] = Array.isArray(value) ? (value as [number, number]) : [Number(value), 0];
        if (re !== 0 || im !== 0 || Object.is(re, -0) || Object.is(im, -0)) {
          for (let i = 0; i < 2 * size; i += 2) { data[i] = re; data[i + 1] = im; }
        }
      } else if (dtype === 'float16') data.fill(toHalf(Number(value)));
      else if (dtype === 'bool') data.fill(value ? 1 : 0);
      else if (dtype === 'int64' || dtype === 'uint64') data.fill(typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value))));
      else if (size === 1) data[0] = Number(value);
      else data.fill(Number(value));
    }
    return this.pool.own(data, shape);
  }

  // ---- conversion and views ----
  cast(x: K, dtype: DType): Handle {
    if (x.dtype === dtype) return this.pool.view(x.handle, x.handle.nd);
    return this.map(castSpec(x.dtype, dtype), dtype, x.shape, [x]);
  }
  reshape(x: K, shape: Shape): Handle {
    const v = reshapeView(x.handle.nd, shape);
    if (v) return this.pool.view(x.handle, v);
    return this.pool.own(copy(x.handle.nd, x.dtype), shape);
  }
  permute(x: K, axes: readonly number[]): Handle {
    return this.pool.view(x.handle, permuteView(x.handle.nd, axes));
  }
  slice(x: K, start: readonly number[], step: readonly number[], shape: Shape): Handle {
    return this.pool.view(x.handle, sliceView(x.handle.nd, start, step, shape));
  }
  broadcastTo(x: K, shape: Shape): Handle {
    return this.pool.view(x.handle, broadcastView(x.handle.nd, shape));
  }
  concat(xs: readonly K[], axis: number): Handle {
    const first = xs[0]!;
    const shape = first.shape.slice();
    shape[axis] = xs.reduce((s, x) => s + x.shape[axis]!, 0);
    const data = concat(xs.map((x) => ({ v: x.handle.nd, shape: x.shape })), axis, first.dtype, shape);
    return this.pool.own(data, shape);
  }

  // ---- elementwise ----
  private map(spec: Parameters<typeof runMap>[0], dtype: DType, shape: Shape, inputs: readonly K[]): Handle {
    const size = sizeOfShape(shape);
    const out = this.pool.allocOut(dtype, size);
    runMap(spec, out, shape, size, inputs.map((x) => x.handle.nd));
    return this.pool.own(out, shape);
  }
  unary(op: UnaryOp, x: K, dtype: DType): Handle {
    if (op === 'signbit') return this.pool.own(signbit(x.handle.nd, x.dtype, x.shape), x.shape);
    return this.map(unarySpec(op, x.dtype, dtype), dtype, x.shape, [x]);
  }
  binary(op: BinaryOp, a: K, b: K, dtype: DType): Handle {
    const shape = a.shape;
    const size = sizeOfShape(shape);
    const out = this.pool.allocOut(dtype, size);
    runMap(binarySpec(op, a.dtype, dtype), out, shape, size, [a.handle.nd, b.handle.nd]);
    return this.pool.own(out, shape);
  }
  where(cond: K, a: K, b: K): Handle {
    return this.map(whereSpec(a.dtype), a.dtype, a.shape, [cond, a, b]);
  }

  // ---- reductions ----
  reduce(op: ReduceOp, x: K, axes: readonly number[]): Handle {
    const shape = x.shape.filter((_, i) => !axes.includes(i));
    return this.pool.own(reduce(op, x.handle.nd, x.dtype, axes), shape);
  }
  argReduce(op: ArgReduceOp, x: K, axis: number): Handle {
    const shape = x.shape.filter((_, i) => i !== axis);
    return this.pool.own(argReduce(op, x.handle.nd, x.dtype, axis), shape);
  }
  scan(op: ScanOp, x: K, axis: number): Handle {
    return this.pool.own(scan(op, x.handle.nd, x.dtype, axis), x.shape);
  }

  // ---- linear algebra ----
  matmul(a: K, b: K): Handle {
    const nd = a.shape.length;
    const shape = [...a.shape.slice(0, nd - 1), b.shape[nd - 1]!];
    return this.pool.own(matmul(a.handle.nd, b.handle.nd, a.dtype), shape);
  }

  // ---- indexing ----
  take(x: K, indices: K, axis: number): Handle {
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    return this.pool.own(take(x.handle.nd, x.dtype, indices.handle.nd, indices.dtype, axis), shape);
  }
  takeAlongAxis(x: K, indices: K, axis: number): Handle {
    return this.pool.own(takeAlongAxis(x.handle.nd, x.dtype, indices.handle.nd, indices.dtype, axis), indices.shape);
  }
  setSlice(x: K, start: readonly number[], step: readonly number[], values: K): Handle {
    return this.pool.own(setSlice(x.handle.nd, x.dtype, start, step, values.handle.nd), x.shape);
  }
  scatter(x: K, indices: K, axis: number, values: K): Handle {
    return this.pool.own(scatter(x.handle.nd, x.dtype, indices.handle.nd, indices.dtype, axis, values.handle.nd), x.shape);
  }

  // ---- sorting ----
  sort(x: K, axis: number, descending: boolean, _stable: boolean): Handle {
    return this.pool.own(sort(x.handle.nd, x.dtype, axis, descending), x.shape);
  }
  argsort(x: K, axis: number, descending: boolean, _stable: boolean): Handle {
    return this.pool.own(argsort(x.handle.nd, x.dtype, axis, descending), x.shape);
  }
  searchsorted(x1: K, v: K, side: 'left' | 'right'): Handle {
    return this.pool.own(searchsorted(x1.handle.nd, x1.dtype, v.handle.nd, side), v.shape);
  }
}
