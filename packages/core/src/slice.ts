/**
 * Index keys of `x.get(...)` / `x.set(...)`: slice-string parsing (`'start:stop:step'`) and the
 * normalisation of a key list against a shape (ellipsis expansion, negative wrap, bounds).
 * Pure logic, no arrays are made here.
 */
import { IndexError, ValueError, show } from './errors.js';
import type { Shape } from './shape.js';

/** A parsed slice string; omitted parts are `undefined`. */
export interface SliceSpec {
  readonly start: number | undefined;
  readonly stop: number | undefined;
  readonly step: number | undefined;
}

const INT_RE = /^[+-]?\d+$/;

/** True when `key` looks like a slice string (contains a colon). */
export const isSliceString = (key: string): boolean => key.includes(':');

/**
 * Parses `'start:stop:step'` (any part may be empty: `':'`, `'1:'`, `'::-1'`, `'-3:'`).
 * Non-integer parts, more than two colons, or a zero step throw IndexError.
 */
export function parseSlice(fn: string, key: string): SliceSpec {
  const parts = key.split(':');
  if (parts.length < 2 || parts.length > 3) {
    throw new IndexError(`${fn}: invalid slice ${show(key)}; expected 'start:stop' or 'start:stop:step' with integer parts (each may be omitted, e.g. ':', '1:', '::-1')`);
  }
  const nums = parts.map((p) => {
    const t = p.trim();
    if (t === '') return undefined;
    if (!INT_RE.test(t)) {
      throw new IndexError(`${fn}: invalid slice ${show(key)}: ${show(t)} is not an integer; expected 'start:stop:step' with integer parts (each may be omitted)`);
    }
    const v = Number(t);
    if (!Number.isSafeInteger(v)) throw new IndexError(`${fn}: invalid slice ${show(key)}: ${t} is too large`);
    return v;
  });
  const [start, stop, step] = nums;
  if (step === 0) throw new IndexError(`${fn}: slice step cannot be zero; received ${show(key)}`);
  return { start, stop, step };
}

/** A slice resolved against an axis of length `n`: the indices `start + k*step`, k < `length`. */
export interface ResolvedSlice {
  readonly start: number;
  readonly step: number;
  readonly length: number;
}

/** Python's `slice.indices(n)` plus the resulting length (out-of-range bounds are clamped). */
export function resolveSlice(s: SliceSpec, n: number): ResolvedSlice {
  const step = s.step ?? 1;
  let start: number, stop: number;
  if (step > 0) {
    start = s.start === undefined ? 0 : s.start < 0 ? Math.max(0, s.start + n) : Math.min(s.start, n);
    stop = s.stop === undefined ? n : s.stop < 0 ? Math.max(0, s.stop + n) : Math.min(s.stop, n);
  } else {
    start = s.start === undefined ? n - 1 : s.start < 0 ? Math.max(-1, s.start + n) : Math.min(s.start, n - 1);
    stop = s.stop === undefined ? -1 : s.stop < 0 ? Math.max(-1, s.stop + n) : Math.min(s.stop, n - 1);
  }
  const length = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  // Kernels require every index in range; an empty selection starts at 0.
  return { start: length === 0 ? 0 : start, step, length };
}

/** One key after normalisation. `axis` is the input axis it applies to (absent for newaxis). */
export type NormalizedKey<A> =
  | { readonly kind: 'int'; readonly axis: number; readonly index: number }
  | { readonly kind: 'slice'; readonly axis: number; readonly slice: ResolvedSlice; readonly full: boolean }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'array'; readonly axis: number; readonly array: A }
  /** A boolean array covering `ndim` axes starting at `axis`. */
  | { readonly kind: 'mask'; readonly axis: number; readonly array: A; readonly ndim: number };

/** What a raw key is, before it meets the shape. */
export type RawKeyKind = 'int' | 'slice' | 'newaxis' | 'ellipsis';

/**
 * Normalises `keys` against `shape`: validates each key, expands `'...'` (at most one; missing
 * trailing axes count as `':'`), wraps negative integers and checks them against the axis size,
 * resolves slices. `classify` tells arrays apart (integer array, boolean mask with its ndim) and
 * throws for anything else that is not a key.
 */
export function normalizeKeys<A>(
  fn: string,
  keys: readonly unknown[],
  shape: Shape,
  classify: (key: unknown, position: number) => { kind: 'array'; array: A } | { kind: 'mask'; array: A; ndim: number } | undefined,
): NormalizedKey<A>[] {
  const kinds: (RawKeyKind | { kind: 'array' | 'mask'; array: A; ndim: number })[] = [];
  let consumed = 0;
  let ellipsis = -1;
  keys.forEach((key, i) => {
    if (key === null) kinds.push('newaxis');
    else if (typeof key === 'number') {
      if (!Number.isInteger(key)) throw new IndexError(`${fn}: index ${i} must be an integer, a slice string, null, '...' or an integer array; received ${show(key)}`);
      kinds.push('int');
      consumed++;
    } else if (typeof key === 'string') {
      if (key.trim() === '...') {
        if (ellipsis >= 0) throw new IndexError(`${fn}: an index can only have a single ellipsis ('...'); received keys ${show(keys)}`);
        ellipsis = i;
        kinds.push('ellipsis');
      } else if (isSliceString(key)) {
        kinds.push('slice');
        consumed++;
      } else {
        throw new IndexError(`${fn}: index ${i} ${show(key)} is not a slice string; expected 'start:stop:step' (parts may be omitted, e.g. ':', '1:', '::-1') or '...'`);
      }
    } else {
      const c = classify(key, i);
      if (!c) {
        // Not an index kind at all (an object, undefined, …): a wrong argument type, not a bad index.
        throw new ValueError(`${fn}: index ${i} must be an integer, a slice string, null (newaxis), '...' or an integer array; received ${show(key)}`);
      }
      const ndim = c.kind === 'mask' ? c.ndim : 1;
      kinds.push({ kind: c.kind, array: c.array, ndim });
      consumed += ndim;
    }
  });
  const ndim = shape.length;
  if (consumed > ndim) {
    throw new IndexError(`${fn}: too many indices for an array of shape [${shape.join(',')}]: ${consumed} indexed dimension${consumed === 1 ? '' : 's'} but the array has ${ndim}`);
  }
  const out: NormalizedKey<A>[] = [];
  let axis = 0;
  const full = (): NormalizedKey<A> => {
    const n = shape[axis]!;
    return { kind: 'slice', axis: axis++, slice: { start: 0, step: 1, length: n }, full: true };
  };
  kinds.forEach((k, i) => {
    const key = keys[i];
    if (k === 'newaxis') out.push({ kind: 'newaxis' });
    else if (k === 'ellipsis') for (let j = 0; j < ndim - consumed; j++) out.push(full());
    else if (k === 'int') {
      const n = shape[axis]!;
      let idx = key as number;
      if (idx < -n || idx >= n) throw new IndexError(`${fn}: index ${idx} is out of bounds for axis ${axis} with size ${n}`);
      if (idx < 0) idx += n;
      out.push({ kind: 'int', axis: axis++, index: idx });
    } else if (k === 'slice') {
      const spec = parseSlice(fn, key as string);
      const n = shape[axis]!;
      const slice = resolveSlice(spec, n);
      const isFull = slice.start === 0 && slice.step === 1 && slice.length === n;
      out.push({ kind: 'slice', axis: axis++, slice, full: isFull });
    } else if (k.kind === 'array') {
      out.push({ kind: 'array', axis: axis++, array: k.array });
    } else {
      out.push({ kind: 'mask', axis, array: k.array, ndim: k.ndim });
      axis += k.ndim;
    }
  });
  if (ellipsis < 0) while (axis < ndim) out.push(full());
  return out;
}
