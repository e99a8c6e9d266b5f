/** The elementwise functions, driven by the table in spec/elementwise.ts. */
import type { BinaryOp, UnaryOp } from '../adapter.js';
import { isNDArray, type ArrayLike, type NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, isBool, isComplex, isInteger, isRealFloat, realDType } from '../dtypes.js';
import { DTypeError, ShapeError, ValueError, show } from '../errors.js';
import { DEFAULT_FLOAT, isWeakScalar, promoteTypes, scalarDefaultDType, weakScalarDType } from '../promotion.js';
import { broadcastShapesUnchecked, shapeEqual, showShape } from '../shape.js';
import { BINARY, UNARY, type Category, type ElementwiseSpec } from '../spec/elementwise.js';
import type { ElementwiseFunctions } from './elementwise-types.js';

export type { ElementwiseFunctions } from './elementwise-types.js';

const CATEGORY_TEXT: Record<Category, string> = {
  any: 'any dtype',
  numeric: 'a numeric dtype',
  'real numeric': 'a real numeric dtype',
  integer: 'an integer dtype',
  'integer or boolean': 'an integer or boolean dtype',
  boolean: 'any dtype',
  float: 'a numeric dtype',
  'real float': 'a real numeric dtype',
};

/** The dtype a function computes in, given the (promoted) input dtype; throws for the wrong kind. */
export function computeDType(fn: string, spec: ElementwiseSpec, d: DType, arg = 'x'): DType {
  const fail = () => {
    const what = arg.includes(' and ') ? `${arg} (promoted together to ${d})` : `${arg} of dtype ${d}`;
    throw new DTypeError(`${fn}: expected ${CATEGORY_TEXT[spec.category]} for ${arg}; received ${what}`);
  };
  switch (spec.category) {
    case 'any':
      return d;
    case 'boolean':
      return 'bool';
    case 'numeric':
      if (isBool(d)) fail();
      return d;
    case 'real numeric':
      if (isBool(d) || isComplex(d)) fail();
      return d;
    case 'integer':
      if (!isInteger(d)) fail();
      return d;
    case 'integer or boolean':
      if (!isInteger(d) && !isBool(d)) fail();
      return d;
    case 'float':
      return isInteger(d) || isBool(d) ? DEFAULT_FLOAT : d;
    case 'real float':
      if (isComplex(d)) fail();
      return isRealFloat(d) ? d : DEFAULT_FLOAT;
  }
}

function outputDType(spec: ElementwiseSpec, d: DType): DType {
  return spec.output === 'bool' ? 'bool' : spec.output === 'real' ? realDType(d) : d;
}

export function elementwiseFunctions(ctx: Context): ElementwiseFunctions {
  const { adapter } = ctx;

  const unary = (op: UnaryOp | 'positive') => {
    const spec = UNARY[op];
    return (x: NDArray): NDArray => {
      const a = ctx.arr(op, 'x', x);
      const d = computeDType(op, spec, a.dtype);
      const out = outputDType(spec, d);
      ctx.checkSupported(op, d, a.device);
      // Identities core answers without a kernel (a new array object on the same data).
      const identity =
        op === 'positive' ||
        ((op === 'ceil' || op === 'floor' || op === 'trunc' || op === 'round') && (isInteger(d) || isBool(d))) ||
        ((op === 'real' || op === 'conj') && !isComplex(d));
      if (identity && d === a.dtype) return ctx.wrap(adapter.reshape(a, a.shape), a.shape, d, a.device);
      if (op === 'imag' && !isComplex(d)) return ctx.wrap(adapter.full(a.shape, 0, d, a.device), a.shape, d, a.device);
      const input = ctx.cast(a, d);
      const h = identity ? adapter.reshape(input, input.shape) : adapter.unary(op as UnaryOp, input, out);
      if (input !== a) input.dispose();
      return ctx.wrap(h, a.shape, out, a.device);
    };
  };

  /** Resolves the promoted dtype of two operands (arrays or weak scalars). */
  const promote2 = (fn: string, x1: ArrayLike, x2: ArrayLike): DType => {
    const a1 = isNDArray(x1), a2 = isNDArray(x2);
    if (a1 && a2) return promoteTypes(x1.dtype, x2.dtype, fn);
    if (a1) return weakScalarDType(fn, x1.dtype, checkScalar(fn, 'x2', x2));
    if (a2) return weakScalarDType(fn, x2.dtype, checkScalar(fn, 'x1', x1));
    return promoteTypes(scalarDefaultDType(checkScalar(fn, 'x1', x1)), scalarDefaultDType(checkScalar(fn, 'x2', x2)), fn);
  };

  const binary = (op: BinaryOp) => {
    const spec = BINARY[op];
    return (x1: ArrayLike, x2: ArrayLike): NDArray => {
      const a = isNDArray(x1) ? ctx.arr(op, 'x1', x1) : undefined;
      const b = isNDArray(x2) ? ctx.arr(op, 'x2', x2) : undefined;
      // Fast path: two arrays of one dtype, shape and device need no cast and no broadcast.
      if (a && b && a.dtype === b.dtype && a.device === b.device && shapeEqual(a.shape, b.shape)) {
        const d = computeDType(op, spec, a.dtype, 'x1 and x2');
        if (d === a.dtype) {
          const out = outputDType(spec, d);
          ctx.checkSupported(op, d, a.device);
          return ctx.wrap(adapter.binary(op, a, b, out), a.shape, out, a.device);
        }
      }
      const device = a && b ? ctx.sameDevice(op, [a, b]) : (a ?? b)?.device ?? ctx.defaultDevice;
      const d = computeDType(op, spec, promote2(op, x1, x2), 'x1 and x2');
      const out = outputDType(spec, d);
      ctx.checkSupported(op, d, device);
      const shape = broadcastShapesUnchecked(op, a?.shape ?? [], b?.shape ?? []);
      const prepare = (arr: NDArray | undefined, value: ArrayLike): NDArray => {
        const base = arr ? ctx.cast(arr, d) : ctx.scalarArray(op, value as never, d, device, value === x1 ? 'x1' : 'x2');
        return ctx.broadcastTo(op, base, shape);
      };
      return ctx.withTemporaries(
        () => [prepare(a, x1), prepare(b, x2)] as const,
        ([pa, pb]) => ctx.wrap(adapter.binary(op, pa, pb, out), shape, out, device),
      );
    };
  };

  const fns: Record<string, unknown> = {};
  for (const op of Object.keys(UNARY) as (UnaryOp | 'positive')[]) fns[op] = unary(op);
  for (const op of Object.keys(BINARY) as BinaryOp[]) fns[op] = binary(op);

  fns.clip = (x: NDArray, min?: ArrayLike, max?: ArrayLike): NDArray => {
    const a = ctx.arr('clip', 'x', x);
    computeDType('clip', { category: 'real numeric', output: 'same', numpy: 'clip' }, a.dtype);
    for (const [arg, v] of [['min', min], ['max', max]] as const) {
      if (isNDArray(v)) {
        const b = ctx.arr('clip', arg, v);
        const shape = broadcastShapesUnchecked('clip', a.shape, b.shape);
        if (shape.length !== a.ndim || shape.some((dim, i) => dim !== a.shape[i])) {
          throw new ShapeError(`clip: ${arg} of shape ${showShape(b.shape)} does not broadcast to x's shape ${showShape(a.shape)}`);
        }
      }
    }
    return ctx.scope(() => {
      let r: NDArray = a;
      // Bounds take x's dtype (the result keeps x's dtype, as the standard asks).
      const bound = (v: ArrayLike, arg: string) => {
        if (isNDArray(v)) return ctx.cast(ctx.arr('clip', arg, v), a.dtype);
        const s = checkScalar('clip', arg, v);
        if (isInteger(a.dtype) && typeof s === 'number' && !Number.isInteger(s)) {
          throw new DTypeError(`clip: ${arg} ${show(s)} is not an integer, but x has dtype ${a.dtype}`);
        }
        return s;
      };
      if (min !== undefined && min !== null) r = (fns.maximum as (p: ArrayLike, q: ArrayLike) => NDArray)(r, bound(min, 'min'));
      if (max !== undefined && max !== null) r = (fns.minimum as (p: ArrayLike, q: ArrayLike) => NDArray)(r, bound(max, 'max'));
      if (r.dtype !== a.dtype) r = ctx.cast(r as NDArray, a.dtype);
      return r === a ? ctx.wrap(adapter.reshape(a, a.shape), a.shape, a.dtype, a.device) : r;
    });
  };

  return fns as unknown as ElementwiseFunctions;
}

function checkScalar(fn: string, arg: string, x: unknown) {
  if (!isWeakScalar(x)) throw new ValueError(`${fn}: ${arg} must be an array or a scalar (number, boolean, bigint, {re, im}); received ${show(x)}`);
  return x;
}
