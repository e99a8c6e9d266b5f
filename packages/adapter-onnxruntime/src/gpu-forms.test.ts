// The graph forms of GPU providers (`gpuGraphForms`: int32 flags in reductions, NaN and infinity
// tests by comparison) give the same results as the CPU forms (uint8 flags, IsNaN / IsInf).
// Integer pow and shifts without bitwise ops or int64, sign / abs / remainder without Sign, Abs or
// Mod, and integer / bool slices through float32 (GPU forms) give NumPy's values like the CPU forms. Both run here on the CPU provider. Expected values computed with NumPy 2.4 (python3 -c, 2026-12-03).
import { describe, expect, it } from 'vitest';
import { createNamespace } from './index.js';
import { Builder } from './graph.js';
import { binary, unary } from './ops.js';

const x = [[1, NaN, 3], [4, Infinity, -1], [NaN, -Infinity, 2]];
const b = [[true, false, true], [true, true, true]];
const notB = [[false, true, false], [false, false, false]];
const numpy = {
  isnan: [[false, true, false], [false, false, false], [true, false, false]],
  isinf: [[false, false, false], [false, true, false], [false, true, false]],
  isfinite: [[true, false, true], [true, false, true], [false, false, true]],
  sortRow: [1, 3, NaN], argsortCol: [0, 1, 2], searchsorted: [2, 1],
  max0: [NaN, NaN, 3], min1: [NaN, -1, NaN], argmax1: [1, 1, 0], argmin0: [2, 0, 1],
  all1: [false, true], any0: [false, true, false], bmax1: [true, true], bmin1: [false, true], argsortb: [1, 0, 2],
  or: [true, true, true], xor: [false, true, false], bitwiseXor: [false, true, false],
  remainder: [1, -1, 2, -2], floorDivide: [-4, 3, -4, 3],
};
/** x ** y per dtype, wrapping (NumPy 2.4, 2026-12-03; 64-bit results as strings). */
/** x << y and x >> y per dtype, counts past the bits and negative ones included (NumPy 2.4, 2026-12-03). */
const SHIFT: Record<string, { x: number[]; y: number[]; left: string[]; right: string[] }> = {"int8": {"x": [5, 1, 3, 100, 7, 0, 1, 6, -5, -128, -1], "y": [1, 0, 2, 3, 7, 5, 8, 11, 1, 3, -1], "left": ["10", "1", "12", "32", "-128", "0", "0", "0", "-10", "0", "0"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "-3", "-16", "-1"]}, "uint8": {"x": [5, 1, 3, 100, 7, 0, 1, 6, 200, 255, 9], "y": [1, 0, 2, 3, 7, 5, 8, 11, 2, 4, 6], "left": ["10", "1", "12", "32", "128", "0", "0", "0", "32", "240", "64"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "50", "15", "0"]}, "int16": {"x": [5, 1, 3, 100, 7, 0, 1, 6, -5, -1000, -1], "y": [1, 0, 2, 3, 15, 5, 16, 19, 1, 3, -1], "left": ["10", "1", "12", "800", "-32768", "0", "0", "0", "-10", "-8000", "0"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "-3", "-125", "-1"]}, "int32": {"x": [5, 1, 3, 100, 7, 0, 1, 6, -5, -1000, -1], "y": [1, 0, 2, 3, 31, 5, 32, 35, 1, 3, -1], "left": ["10", "1", "12", "800", "-2147483648", "0", "0", "0", "-10", "-8000", "0"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "-3", "-125", "-1"]}, "uint32": {"x": [5, 1, 3, 100, 7, 0, 1, 6, 200, 60000, 9], "y": [1, 0, 2, 3, 31, 5, 32, 35, 2, 4, 30], "left": ["10", "1", "12", "800", "2147483648", "0", "0", "0", "800", "960000", "1073741824"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "50", "3750", "0"]}, "int64": {"x": [5, 1, 3, 100, 7, 0, 1, 6, -5, -1000, -1], "y": [1, 0, 2, 3, 63, 5, 64, 67, 1, 3, -1], "left": ["10", "1", "12", "800", "-9223372036854775808", "0", "0", "0", "-10", "-8000", "0"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "-3", "-125", "-1"]}, "uint64": {"x": [5, 1, 3, 100, 7, 0, 1, 6, 200, 60000, 9], "y": [1, 0, 2, 3, 63, 5, 64, 67, 2, 4, 62], "left": ["10", "1", "12", "800", "9223372036854775808", "0", "0", "0", "800", "960000", "4611686018427387904"], "right": ["2", "1", "0", "12", "0", "0", "0", "0", "50", "3750", "0"]}};
const POW: Record<string, { x: number[]; y: number[]; pow: (number | string)[] }> = {"int8": {"x": [3, 7, 0, 1, 2, 5, 3, 6, -7, -1, -3], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": [-13, -57, 1, 1, 0, -107, 99, 36, -87, 1, 117]}, "uint8": {"x": [3, 7, 0, 1, 2, 5, 3, 6, 255, 1, 9], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": [243, 199, 1, 1, 0, 149, 99, 36, 255, 1, 121]}, "int16": {"x": [3, 7, 0, 1, 2, 5, 3, 6, -7, -1, -3], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": [243, 3527, 1, 1, 0, 29589, -18333, 36, -343, 1, -2187]}, "int32": {"x": [3, 7, 0, 1, 2, 5, 3, 6, -7, -1, -3], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": [243, 1578110407, 1, 1, -2147483648, 1220703125, 2069870691, 36, -343, 1, -2187]}, "uint32": {"x": [3, 7, 0, 1, 2, 5, 3, 6, 250, 1, 9], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": [243, 1578110407, 1, 1, 2147483648, 1220703125, 2069870691, 36, 15625000, 1, 4782969]}, "int64": {"x": [3, 7, 0, 1, 2, 5, 3, 6, -7, -1, -3], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": ["243", "-5543697716832367161", "1", "1", "2147483648", "1220703125", "-420491770248316829", "36", "-343", "1", "-2187"]}, "uint64": {"x": [3, 7, 0, 1, 2, 5, 3, 6, 250, 1, 9], "y": [5, 25, 0, 7, 31, 13, 41, 2, 3, 4, 7], "pow": ["243", "12903046356877184455", "1", "1", "2147483648", "1220703125", "18026252303461234787", "36", "15625000", "1", "4782969"]}};


describe.each([false, true])('gpuGraphForms: %s', (gpuGraphForms) => {
  it('NaN / infinity tests and flag reductions match NumPy', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const a = np.asarray(x, { dtype: 'float32' });
    const m = np.asarray(b, { dtype: 'bool' });
    const ints = np.asarray([10, 11, -10, -11], { dtype: 'int32' });
    const got = {
      isnan: await np.isnan(a).toArray(), isinf: await np.isinf(a).toArray(), isfinite: await np.isfinite(a).toArray(),
      sortRow: await np.sort(a.get(0)).toArray(), argsortCol: await np.argsort(a.get(':', 0)).toArray(),
      searchsorted: await np.searchsorted(np.asarray([1, 2, NaN], { dtype: 'float32' }), np.asarray([NaN, 1.5], { dtype: 'float32' })).toArray(),
      max0: await np.max(a, { axis: 0 }).toArray(), min1: await np.min(a, { axis: 1 }).toArray(),
      argmax1: await np.argmax(a, { axis: 1 }).toArray(), argmin0: await np.argmin(a, { axis: 0 }).toArray(),
      all1: await np.all(m, { axis: 1 }).toArray(), any0: await np.any(np.asarray(notB, { dtype: 'bool' }), { axis: 0 }).toArray(),
      bmax1: await np.max(m, { axis: 1 }).toArray(), bmin1: await np.min(m, { axis: 1 }).toArray(), argsortb: await np.argsort(m.get(0)).toArray(),
      or: await np.logicalOr(m.get(0), m.get(1)).toArray(), xor: await np.logicalXor(m.get(0), m.get(1)).toArray(),
      bitwiseXor: await np.bitwiseXor(m.get(0), m.get(1)).toArray(),
      remainder: await np.remainder(ints, np.asarray([3, -3, 3, -3], { dtype: 'int32' })).toArray(),
      floorDivide: await np.floorDivide(ints, np.asarray([-3, 3, 3, -3], { dtype: 'int32' })).toArray(),
    };
    expect(got).toEqual(numpy);
  });
  it.each(Object.keys(POW))('integer pow on %s wraps like NumPy', async (dtype) => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const { x: bases, y: exps, pow } = POW[dtype]!;
    const got = await np.pow(np.asarray(bases, { dtype: dtype as 'int32' }), np.asarray(exps, { dtype: dtype as 'int32' })).toArray();
    expect((got as unknown[]).map(String)).toEqual(pow.map(String));
  });
  it.each(Object.keys(SHIFT))('shifts on %s match NumPy', async (dtype) => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const { x, y, left, right } = SHIFT[dtype]!;
    const a = np.asarray(x, { dtype: dtype as 'int32' }), s = np.asarray(y, { dtype: dtype as 'int32' });
    expect(((await np.bitwiseLeftShift(a, s).toArray()) as unknown[]).map(String)).toEqual(left);
    expect(((await np.bitwiseRightShift(a, s).toArray()) as unknown[]).map(String)).toEqual(right);
  });
  it('sign, integer abs and integer remainder match NumPy', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const specials = [-0, 0, NaN, -Infinity, 3, -2];
    const got = {
      signF32: await np.sign(np.asarray(specials, { dtype: 'float32' })).toArray(),
      signF16: await np.sign(np.asarray(specials, { dtype: 'float16' })).toArray(),
      signI8: await np.sign(np.asarray([-128, -5, 0, 7], { dtype: 'int8' })).toArray(),
      signU8: await np.sign(np.asarray([0, 3, 255], { dtype: 'uint8' })).toArray(),
      absI8: await np.abs(np.asarray([-128, -5, 0, 7], { dtype: 'int8' })).toArray(),
      absI32: await np.abs(np.asarray([-2147483648, -5, 0, 7], { dtype: 'int32' })).toArray(),
      remI32: await np.remainder(np.asarray([7, -7, 7, -7, 0], { dtype: 'int32' }), np.asarray([3, 3, -3, -3, 5], { dtype: 'int32' })).toArray(),
      remU32: await np.remainder(np.asarray([7, 9, 4000000000], { dtype: 'uint32' }), np.asarray([3, 0, 7], { dtype: 'uint32' })).toArray(),
    };
    // NumPy 2.4: sign(±0.0) is +0.0; abs and remainder wrap / follow the divisor's sign.
    expect(got).toEqual({
      signF32: [0, 0, NaN, -1, 1, -1], signF16: [0, 0, NaN, -1, 1, -1], signI8: [-1, -1, 0, 1], signU8: [0, 1, 1],
      absI8: [-128, 5, 0, 7], absI32: [-2147483648, 5, 0, 7], remI32: [1, 2, -2, -1, 0], remU32: [1, 0, 3],
    });
  });
  it('slices of int32, uint32 and bool keep every value (GPU forms slice them as float32 halves)', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const i = np.asarray([-2147483648, -1, 0, 1, 65535, 65536, -65537, 2147483647, -123456789], { dtype: 'int32' });
    const u = np.asarray([0, 1, 65535, 65536, 4294967295, 123456789, 2147483648], { dtype: 'uint32' });
    const bools = np.asarray([true, false, false, true, true], { dtype: 'bool' });
    const m = np.asarray([[-600000, -499997, -399994, -299991], [-199988, -99985, 18, 100021], [200024, 300027, 400030, 500033]], { dtype: 'int32' });
    const got = {
      i2: await i.get('::2').toArray(), i3: await i.get('::-3').toArray(), u1: await u.get('1:6').toArray(), u2: await u.get('::-2').toArray(),
      b2: await bools.get('::-2').toArray(), m1: await m.get('1:', '::-2').toArray(), cumprod: await np.cumulativeProd(np.asarray([3, -5, 7, 65537], { dtype: 'int32' })).toArray(),
    };
    // NumPy 2.4 (cumulative_prod wraps: 3·(−5)·7·65537 = −6 881 385).
    expect(got).toEqual({
      i2: [-2147483648, 0, 65535, -65537, -123456789], i3: [-123456789, 65536, 0], u1: [1, 65535, 65536, 4294967295, 123456789],
      u2: [2147483648, 4294967295, 65535, 0], b2: [true, false, true], m1: [[100021, -99985], [500033, 300027]], cumprod: [3, -15, -105, -6881385],
    });
  });
  it('argmax / argmin with an empty result need no kernel', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const e = np.zeros([2, 0], { dtype: 'float32' });
    expect((await np.argmax(e, { axis: 0 }).toArray())).toEqual([]);
    expect(np.argmin(e, { axis: 0 }).shape).toEqual([0]);
  });
});

describe.each([false, true])('negative-step slices, gpuGraphForms: %s', (gpuGraphForms) => {
  // GPU forms take the elements in forward order and reverse each negative-step axis on its own
  // (the WebGPU EP's Slice gets negative steps on several axes wrong). NumPy 2.4.6, 2026-12-03.
  it('match NumPy', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const x = np.reshape(np.arange(0, 24, 1, { dtype: 'float32' }), [2, 3, 4]);
    expect(await x.get('::-1', '1::2', '3:0:-1').toArray()).toEqual([[[19, 18, 17]], [[7, 6, 5]]]);
    expect(await x.get(':', '::-2', ':').toArray()).toEqual([[[8, 9, 10, 11], [0, 1, 2, 3]], [[20, 21, 22, 23], [12, 13, 14, 15]]]);
    expect(await x.get('::-1', '::-1', '::-1').toArray()).toEqual([[[23, 22, 21, 20], [19, 18, 17, 16], [15, 14, 13, 12]], [[11, 10, 9, 8], [7, 6, 5, 4], [3, 2, 1, 0]]]);
    expect(await x.get('1:1:-1').toArray()).toEqual([]); // empty
  });
});

describe.each([false, true])('sorting the top of the float range, gpuGraphForms: %s', (gpuGraphForms) => {
  // GPU forms keep values near the top of the range out of TopK (the WebGPU EP's TopK loses
  // them) and restore the order by class. Expected values from NumPy 2.4.6's stable sort.
  it('float32 and float16 match NumPy', async () => {
    const np = await createNamespace({ executionProviders: ['cpu'], gpuGraphForms });
    const m = 3.4028234663852886e38;
    const x = np.asarray([Infinity, m, -Infinity, -m, NaN, 1, Infinity, 2 ** 127, 1.5 * 2 ** 127, -(2 ** 127), 1.5 * 2 ** 126, -2.5521175490829424e38], { dtype: 'float32' });
    expect(await np.argsort(x).toArray()).toEqual([2, 3, 11, 9, 5, 10, 7, 8, 1, 0, 6, 4]);
    expect(await np.sort(x).toArray()).toEqual([-Infinity, -m, -2.5521175490829424e38, -(2 ** 127), 1, 1.5 * 2 ** 126, 2 ** 127, 2.5521177519070385e38, m, Infinity, Infinity, NaN]);
    const h = np.asarray([Infinity, 65504, 40000, 32768, -40000, 30000, NaN, -Infinity, 1], { dtype: 'float16' });
    expect(await np.argsort(h).toArray()).toEqual([7, 4, 8, 5, 3, 2, 1, 0, 6]);
    expect(await np.sort(h).toArray()).toEqual([-Infinity, -40000, 1, 30000, 32768, 40000, 65504, Infinity, NaN]);
  });
});

describe('float16 on GPU forms', () => {
  // The WebGPU EP computes float16 math in float16, too coarsely for NumPy's float16 results
  // (its sin / tan / floorDivide failed the suite there); GPU forms compute them in float32.
  const opsOf = (gpuForms: boolean, emit: (b: Builder) => string) => {
    const b = new Builder(gpuForms, gpuForms ? 'webgpu' : 'cpu');
    emit(b);
    return b.nodes.map((n) => n.opType);
  };
  it('computes transcendental functions and divisions in float32, rounding once', () => {
    expect(opsOf(true, (b) => unary(b, 'sin', 'x', 'float16'))).toEqual(['Cast', 'Sin', 'Cast']);
    expect(opsOf(false, (b) => unary(b, 'sin', 'x', 'float16'))).toEqual(['Sin']);
    expect(opsOf(true, (b) => binary(b, 'divide', 'x', 'y', 'float16'))).toEqual(['Cast', 'Cast', 'Div', 'Cast']);
    const floorDiv = opsOf(true, (b) => binary(b, 'floorDivide', 'x', 'y', 'float16'));
    expect(floorDiv.slice(0, 2)).toEqual(['Cast', 'Cast']);
    expect(floorDiv.at(-1)).toBe('Cast');
  });
  it('keeps exact operations in float16', () => {
    expect(opsOf(true, (b) => binary(b, 'add', 'x', 'y', 'float16'))).toEqual(['Add']);
    expect(opsOf(true, (b) => unary(b, 'sin', 'x', 'float32'))).toEqual(['Sin']);
  });
});
