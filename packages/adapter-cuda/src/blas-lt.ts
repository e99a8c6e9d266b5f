/**
 * Matrix products through cuBLASLt with a plan cached per problem: the operation and layout
 * descriptors and the algorithm cuBLASLt's heuristic picked, found once. A repeated product then
 * costs one cublasLtMatmul call; cublasGemmEx runs its heuristic on every call (about 20 µs of host
 * time per 4096² product on the H200, 2026-12-03 call E), which a device-synchronised loop pays.
 */
import { checkBlas, out } from './ffi.js';

type Fn = (...args: any[]) => any;

/** cublasLtMatrixLayoutAttribute_t / cublasLtMatmulPreferenceAttributes_t values. */
const LAYOUT_BATCH_COUNT = 5;
const LAYOUT_STRIDED_BATCH_OFFSET = 6;
const PREF_MAX_WORKSPACE_BYTES = 1;
/** sizeof(cublasLtMatmulHeuristicResult_t): algo (8 × uint64), workspaceSize, state, wavesCount, reserved[4]. */
const HEURISTIC_BYTES = 96;
const HEURISTIC_WORKSPACE_OFFSET = 64;
/** Plans kept before the cache is emptied (each holds four small host-side descriptors). */
const MAX_PLANS = 64;

interface Plan {
  readonly desc: bigint;
  readonly layouts: readonly [bigint, bigint, bigint];
  /** The heuristic's result; its first 64 bytes are the algorithm cublasLtMatmul takes. */
  readonly algo: Uint8Array;
}

/** One problem: column-major D[rows=n, cols=m] = X[n,k] · Y[k,m], `batch` times with strides. */
export interface LtProblem {
  /** cudaDataType of the matrices and of the scalars; cublasComputeType_t. */
  readonly type: number;
  readonly scaleType: number;
  readonly compute: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly batch: number;
}

export class LtGemm {
  private readonly plans = new Map<string, Plan | null>();
  private pref: bigint | undefined;
  private prefBytes = -1;

  constructor(private readonly lt: Record<string, Fn>, private readonly handle: bigint, private readonly stream: bigint) {}

  /**
   * Enqueues the product if cuBLASLt has an algorithm for it within `wsBytes` of workspace;
   * returns false (nothing enqueued) when it has none, so the caller uses cublasGemmEx instead.
   */
  run(p: LtProblem, alpha: ArrayBufferView, beta: ArrayBufferView, X: bigint, Y: bigint, D: bigint, ws: bigint, wsBytes: number): boolean {
    const key = `${p.type}/${p.compute}/${p.m}/${p.n}/${p.k}/${p.batch}/${wsBytes}`;
    let plan = this.plans.get(key);
    if (plan === undefined) {
      if (this.plans.size >= MAX_PLANS) this.clear();
      plan = this.plan(p, wsBytes);
      this.plans.set(key, plan);
    }
    if (plan === null) return false;
    const [lx, ly, ld] = plan.layouts;
    checkBlas(this.lt.cublasLtMatmul!(this.handle, plan.desc, alpha, X, lx, Y, ly, beta, D, ld, D, ld, plan.algo, ws, wsBytes, this.stream), 'cublasLtMatmul');
    return true;
  }

  /** Destroys every cached descriptor. */
  clear(): void {
    for (const plan of this.plans.values()) if (plan) this.destroy(plan);
    this.plans.clear();
  }

  private plan(p: LtProblem, wsBytes: number): Plan | null {
    const lt = this.lt;
    const d = out<bigint>();
    checkBlas(lt.cublasLtMatmulDescCreate!(d, p.compute, p.scaleType), 'cublasLtMatmulDescCreate');
    const layout = (rows: number, cols: number, stride: number): bigint => {
      const l = out<bigint>();
      checkBlas(lt.cublasLtMatrixLayoutCreate!(l, p.type, rows, cols, rows), 'cublasLtMatrixLayoutCreate');
      if (p.batch > 1) {
        checkBlas(lt.cublasLtMatrixLayoutSetAttribute!(l[0], LAYOUT_BATCH_COUNT, new Int32Array([p.batch]), 4), 'cublasLtMatrixLayoutSetAttribute');
        checkBlas(lt.cublasLtMatrixLayoutSetAttribute!(l[0], LAYOUT_STRIDED_BATCH_OFFSET, new BigInt64Array([BigInt(stride)]), 8), 'cublasLtMatrixLayoutSetAttribute');
      }
      return l[0];
    };
    const plan: Plan = {
      desc: d[0],
      layouts: [layout(p.n, p.k, p.n * p.k), layout(p.k, p.m, p.k * p.m), layout(p.n, p.m, p.n * p.m)],
      algo: new Uint8Array(HEURISTIC_BYTES),
    };
    const count = out<number>();
    const [lx, ly, ld] = plan.layouts;
    const status = lt.cublasLtMatmulAlgoGetHeuristic!(this.handle, plan.desc, lx, ly, ld, ld, this.preference(wsBytes), 1, plan.algo, count);
    const needs = new DataView(plan.algo.buffer).getBigUint64(HEURISTIC_WORKSPACE_OFFSET, true);
    if (status !== 0 || count[0] !== 1 || needs > BigInt(wsBytes)) {
      this.destroy(plan);
      return null;
    }
    return plan;
  }

  private preference(wsBytes: number): bigint {
    if (this.pref === undefined) {
      const p = out<bigint>();
      checkBlas(this.lt.cublasLtMatmulPreferenceCreate!(p), 'cublasLtMatmulPreferenceCreate');
      this.pref = p[0];
    }
    if (this.prefBytes !== wsBytes) {
      checkBlas(this.lt.cublasLtMatmulPreferenceSetAttribute!(this.pref, PREF_MAX_WORKSPACE_BYTES, new BigUint64Array([BigInt(wsBytes)]), 8), 'cublasLtMatmulPreferenceSetAttribute');
      this.prefBytes = wsBytes;
    }
    return this.pref;
  }

  private destroy(plan: Plan): void {
    for (const l of plan.layouts) this.lt.cublasLtMatrixLayoutDestroy!(l);
    this.lt.cublasLtMatmulDescDestroy!(plan.desc);
  }
}
