/**
 * Kernel compilation with NVRTC, cached in memory (per process) and on disk (so a second process
 * compiles nothing). The disk key is the SHA-256 of the source, the target architecture and the
 * NVRTC version; files are written atomically (temp file + rename), so concurrent processes are safe.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where compiled kernels go: $ARR_CUDA_CACHE, else $XDG_CACHE_HOME/arr-cuda, else ~/.cache/arr-cuda. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.ARR_CUDA_CACHE) return env.ARR_CUDA_CACHE;
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'arr-cuda');
}

/** The disk-cache key: source hash + compute capability + NVRTC version. */
export function cacheKey(source: string, arch: string, nvrtcVersion: readonly [number, number]): string {
  const h = createHash('sha256').update(source).digest('hex').slice(0, 32);
  return `${h}-${arch}-nvrtc${nvrtcVersion[0]}.${nvrtcVersion[1]}`;
}

/** A compiler: source → CUBIN (or PTX) bytes. */
export type Compile = (source: string) => { image: Uint8Array; kind: 'cubin' | 'ptx' };

export class DiskCache {
  hits = 0;
  misses = 0;
  constructor(readonly dir: string | undefined) {}

  get(key: string): Uint8Array | undefined {
    if (!this.dir) return undefined;
    try {
      const b = fs.readFileSync(path.join(this.dir, `${key}.bin`));
      this.hits++;
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch {
      this.misses++;
      return undefined;
    }
  }

  put(key: string, image: Uint8Array): void {
    if (!this.dir) return;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `.${key}.${process.pid}.${Math.random().toString(36).slice(2)}`);
      fs.writeFileSync(tmp, image);
      fs.renameSync(tmp, path.join(this.dir, `${key}.bin`));
    } catch {
      // A read-only or full disk only costs recompiles.
    }
  }
}

/**
 * Source → loaded module, through both caches. `load` turns an image into a module handle
 * (cuModuleLoadData); `compile` runs NVRTC.
 */
export class KernelCache<M> {
  private readonly modules = new Map<string, M>();
  compiles = 0;
  compileMs = 0;

  constructor(
    private readonly compile: Compile,
    private readonly load: (image: Uint8Array) => M,
    private readonly disk: DiskCache,
    private readonly arch: string,
    private readonly nvrtcVersion: readonly [number, number],
  ) {}

  module(source: string): M {
    let m = this.modules.get(source);
    if (m !== undefined) return m;
    const key = cacheKey(source, this.arch, this.nvrtcVersion);
    let image = this.disk.get(key);
    if (!image) {
      const t = performance.now();
      const r = this.compile(source);
      this.compiles++;
      this.compileMs += performance.now() - t;
      image = r.image;
      this.disk.put(key, image);
    }
    m = this.load(image);
    this.modules.set(source, m);
    return m;
  }

  get size(): number { return this.modules.size; }
}
