/**
 * Handles and buffers. A handle is a scijs `ndarray` view (data, shape, stride, offset; for
 * complex dtypes the data is the interleaved re/im array and shape/stride/offset count complex
 * elements) plus the buffer record it keeps alive. Views share a buffer and bump its refcount;
 * `memoryBytes()` counts each live buffer once.
 */
import ndarray from 'ndarray';
import { type DType, type HostArray, type Shape, HOST_ARRAY, lanes, sizeOf, stridesOf } from '@arr/core';

/** A view as kernels see it (the ndarray view object). */
export type View = ndarray.NdArray<any>;

/** One allocation shared by every view of it. */
export class Buffer {
  refs = 1;
  /** `recycle`: may be handed out again once freed (false for host data given to `fromHost`). */
  constructor(public data: HostArray | null, readonly bytes: number, readonly recycle = true) {}
}

export class Handle {
  freed = false;
  constructor(readonly nd: View, readonly buf: Buffer) {}
}

/** Row-major strides and element counts: core's helpers under the names the kernels use. */
export const rowMajor = stridesOf;
export const sizeOfShape = sizeOf;

/** True when the view's elements are row-major and adjacent (any offset). Size-1 axes are ignored. */
export function isContiguous(v: View): boolean {
  const shape = v.shape, stride = v.stride;
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d === 1) continue;
    if (d === 0) return true;
    if (stride[i] !== acc) return false;
    acc *= d;
  }
  return true;
}

/** Allocates zeroed storage for `size` elements of `dtype`. */
export function alloc(dtype: DType, size: number): HostArray {
  return new HOST_ARRAY[dtype](size * lanes(dtype));
}

type Factory = (data: HostArray, shape: Shape, stride: readonly number[], offset: number) => View;
const factories = new Map<unknown, Factory[]>();
const ONE = [1];

/**
 * An ndarray view. ndarray compiles one View class per (storage type, ndim); after the first
 * call we construct that class directly, skipping ndarray's per-call type sniffing (which costs
 * more than the rest of a 1-element kernel).
 */
export function makeView(data: HostArray, shape: Shape, stride?: readonly number[], offset = 0): View {
  const st = stride ?? (shape.length === 1 ? ONE : rowMajor(shape));
  let list = factories.get(data.constructor);
  if (list === undefined) factories.set(data.constructor, (list = []));
  const f = list[shape.length];
  if (f !== undefined) return f(data, shape, st, offset);
  const v = ndarray(data as any, shape as number[], st as number[], offset);
  const args = [...shape.map((_, i) => `s[${i}]`), ...shape.map((_, i) => `t[${i}]`)].join(', ');
  list[shape.length] = new Function('C', `return function view(a, s, t, d) { return new C(a, ${args}${args ? ', ' : ''}d); };`)(v.constructor) as Factory;
  return v;
}

/** Buffers at least this large are kept for reuse when freed (smaller ones are cheap to allocate). */
const RECYCLE_MIN = 1 << 20;
/** At most this many bytes wait for reuse. */
const RECYCLE_MAX = 256 << 20;

/**
 * Tracks the buffers of one adapter instance. Large freed buffers wait in a small bin and are
 * handed out again, uncleared, for outputs a kernel overwrites completely (`allocOut`): that skips
 * zeroing, page faults and GC work, which cost as much as a simple kernel on 10⁷ elements.
 * They are not live, so `memoryBytes()` does not count them.
 */
export class Pool {
  bytes = 0;
  buffers = 0;
  private readonly bin = new Map<unknown, HostArray[]>();
  private binBytes = 0;

  /** Storage for `size` elements of `dtype` whose every slot the caller will write. */
  allocOut(dtype: DType, size: number): HostArray {
    const ctor = HOST_ARRAY[dtype];
    const len = size * lanes(dtype);
    if (len * ctor.BYTES_PER_ELEMENT >= RECYCLE_MIN) {
      const list = this.bin.get(ctor);
      if (list) {
        for (let i = list.length - 1; i >= 0; i--) {
          const d = list[i]!;
          if (d.length === len) {
            list.splice(i, 1);
            this.binBytes -= d.byteLength;
            return d;
          }
        }
      }
    }
    return new ctor(len);
  }

  /**
   * A new handle owning `data` (row-major). `recycle: false` for memory that is not ours to reuse
   * once freed (host data core hands over, which may be the user's own under `copy: false`).
   */
  own(data: HostArray, shape: Shape, recycle = true): Handle {
    this.bytes += data.byteLength;
    this.buffers++;
    return new Handle(makeView(data, shape), new Buffer(data, data.byteLength, recycle));
  }

  /** A new handle sharing `base`'s buffer. */
  view(base: Handle, nd: View): Handle {
    base.buf.refs++;
    return new Handle(nd, base.buf);
  }

  free(h: Handle): void {
    if (h.freed) return;
    h.freed = true;
    const b = h.buf;
    if (--b.refs === 0) {
      this.bytes -= b.bytes;
      this.buffers--;
      const d = b.data!;
      b.data = null;
      if (b.recycle && d.byteLength >= RECYCLE_MIN && d.byteOffset === 0 && d.byteLength === d.buffer.byteLength) {
        // Keep the newest; drop the oldest entries beyond the cap.
        let list = this.bin.get(d.constructor);
        if (!list) this.bin.set(d.constructor, (list = []));
        list.push(d);
        this.binBytes += d.byteLength;
        while (this.binBytes > RECYCLE_MAX) {
          for (const l of this.bin.values()) {
            const old = l.shift();
            if (old) { this.binBytes -= old.byteLength; break; }
          }
        }
      }
    }
  }
}
