/**
 * The bad-input catalogue: calls that must fail, as data. Each case names the error class of the
 * contract (API.md, "Errors") and fragments its message must contain; `define-error-suite.ts`
 * turns the cases into vitest tests for one namespace.
 *
 * Message rule checked for every case: the message starts with the function name and `:`
 * (`add: …`) and contains every fragment: by convention the argument's name, the value received
 * and a word of the expectation. Fragments are loose on wording (regexes) and strict on content.
 *
 * How errors surface (the rule this catalogue tests):
 * - A function that returns an array or a plain value throws synchronously (`surface: 'throw'`).
 * - A function whose contract return type is a Promise (`nonzero`, `unique*`, `extract`,
 *   `x.data()`, `x.toArray()`, `x.item()`, `save`) reports every error, validation included, as a
 *   rejected Promise and never throws synchronously (`surface: 'reject'`), so callers need one
 *   error path (`await` / `.catch`) whatever went wrong.
 * - Errors that depend on data the engine holds (an integer index array with an out-of-range value
 *   in `take`, `takeAlongAxis`, `get`, `set`) may be thrown at the call or, on an adapter that
 *   cannot check at call time, at the first read-back (`surface: 'throw-or-read'`), as the kernel
 *   interface in adapter.ts allows.
 *
 * Calls are written against a loosely typed namespace on purpose: every case is a call the types
 * would reject, as a plain-JS caller could make it.
 */
import type { ArrayNamespace, DType, NDArray } from '@arr/core';

/** The error classes of the contract. */
export type ErrorClassName = 'ShapeError' | 'DTypeError' | 'AxisError' | 'IndexError' | 'DeviceError' | 'DisposedError' | 'ValueError';

/** Where the error must appear (see the file comment). */
export type Surface = 'throw' | 'reject' | 'throw-or-read';

/** The namespace as a plain-JS caller sees it: any property, any arguments. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseNamespace = { readonly [name: string]: any };

/** What a case may use besides the namespace under test. */
export interface CaseEnv {
  /** A second, independent namespace: its arrays must be rejected by the one under test. */
  readonly other: LooseNamespace;
}

export interface BadInputCase {
  /** `function/what-is-wrong`, unique in the catalogue. */
  readonly id: string;
  /** Function names the message may start with; default: the part of `id` before `/`. */
  readonly fn?: string | readonly string[];
  readonly call: (np: LooseNamespace, env: CaseEnv) => unknown;
  readonly error: ErrorClassName;
  /** Fragments the message must contain (argument name, value received, expectation). */
  readonly message: readonly (string | RegExp)[];
  /** Default `'throw'`. */
  readonly surface?: Surface;
  /** dtypes the adapter must support for the case to apply (skipped otherwise). */
  readonly needs?: readonly DType[];
  /** A reason to skip the case on this namespace, or false. */
  readonly skip?: (np: ArrayNamespace) => string | false;
}

// ---- fixtures (small, so no case allocates much) ----

type NS = LooseNamespace;
const m23 = (np: NS): NDArray => np.ones([2, 3]);
const v3 = (np: NS): NDArray => np.ones([3]);
const v2 = (np: NS): NDArray => np.ones([2]);
const ints = (np: NS, values: unknown): NDArray => np.asarray(values, { dtype: 'int32' });
const bools = (np: NS, values: unknown): NDArray => np.asarray(values, { dtype: 'bool' });
const typed = (np: NS, dtype: DType, shape: number[] = [2]): NDArray => np.ones(shape, { dtype });
const disposed = (np: NS, shape: number[] = [2, 3]): NDArray => {
  const x: NDArray = np.ones(shape);
  x.dispose();
  return x;
};

// ---- message fragments ----

/** The argument's name as a word. */
const arg = (name: string) => new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
/** A dtype name as a whole word (`float` must not match `float32`). */
const dt = (name: string) => new RegExp(`\\b${name}\\b(?![0-9])`);
const BROADCAST = /broadcast/i;
const AXIS_RANGE = /out of (bounds|range)|valid|dimension|ndim/i;
const REPEATED = /repeat|duplicate|unique|twice/i;
const INTEGER = /integer/i;
const NON_NEGATIVE = /non-?negative|at least 0|>= ?0|negative/i;
const DISPOSED = /dispos/i;
/** asarray's argument, or the path of the offending element inside it. */
const OBJ = /\bobj\b|element/;
/** load's argument: the bytes, the file. */
const BYTES = /\bbytes\b|\.npy|file/i;
const OTHER_NAMESPACE = /namespace|device/i;
const OUT_OF_BOUNDS = /out of (bounds|range)/i;
const EMPTY = /empty|zero-size|no elements|identity/i;
const REAL = /real/i;
const NUMERIC = /numeric/i;

const syncReadback = (np: ArrayNamespace) => np.info().capabilities()['sync readback'] === true;

// ---- .npy bytes, built by hand so the load cases do not depend on save ----

function npyBytes(header: string, data: Uint8Array, opts: { major?: number; magic?: string; headerLen?: number } = {}): Uint8Array {
  const magic = opts.magic ?? '\x93NUMPY';
  const major = opts.major ?? 1;
  const pre = magic.length + 2 + 2;
  let h = header;
  const pad = (64 - ((pre + h.length + 1) % 64)) % 64;
  h = h + ' '.repeat(pad) + '\n';
  const out = new Uint8Array(pre + h.length + data.length);
  for (let i = 0; i < magic.length; i++) out[i] = magic.charCodeAt(i) & 0xff;
  out[magic.length] = major;
  out[magic.length + 1] = 0;
  const len = opts.headerLen ?? h.length;
  out[magic.length + 2] = len & 0xff;
  out[magic.length + 3] = (len >> 8) & 0xff;
  for (let i = 0; i < h.length; i++) out[pre + i] = h.charCodeAt(i);
  out.set(data, pre + h.length);
  return out;
}
const f4Header = (shape: string, descr = '<f4', fortran = 'False') => `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`;

// ---- the catalogue ----

const creation: BadInputCase[] = [
  { id: 'ones/nan-dimension', call: (np) => np.ones([NaN]), error: 'ValueError', message: [arg('shape'), 'NaN', INTEGER] },
  { id: 'ones/negative-dimension', call: (np) => np.ones([-1, 2]), error: 'ValueError', message: [arg('shape'), '-1', NON_NEGATIVE] },
  { id: 'ones/fractional-dimension', call: (np) => np.ones([2.5]), error: 'ValueError', message: [arg('shape'), '2.5', INTEGER] },
  { id: 'ones/not-a-dtype', call: (np) => np.ones([2], { dtype: 'float' }), error: 'DTypeError', message: [arg('dtype'), dt('float')] },
  { id: 'ones/unknown-device', call: (np) => np.ones([2], { device: 'nowhere:99' }), error: 'DeviceError', message: [arg('device'), 'nowhere:99'] },
  { id: 'zeros/string-shape', call: (np) => np.zeros('3'), error: 'ValueError', message: [arg('shape'), '"3"'] },
  { id: 'zeros/undefined-shape', call: (np) => np.zeros(undefined), error: 'ValueError', message: [arg('shape'), 'undefined'] },
  { id: 'zeros/dtype-object', call: (np) => np.zeros([2], { dtype: {} }), error: 'DTypeError', message: [arg('dtype'), /object/i] },
  { id: 'empty/infinite-dimension', call: (np) => np.empty([Infinity]), error: 'ValueError', message: [arg('shape'), 'Infinity'] },
  { id: 'empty/too-many-elements', call: (np) => np.empty([2 ** 40, 2 ** 40]), error: 'ValueError', message: [arg('shape'), /elements|size|large/i] },
  { id: 'full/nan-into-int32', call: (np) => np.full([2], NaN, { dtype: 'int32' }), error: 'ValueError', message: [/fillValue|fill value/i, 'NaN', 'int32'] },
  { id: 'full/infinity-into-uint8', call: (np) => np.full([2], Infinity, { dtype: 'uint8' }), error: 'ValueError', message: [/fillValue|fill value/i, 'Infinity', 'uint8'], needs: ['uint8'] },
  { id: 'full/string-fill', call: (np) => np.full([2], 'a'), error: 'ValueError', message: [/fillValue|fill value/i, '"a"'] },
  { id: 'full/complex-into-float32', call: (np) => np.full([2], { re: 1, im: 2 }, { dtype: 'float32' }), error: 'DTypeError', message: [/fillValue|fill value|complex/i, 'float32'] },
  { id: 'arange/infinite-stop', call: (np) => np.arange(0, Infinity), error: 'ValueError', message: [arg('stop'), 'Infinity'] },
  { id: 'arange/nan-start', call: (np) => np.arange(NaN), error: 'ValueError', message: [/\b(start|stop)\b/, 'NaN'] },
  { id: 'arange/zero-step', call: (np) => np.arange(0, 5, 0), error: 'ValueError', message: [arg('step'), /\b0\b|zero/] },
  { id: 'arange/string-stop', call: (np) => np.arange(0, '5'), error: 'ValueError', message: [arg('stop'), '"5"'] },
  { id: 'arange/too-many-elements', call: (np) => np.arange(0, 2 ** 60, 1), error: 'ValueError', message: [/elements|size|large/i] },
  { id: 'eye/fractional-rows', call: (np) => np.eye(2.5), error: 'ValueError', message: [/nRows|n_rows|rows/, '2.5', INTEGER] },
  { id: 'eye/negative-rows', call: (np) => np.eye(-1), error: 'ValueError', message: [/nRows|n_rows|rows/, '-1'] },
  { id: 'eye/fractional-cols', call: (np) => np.eye(2, 1.5), error: 'ValueError', message: [/nCols|n_cols|cols/, '1.5'] },
  { id: 'eye/fractional-k', call: (np) => np.eye(3, undefined, { k: 0.5 }), error: 'ValueError', message: [arg('k'), '0.5', INTEGER] },
  { id: 'linspace/negative-num', call: (np) => np.linspace(0, 1, -1), error: 'ValueError', message: [arg('num'), '-1', NON_NEGATIVE] },
  { id: 'linspace/nan-num', call: (np) => np.linspace(0, 1, NaN), error: 'ValueError', message: [arg('num'), 'NaN'] },
  { id: 'linspace/fractional-num', call: (np) => np.linspace(0, 1, 2.5), error: 'ValueError', message: [arg('num'), '2.5'] },
  { id: 'linspace/string-start', call: (np) => np.linspace('0', 1, 3), error: 'ValueError', message: [arg('start'), '"0"'] },
  { id: 'asarray/ragged', call: (np) => np.asarray([[1, 2], [3]]), error: 'ValueError', message: [OBJ, /ragged|inhomogeneous|same length|shape/i] },
  { id: 'asarray/string-element', call: (np) => np.asarray([1, 'a']), error: 'ValueError', message: [OBJ, '"a"'] },
  { id: 'asarray/undefined', call: (np) => np.asarray(undefined), error: 'ValueError', message: [OBJ, 'undefined'] },
  { id: 'asarray/plain-object', call: (np) => np.asarray({ a: 1 }), error: 'ValueError', message: [OBJ, /object/i] },
  { id: 'asarray/typed-array-shape-mismatch', call: (np) => np.asarray(new Float32Array(6), { shape: [4] }), error: 'ShapeError', message: [arg('shape'), '[4]', '6'] },
  { id: 'asarray/not-a-dtype', call: (np) => np.asarray([1], { dtype: 'float128' }), error: 'DTypeError', message: [arg('dtype'), 'float128'] },
  { id: 'asarray/other-namespace', call: (np, { other }) => np.asarray(other.ones([2])), error: 'DeviceError', message: [OTHER_NAMESPACE] },
  { id: 'asarray/disposed', call: (np) => np.asarray(disposed(np)), error: 'DisposedError', message: [DISPOSED] },
  { id: 'onesLike/nested-list', call: (np) => np.onesLike([1, 2]), error: 'ValueError', message: [arg('x'), '[1,2]'] },
  { id: 'zerosLike/disposed', call: (np) => np.zerosLike(disposed(np)), error: 'DisposedError', message: [arg('x'), DISPOSED] },
  { id: 'fullLike/nan-into-int32', call: (np) => np.fullLike(ints(np, [1, 2]), NaN), error: 'ValueError', message: [/fillValue|fill value/i, 'NaN', 'int32'] },
  { id: 'emptyLike/other-namespace', call: (np, { other }) => np.emptyLike(other.ones([2])), error: 'DeviceError', message: [arg('x'), OTHER_NAMESPACE] },
  { id: 'tril/one-dimensional', call: (np) => np.tril(v3(np)), error: 'ShapeError', message: [arg('x'), '[3]', /2|two|matri/i] },
  { id: 'triu/fractional-k', call: (np) => np.triu(m23(np), { k: 1.5 }), error: 'ValueError', message: [arg('k'), '1.5', INTEGER] },
];

const dataTypes: BadInputCase[] = [
  { id: 'astype/not-a-dtype', call: (np) => np.astype(v3(np), 'floot32'), error: 'DTypeError', message: [arg('dtype'), 'floot32'] },
  { id: 'astype/undefined-dtype', call: (np) => np.astype(v3(np), undefined), error: 'DTypeError', message: [arg('dtype'), 'undefined'] },
  { id: 'astype/not-an-array', call: (np) => np.astype([1, 2], 'float32'), error: 'ValueError', message: [arg('x'), '[1,2]'] },
  { id: 'finfo/integer-dtype', call: (np) => np.finfo('int32'), error: 'DTypeError', message: [/\b(type|dtype)\b/, 'int32', /float/i] },
  { id: 'iinfo/float-dtype', call: (np) => np.iinfo('float32'), error: 'DTypeError', message: [/\b(type|dtype)\b/, 'float32', INTEGER] },
  { id: 'isdtype/unknown-kind', call: (np) => np.isdtype('float32', 'floaty'), error: 'ValueError', message: [arg('kind'), 'floaty'] },
  { id: 'isdtype/not-a-dtype', call: (np) => np.isdtype('f4', 'numeric'), error: 'DTypeError', message: [arg('dtype'), '"f4"'] },
  { id: 'resultType/uint64-with-int64', call: (np) => np.resultType('uint64', 'int64'), error: 'DTypeError', message: ['uint64', 'int64'] },
  { id: 'resultType/not-a-dtype', call: (np) => np.resultType('float32', 'double'), error: 'DTypeError', message: ['"double"'] },
  { id: 'resultType/no-arguments', call: (np) => np.resultType(), error: 'ValueError', message: [/at least one/i] },
  { id: 'canCast/not-a-dtype', call: (np) => np.canCast('float32', 'f4'), error: 'DTypeError', message: [arg('to'), '"f4"'] },
  { id: 'astype/complex-to-real', call: (np) => np.astype(typed(np, 'complex64'), 'float32'), error: 'DTypeError', message: ['complex64', 'float32', /real|complex|imag/i], needs: ['complex64'] },
];

const elementwise: BadInputCase[] = [
  { id: 'add/incompatible-broadcast', call: (np) => np.add(m23(np), np.ones([4])), error: 'ShapeError', message: ['[2,3]', '[4]', BROADCAST] },
  { id: 'multiply/incompatible-broadcast-3d', call: (np) => np.multiply(np.ones([2, 1, 3]), np.ones([4, 2])), error: 'ShapeError', message: ['[2,1,3]', '[4,2]', BROADCAST] },
  { id: 'logicalAnd/incompatible-broadcast', call: (np) => np.logicalAnd(bools(np, [true, false]), bools(np, [true, false, true])), error: 'ShapeError', message: ['[2]', '[3]', BROADCAST] },
  { id: 'add/uint64-with-int64', call: (np) => np.add(typed(np, 'uint64'), typed(np, 'int64')), error: 'DTypeError', message: ['uint64', 'int64'], needs: ['uint64', 'int64'] },
  { id: 'add/bool-with-bool', call: (np) => np.add(bools(np, [true]), bools(np, [false])), error: 'DTypeError', message: ['bool', NUMERIC] },
  { id: 'subtract/bool', call: (np) => np.subtract(bools(np, [true]), bools(np, [true])), error: 'DTypeError', message: ['bool', NUMERIC] },
  { id: 'negative/bool', call: (np) => np.negative(bools(np, [true])), error: 'DTypeError', message: [arg('x'), 'bool', NUMERIC] },
  { id: 'pow/bool', call: (np) => np.pow(bools(np, [true]), bools(np, [true])), error: 'DTypeError', message: ['bool', NUMERIC] },
  // NumPy refuses integers to negative integer powers (C would truncate 1/a^n to 0 or ±1).
  { id: 'pow/negative-integer-exponent', call: (np) => np.pow(ints(np, [2, 3]), ints(np, [1, -1])), error: 'ValueError', message: [/negative/, /integer/], surface: 'throw-or-read' },
  {
    id: 'pow/negative-integer-exponent-computed', call: (np) => np.pow(ints(np, [2, 3]), np.subtract(ints(np, [1, 1]), ints(np, [0, 2]))),
    error: 'ValueError', message: [/negative/, /integer/], surface: 'throw-or-read',
  },
  { id: 'bitwiseAnd/float-input', call: (np) => np.bitwiseAnd(v3(np), ints(np, [1, 2, 3])), error: 'DTypeError', message: ['float32', INTEGER] },
  { id: 'bitwiseOr/float-input', call: (np) => np.bitwiseOr(v3(np), v3(np)), error: 'DTypeError', message: ['float32', INTEGER] },
  { id: 'bitwiseLeftShift/bool-input', call: (np) => np.bitwiseLeftShift(bools(np, [true]), bools(np, [true])), error: 'DTypeError', message: ['bool', INTEGER] },
  { id: 'bitwiseInvert/float-input', call: (np) => np.bitwiseInvert(v3(np)), error: 'DTypeError', message: [arg('x'), 'float32', INTEGER] },
  { id: 'maximum/complex-input', call: (np) => np.maximum(typed(np, 'complex64'), typed(np, 'complex64')), error: 'DTypeError', message: ['complex64', REAL], needs: ['complex64'] },
  { id: 'atan2/complex-input', call: (np) => np.atan2(typed(np, 'complex64'), v2(np)), error: 'DTypeError', message: ['complex64', REAL], needs: ['complex64'] },
  { id: 'floor/complex-input', call: (np) => np.floor(typed(np, 'complex64')), error: 'DTypeError', message: [arg('x'), 'complex64', REAL], needs: ['complex64'] },
  { id: 'less/complex-input', call: (np) => np.less(typed(np, 'complex64'), v2(np)), error: 'DTypeError', message: ['complex64', REAL], needs: ['complex64'] },
  { id: 'signbit/complex-input', call: (np) => np.signbit(typed(np, 'complex64')), error: 'DTypeError', message: [arg('x'), 'complex64', REAL], needs: ['complex64'] },
  { id: 'remainder/complex-input', call: (np) => np.remainder(typed(np, 'complex64'), v2(np)), error: 'DTypeError', message: ['complex64', REAL], needs: ['complex64'] },
  { id: 'add/string-operand', call: (np) => np.add(v3(np), 'a'), error: 'ValueError', message: [arg('x2'), '"a"'] },
  { id: 'add/undefined-operand', call: (np) => np.add(undefined, v3(np)), error: 'ValueError', message: [arg('x1'), 'undefined'] },
  { id: 'add/nested-list-operand', call: (np) => np.add(v3(np), [1, 2, 3]), error: 'ValueError', message: [arg('x2'), '[1,2,3]'] },
  { id: 'sin/number', call: (np) => np.sin(1), error: 'ValueError', message: [arg('x'), '1'] },
  { id: 'exp/nested-list', call: (np) => np.exp([1, 2]), error: 'ValueError', message: [arg('x'), '[1,2]'] },
  { id: 'add/scalar-out-of-range-for-int8', call: (np) => np.add(typed(np, 'int8'), 300), error: 'ValueError', message: ['300', 'int8'], needs: ['int8'] },
  { id: 'clip/fractional-bound-for-int', call: (np) => np.clip(ints(np, [1, 2]), 0.5), error: 'DTypeError', message: [arg('min'), '0.5', 'int32'] },
  { id: 'clip/complex-input', call: (np) => np.clip(typed(np, 'complex64'), 0, 1), error: 'DTypeError', message: [arg('x'), 'complex64', REAL], needs: ['complex64'] },
  { id: 'clip/bound-broadcast', call: (np) => np.clip(v3(np), v2(np)), error: 'ShapeError', message: ['[3]', '[2]', BROADCAST] },
  { id: 'add/other-namespace', call: (np, { other }) => np.add(v3(np), other.ones([3])), error: 'DeviceError', message: [arg('x2'), OTHER_NAMESPACE] },
  { id: 'equal/other-namespace', call: (np, { other }) => np.equal(other.ones([3]), v3(np)), error: 'DeviceError', message: [arg('x1'), OTHER_NAMESPACE] },
  { id: 'add/disposed-operand', call: (np) => np.add(disposed(np), 1), error: 'DisposedError', message: [arg('x1'), DISPOSED] },
  { id: 'sqrt/disposed-operand', call: (np) => np.sqrt(disposed(np)), error: 'DisposedError', message: [arg('x'), DISPOSED] },
];

const indexing: BadInputCase[] = [
  { id: 'get/integer-out-of-range', call: (np) => m23(np).get(2), error: 'IndexError', message: ['2', /axis 0/, /size 2/] },
  { id: 'get/negative-out-of-range', call: (np) => m23(np).get(0, -4), error: 'IndexError', message: ['-4', /axis 1/, /size 3/] },
  { id: 'get/too-many-indices', call: (np) => m23(np).get(0, 0, 0), error: 'IndexError', message: [/too many/i, '3', '2'] },
  { id: 'get/zero-step', call: (np) => v3(np).get('1:2:0'), error: 'IndexError', message: ['1:2:0', /step/i] },
  { id: 'get/non-numeric-slice', call: (np) => v3(np).get('a:b'), error: 'IndexError', message: ['a:b', /slice/i] },
  { id: 'get/fractional-slice-bound', call: (np) => v3(np).get('1.5:'), error: 'IndexError', message: ['1.5:', INTEGER] },
  { id: 'get/too-many-slice-parts', call: (np) => v3(np).get('1:2:3:4'), error: 'IndexError', message: ['1:2:3:4', /slice/i] },
  { id: 'get/two-ellipses', call: (np) => m23(np).get('...', 0, '...'), error: 'IndexError', message: ['...', /ellips|once|twice|one/i] },
  { id: 'get/fractional-integer-index', call: (np) => v3(np).get(1.5), error: 'IndexError', message: ['1.5', INTEGER] },
  { id: 'get/nan-index', call: (np) => v3(np).get(NaN), error: 'IndexError', message: ['NaN', INTEGER] },
  { id: 'get/object-key', call: (np) => v3(np).get({} as never), error: 'ValueError', message: [/key|index/i, /object/i] },
  { id: 'get/index-into-0d', call: (np) => np.asarray(5).get(0), error: 'IndexError', message: [/too many|0-d|zero-dim|dimension/i] },
  { id: 'get/boolean-mask', call: (np) => v3(np).get(bools(np, [true, false, true])), error: 'IndexError', message: ['bool', /extract|mask|boolean/i] },
  { id: 'get/float-index-array', call: (np) => v3(np).get(np.asarray([0.5])), error: 'IndexError', message: ['float32', INTEGER] },
  { id: 'get/index-array-out-of-range', call: (np) => v3(np).get(ints(np, [0, 5])), error: 'IndexError', message: ['5', OUT_OF_BOUNDS, /size 3/], surface: 'throw-or-read' },
  { id: 'get/other-namespace-index', call: (np, { other }) => v3(np).get(other.asarray([0], { dtype: 'int32' })), error: 'DeviceError', message: [OTHER_NAMESPACE] },
  { id: 'get/disposed', call: (np) => disposed(np).get(0), error: 'DisposedError', message: [DISPOSED] },
  { id: 'set/integer-out-of-range', call: (np) => v3(np).set(5, 1), error: 'IndexError', message: ['5', /axis 0/, /size 3/] },
  { id: 'set/value-shape-mismatch', call: (np) => m23(np).set(0, v2(np)), error: 'ShapeError', message: ['[2]', '[3]', /value/i] },
  { id: 'set/string-value', call: (np) => v3(np).set(0, 'a' as never), error: 'ValueError', message: [arg('value'), '"a"'] },
  { id: 'set/complex-value-into-float', call: (np) => v3(np).set(0, typed(np, 'complex64', [])), error: 'DTypeError', message: [arg('value'), 'complex64', 'float32'], needs: ['complex64'] },
  { id: 'set/mask-shape-mismatch', call: (np) => v3(np).set(bools(np, [true, false]), 0), error: 'IndexError', message: ['[2]', '[3]', /mask|boolean/i] },
  { id: 'set/bad-slice', call: (np) => v3(np).set('::0', 1), error: 'IndexError', message: ['::0', /step/i] },
  { id: 'set/index-array-out-of-range', call: (np) => v3(np).set(ints(np, [3]), 1), error: 'IndexError', message: ['3', OUT_OF_BOUNDS], surface: 'throw-or-read' },
  { id: 'set/disposed-value', call: (np) => m23(np).set(0, disposed(np, [3])), error: 'DisposedError', message: [arg('value'), DISPOSED] },
  { id: 'set/other-namespace-value', call: (np, { other }) => v3(np).set(0, other.ones([])), error: 'DeviceError', message: [arg('value'), OTHER_NAMESPACE] },
  { id: 'take/index-out-of-range', call: (np) => np.take(v3(np), ints(np, [3]), { axis: 0 }), error: 'IndexError', message: ['3', OUT_OF_BOUNDS, /size 3/], surface: 'throw-or-read' },
  { id: 'take/axis-out-of-range', call: (np) => np.take(v3(np), ints(np, [0]), { axis: 1 }), error: 'AxisError', message: [arg('axis'), '1', AXIS_RANGE] },
  { id: 'take/float-indices', call: (np) => np.take(v3(np), np.asarray([0], { dtype: 'float32' }), { axis: 0 }), error: 'IndexError', message: [arg('indices'), 'float32', INTEGER] },
  { id: 'take/string-indices', call: (np) => np.take(v3(np), 'a', { axis: 0 }), error: 'ValueError', message: [arg('indices'), '"a"'] },
  { id: 'take/other-namespace-indices', call: (np, { other }) => np.take(v3(np), other.asarray([0], { dtype: 'int32' }), { axis: 0 }), error: 'DeviceError', message: [arg('indices'), OTHER_NAMESPACE] },
  { id: 'takeAlongAxis/shape-mismatch', call: (np) => np.takeAlongAxis(m23(np), np.zeros([3, 3], { dtype: 'int32' }), { axis: 1 }), error: 'ShapeError', message: [arg('indices'), /\[3,[13]\]/, /\[2,[13]\]/] },
  { id: 'takeAlongAxis/ndim-mismatch', call: (np) => np.takeAlongAxis(m23(np), ints(np, [0]), { axis: 1 }), error: 'ShapeError', message: [arg('indices'), '[1]', '[2,3]'] },
  { id: 'takeAlongAxis/index-out-of-range', call: (np) => np.takeAlongAxis(m23(np), np.full([2, 1], 3, { dtype: 'int32' }), { axis: 1 }), error: 'IndexError', message: ['3', OUT_OF_BOUNDS], surface: 'throw-or-read' },
  { id: 'takeAlongAxis/axis-out-of-range', call: (np) => np.takeAlongAxis(m23(np), np.zeros([2, 1], { dtype: 'int32' }), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
];

const linalg: BadInputCase[] = [
  { id: 'matmul/inner-dimension-mismatch', call: (np) => np.matmul(m23(np), m23(np)), error: 'ShapeError', message: ['[2,3]', /3.*2|inner|contract|match/i] },
  { id: 'matmul/zero-dimensional', call: (np) => np.matmul(np.asarray(1), v2(np)), error: 'ShapeError', message: [/\bx1\b|operand/, '[]', /dimension|0-d|scalar/i] },
  { id: 'matmul/batch-broadcast', call: (np) => np.matmul(np.ones([2, 2, 3]), np.ones([3, 3, 4])), error: 'ShapeError', message: ['[2,2,3]', '[3,3,4]', BROADCAST] },
  { id: 'matmul/bool-input', call: (np) => np.matmul(np.ones([2, 2], { dtype: 'bool' }), np.ones([2, 2], { dtype: 'bool' })), error: 'DTypeError', message: ['bool', NUMERIC] },
  { id: 'matmul/other-namespace', call: (np, { other }) => np.matmul(np.ones([2, 2]), other.ones([2, 2])), error: 'DeviceError', message: [arg('x2'), OTHER_NAMESPACE] },
  { id: 'matmul/method-on-disposed', fn: 'matmul', call: (np) => disposed(np, [2, 2]).matmul(np.ones([2, 2])), error: 'DisposedError', message: [arg('x1'), DISPOSED] },
  { id: 'matrixTranspose/one-dimensional', call: (np) => np.matrixTranspose(v3(np)), error: 'ShapeError', message: [arg('x'), '[3]', /2|two/i] },
  { id: 'T/three-dimensional', call: (np) => np.ones([2, 2, 2]).T, error: 'ShapeError', message: ['[2,2,2]', /2-D|two/i] },
  { id: 'tensordot/contracted-size-mismatch', call: (np) => np.tensordot(m23(np), m23(np), { axes: 1 }), error: 'ShapeError', message: ['3', '2', /axes|contract|match/i] },
  { id: 'tensordot/negative-axes', call: (np) => np.tensordot(m23(np), m23(np), { axes: -1 }), error: 'ValueError', message: [arg('axes'), '-1', NON_NEGATIVE] },
  { id: 'tensordot/axes-list-length-mismatch', call: (np) => np.tensordot(m23(np), m23(np), { axes: [[0, 1], [0]] }), error: 'ValueError', message: [arg('axes'), /length|same number/i] },
  { id: 'vecdot/axis-out-of-range', call: (np) => np.vecdot(v3(np), v3(np), { axis: 1 }), error: 'AxisError', message: [arg('axis'), '1', AXIS_RANGE] },
  { id: 'vecdot/size-mismatch', call: (np) => np.vecdot(v3(np), np.ones([4])), error: 'ShapeError', message: ['3', '4'] },
];

const manipulation: BadInputCase[] = [
  { id: 'reshape/size-mismatch', call: (np) => np.reshape(m23(np), [4]), error: 'ShapeError', message: ['[2,3]', '[4]', /size|elements/i] },
  { id: 'reshape/two-unknown-dimensions', call: (np) => np.reshape(m23(np), [-1, -1]), error: 'ValueError', message: [arg('shape'), '[-1,-1]', /one|unknown|-1/i] },
  { id: 'reshape/unknown-not-divisible', call: (np) => np.reshape(m23(np), [-1, 4]), error: 'ShapeError', message: ['[2,3]', '[-1,4]'] },
  { id: 'reshape/nan-dimension', call: (np) => np.reshape(m23(np), [NaN]), error: 'ValueError', message: [arg('shape'), 'NaN'] },
  { id: 'reshape/method-with-string', fn: 'reshape', call: (np) => m23(np).reshape('6' as never), error: 'ValueError', message: [arg('shape'), '"6"'] },
  { id: 'broadcastTo/incompatible', call: (np) => np.broadcastTo(v3(np), [2, 4]), error: 'ShapeError', message: ['[3]', '[2,4]', BROADCAST] },
  { id: 'broadcastTo/fewer-dimensions', call: (np) => np.broadcastTo(m23(np), [3]), error: 'ShapeError', message: ['[2,3]', '[3]', BROADCAST] },
  { id: 'broadcastTo/negative-dimension', call: (np) => np.broadcastTo(v3(np), [-3]), error: 'ValueError', message: [arg('shape'), '-3'] },
  { id: 'broadcastArrays/incompatible', call: (np) => np.broadcastArrays(v2(np), v3(np)), error: 'ShapeError', message: ['[2]', '[3]', BROADCAST] },
  { id: 'broadcastShapes/incompatible', call: (np) => np.broadcastShapes([2, 3], [4]), error: 'ShapeError', message: ['[2,3]', '[4]', BROADCAST] },
  { id: 'broadcastShapes/fractional', call: (np) => np.broadcastShapes([2.5]), error: 'ValueError', message: [/shapes?\b/, '2.5'] },
  { id: 'concat/ndim-mismatch', call: (np) => np.concat([m23(np), v3(np)]), error: 'ShapeError', message: ['[2,3]', '[3]', /dimension/i] },
  { id: 'concat/shape-mismatch', call: (np) => np.concat([m23(np), np.ones([2, 4])], { axis: 0 }), error: 'ShapeError', message: ['[2,3]', '[2,4]'] },
  { id: 'concat/axis-out-of-range', call: (np) => np.concat([m23(np), m23(np)], { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'concat/empty-list', call: (np) => np.concat([]), error: 'ValueError', message: [arg('arrays'), /at least one|empty/i] },
  { id: 'concat/not-a-list', call: (np) => np.concat(v3(np)), error: 'ValueError', message: [arg('arrays'), /array\(shape=\[3\]|list|sequence/i] },
  { id: 'concat/uint64-with-int64', call: (np) => np.concat([typed(np, 'uint64'), typed(np, 'int64')]), error: 'DTypeError', message: ['uint64', 'int64'], needs: ['uint64', 'int64'] },
  { id: 'concat/other-namespace', call: (np, { other }) => np.concat([v3(np), other.ones([3])]), error: 'DeviceError', message: [/arrays\[1\]/, OTHER_NAMESPACE] },
  { id: 'concat/disposed-member', call: (np) => np.concat([v3(np), disposed(np, [3])]), error: 'DisposedError', message: [/arrays\[1\]/, DISPOSED] },
  { id: 'stack/shape-mismatch', call: (np) => np.stack([v2(np), v3(np)]), error: 'ShapeError', message: ['[2]', '[3]'] },
  { id: 'stack/axis-out-of-range', call: (np) => np.stack([v2(np), v2(np)], { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'stack/other-namespace', call: (np, { other }) => np.stack([other.ones([2]), v2(np)]), error: 'DeviceError', message: [/arrays\[0\]/, OTHER_NAMESPACE] },
  { id: 'expandDims/axis-out-of-range', call: (np) => np.expandDims(m23(np), { axis: 3 }), error: 'AxisError', message: [arg('axis'), '3', AXIS_RANGE] },
  { id: 'flip/axis-out-of-range', call: (np) => np.flip(m23(np), { axis: -3 }), error: 'AxisError', message: [arg('axis'), '-3', AXIS_RANGE] },
  { id: 'flip/repeated-axis', call: (np) => np.flip(m23(np), { axis: [0, -2] }), error: 'AxisError', message: [arg('axis'), REPEATED] },
  { id: 'moveaxis/source-out-of-range', call: (np) => np.moveaxis(m23(np), 2, 0), error: 'AxisError', message: [arg('source'), '2', AXIS_RANGE] },
  { id: 'moveaxis/repeated-destination', call: (np) => np.moveaxis(m23(np), [0, 1], [1, 1]), error: 'AxisError', message: [arg('destination'), REPEATED] },
  { id: 'moveaxis/length-mismatch', call: (np) => np.moveaxis(m23(np), [0, 1], [0]), error: 'ValueError', message: [arg('source'), arg('destination'), /length|same number/i] },
  { id: 'permuteDims/repeated-axis', call: (np) => np.permuteDims(m23(np), [0, 0]), error: 'AxisError', message: [arg('axes'), '[0,0]', REPEATED] },
  { id: 'permuteDims/axis-out-of-range', call: (np) => np.permuteDims(m23(np), [0, 2]), error: 'AxisError', message: [arg('axes'), '2', AXIS_RANGE] },
  { id: 'permuteDims/wrong-length', call: (np) => np.permuteDims(m23(np), [0]), error: 'AxisError', message: [arg('axes'), '[0]', /2|permutation/i] },
  { id: 'repeat/negative-repeats', call: (np) => np.repeat(v3(np), -1), error: 'ValueError', message: [arg('repeats'), '-1', NON_NEGATIVE] },
  { id: 'repeat/axis-out-of-range', call: (np) => np.repeat(v3(np), 2, { axis: 1 }), error: 'AxisError', message: [arg('axis'), '1', AXIS_RANGE] },
  { id: 'repeat/repeats-length-mismatch', call: (np) => np.repeat(v3(np), ints(np, [1, 2]), { axis: 0 }), error: 'ShapeError', message: [arg('repeats'), '2', '3'] },
  { id: 'roll/axis-out-of-range', call: (np) => np.roll(v3(np), 1, { axis: 1 }), error: 'AxisError', message: [arg('axis'), '1', AXIS_RANGE] },
  { id: 'roll/fractional-shift', call: (np) => np.roll(v3(np), 1.5), error: 'ValueError', message: [arg('shift'), '1.5', INTEGER] },
  { id: 'squeeze/non-unit-axis', call: (np) => np.squeeze(m23(np), 0), error: 'ShapeError', message: [arg('axis'), '0', '[2,3]', /1|one/] },
  { id: 'squeeze/axis-out-of-range', call: (np) => np.squeeze(np.ones([1, 3]), 2), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'tile/negative-repetitions', call: (np) => np.tile(v3(np), [-1]), error: 'ValueError', message: [arg('repetitions'), '-1', NON_NEGATIVE] },
  { id: 'tile/fractional-repetitions', call: (np) => np.tile(v3(np), [1.5]), error: 'ValueError', message: [arg('repetitions'), '1.5', INTEGER] },
  { id: 'unstack/axis-out-of-range', call: (np) => np.unstack(m23(np), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'reshape/disposed', call: (np) => np.reshape(disposed(np), [6]), error: 'DisposedError', message: [arg('x'), DISPOSED] },
];

const searching: BadInputCase[] = [
  { id: 'argmax/axis-out-of-range', call: (np) => np.argmax(m23(np), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'argmax/axis-list', call: (np) => np.argmax(m23(np), { axis: [0] }), error: 'AxisError', message: [arg('axis'), '[0]', INTEGER] },
  { id: 'argmax/empty', call: (np) => np.argmax(np.zeros([0])), error: 'ValueError', message: [arg('x'), '[0]', EMPTY] },
  { id: 'argmin/complex-input', call: (np) => np.argmin(typed(np, 'complex64')), error: 'DTypeError', message: [arg('x'), 'complex64', REAL], needs: ['complex64'] },
  { id: 'countNonzero/repeated-axis', call: (np) => np.countNonzero(m23(np), { axis: [1, -1] }), error: 'AxisError', message: [arg('axis'), REPEATED] },
  { id: 'searchsorted/two-dimensional-x1', call: (np) => np.searchsorted(m23(np), v2(np)), error: 'ShapeError', message: [arg('x1'), '[2,3]', /1-D|one-dim/i] },
  { id: 'searchsorted/bad-side', call: (np) => np.searchsorted(v3(np), v2(np), { side: 'middle' }), error: 'ValueError', message: [arg('side'), '"middle"', /left|right/] },
  { id: 'searchsorted/other-namespace', call: (np, { other }) => np.searchsorted(v3(np), other.ones([2])), error: 'DeviceError', message: [arg('x2'), OTHER_NAMESPACE] },
  { id: 'where/incompatible-broadcast', call: (np) => np.where(bools(np, [true, false, true]), v2(np), v3(np)), error: 'ShapeError', message: ['[3]', '[2]', BROADCAST] },
  { id: 'where/other-namespace', call: (np, { other }) => np.where(bools(np, [true]), v2(np), other.ones([2])), error: 'DeviceError', message: [arg('x2'), OTHER_NAMESPACE] },
  { id: 'where/uint64-with-int64', call: (np) => np.where(bools(np, [true, false]), typed(np, 'uint64'), typed(np, 'int64')), error: 'DTypeError', message: ['uint64', 'int64'], needs: ['uint64', 'int64'] },
  { id: 'nonzero/zero-dimensional', call: (np) => np.nonzero(np.asarray(1)), error: 'ValueError', message: [arg('x'), /\[\]|0-d/, /dimension/i], surface: 'reject' },
  { id: 'nonzero/nested-list', call: (np) => np.nonzero([1, 0]), error: 'ValueError', message: [arg('x'), '[1,0]'], surface: 'reject' },
  { id: 'nonzero/disposed', call: (np) => np.nonzero(disposed(np)), error: 'DisposedError', message: [arg('x'), DISPOSED], surface: 'reject' },
  { id: 'extract/mask-shape-mismatch', call: (np) => np.extract(bools(np, [true, false]), v3(np)), error: 'ShapeError', message: ['[2]', '[3]'], surface: 'reject' },
  { id: 'extract/not-an-array', call: (np) => np.extract([true, false], v2(np)), error: 'ValueError', message: [arg('condition'), '[true,false]'], surface: 'reject' },
  { id: 'extract/other-namespace', call: (np, { other }) => np.extract(bools(np, [true, false]), other.ones([2])), error: 'DeviceError', message: [OTHER_NAMESPACE], surface: 'reject' },
];

const sets: BadInputCase[] = [
  { id: 'uniqueValues/nested-list', call: (np) => np.uniqueValues([1, 1]), error: 'ValueError', message: [arg('x'), '[1,1]'], surface: 'reject' },
  { id: 'uniqueAll/disposed', call: (np) => np.uniqueAll(disposed(np)), error: 'DisposedError', message: [arg('x'), DISPOSED], surface: 'reject' },
  { id: 'uniqueCounts/undefined', call: (np) => np.uniqueCounts(undefined), error: 'ValueError', message: [arg('x'), 'undefined'], surface: 'reject' },
  { id: 'uniqueInverse/other-namespace', call: (np, { other }) => np.uniqueInverse(other.ones([2])), error: 'DeviceError', message: [arg('x'), OTHER_NAMESPACE], surface: 'reject' },
  { id: 'isin/other-namespace', call: (np, { other }) => np.isin(v3(np), other.ones([2])), error: 'DeviceError', message: [arg('x2'), OTHER_NAMESPACE] },
  { id: 'isin/string-elements', call: (np) => np.isin(v3(np), 'abc'), error: 'ValueError', message: [arg('x2'), '"abc"'] },
];

const sorting: BadInputCase[] = [
  { id: 'sort/complex-input', call: (np) => np.sort(typed(np, 'complex64')), error: 'DTypeError', message: [arg('x'), 'complex64', REAL], needs: ['complex64'] },
  { id: 'sort/axis-out-of-range', call: (np) => np.sort(m23(np), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'sort/zero-dimensional', call: (np) => np.sort(np.asarray(1)), error: 'AxisError', message: [arg('axis'), '-1', AXIS_RANGE] },
  { id: 'argsort/axis-out-of-range', call: (np) => np.argsort(m23(np), { axis: -3 }), error: 'AxisError', message: [arg('axis'), '-3', AXIS_RANGE] },
  { id: 'argsort/fractional-axis', call: (np) => np.argsort(m23(np), { axis: 0.5 }), error: 'AxisError', message: [arg('axis'), '0.5', INTEGER] },
];

const statistical: BadInputCase[] = [
  { id: 'sum/axis-out-of-range', call: (np) => np.sum(m23(np), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'sum/repeated-axis', call: (np) => np.sum(m23(np), { axis: [0, -2] }), error: 'AxisError', message: [arg('axis'), REPEATED] },
  { id: 'sum/fractional-axis', call: (np) => np.sum(m23(np), { axis: 0.5 }), error: 'AxisError', message: [arg('axis'), '0.5', INTEGER] },
  { id: 'sum/string-axis', call: (np) => np.sum(m23(np), { axis: '0' }), error: 'AxisError', message: [arg('axis'), '"0"', INTEGER] },
  { id: 'sum/not-a-dtype', call: (np) => np.sum(m23(np), { dtype: 'int' }), error: 'DTypeError', message: [arg('dtype'), dt('int')] },
  { id: 'sum/method-axis-out-of-range', fn: 'sum', call: (np) => m23(np).sum({ axis: 5 }), error: 'AxisError', message: [arg('axis'), '5', AXIS_RANGE] },
  { id: 'prod/axis-out-of-range', call: (np) => np.prod(v3(np), { axis: 1 }), error: 'AxisError', message: [arg('axis'), '1', AXIS_RANGE] },
  { id: 'mean/axis-out-of-range', call: (np) => np.mean(v3(np), { axis: -2 }), error: 'AxisError', message: [arg('axis'), '-2', AXIS_RANGE] },
  { id: 'max/empty', call: (np) => np.max(np.zeros([0])), error: 'ValueError', message: [arg('x'), '[0]', EMPTY] },
  { id: 'min/empty-axis', call: (np) => np.min(np.zeros([2, 0]), { axis: 1 }), error: 'ValueError', message: [arg('x'), '[2,0]', EMPTY] },
  { id: 'max/method-on-empty', fn: 'max', call: (np) => np.zeros([0, 3]).max(), error: 'ValueError', message: ['[0,3]', EMPTY] },
  { id: 'max/complex-input', call: (np) => np.max(typed(np, 'complex64')), error: 'DTypeError', message: [arg('x'), 'complex64', REAL], needs: ['complex64'] },
  { id: 'min/repeated-axis', call: (np) => np.min(m23(np), { axis: [1, 1] }), error: 'AxisError', message: [arg('axis'), REPEATED] },
  { id: 'std/string-correction', call: (np) => np.std(v3(np), { correction: '1' }), error: 'ValueError', message: [arg('correction'), '"1"'] },
  { id: 'var/nan-correction', call: (np) => np.var(v3(np), { correction: NaN }), error: 'ValueError', message: [arg('correction'), 'NaN'] },
  { id: 'var/axis-out-of-range', call: (np) => np.var(m23(np), { axis: 3 }), error: 'AxisError', message: [arg('axis'), '3', AXIS_RANGE] },
  { id: 'cumulativeSum/axis-out-of-range', call: (np) => np.cumulativeSum(v3(np), { axis: 1 }), error: 'AxisError', message: [arg('axis'), '1', AXIS_RANGE] },
  { id: 'cumulativeProd/axis-out-of-range', call: (np) => np.cumulativeProd(m23(np), { axis: -3 }), error: 'AxisError', message: [arg('axis'), '-3', AXIS_RANGE] },
  { id: 'cumulativeSum/not-a-dtype', call: (np) => np.cumulativeSum(v3(np), { axis: 0, dtype: 'f32' }), error: 'DTypeError', message: [arg('dtype'), '"f32"'] },
];

const utility: BadInputCase[] = [
  { id: 'all/axis-out-of-range', call: (np) => np.all(m23(np), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'any/repeated-axis', call: (np) => np.any(m23(np), { axis: [0, 0] }), error: 'AxisError', message: [arg('axis'), REPEATED] },
  { id: 'diff/negative-n', call: (np) => np.diff(v3(np), { n: -1 }), error: 'ValueError', message: [arg('n'), '-1', NON_NEGATIVE] },
  { id: 'diff/axis-out-of-range', call: (np) => np.diff(m23(np), { axis: 2 }), error: 'AxisError', message: [arg('axis'), '2', AXIS_RANGE] },
  { id: 'diff/prepend-shape-mismatch', call: (np) => np.diff(m23(np), { axis: 1, prepend: np.ones([3, 1]) }), error: 'ShapeError', message: [arg('prepend'), '[3,1]'] },
];

const memory: BadInputCase[] = [
  { id: 'scope/async-function', call: (np) => np.scope(async () => np.ones([1])), error: 'ValueError', message: [arg('fn'), /Promise|async|synchronous/i] },
  { id: 'scope/not-a-function', call: (np) => np.scope(5), error: 'ValueError', message: [arg('fn'), '5', /function/i] },
  { id: 'add/method-on-disposed', fn: 'add', call: (np) => disposed(np).add(1), error: 'DisposedError', message: [arg('x1'), DISPOSED] },
  { id: 'multiply/disposed-method-argument', fn: 'multiply', call: (np) => m23(np).multiply(disposed(np)), error: 'DisposedError', message: [arg('x2'), DISPOSED] },
  { id: 'sum/disposed', call: (np) => np.sum(disposed(np)), error: 'DisposedError', message: [arg('x'), DISPOSED] },
  { id: 'astype/method-on-disposed', fn: 'astype', call: (np) => disposed(np).astype('int32'), error: 'DisposedError', message: [arg('x'), DISPOSED] },
  { id: 'T/disposed', fn: ['T', 'matrixTranspose'], call: (np) => disposed(np, [2, 2]).T, error: 'DisposedError', message: [DISPOSED] },
  { id: 'set/disposed-array', fn: 'set', call: (np) => disposed(np, [3]).set(0, 1), error: 'DisposedError', message: [DISPOSED] },
  { id: 'matmul/disposed-operand', call: (np) => np.matmul(np.ones([2, 2]), disposed(np, [2, 2])), error: 'DisposedError', message: [arg('x2'), DISPOSED] },
  { id: 'where/disposed-condition', call: (np) => np.where(disposed(np), 1, 0), error: 'DisposedError', message: [arg('condition'), DISPOSED] },
  { id: 'stack/disposed-member', call: (np) => np.stack([disposed(np, [3]), v3(np)]), error: 'DisposedError', message: [/arrays\[0\]/, DISPOSED] },
  { id: 'toDevice/disposed', call: (np) => disposed(np).toDevice(np.info().defaultDevice()), error: 'DisposedError', message: [DISPOSED] },
  { id: 'data/disposed', call: (np) => disposed(np).data(), error: 'DisposedError', message: [DISPOSED], surface: 'reject' },
  { id: 'toArray/disposed', fn: ['toArray', 'data'], call: (np) => disposed(np).toArray(), error: 'DisposedError', message: [DISPOSED], surface: 'reject' },
  { id: 'item/disposed', fn: ['item', 'data'], call: (np) => disposed(np, []).item(), error: 'DisposedError', message: [DISPOSED], surface: 'reject' },
  { id: 'dataSync/disposed', call: (np) => disposed(np).dataSync(), error: 'DisposedError', message: [DISPOSED] },
  { id: 'save/disposed', call: (np) => np.save(disposed(np)), error: 'DisposedError', message: [arg('x'), DISPOSED], surface: 'reject' },
  { id: 'item/size-greater-than-one', call: (np) => m23(np).item(), error: 'ValueError', message: ['[2,3]', /one element|size 1|exactly one/i], surface: 'reject' },
  { id: 'item/empty', call: (np) => np.zeros([0]).item(), error: 'ValueError', message: ['[0]', /one element|size 1|exactly one/i], surface: 'reject' },
  {
    id: 'itemSync/size-greater-than-one', fn: ['itemSync', 'item'], call: (np) => m23(np).itemSync(), error: 'ValueError', message: ['[2,3]', /one element|size 1|exactly one/i],
    skip: (np) => (syncReadback(np) ? false : 'no sync readback on this adapter'),
  },
  {
    id: 'dataSync/unsupported', call: (np) => v3(np).dataSync(), error: 'DeviceError', message: [/sync/i, /data\(\)|await/],
    skip: (np) => (syncReadback(np) ? 'sync readback is supported on this adapter' : false),
  },
  {
    id: 'toArraySync/unsupported', fn: ['toArraySync', 'dataSync'], call: (np) => v3(np).toArraySync(), error: 'DeviceError', message: [/sync/i],
    skip: (np) => (syncReadback(np) ? 'sync readback is supported on this adapter' : false),
  },
  { id: 'info().dtypes/unknown-device', call: (np) => np.info().dtypes({ device: 'nowhere:7' }), error: 'DeviceError', message: [arg('device'), 'nowhere:7'] },
  { id: 'toDevice/unknown-device', call: (np) => v3(np).toDevice('nowhere:3' as never), error: 'DeviceError', message: [arg('device'), 'nowhere:3'] },
];

const npy: BadInputCase[] = [
  { id: 'load/garbage-bytes', call: (np) => np.load(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])), error: 'ValueError', message: [BYTES, /magic|\.npy|NUMPY/i] },
  { id: 'load/empty-bytes', call: (np) => np.load(new Uint8Array(0)), error: 'ValueError', message: [BYTES, /magic|\.npy|NUMPY|short|truncated|empty/i] },
  { id: 'load/truncated-data', call: (np) => np.load(npyBytes(f4Header('(4,)'), new Uint8Array(8))), error: 'ValueError', message: [BYTES, '16', '8'] },
  { id: 'load/truncated-header', call: (np) => np.load(npyBytes(f4Header('(4,)'), new Uint8Array(0), { headerLen: 500 })), error: 'ValueError', message: [BYTES, /header|truncated|short/i] },
  { id: 'load/unsupported-version', call: (np) => np.load(npyBytes(f4Header('(1,)'), new Uint8Array(4), { major: 9 })), error: 'ValueError', message: [BYTES, /version/i, '9'] },
  { id: 'load/unicode-dtype', call: (np) => np.load(npyBytes(f4Header('(1,)', '<U3'), new Uint8Array(12))), error: 'DTypeError', message: ['<U3'] },
  { id: 'load/object-dtype', call: (np) => np.load(npyBytes(f4Header('(1,)', '|O'), new Uint8Array(8))), error: 'DTypeError', message: ['|O'] },
  { id: 'load/datetime-dtype', call: (np) => np.load(npyBytes(f4Header('(1,)', '<M8[ns]'), new Uint8Array(8))), error: 'DTypeError', message: ['<M8[ns]'] },
  { id: 'load/malformed-header', call: (np) => np.load(npyBytes("{'descr': '<f4', 'shape': (2,", new Uint8Array(8))), error: 'ValueError', message: [BYTES, /header/i] },
  { id: 'load/negative-dimension', call: (np) => np.load(npyBytes(f4Header('(-1,)'), new Uint8Array(4))), error: 'ValueError', message: [/shape/i, '-1'] },
  { id: 'load/not-bytes', call: (np) => np.load('abc'), error: 'ValueError', message: [BYTES, '"abc"'] },
  { id: 'save/not-an-array', call: (np) => np.save([1, 2]), error: 'ValueError', message: [arg('x'), '[1,2]'], surface: 'reject' },
];

/** Every bad input, grouped as the API is. */
export const BAD_INPUTS: readonly BadInputCase[] = [
  ...creation, ...dataTypes, ...elementwise, ...indexing, ...linalg, ...manipulation, ...searching, ...sets, ...sorting,
  ...statistical, ...utility, ...memory, ...npy,
];

/** The function names a case's message may start with. */
export function caseFunctions(c: BadInputCase): readonly string[] {
  if (c.fn === undefined) return [c.id.slice(0, c.id.indexOf('/'))];
  return typeof c.fn === 'string' ? [c.fn] : c.fn;
}
