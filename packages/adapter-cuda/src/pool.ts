/**
 * A stream-ordered caching allocator, like CuPy's: freed blocks go to a per-size cache and are
 * reused by later allocations. All work runs on one stream, so a block freed after queueing a
 * kernel can be handed to the next kernel at once (stream order keeps them apart). Out of memory:
 * wait for the stream, free the whole cache once, retry, then throw DeviceError.
 */
import { DeviceError } from '@arr/core';
import { type MemDriver, OutOfMemory } from './ffi.js';

/** A device allocation shared by an array and its views (refcounted). */
export interface Block {
  readonly ptr: bigint;
  /** Rounded size actually held. */
  readonly size: number;
  refs: number;
}

const SMALL = 1 << 20;

/** Size classes: 512 B steps up to 1 MiB, then 2 MiB steps (bounded waste, few classes). */
export function roundSize(bytes: number): number {
  const b = Math.max(bytes, 1);
  if (b <= SMALL) return Math.ceil(b / 512) * 512;
  return Math.ceil(b / (2 << 20)) * (2 << 20);
}

export class MemoryPool {
  private readonly cache = new Map<number, bigint[]>();
  /** Bytes in blocks handed out (live arrays, rounded sizes). */
  usedBytes = 0;
  /** Bytes in freed blocks kept for reuse. */
  cachedBytes = 0;
  /** Blocks handed out. */
  liveBlocks = 0;

  constructor(private readonly driver: MemDriver) {}

  alloc(bytes: number): Block {
    const size = roundSize(bytes);
    const list = this.cache.get(size);
    let ptr = list?.pop();
    if (ptr !== undefined) {
      this.cachedBytes -= size;
    } else {
      ptr = this.fresh(size, bytes);
    }
    this.usedBytes += size;
    this.liveBlocks++;
    return { ptr, size, refs: 1 };
  }

  private fresh(size: number, asked: number): bigint {
    try {
      return this.driver.memAlloc(size);
    } catch (e) {
      if (!(e instanceof OutOfMemory)) throw e;
    }
    const freed = this.cachedBytes;
    this.freeCache();
    try {
      return this.driver.memAlloc(size);
    } catch (e) {
      if (!(e instanceof OutOfMemory)) throw e;
      throw new DeviceError(
        `cuda: out of device memory allocating ${asked} bytes (${this.usedBytes} bytes in use by live arrays; ` +
        `${freed} cached bytes were released and the allocation retried); dispose arrays or use np.scope`,
      );
    }
  }

  /** Drops one reference; the block returns to the cache at zero. */
  release(block: Block): void {
    if (--block.refs > 0) return;
    if (block.refs < 0) throw new Error('cuda pool: block released twice');
    this.usedBytes -= block.size;
    this.liveBlocks--;
    this.cachedBytes += block.size;
    let list = this.cache.get(block.size);
    if (!list) this.cache.set(block.size, (list = []));
    list.push(block.ptr);
  }

  /** Returns every cached block to the driver (after the stream has finished with them). */
  freeCache(): void {
    if (this.cachedBytes === 0) return;
    this.driver.synchronize();
    for (const list of this.cache.values()) for (const p of list) this.driver.memFree(p);
    this.cache.clear();
    this.cachedBytes = 0;
  }
}

/**
 * Pinned (page-locked) host staging buffers, reused: uploads and read-backs go through them so
 * the DMA runs at full speed. A buffer is busy until the caller gives it back.
 */
export interface PinnedDriver {
  hostAlloc(bytes: number): bigint;
  hostFree(ptr: bigint): void;
  view(ptr: bigint, bytes: number): Uint8Array;
}

export interface Pinned {
  readonly ptr: bigint;
  readonly size: number;
  readonly bytes: Uint8Array;
}

export class PinnedPool {
  private readonly free: Pinned[] = [];
  totalBytes = 0;
  constructor(readonly driver: PinnedDriver, private readonly keepBytes = 1 << 30) {}

  take(bytes: number): Pinned {
    // Smallest free buffer that fits.
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const f = this.free[i]!;
      if (f.size >= bytes && (best < 0 || f.size < this.free[best]!.size)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    const size = Math.max(1 << 16, 2 ** Math.ceil(Math.log2(Math.max(bytes, 1))));
    const ptr = this.driver.hostAlloc(size);
    this.totalBytes += size;
    return { ptr, size, bytes: this.driver.view(ptr, size) };
  }

  give(p: Pinned): void {
    this.free.push(p);
    // Keep at most keepBytes pinned: free the largest idle ones beyond it.
    while (this.totalBytes > this.keepBytes && this.free.length > 0) {
      this.free.sort((a, b) => a.size - b.size);
      const big = this.free.pop()!;
      this.driver.hostFree(big.ptr);
      this.totalBytes -= big.size;
    }
  }
}
