/**
 * The part of the @arr namespace the benchmark uses. Written structurally (a subset of
 * `ArrayNamespace` from @arr/core) so the bench states exactly what an adapter must provide
 * for it, and so an adapter package can be loaded with a dynamic import() without its types.
 */

export type HostData = Float32Array | Float64Array | Uint16Array | Int32Array | Uint8Array | ArrayLike<number> | ArrayLike<bigint>;

export interface BenchArray {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly size: number;
  data(): Promise<HostData>;
  /** Integer keys only here: one element as a 0-d array. */
  get(...keys: number[]): BenchArray;
  dispose(): void;
}

export interface BenchEngineInfo {
  readonly adapter: string;
  readonly backend: string;
  readonly device: string;
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface BenchNs {
  asarray(data: HostData, options: { shape: readonly number[]; dtype?: string }): BenchArray;
  ones(shape: readonly number[], options?: { dtype?: string }): BenchArray;
  astype(x: BenchArray, dtype: string): BenchArray;
  add(a: BenchArray, b: BenchArray | number): BenchArray;
  multiply(a: BenchArray, b: BenchArray | number): BenchArray;
  matmul(a: BenchArray, b: BenchArray): BenchArray;
  greater(a: BenchArray, b: BenchArray | number): BenchArray;
  sum(x: BenchArray, options?: { axis?: number }): BenchArray;
  mean(x: BenchArray, options?: { axis?: number }): BenchArray;
  max(x: BenchArray, options?: { axis?: number }): BenchArray;
  extract(condition: BenchArray, x: BenchArray): Promise<BenchArray>;
  memory(): { arrays: number; bytes: number };
  info(): {
    engine(): BenchEngineInfo;
    dtypes(options?: { device?: unknown }): Record<string, string>;
    defaultDevice(): { readonly kind: 'cpu' | 'gpu'; readonly id: string };
  };
}
