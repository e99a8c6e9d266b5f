/** Data-type functions: astype, canCast, finfo, iinfo, isdtype, resultType. */
import type { Device } from '../adapter.js';
import { isNDArray, type NDArray } from '../array.js';
import type { Context } from '../context.js';
import {
  type DType, type DTypeCategory, type FInfo, type IInfo, checkDType, finfo, iinfo, isBool, isComplex, isdtype,
} from '../dtypes.js';
import { DTypeError, ValueError, show } from '../errors.js';
import { type WeakScalar, canCast, resultType } from '../promotion.js';
import { opts } from './creation.js';

export interface DataTypeFunctions {
  /**
   * Converts to `dtype` (C rules: float → int truncates toward zero). `copy: false` returns `x`
   * itself when the dtype already matches. Complex → real (other than bool) throws DTypeError: take
   * `np.real` first.
   * @example
   * await np.astype(np.asarray([1.7, -1.7]), 'int32').toArray(); // => [1, -1]
   * np.astype(np.asarray([1, 2]), 'float64').dtype; // => "float64"
   */
  astype(x: NDArray, dtype: DType, options?: { copy?: boolean; device?: Device }): NDArray;
  /**
   * Whether `from` (a dtype or an array) converts to `to` under the promotion rules.
   * @example
   * np.canCast('int8', 'int16'); // => true
   * np.canCast('float64', 'float32'); // => false
   */
  canCast(from: DType | NDArray, to: DType): boolean;
  /**
   * Machine limits of a floating-point dtype (of the real part for complex dtypes).
   * @example
   * np.finfo('float32').eps; // => 1.1920928955078125e-7
   * np.finfo('float16').max; // => 65504
   */
  finfo(type: DType | NDArray): FInfo;
  /**
   * Machine limits of an integer dtype (bigint for 64-bit dtypes).
   * @example
   * np.iinfo('int8').min; // => -128
   * np.iinfo('uint16').max; // => 65535
   */
  iinfo(type: DType | NDArray): IInfo;
  /**
   * Whether `dtype` is of `kind`: a dtype, a category (`'bool'`, `'signed integer'`,
   * `'unsigned integer'`, `'integral'`, `'real floating'`, `'complex floating'`, `'numeric'`) or a list.
   * @example
   * np.isdtype('int8', 'integral'); // => true
   * np.isdtype('float32', ['complex floating', 'bool']); // => false
   */
  isdtype(dtype: DType, kind: DType | DTypeCategory | readonly (DType | DTypeCategory)[]): boolean;
  /**
   * The dtype that promotion gives for the arguments (dtypes, arrays, weak JS scalars).
   * Across kinds it follows the JAX rule (int32 with float32 → float32).
   * @example
   * np.resultType('int8', 'uint8'); // => "int16"
   * np.resultType(np.asarray([1, 2], { dtype: 'int16' }), 1.5); // => "float32"
   */
  resultType(...args: (DType | NDArray | WeakScalar)[]): DType;
}

export function dataTypeFunctions(ctx: Context): DataTypeFunctions {
  const dtypeOf = (fn: string, arg: string, x: unknown): DType => (isNDArray(x) ? ctx.arr(fn, arg, x).dtype : checkDType(fn, arg, x));
  return {
    astype(x, dtype, options) {
      const fn = 'astype';
      const a = ctx.arr(fn, 'x', x);
      const d = checkDType(fn, 'dtype', dtype);
      const o = opts(fn, options);
      const copy = o.copy ?? true;
      if (typeof copy !== 'boolean') throw new ValueError(`${fn}: copy must be a boolean; received ${show(copy)}`);
      const device = o.device === undefined ? a.device : ctx.device(fn, o.device);
      if (isComplex(a.dtype) && !isComplex(d) && !isBool(d)) {
        throw new DTypeError(`${fn}: cannot cast ${a.dtype} to ${d} (the imaginary part would be lost); use np.real(x) first, or astype to a complex dtype`);
      }
      ctx.checkSupported(fn, d, device);
      if (!copy && d === a.dtype && device === a.device) return a;
      return ctx.scope(() => {
        const moved = device === a.device ? a : ctx.toDevice(a, device);
        const r = ctx.cast(moved, d);
        // Arrays are immutable: a new array object on the same data behaves as a copy.
        return r === a ? ctx.wrap(ctx.adapter.reshape(a, a.shape), a.shape, a.dtype, a.device) : r;
      });
    },
    canCast: (from, to) => canCast(dtypeOf('canCast', 'from', from), checkDType('canCast', 'to', to)),
    finfo: (type) => finfo(dtypeOf('finfo', 'type', type)),
    iinfo: (type) => iinfo(dtypeOf('iinfo', 'type', type)),
    isdtype: (dtype, kind) => isdtype(checkDType('isdtype', 'dtype', dtype), kind),
    resultType: (...args) => resultType(...args.map((a, i) => (isNDArray(a) ? ctx.arr('resultType', `arguments[${i}]`, a).dtype : a))),
  };
}
