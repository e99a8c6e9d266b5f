/**
 * Every kernel source the adapter can generate for single operations (each elementwise op on
 * each dtype it accepts, casts between all dtype pairs, reductions, scans, sorts, gathers), for
 * compile checks with nvcc and NVRTC. Fused kernels combine the same expressions.
 */
import { BINARY, DTYPES, UNARY, type BinaryOp, type DType, type UnaryOp } from '@arr/core';
import { elementwiseSource, type ElementwiseKernel } from './codegen.js';
import {
  argReduceSource, compressSource, intMatmulSource, reduceOnePassSource, reduceRowsSource, VEC4, reduceStridedSource, scanSource, scatterSource, searchsortedSource,
  sortSource, takeAlongSource, takeSource,
} from './kernels.js';
import { isCpx } from './ctypes.js';

export interface NamedSource { readonly name: string; readonly source: string }

const ew = (k: Omit<ElementwiseKernel, 'nd' | 'wide'>, nd = 0): string => elementwiseSource({ ...k, nd, wide: false }).source;


export function allKernelSources(): NamedSource[] {
  const out: NamedSource[] = [];
  for (const op of (Object.keys(UNARY) as UnaryOp[]).filter((o) => (o as string) !== 'positive')) {
    for (const d of DTYPES) {
      const od = unaryOut(op, d);
      if (!od) continue;
      try {
        out.push({ name: `unary/${op}/${d}`, source: ew({ inputs: [{ dtype: d, mode: 'c' }], params: [], nodes: [{ k: 'in', i: 0 }, { k: 'unary', op, a: 0, d, out: od }], root: 1, out: { dtype: od, mode: 'c' } }) });
      } catch { /* not defined for this dtype */ }
    }
  }
  for (const op of Object.keys(BINARY) as BinaryOp[]) {
    for (const d of DTYPES) {
      const od = binaryOut(op, d);
      if (!od) continue;
      try {
        out.push({ name: `binary/${op}/${d}`, source: ew({ inputs: [{ dtype: d, mode: 'c' }, { dtype: d, mode: 's' }], params: [], nodes: [{ k: 'in', i: 0 }, { k: 'in', i: 1 }, { k: 'binary', op, a: 0, b: 1, d, out: od }], root: 2, out: { dtype: od, mode: 'c' } }, 2) });
      } catch { /* not defined */ }
    }
  }
  for (const from of DTYPES) for (const to of DTYPES) {
    out.push({ name: `cast/${from}/${to}`, source: ew({ inputs: [{ dtype: from, mode: 's' }], params: [], nodes: [{ k: 'in', i: 0 }, { k: 'cast', a: 0, from, to }], root: 1, out: { dtype: to, mode: 's' } }, 3) });
  }
  for (const d of DTYPES) {
    out.push({ name: `fill/${d}`, source: ew({ inputs: [], params: [d], nodes: [{ k: 'param', i: 0 }], root: 0, out: { dtype: d, mode: 'c' } }) });
    out.push({ name: `where/${d}`, source: ew({ inputs: [{ dtype: 'bool', mode: 'c' }, { dtype: d, mode: 'b' }, { dtype: d, mode: 'c' }], params: [], nodes: [{ k: 'in', i: 0 }, { k: 'in', i: 1 }, { k: 'in', i: 2 }, { k: 'where', c: 0, a: 1, b: 2, out: d }], root: 3, out: { dtype: d, mode: 'c' } }) });
    for (const op of ['sum', 'prod', 'max', 'min', 'all', 'any'] as const) {
      const od: DType = op === 'all' || op === 'any' ? 'bool' : d;
      out.push({ name: `reduce/${op}/${d}/first`, source: reduceRowsSource(op, d, od, false, false) });
      out.push({ name: `reduce/${op}/${d}/partial`, source: reduceRowsSource(op, d, od, false, true) });
      out.push({ name: `reduce/${op}/${d}/finish`, source: reduceRowsSource(op, d, od, true, false) });
      out.push({ name: `reduce/${op}/${d}/one-pass`, source: reduceOnePassSource(op, d, od) });
      if (VEC4[d]) {
        out.push({ name: `reduce/${op}/${d}/first-vec4`, source: reduceRowsSource(op, d, od, false, false, true) });
        out.push({ name: `reduce/${op}/${d}/partial-vec4`, source: reduceRowsSource(op, d, od, false, true, true) });
        out.push({ name: `reduce/${op}/${d}/one-pass-vec4`, source: reduceOnePassSource(op, d, od, true) });
      }
      out.push({ name: `reduce/${op}/${d}/cols`, source: reduceStridedSource(op, d, od) });
    }
    for (const op of ['sum', 'prod', 'max', 'min'] as const) out.push({ name: `scan/${op}/${d}`, source: scanSource(op, d) });
    for (const op of ['argmax', 'argmin'] as const) out.push({ name: `${op}/${d}`, source: argReduceSource(op, d) });
    for (const desc of [false, true]) out.push({ name: `sort/${d}/${desc}`, source: sortSource(d, desc) });
    out.push({ name: `compress/${d}`, source: compressSource(d) });
    for (const side of ['left', 'right'] as const) out.push({ name: `searchsorted/${d}/${side}`, source: searchsortedSource(d, side) });
    for (const id of ['int32', 'int64'] as const) {
      out.push({ name: `take/${d}/${id}`, source: takeSource(d, id) });
      out.push({ name: `takeAlong/${d}/${id}`, source: takeAlongSource(d, id) });
      out.push({ name: `scatter/${d}/${id}`, source: scatterSource(d, id) });
    }
    if (!isCpx(d) && !['float16', 'float32', 'float64'].includes(d)) out.push({ name: `imatmul/${d}`, source: intMatmulSource(d) });
  }
  return out;
}

/** Output dtype of a unary op on d, or undefined where core never sends d. */
export function unaryOut(op: UnaryOp, d: DType): DType | undefined {
  if (['isnan', 'isinf', 'isfinite', 'signbit', 'logicalNot'].includes(op)) return 'bool';
  if (isCpx(d) && (op === 'abs' || op === 'real' || op === 'imag')) return d === 'complex64' ? 'float32' : 'float64';
  return d;
}
export function binaryOut(op: BinaryOp, d: DType): DType | undefined {
  if (['equal', 'notEqual', 'greater', 'greaterEqual', 'less', 'lessEqual', 'logicalAnd', 'logicalOr', 'logicalXor'].includes(op)) return 'bool';
  return d;
}
