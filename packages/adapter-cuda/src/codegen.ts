/**
 * The elementwise kernel generator: a DAG of elementwise operations over strided inputs and
 * scalar parameters becomes one CUDA C kernel (a grid-stride loop). Used for every single
 * elementwise op, for fills, copies and casts, and for fused chains. Dimensions are collapsed
 * first, so contiguous operands read `in[i]` and only truly strided ones compute coordinates.
 */
import type { BinaryOp, DType, UnaryOp } from '@arr/core';
import { BASE, COMPLEX, HALF } from './preamble.js';
import { CTYPES, convert, isCpx, load, sectionsFor, store } from './ctypes.js';
import { binaryExpr, unaryExpr } from './ops.js';

/** How an operand is addressed: contiguous, strided (coordinates × strides), or one broadcast element. */
export type Mode = 'c' | 's' | 'b';

export type ENode =
  | { readonly k: 'in'; readonly i: number }
  | { readonly k: 'param'; readonly i: number }
  | { readonly k: 'unary'; readonly op: UnaryOp; readonly a: number; readonly d: DType; readonly out: DType }
  | { readonly k: 'binary'; readonly op: BinaryOp; readonly a: number; readonly b: number; readonly d: DType; readonly out: DType }
  | { readonly k: 'where'; readonly c: number; readonly a: number; readonly b: number; readonly out: DType }
  | { readonly k: 'cast'; readonly a: number; readonly from: DType; readonly to: DType };

export interface ElementwiseKernel {
  readonly inputs: readonly { readonly dtype: DType; readonly mode: Mode }[];
  readonly params: readonly DType[];
  /** Topologically ordered; node `root` is the output value. */
  readonly nodes: readonly ENode[];
  readonly root: number;
  readonly out: { readonly dtype: DType; readonly mode: Mode };
  /** Collapsed number of dimensions (0 when nothing is strided). */
  readonly nd: number;
  /** 64-bit loop index (size ≥ 2^31). */
  readonly wide: boolean;
}

/** A compact string that identifies the kernel (the in-memory cache key). */
export function signature(k: ElementwiseKernel): string {
  let s = `${k.nd}${k.wide ? 'w' : ''}|${k.out.dtype}${k.out.mode}|`;
  for (const x of k.inputs) s += `${x.dtype}${x.mode},`;
  s += '|';
  for (const p of k.params) s += `${p},`;
  s += '|';
  for (const n of k.nodes) {
    switch (n.k) {
      case 'in': s += `i${n.i};`; break;
      case 'param': s += `p${n.i};`; break;
      case 'unary': s += `u${n.op},${n.d},${n.out},${n.a};`; break;
      case 'binary': s += `b${n.op},${n.d},${n.out},${n.a},${n.b};`; break;
      case 'where': s += `w${n.out},${n.c},${n.a},${n.b};`; break;
      case 'cast': s += `c${n.from},${n.to},${n.a};`; break;
    }
  }
  return s + `|${k.root}`;
}

/** The preamble sections for a set of dtypes. */
export function preambleFor(dtypes: Iterable<DType>): string {
  const sec = new Set<string>();
  for (const d of dtypes) for (const s of sectionsFor(d)) sec.add(s);
  return BASE + (sec.has('half') ? HALF : '') + (sec.has('complex') ? COMPLEX : '');
}

/** Kernel parameter C type for a scalar parameter of dtype d. */
export function paramCType(d: DType): string {
  if (d === 'bool') return 'i32';
  if (d === 'float16') return 'float';
  if (isCpx(d)) return 'c128s';
  return CTYPES[d].value;
}

export const EW_NAME = 'arr_ew';

/** CUDA C source of an elementwise kernel, and whether it takes the error words. */
export function elementwiseSource(k: ElementwiseKernel): { source: string; needsErr: boolean; strided: number } {
  const dtypes = new Set<DType>([k.out.dtype, ...k.inputs.map((x) => x.dtype), ...k.params]);
  let needsErr = false;
  const body: string[] = [];
  const v = (i: number) => `t${i}`;
  const strided: string[] = [];
  const idx = (name: string, mode: Mode) => {
    if (mode === 'c') return `${name}[i]`;
    if (mode === 'b') return `${name}[0]`;
    const s = strided.length;
    strided.push(name);
    let e = '';
    for (let d = 0; d < k.nd; d++) e += `${d ? ' + ' : ''}c${d} * g.st[${s}][${d}]`;
    return `${name}[${e}]`;
  };
  // Resolve strided indices in a fixed order: inputs first, then output.
  const inIdx = k.inputs.map((x, i) => idx(`in${i}`, x.mode));
  const outIdx = idx('out', k.out.mode);
  k.nodes.forEach((n, i) => {
    let e: string;
    let d: DType;
    switch (n.k) {
      case 'in': d = k.inputs[n.i]!.dtype; e = load(d, inIdx[n.i]!); break;
      case 'param': {
        d = k.params[n.i]!;
        const p = `p${n.i}`;
        e = d === 'bool' ? `(${p} != 0)` : d === 'complex64' ? `rc(ldc(${p}))` : d === 'complex128' ? `ldc(${p})` : p;
        break;
      }
      case 'unary': { d = n.out; const r = unaryExpr(n.op, n.d, n.out, v(n.a)); e = r.expr; needsErr ||= !!r.needsErr; dtypes.add(n.d); break; }
      case 'binary': { d = n.out; const r = binaryExpr(n.op, n.d, n.out, v(n.a), v(n.b)); e = r.expr; needsErr ||= !!r.needsErr; dtypes.add(n.d); break; }
      case 'where': d = n.out; e = `(${v(n.c)} ? ${v(n.a)} : ${v(n.b)})`; break;
      case 'cast': d = n.to; e = convert(n.from, n.to, v(n.a)); dtypes.add(n.from); break;
    }
    body.push(`    const ${CTYPES[d].value} ${v(i)} = ${e};`);
  });
  body.push(`    ${outIdx} = ${store(k.out.dtype, v(k.root))};`);
  const I = k.wide ? 'u64' : 'u32';
  const args = [`${I} n`, `${CTYPES[k.out.dtype].storage}* __restrict__ out`];
  k.inputs.forEach((x, i) => args.push(`const ${CTYPES[x.dtype].storage}* __restrict__ in${i}`));
  k.params.forEach((p, i) => args.push(`${paramCType(p)} p${i}`));
  if (needsErr) args.push('u64* err');
  let geo = '';
  if (strided.length > 0) {
    geo = `struct Geo { long long shape[${k.nd}]; long long st[${strided.length}][${k.nd}]; };\n`;
    args.push('Geo g');
  }
  const coords: string[] = [];
  if (strided.length > 0) {
    coords.push('    long long r = (long long)i;');
    for (let d = k.nd - 1; d >= 0; d--) {
      coords.push(d > 0 ? `    const long long c${d} = r % g.shape[${d}]; r /= g.shape[${d}];` : `    const long long c0 = r;`);
    }
  }
  const source = `${preambleFor(dtypes)}${geo}
extern "C" __global__ void ${EW_NAME}(${args.join(', ')}) {
  for (${I} i = (${I})blockIdx.x * blockDim.x + threadIdx.x; i < n; i += (${I})gridDim.x * blockDim.x) {
${coords.join('\n')}
${body.join('\n')}
  }
}
`;
  return { source, needsErr, strided: strided.length };
}

/** An operand's layout: element strides (may be 0 or negative). */
export interface Layout {
  readonly strides: readonly number[];
}

export interface Collapsed {
  readonly shape: number[];
  /** Per operand, strides over the collapsed shape. */
  readonly strides: number[][];
  readonly modes: Mode[];
}

/** Whether `strides` walk `shape` densely in row-major order (size-1 dimensions ignored). */
export function denseOver(strides: readonly number[], shape: readonly number[]): boolean {
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (shape[d] !== 1 && strides[d] !== acc) return false;
    acc *= shape[d]!;
  }
  return true;
}

/**
 * Operand modes of an elementwise launch over `shape` (operands: the inputs' strides, then the
 * output's). When every operand is dense, the common case, collapse() is skipped: its modes would
 * be all contiguous (all broadcast for a single element) and nothing strided needs the geometry.
 */
export function classify(shape: readonly number[], operands: readonly (readonly number[])[]): { modes: Mode[]; collapsed?: Collapsed } {
  if (operands.every((s) => denseOver(s, shape))) {
    const single = shape.every((d) => d === 1);
    return { modes: operands.map((): Mode => (single ? 'b' : 'c')) };
  }
  const collapsed = collapse(shape, operands);
  return { modes: collapsed.modes, collapsed };
}

/**
 * Drops size-1 dimensions, merges dimensions every operand walks contiguously, and classifies
 * each operand as contiguous, broadcast (all strides 0) or strided.
 */
export function collapse(shape: readonly number[], operands: readonly (readonly number[])[]): Collapsed {
  const keep: number[] = [];
  for (let d = 0; d < shape.length; d++) if (shape[d] !== 1) keep.push(d);
  let sh = keep.map((d) => shape[d]!);
  let st = operands.map((s) => keep.map((d) => s[d]!));
  // merge d-1 and d when stride[d-1] == stride[d] * shape[d] for all operands
  for (let d = sh.length - 1; d > 0; d--) {
    if (st.every((s) => s[d - 1] === s[d]! * sh[d]!)) {
      sh = [...sh.slice(0, d - 1), sh[d - 1]! * sh[d]!, ...sh.slice(d + 1)];
      st = st.map((s) => [...s.slice(0, d - 1), s[d]!, ...s.slice(d + 1)]);
    }
  }
  const contiguous = (s: readonly number[]) => {
    let acc = 1;
    for (let d = sh.length - 1; d >= 0; d--) { if (s[d] !== acc) return false; acc *= sh[d]!; }
    return true;
  };
  const modes = st.map((s): Mode => (s.every((x) => x === 0) ? 'b' : contiguous(s) ? 'c' : 's'));
  return { shape: sh, strides: st, modes };
}
