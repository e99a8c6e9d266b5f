/**
 * The CUDA handle: either materialised (a refcounted device block + element offset + strides, so
 * slices, permutations and broadcasts are views) or lazy (an elementwise node over other handles,
 * compiled into one kernel when something needs its values). Also the fusion planner, which turns
 * a lazy tree into an `ElementwiseKernel` plus its input handles and scalar parameters.
 */
import type { BinaryOp, DType, FillValue, UnaryOp } from '@arr/core';
import type { Block } from './pool.js';
import type { ENode, ElementwiseKernel } from './codegen.js';

export type LazyNode =
  | { readonly k: 'const'; readonly value: FillValue }
  | { readonly k: 'unary'; readonly op: UnaryOp; readonly a: CudaArray; readonly d: DType }
  | { readonly k: 'binary'; readonly op: BinaryOp; readonly a: CudaArray; readonly b: CudaArray; readonly d: DType }
  | { readonly k: 'where'; readonly c: CudaArray; readonly a: CudaArray; readonly b: CudaArray }
  | { readonly k: 'cast'; readonly a: CudaArray; readonly from: DType };

export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) { s[d] = acc; acc *= shape[d]!; }
  return s;
}

export class CudaArray {
  block: Block | undefined;
  /** Offset of element 0 in elements of the dtype. */
  offset = 0;
  strides: number[];
  node: LazyNode | undefined;
  /** Handle reference + lazy parents that read this array. */
  refs = 1;
  /** Ops in the lazy tree below (fusion limit). */
  ops = 0;
  /** Upper bound on distinct leaves below (fusion limit). */
  leaves = 1;
  /** Counted in the adapter's lazy bytes (a lazy array not yet computed or released). */
  counted = false;
  readonly size: number;

  constructor(readonly shape: readonly number[], readonly dtype: DType) {
    this.strides = contiguousStrides(shape);
    let n = 1;
    for (const d of shape) n *= d;
    this.size = n;
  }

  get lazy(): boolean { return this.node !== undefined; }

  isContiguous(): boolean {
    if (this.node) return false;
    let acc = 1;
    for (let d = this.shape.length - 1; d >= 0; d--) {
      if (this.shape[d] !== 1 && this.strides[d] !== acc) return false;
      acc *= this.shape[d]!;
    }
    return true;
  }
}

export function children(n: LazyNode): CudaArray[] {
  switch (n.k) {
    case 'const': return [];
    case 'unary': case 'cast': return [n.a];
    case 'binary': return [n.a, n.b];
    case 'where': return [n.c, n.a, n.b];
  }
}

export interface Plan {
  readonly kernel: Omit<ElementwiseKernel, 'nd' | 'wide' | 'inputs' | 'out'> & { readonly inputDtypes: readonly DType[] };
  readonly inputs: readonly CudaArray[];
  readonly params: readonly { readonly dtype: DType; readonly value: FillValue }[];
}

/**
 * Flattens the lazy tree under `root` into topologically ordered nodes. Materialised arrays are
 * inputs (deduplicated), constants are parameters, shared subtrees are computed once.
 */
export function planFusion(root: CudaArray): Plan {
  const nodes: ENode[] = [];
  const inputs: CudaArray[] = [];
  const params: { dtype: DType; value: FillValue }[] = [];
  const seen = new Map<CudaArray, number>();
  const visit = (x: CudaArray): number => {
    const s = seen.get(x);
    if (s !== undefined) return s;
    let node: ENode;
    const n = x.node;
    if (!n) {
      inputs.push(x);
      node = { k: 'in', i: inputs.length - 1 };
    } else {
      switch (n.k) {
        case 'const': params.push({ dtype: x.dtype, value: n.value }); node = { k: 'param', i: params.length - 1 }; break;
        case 'unary': node = { k: 'unary', op: n.op, a: visit(n.a), d: n.d, out: x.dtype }; break;
        case 'binary': { const a = visit(n.a); node = { k: 'binary', op: n.op, a, b: visit(n.b), d: n.d, out: x.dtype }; break; }
        case 'where': { const c = visit(n.c); const a = visit(n.a); node = { k: 'where', c, a, b: visit(n.b), out: x.dtype }; break; }
        case 'cast': node = { k: 'cast', a: visit(n.a), from: n.from, to: x.dtype }; break;
      }
    }
    nodes.push(node);
    seen.set(x, nodes.length - 1);
    return nodes.length - 1;
  };
  const root_ = visit(root);
  return { kernel: { nodes, root: root_, params: params.map((p) => p.dtype), inputDtypes: inputs.map((i) => i.dtype) }, inputs, params };
}

/** Fusion limits: beyond them the children are materialised first. */
export const MAX_FUSED_OPS = 48;
export const MAX_FUSED_LEAVES = 12;
