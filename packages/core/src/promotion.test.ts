import { describe, expect, it } from 'vitest';
import { DTYPES, isComplex, isFloating, type DType } from './dtypes.js';
import { DTypeError, ShapeError, AxisError } from './errors.js';
import { canCast, promoteTypes, resultType, weakScalarDType } from './promotion.js';
import { broadcastShapes, normalizeAxes, normalizeAxis } from './shape.js';

// np.promote_types(a, b) from NumPy 2.4, rows and columns in DTYPES order.
const NUMPY: Record<string, string[]> = {"bool": ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64", "complex64", "complex128"],
  "int8": ["int8", "int8", "int16", "int32", "int64", "int16", "int32", "int64", "float64", "float16", "float32", "float64", "complex64", "complex128"],
  "int16": ["int16", "int16", "int16", "int32", "int64", "int16", "int32", "int64", "float64", "float32", "float32", "float64", "complex64", "complex128"],
  "int32": ["int32", "int32", "int32", "int32", "int64", "int32", "int32", "int64", "float64", "float64", "float64", "float64", "complex128", "complex128"],
  "int64": ["int64", "int64", "int64", "int64", "int64", "int64", "int64", "int64", "float64", "float64", "float64", "float64", "complex128", "complex128"],
  "uint8": ["uint8", "int16", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float16", "float32", "float64", "complex64", "complex128"],
  "uint16": ["uint16", "int32", "int32", "int32", "int64", "uint16", "uint16", "uint32", "uint64", "float32", "float32", "float64", "complex64", "complex128"],
  "uint32": ["uint32", "int64", "int64", "int64", "int64", "uint32", "uint32", "uint32", "uint64", "float64", "float64", "float64", "complex128", "complex128"],
  "uint64": ["uint64", "float64", "float64", "float64", "float64", "uint64", "uint64", "uint64", "uint64", "float64", "float64", "float64", "complex128", "complex128"],
  "float16": ["float16", "float16", "float32", "float64", "float64", "float16", "float32", "float64", "float64", "float16", "float32", "float64", "complex64", "complex128"],
  "float32": ["float32", "float32", "float32", "float64", "float64", "float32", "float32", "float64", "float64", "float32", "float32", "float64", "complex64", "complex128"],
  "float64": ["float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "float64", "complex128", "complex128"],
  "complex64": ["complex64", "complex64", "complex64", "complex128", "complex128", "complex64", "complex64", "complex128", "complex128", "complex64", "complex64", "complex128", "complex64", "complex128"],
  "complex128": ["complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128", "complex128"]};

const isIntOrBool = (d: DType) => !isFloating(d);
const signed = (d: DType) => d.startsWith('int');

describe('promoteTypes', () => {
  it('is NumPy within kinds and the JAX rule across kinds', () => {
    for (const a of DTYPES) {
      DTYPES.forEach((b, j) => {
        // The contract's deviations: int/bool with float/complex gives that float/complex dtype
        // (complex64 stays complex64); uint64 with a signed integer has no common dtype.
        if ((a === 'uint64' && signed(b)) || (b === 'uint64' && signed(a))) {
          expect(() => promoteTypes(a, b)).toThrow(DTypeError);
          return;
        }
        let want = NUMPY[a]![j] as DType;
        if (isIntOrBool(a) && isFloating(b)) want = b;
        if (isIntOrBool(b) && isFloating(a)) want = a;
        expect([a, b, promoteTypes(a, b)]).toEqual([a, b, want]);
      });
    }
  });
  it('is symmetric', () => {
    for (const a of DTYPES) for (const b of DTYPES) {
      let x: string, y: string;
      try { x = promoteTypes(a, b); } catch { x = 'error'; }
      try { y = promoteTypes(b, a); } catch { y = 'error'; }
      expect(x).toBe(y);
    }
  });
});

describe('weak scalars and resultType', () => {
  it('follow NEP 50 with the default-dtype rules', () => {
    expect(weakScalarDType('f', 'int8', 3)).toBe('int8');
    expect(weakScalarDType('f', 'int8', 1.5)).toBe('float32');
    expect(weakScalarDType('f', 'float16', 1.5)).toBe('float16');
    expect(weakScalarDType('f', 'float32', { re: 1, im: 1 })).toBe('complex64');
    expect(weakScalarDType('f', 'bool', 1)).toBe('int32');
    expect(() => weakScalarDType('f', 'uint8', -1)).toThrow(/out of bounds/);
    expect(resultType(1, 2.5)).toBe('float32');
    expect(resultType('int8', 'uint8')).toBe('int16');
    expect(canCast('int8', 'int16')).toBe(true);
    expect(canCast('uint64', 'int64')).toBe(false);
    for (const d of DTYPES) expect(canCast(d, d)).toBe(true);
    expect(isComplex(resultType('float64', { re: 0, im: 1 }))).toBe(true);
  });
});

describe('shapes and axes', () => {
  it('broadcast as NumPy', () => {
    expect(broadcastShapes([2, 1], [3])).toEqual([2, 3]);
    expect(broadcastShapes([], [0, 1], [1, 5])).toEqual([0, 5]);
    expect(() => broadcastShapes([2], [3])).toThrow(ShapeError);
  });
  it('normalise axes', () => {
    expect(normalizeAxis('f', -1, 3)).toBe(2);
    expect(() => normalizeAxis('f', 3, 3)).toThrow(AxisError);
    expect(normalizeAxes('f', [-1, 0], 3)).toEqual([0, 2]);
    expect(() => normalizeAxes('f', [1, -2], 3)).toThrow(/repeated/);
  });
});
