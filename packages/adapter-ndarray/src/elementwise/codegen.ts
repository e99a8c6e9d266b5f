/**
 * The elementwise kernel generator. A kernel is a body of JS statements over loaded operands
 * (`x0`, `x1`, … or `x0r`/`x0i` for complex) that sets `r` (or `rr`/`ri`); this module wraps it
 * in a monomorphic loop compiled with `new Function` per (body, operand kinds, layout) and cached:
 * a flat loop when every operand is contiguous or a broadcast scalar (hoisted out of the loop),
 * otherwise a strided n-d loop over coalesced axes.
 */
import type { HostArray, Shape } from '@arr/core';
import type { Kind } from '../kinds.js';
import { helpers } from './helpers.js';
import type { View } from '../storage.js';

export interface MapSpec {
  /** Cache key of the body and kinds (layout is added here). */
  readonly key: string;
  readonly ins: readonly Kind[];
  readonly out: Kind;
  /** Statements setting `r` (or `rr`, `ri` for a complex output). */
  readonly body: string;
  /** Compiled flat kernels of one or two operands by layout code (c=0, s=1; a*2+b), filled lazily. */
  fast?: (Compiled | undefined)[];
}

type Compiled = (...args: any[]) => void;
const cache = new Map<string, Compiled>();
const helperNames = Object.keys(helpers);
const helperValues = helperNames.map((k) => (helpers as Record<string, unknown>)[k]);

/** Number of compiled kernels (for tests). */
export const kernelCacheSize = (): number => cache.size;

function load(k: Kind, i: number, idx: string, decl: 'const' | 'let'): string {
  if (k === 'cpx') return `${decl} x${i}r = A${i}[2*${idx}], x${i}i = A${i}[2*${idx}+1];`;
  if (k === 'half') return `${decl} x${i} = H2F[A${i}[${idx}]];`;
  return `${decl} x${i} = A${i}[${idx}];`;
}

function store(k: Kind, idx: string): string {
  switch (k) {
    case 'cpx': return `o[2*${idx}] = rr; o[2*${idx}+1] = ri;`;
    case 'half': return `o[${idx}] = toHalf(r);`;
    case 'bool': return `o[${idx}] = r ? 1 : 0;`;
    default: return `o[${idx}] = r;`;
  }
}

const decls = (k: Kind) => (k === 'cpx' ? 'let rr, ri;' : 'let r;');

function compile(spec: MapSpec, layout: string): Compiled {
  const n = spec.ins.length;
  const lines: string[] = ['"use strict";'];
  if (layout !== 'g') {
    // flat: layout[i] is 'c' (contiguous) or 's' (scalar, stride 0)
    const params = ['o', 'start', 'end'];
    for (let i = 0; i < n; i++) params.push(`A${i}`, `O${i}`);
    lines.push(`return function flat_${safe(spec.key)}(${params.join(',')}) {`);
    for (let i = 0; i < n; i++) if (layout[i] === 's') lines.push(load(spec.ins[i]!, i, `O${i}`, 'const'));
    // Contiguous operands arrive rebased to offset 0 (see `base`), so `A[i]` needs no offset add.
    // The loop is unrolled 4× with one block per element (block scoping keeps the names apart):
    // V8 then spends fewer instructions per element on loop and typed-array bookkeeping (≈1.5×).
    const step = (idx: string) => {
      const out: string[] = ['{'];
      for (let i = 0; i < n; i++) if (layout[i] === 'c') out.push(load(spec.ins[i]!, i, idx, 'const'));
      out.push(decls(spec.out), spec.body, store(spec.out, idx), '}');
      return out.join('\n');
    };
    lines.push('let i = start;', 'for (; i + 4 <= end; i += 4) {', step('i'), step('(i + 1)'), step('(i + 2)'), step('(i + 3)'), '}');
    lines.push('for (; i < end; i++) {', step('i'), '}', '};');
  } else {
    const params = ['o', 'n', 'shape'];
    for (let i = 0; i < n; i++) params.push(`A${i}`, `O${i}`, `S${i}`);
    lines.push(`return function strided_${safe(spec.key)}(${params.join(',')}) {`);
    lines.push('const nd = shape.length, inner = shape[nd - 1], idx = new Array(nd).fill(0);');
    for (let i = 0; i < n; i++) lines.push(`const s${i} = S${i}[nd - 1]; let p${i} = O${i};`);
    lines.push('let io = 0;', 'while (io < n) {');
    for (let i = 0; i < n; i++) lines.push(`let i${i} = p${i};`);
    lines.push('for (let j = 0; j < inner; j++) {');
    for (let i = 0; i < n; i++) lines.push(load(spec.ins[i]!, i, `i${i}`, 'const'));
    lines.push(decls(spec.out), spec.body, store(spec.out, 'io'), 'io++;');
    for (let i = 0; i < n; i++) lines.push(`i${i} += s${i};`);
    lines.push('}', 'for (let d = nd - 2; d >= 0; d--) {');
    for (let i = 0; i < n; i++) lines.push(`p${i} += S${i}[d];`);
    lines.push('if (++idx[d] < shape[d]) break;', 'idx[d] = 0;');
    for (let i = 0; i < n; i++) lines.push(`p${i} -= S${i}[d] * shape[d];`);
    lines.push('}', '}', '};');
  }
  const factory = new Function(...helperNames, lines.join('\n')) as (...h: unknown[]) => Compiled;
  return factory(...helperValues);
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

/** Returns the cached kernel for `spec` and `layout` ('g' or one 'c'/'s' per input), compiling it once. */
export function kernel(spec: MapSpec, layout: string): Compiled {
  const key = spec.key + '|' + layout;
  let k = cache.get(key);
  if (k === undefined) {
    k = compile(spec, layout);
    cache.set(key, k);
  }
  return k;
}

const LAYOUT = ['c', 's', 'g'];
const CHUNK = 1 << 16;

/** The flat kernel for one or two operands with layout codes (0 = contiguous, 1 = scalar). */
function fastKernel(spec: MapSpec, code: number, layout: string): Compiled {
  const f = (spec.fast ??= [])[code];
  if (f !== undefined) return f;
  return (spec.fast[code] = kernel(spec, layout));
}

/** A contiguous operand's data rebased to its offset (a subarray only when the offset is not 0). */
function base(v: View, k: Kind): any {
  return v.offset === 0 ? v.data : v.data.subarray(k === 'cpx' ? 2 * v.offset : v.offset);
}

/** 0 = contiguous, 1 = scalar (all strides 0), 2 = general. */
function layoutCode(v: View): number {
  const shape = v.shape, stride = v.stride;
  if (shape.length === 1) return stride[0] === 1 || shape[0] === 1 ? 0 : stride[0] === 0 ? 1 : 2;
  if (shape.length === 0) return 0;
  let acc = 1, zero = true, contig = true;
  for (let i = shape.length - 1; i >= 0; i--) {
    const d = shape[i]!;
    if (d === 1) continue;
    const s = stride[i]!;
    if (s !== 0) zero = false;
    if (s !== acc) contig = false;
    acc *= d;
  }
  return contig ? 0 : zero ? 1 : 2;
}

function layoutOf(v: View): 'c' | 's' | 'g' {
  return LAYOUT[layoutCode(v)] as 'c' | 's' | 'g';
}

/**
 * Runs `spec` over input views of one shape into `out` (row-major, `size` elements).
 * Picks the flat loop when possible, else coalesces axes and runs the strided loop.
 */
export function runMap(spec: MapSpec, out: HostArray, shape: Shape, size: number, inputs: readonly View[]): void {
  if (size === 0) return;
  const n = inputs.length;
  // Flat kernels run in chunks: V8 then optimises the kernel as a whole function after a few
  // calls instead of re-entering it through on-stack replacement on every large call.
  if (n === 1) {
    const v = inputs[0]!;
    const l = layoutCode(v);
    if (l !== 2) {
      const k = fastKernel(spec, l, LAYOUT[l]!);
      const d = l === 0 ? base(v, spec.ins[0]!) : v.data;
      if (size <= CHUNK) return k(out, 0, size, d, v.offset);
      for (let s = 0; s < size; s += CHUNK) k(out, s, Math.min(size, s + CHUNK), d, v.offset);
      return;
    }
  } else if (n === 2) {
    const a = inputs[0]!, b = inputs[1]!;
    const la = layoutCode(a), lb = layoutCode(b);
    if (la !== 2 && lb !== 2) {
      const k = fastKernel(spec, la * 2 + lb, LAYOUT[la]! + LAYOUT[lb]!);
      const da = la === 0 ? base(a, spec.ins[0]!) : a.data, db = lb === 0 ? base(b, spec.ins[1]!) : b.data;
      if (size <= CHUNK) return k(out, 0, size, da, a.offset, db, b.offset);
      for (let s = 0; s < size; s += CHUNK) k(out, s, Math.min(size, s + CHUNK), da, a.offset, db, b.offset);
      return;
    }
  } else {
    let layout = '';
    for (const v of inputs) layout += layoutOf(v);
    if (!layout.includes('g')) {
      const k = kernel(spec, layout);
      for (let s = 0; s < size; s += CHUNK) {
        const args: unknown[] = [out, s, Math.min(size, s + CHUNK)];
        inputs.forEach((v, i) => args.push(layout[i] === 'c' ? base(v, spec.ins[i]!) : v.data, v.offset));
        k(...args);
      }
      return;
    }
  }
  // Strided: drop size-1 axes and merge axes that are adjacent in every operand.
  const dims: number[] = [];
  const strides: number[][] = inputs.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const len = shape[d]!;
    if (len === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && inputs.every((v, i) => strides[i]![k] === v.stride[d]! * len)) {
      dims[k] = dims[k]! * len;
      for (let i = 0; i < n; i++) strides[i]![k] = inputs[i]!.stride[d]!;
    } else {
      dims.push(len);
      for (let i = 0; i < n; i++) strides[i]!.push(inputs[i]!.stride[d]!);
    }
  }
  if (dims.length === 0) {
    dims.push(1);
    for (const s of strides) s.push(0);
  }
  const args: unknown[] = [out, size, dims];
  for (let i = 0; i < n; i++) args.push(inputs[i]!.data, inputs[i]!.offset, strides[i]);
  kernel(spec, 'g')(...args);
}
