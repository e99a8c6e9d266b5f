/**
 * `np.linalg`: the Array API 2024.12 linear-algebra extension. Validation, batching and the
 * composites (norms, rank, pinv, powers, …) live here; factorisations come from the adapter's
 * optional `linalg` kernels.
 */
import type { LinalgKernels } from '../adapter.js';
import type { NDArray } from '../array.js';
import type { Context } from '../context.js';
import { type DType, isFloating, realDType } from '../dtypes.js';
import { ArrError, DTypeError, DeviceError, ShapeError, ValueError, show } from '../errors.js';
import { DEFAULT_FLOAT } from '../promotion.js';
import { broadcastShapesUnchecked, checkInt, normalizeAxes, normalizeAxis, showShape } from '../shape.js';

export type MatrixNormOrd = 'fro' | 'nuc' | number;

export interface LinalgFunctions {
  /**
   * Cholesky factor of Hermitian positive-definite matrices (lower, or upper with `{ upper: true }`).
   * @example
   * await np.linalg.cholesky(np.asarray([[4, 2], [2, 2]])).toArray(); // => [[2, 0], [1, 1]]
   */
  cholesky(x: NDArray, options?: { upper?: boolean }): NDArray;
  /**
   * Cross product of 3-element vectors along `axis` (default -1), with broadcasting.
   * @example
   * await np.linalg.cross(np.asarray([1, 0, 0]), np.asarray([0, 1, 0])).toArray(); // => [0, 0, 1]
   */
  cross(x1: NDArray, x2: NDArray, options?: { axis?: number }): NDArray;
  /**
   * Determinant of each square matrix in the stack (0 for singular matrices).
   * @example
   * const d = await np.linalg.det(np.asarray([[1, 2], [3, 4]], { dtype: 'float64' })).item();
   * Math.abs((d as number) + 2) < 1e-12; // => true
   */
  det(x: NDArray): NDArray;
  /**
   * The `offset`-th diagonal of each matrix in the stack.
   * @example
   * await np.linalg.diagonal(np.asarray([[1, 2], [3, 4]])).toArray(); // => [1, 4]
   */
  diagonal(x: NDArray, options?: { offset?: number }): NDArray;
  /**
   * Eigenvalues (ascending) and eigenvectors of Hermitian/symmetric matrices.
   * @example
   * const { eigenvalues } = np.linalg.eigh(np.asarray([[2, 0], [0, 1]]));
   * await eigenvalues.toArray(); // => [1, 2]
   */
  eigh(x: NDArray): { eigenvalues: NDArray; eigenvectors: NDArray };
  /**
   * Eigenvalues (ascending) of Hermitian/symmetric matrices.
   * @example
   * await np.linalg.eigvalsh(np.asarray([[2, 0], [0, 1]])).toArray(); // => [1, 2]
   */
  eigvalsh(x: NDArray): NDArray;
  /**
   * Inverse of each square matrix; a singular matrix raises ValueError.
   * @example
   * await np.linalg.inv(np.asarray([[2, 0], [0, 4]])).toArray(); // => [[0.5, 0], [0, 0.25]]
   */
  inv(x: NDArray): NDArray;
  /**
   * Matrix product (as `np.matmul`).
   * @example
   * await np.linalg.matmul(np.asarray([[1, 2]]), np.asarray([[3], [4]])).toArray(); // => [[11]]
   */
  matmul(x1: NDArray, x2: NDArray): NDArray;
  /**
   * Matrix norm over the last two axes: 'fro' (default), 'nuc', ±1, ±2, ±Infinity.
   * @example
   * await np.linalg.matrixNorm(np.asarray([[3, 0], [0, 4]])).item(); // => 5
   */
  matrixNorm(x: NDArray, options?: { keepdims?: boolean; ord?: MatrixNormOrd }): NDArray;
  /**
   * Raises square matrices to an integer power (negative powers invert first).
   * @example
   * await np.linalg.matrixPower(np.asarray([[1, 1], [0, 1]]), 3).toArray(); // => [[1, 3], [0, 1]]
   */
  matrixPower(x: NDArray, n: number): NDArray;
  /**
   * Numerical rank: singular values above `rtol * largest` (default rtol = max(m, n) · eps).
   * @example
   * await np.linalg.matrixRank(np.asarray([[1, 2], [2, 4]])).item(); // => 1
   */
  matrixRank(x: NDArray, options?: { rtol?: number | NDArray }): NDArray;
  /**
   * Transposes the last two axes (as `np.matrixTranspose`).
   * @example
   * await np.linalg.matrixTranspose(np.asarray([[1, 2]])).toArray(); // => [[1], [2]]
   */
  matrixTranspose(x: NDArray): NDArray;
  /**
   * Outer product of two 1-D arrays.
   * @example
   * await np.linalg.outer(np.asarray([1, 2]), np.asarray([3, 4])).toArray(); // => [[3, 4], [6, 8]]
   */
  outer(x1: NDArray, x2: NDArray): NDArray;
  /**
   * Moore–Penrose pseudo-inverse via the SVD (singular values below `rtol * largest` are dropped).
   * @example
   * const p = np.linalg.pinv(np.asarray([[2, 0], [0, 0]], { dtype: 'float64' }));
   * await np.round(np.multiply(np.abs(p), 1000)).toArray(); // => [[500, 0], [0, 0]]
   */
  pinv(x: NDArray, options?: { rtol?: number | NDArray }): NDArray;
  /**
   * QR factorisation (Householder): `mode` 'reduced' (default) or 'complete'.
   * @example
   * const { Q, R } = np.linalg.qr(np.asarray([[3, 0], [4, 5]], { dtype: 'float64' }));
   * await np.round(np.abs(R)).toArray(); // => [[5, 4], [0, 3]]
   */
  qr(x: NDArray, options?: { mode?: 'reduced' | 'complete' }): { Q: NDArray; R: NDArray };
  /**
   * Sign and natural log of |det| of each square matrix (stable where det under/overflows).
   * @example
   * const { sign, logabsdet } = np.linalg.slogdet(np.asarray([[-2, 0], [0, 1]]));
   * await sign.item(); // => -1
   */
  slogdet(x: NDArray): { sign: NDArray; logabsdet: NDArray };
  /**
   * Solves x1 · X = x2; x2 is a stack of matrices [..., M, K], or a vector [M]. Singular → ValueError.
   * @example
   * await np.linalg.solve(np.asarray([[2, 0], [0, 4]]), np.asarray([2, 4])).toArray(); // => [1, 1]
   */
  solve(x1: NDArray, x2: NDArray): NDArray;
  /**
   * Singular value decomposition x = U · diag(S) · Vh (`fullMatrices` defaults to true).
   * @example
   * const { S } = np.linalg.svd(np.asarray([[3, 0], [0, -4]]));
   * await np.round(S).toArray(); // => [4, 3]
   */
  svd(x: NDArray, options?: { fullMatrices?: boolean }): { U: NDArray; S: NDArray; Vh: NDArray };
  /**
   * Singular values, descending.
   * @example
   * await np.round(np.linalg.svdvals(np.asarray([[3, 0], [0, -4]]))).toArray(); // => [4, 3]
   */
  svdvals(x: NDArray): NDArray;
  /**
   * Tensor contraction (as `np.tensordot`).
   * @example
   * await np.linalg.tensordot(np.asarray([1, 2]), np.asarray([3, 4]), { axes: 1 }).item(); // => 11
   */
  tensordot(x1: NDArray, x2: NDArray, options?: { axes?: number | [number[], number[]] }): NDArray;
  /**
   * Sum of the `offset`-th diagonal of each matrix.
   * @example
   * await np.linalg.trace(np.asarray([[1, 2], [3, 4]])).item(); // => 5
   */
  trace(x: NDArray, options?: { offset?: number; dtype?: DType }): NDArray;
  /**
   * Dot product of vectors along `axis` (as `np.vecdot`).
   * @example
   * await np.linalg.vecdot(np.asarray([1, 2]), np.asarray([3, 4])).item(); // => 11
   */
  vecdot(x1: NDArray, x2: NDArray, options?: { axis?: number }): NDArray;
  /**
   * Vector norm over `axis` (all axes when absent): `ord` 2 (default), 1, any p, ±Infinity, 0.
   * @example
   * await np.linalg.vectorNorm(np.asarray([3, 4])).item(); // => 5
   */
  vectorNorm(x: NDArray, options?: { axis?: number | number[]; keepdims?: boolean; ord?: number }): NDArray;
}

export function linalgFunctions(ctx: Context): LinalgFunctions {
  const np = () => ctx.ns;
  const kernels = (fn: string): LinalgKernels<unknown> => {
    const k = ctx.adapter.linalg;
    if (!k) throw new DeviceError(`linalg.${fn}: the ${ctx.adapter.name} adapter has no linear-algebra kernels`);
    return k;
  };

  /** A float (or complex) stack of matrices: ints/bools compute in the default float dtype. */
  const floatStack = (fn: string, x: NDArray, square: boolean): NDArray => {
    const a = ctx.arr(`linalg.${fn}`, 'x', x);
    if (a.ndim < 2) throw new ShapeError(`linalg.${fn}: x must have at least 2 dimensions (a stack of matrices); received shape ${showShape(a.shape)}`);
    const [m, n] = a.shape.slice(-2) as [number, number];
    if (square && m !== n) throw new ShapeError(`linalg.${fn}: x must be square in its last two dimensions; received shape ${showShape(a.shape)}`);
    if (a.dtype === 'float16') throw new DTypeError(`linalg.${fn}: x has dtype float16, which linear algebra does not support (as NumPy); cast it to float32 first`);
    const d = isFloating(a.dtype) ? a.dtype : DEFAULT_FLOAT;
    ctx.checkSupported(`linalg.${fn}`, d, a.device);
    return ctx.cast(a, d);
  };
  /** Runs a kernel on a float stack, disposing the cast input if one was made. */
  const withFloat = <T>(fn: string, x: NDArray, square: boolean, body: (f: NDArray) => T): T => {
    const f = floatStack(fn, x, square);
    try {
      return body(f);
    } finally {
      if (f !== x) f.dispose();
    }
  };
  const wrapLike = (h: unknown, like: NDArray, shape: readonly number[], dtype: DType = like.dtype) =>
    ctx.wrap(h, shape, dtype, like.device);

  const svdRaw = (fn: string, x: NDArray, fullMatrices: boolean) =>
    withFloat(fn, x, false, (f) => {
      const [m, n] = f.shape.slice(-2) as [number, number];
      const batch = f.shape.slice(0, -2);
      const k = Math.min(m, n);
      const [u, s, vh] = kernels(fn).svd(f, fullMatrices);
      return {
        U: wrapLike(u, f, [...batch, m, fullMatrices ? m : k]),
        S: wrapLike(s, f, [...batch, k], realDType(f.dtype)),
        Vh: wrapLike(vh, f, [...batch, fullMatrices ? n : k, n]),
      };
    });

  /** rtol default: max(m, n) · eps of the dtype, as the standard. */
  const defaultRtol = (x: NDArray) => {
    const [m, n] = x.shape.slice(-2) as [number, number];
    const eps = realDType(isFloating(x.dtype) ? x.dtype : DEFAULT_FLOAT) === 'float64' ? 2 ** -52 : realDType(x.dtype) === 'float16' ? 2 ** -10 : 2 ** -23;
    return Math.max(m, n) * eps;
  };

  const fns: LinalgFunctions = {
    cholesky(x, options) {
      const upper = options?.upper ?? false;
      if (typeof upper !== 'boolean') throw new ValueError(`linalg.cholesky: upper must be a boolean; received ${show(upper)}`);
      return withFloat('cholesky', x, true, (f) => wrapLike(kernels('cholesky').cholesky(f, upper), f, f.shape));
    },
    cross(x1, x2, options) {
      const a = ctx.arr('linalg.cross', 'x1', x1), b = ctx.arr('linalg.cross', 'x2', x2);
      const axisArg = options?.axis ?? -1;
      if (typeof axisArg !== 'number' || !Number.isInteger(axisArg) || axisArg >= 0) {
        throw new ValueError(`linalg.cross: axis must be a negative integer (counted from the end, as the standard requires); received ${show(axisArg)}`);
      }
      const shape = broadcastShapesUnchecked('linalg.cross', a.shape, b.shape);
      const axis = normalizeAxis('linalg.cross', axisArg, shape.length);
      if (a.shape[a.ndim + axisArg] !== 3 || b.shape[b.ndim + axisArg] !== 3) {
        throw new ShapeError(`linalg.cross: both arrays must have size 3 along axis ${axisArg}; received shapes ${showShape(a.shape)} and ${showShape(b.shape)}`);
      }
      return ctx.scope(() => {
        const A = np().broadcastTo(a, shape), B = np().broadcastTo(b, shape);
        const comp = (v: NDArray, i: number) => np().take(v, np().asarray([i], { dtype: 'int32', device: v.device }), { axis });
        const [a0, a1, a2] = [0, 1, 2].map((i) => comp(A, i)) as [NDArray, NDArray, NDArray];
        const [b0, b1, b2] = [0, 1, 2].map((i) => comp(B, i)) as [NDArray, NDArray, NDArray];
        const c0 = np().subtract(np().multiply(a1, b2), np().multiply(a2, b1));
        const c1 = np().subtract(np().multiply(a2, b0), np().multiply(a0, b2));
        const c2 = np().subtract(np().multiply(a0, b1), np().multiply(a1, b0));
        return np().concat([c0, c1, c2], { axis });
      });
    },
    det(x) {
      return ctx.scope(() => {
        const { sign, logabsdet } = fns.slogdet(x);
        return np().multiply(sign, np().exp(logabsdet));
      });
    },
    diagonal(x, options) {
      const a = ctx.arr('linalg.diagonal', 'x', x);
      if (a.ndim < 2) throw new ShapeError(`linalg.diagonal: x must have at least 2 dimensions; received shape ${showShape(a.shape)}`);
      const k = checkInt('linalg.diagonal', 'offset', options?.offset ?? 0);
      const [m, n] = a.shape.slice(-2) as [number, number];
      const batch = a.shape.slice(0, -2);
      // Element (i, i + k) of an m×n matrix sits at i·(n + 1) + k in its flattened form.
      const count = Math.max(0, k >= 0 ? Math.min(m, n - k) : Math.min(m + k, n));
      return ctx.scope(() => {
        const flat = np().reshape(a, [...batch, m * n]);
        const start = k >= 0 ? k : -k * n;
        const h = ctx.adapter.slice(flat, [...batch.map(() => 0), count === 0 ? 0 : start], [...batch.map(() => 1), n + 1], [...batch, count]);
        return ctx.wrap(h, [...batch, count], a.dtype, a.device);
      });
    },
    eigh(x) {
      return withFloat('eigh', x, true, (f) => {
        const [w, v] = kernels('eigh').eigh(f);
        const n = f.shape[f.ndim - 1]!;
        return { eigenvalues: wrapLike(w, f, [...f.shape.slice(0, -2), n], realDType(f.dtype)), eigenvectors: wrapLike(v, f, f.shape) };
      });
    },
    eigvalsh(x) {
      const { eigenvalues, eigenvectors } = fns.eigh(x);
      eigenvectors.dispose();
      return eigenvalues;
    },
    inv(x) {
      return withFloat('inv', x, true, (f) => wrapLike(kernels('inv').inv(f), f, f.shape));
    },
    matmul: (x1, x2) => np().matmul(x1, x2),
    matrixNorm(x, options) {
      const ord = options?.ord ?? 'fro';
      const keepdims = options?.keepdims ?? false;
      const f0 = ctx.arr('linalg.matrixNorm', 'x', x);
      if (f0.ndim < 2) throw new ShapeError(`linalg.matrixNorm: x must have at least 2 dimensions; received shape ${showShape(f0.shape)}`);
      const valid = ord === 'fro' || ord === 'nuc' || ord === 1 || ord === -1 || ord === 2 || ord === -2 || ord === Infinity || ord === -Infinity;
      if (!valid) throw new ValueError(`linalg.matrixNorm: ord must be 'fro', 'nuc', 1, -1, 2, -2, Infinity or -Infinity; received ${show(ord)}`);
      return ctx.scope(() => {
        const f = floatStack('matrixNorm', f0, false);
        if (f.size === 0) {
          // Norms of empty matrices are 0 (as NumPy), whatever the order.
          const shape = keepdims ? [...f.shape.slice(0, -2), 1, 1] : f.shape.slice(0, -2);
          return np().zeros(shape, { dtype: realDType(f.dtype), device: f.device });
        }
        const axes = [-2, -1];
        const abs = () => np().abs(f);
        let r: NDArray;
        if (ord === 'fro') r = np().sqrt(np().sum(np().square(abs()), { axis: axes, keepdims }));
        else if (ord === 'nuc' || ord === 2 || ord === -2) {
          const s = fns.svdvals(f);
          const red = ord === 'nuc' ? np().sum(s, { axis: -1 }) : ord === 2 ? np().max(s, { axis: -1 }) : np().min(s, { axis: -1 });
          r = keepdims ? np().expandDims(np().expandDims(red, { axis: -1 }), { axis: -1 }) : red;
        } else {
          // 1-norms: max column sum; ∞-norms: max row sum.
          const sumAxis = ord === 1 || ord === -1 ? -2 : -1;
          const sums = np().sum(abs(), { axis: sumAxis, keepdims: true });
          const ext = ord > 0 ? np().max(sums, { axis: axes, keepdims: true }) : np().min(sums, { axis: axes, keepdims: true });
          r = keepdims ? ext : np().reshape(ext, f.shape.slice(0, -2));
        }
        return r;
      });
    },
    matrixPower(x, n) {
      const p = checkInt('linalg.matrixPower', 'n', n);
      const a = ctx.arr('linalg.matrixPower', 'x', x);
      if (a.ndim < 2 || a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) {
        throw new ShapeError(`linalg.matrixPower: x must be a stack of square matrices; received shape ${showShape(a.shape)}`);
      }
      return ctx.scope(() => {
        const m = a.shape[a.ndim - 1]!;
        if (p === 0) {
          const eye = np().eye(m, m, { dtype: a.dtype, device: a.device });
          return np().multiply(np().onesLike(a), eye);
        }
        // Binary exponentiation: ~2·log2(n) products.
        let base = p < 0 ? fns.inv(a) : a;
        let e = Math.abs(p);
        let acc: NDArray | undefined;
        while (e > 0) {
          if (e & 1) acc = acc ? np().matmul(acc, base) : base;
          e = Math.floor(e / 2);
          if (e > 0) base = np().matmul(base, base);
        }
        return acc === a ? np().positive(a) : acc!;
      });
    },
    matrixRank(x, options) {
      const a = ctx.arr('linalg.matrixRank', 'x', x);
      if (a.ndim < 2) throw new ShapeError(`linalg.matrixRank: x must have at least 2 dimensions; received shape ${showShape(a.shape)}`);
      if (a.size === 0) return np().zeros(a.shape.slice(0, -2), { dtype: 'int32', device: a.device });
      return ctx.scope(() => {
        const s = fns.svdvals(a);
        const rtol = options?.rtol ?? defaultRtol(a);
        const tol = np().multiply(np().max(s, { axis: -1, keepdims: true }), typeof rtol === 'number' ? rtol : np().expandDims(rtol, { axis: -1 }));
        return np().countNonzero(np().greater(s, tol), { axis: -1 });
      });
    },
    matrixTranspose: (x) => np().matrixTranspose(x),
    outer(x1, x2) {
      const a = ctx.arr('linalg.outer', 'x1', x1), b = ctx.arr('linalg.outer', 'x2', x2);
      if (a.ndim !== 1 || b.ndim !== 1) throw new ShapeError(`linalg.outer: both arrays must be 1-D; received shapes ${showShape(a.shape)} and ${showShape(b.shape)}`);
      return ctx.scope(() => np().multiply(np().reshape(a, [a.size, 1]), np().reshape(b, [1, b.size])));
    },
    pinv(x, options) {
      const a = ctx.arr('linalg.pinv', 'x', x);
      if (a.ndim < 2) throw new ShapeError(`linalg.pinv: x must have at least 2 dimensions; received shape ${showShape(a.shape)}`);
      if (a.size === 0) {
        const [m, n] = a.shape.slice(-2) as [number, number];
        return np().zeros([...a.shape.slice(0, -2), n, m], { dtype: isFloating(a.dtype) ? a.dtype : DEFAULT_FLOAT, device: a.device });
      }
      return ctx.scope(() => {
        const { U, S, Vh } = svdRaw('pinv', a, false);
        const rtol = options?.rtol ?? defaultRtol(a);
        const cutoff = np().multiply(np().max(S, { axis: -1, keepdims: true }), typeof rtol === 'number' ? rtol : np().expandDims(rtol, { axis: -1 }));
        const sInv = np().where(np().greater(S, cutoff), np().divide(1, S), 0);
        const sCast = ctx.cast(sInv, U.dtype);
        // pinv = Vhᴴ · diag(1/s) · Uᴴ
        const vs = np().multiply(np().conj(np().matrixTranspose(Vh)), np().expandDims(sCast, { axis: -2 }));
        return np().matmul(vs, np().conj(np().matrixTranspose(U)));
      });
    },
    qr(x, options) {
      const mode = options?.mode ?? 'reduced';
      if (mode !== 'reduced' && mode !== 'complete') throw new ValueError(`linalg.qr: mode must be 'reduced' or 'complete'; received ${show(mode)}`);
      return withFloat('qr', x, false, (f) => {
        const [m, n] = f.shape.slice(-2) as [number, number];
        const batch = f.shape.slice(0, -2);
        const k = mode === 'complete' ? m : Math.min(m, n);
        const [q, r] = kernels('qr').qr(f, mode);
        return { Q: wrapLike(q, f, [...batch, m, k]), R: wrapLike(r, f, [...batch, k, n]) };
      });
    },
    slogdet(x) {
      return withFloat('slogdet', x, true, (f) => {
        const [s, l] = kernels('slogdet').slogdet(f);
        const batch = f.shape.slice(0, -2);
        return { sign: wrapLike(s, f, batch), logabsdet: wrapLike(l, f, batch, realDType(f.dtype)) };
      });
    },
    solve(x1, x2) {
      const a0 = ctx.arr('linalg.solve', 'x1', x1), b0 = ctx.arr('linalg.solve', 'x2', x2);
      ctx.sameDevice('linalg.solve', [a0, b0]);
      if (a0.ndim < 2 || a0.shape[a0.ndim - 1] !== a0.shape[a0.ndim - 2]) {
        throw new ShapeError(`linalg.solve: x1 must be a stack of square matrices; received shape ${showShape(a0.shape)}`);
      }
      const n = a0.shape[a0.ndim - 1]!;
      const vector = b0.ndim === 1;
      if (b0.ndim === 0 || b0.shape[vector ? 0 : b0.ndim - 2] !== n) {
        throw new ShapeError(`linalg.solve: x2 must have shape [${n}] or [..., ${n}, K] to match x1 ${showShape(a0.shape)}; received ${showShape(b0.shape)}`);
      }
      return ctx.scope(() => {
        const d0 = np().resultType(a0, b0);
        const d = isFloating(d0) ? d0 : DEFAULT_FLOAT;
        ctx.checkSupported('linalg.solve', d, a0.device);
        const a = ctx.cast(a0, d);
        const b = ctx.cast(vector ? np().reshape(b0, [n, 1]) : b0, d);
        const batch = broadcastShapesUnchecked('linalg.solve', a.shape.slice(0, -2), b.shape.slice(0, -2));
        const k = b.shape[b.ndim - 1]!;
        const A = ctx.broadcastTo('linalg.solve', a, [...batch, n, n]);
        const B = ctx.broadcastTo('linalg.solve', b, [...batch, n, k]);
        const out = ctx.wrap(kernels('solve').solve(A, B), [...batch, n, k], d, a.device);
        return vector ? np().reshape(out, [...batch, n]) : out;
      });
    },
    svd(x, options) {
      const full = options?.fullMatrices ?? true;
      if (typeof full !== 'boolean') throw new ValueError(`linalg.svd: fullMatrices must be a boolean; received ${show(full)}`);
      return svdRaw('svd', x, full);
    },
    svdvals(x) {
      const { U, S, Vh } = svdRaw('svdvals', x, false);
      U.dispose();
      Vh.dispose();
      return S;
    },
    tensordot: (x1, x2, options) => np().tensordot(x1, x2, options),
    trace(x, options) {
      const a = ctx.arr('linalg.trace', 'x', x);
      return ctx.scope(() => np().sum(fns.diagonal(a, { offset: options?.offset ?? 0 }), { axis: -1, dtype: options?.dtype }));
    },
    vecdot: (x1, x2, options) => np().vecdot(x1, x2, options),
    vectorNorm(x, options) {
      const a = ctx.arr('linalg.vectorNorm', 'x', x);
      const ord = options?.ord ?? 2;
      if (typeof ord !== 'number' || Number.isNaN(ord)) throw new ValueError(`linalg.vectorNorm: ord must be a number (p, Infinity, -Infinity or 0); received ${show(ord)}`);
      const keepdims = options?.keepdims ?? false;
      const axis = options?.axis === undefined ? undefined : normalizeAxes('linalg.vectorNorm', options.axis, a.ndim);
      return ctx.scope(() => {
        const f = isFloating(a.dtype) ? a : ctx.cast(a, DEFAULT_FLOAT);
        const abs = np().abs(f);
        const opts = { axis, keepdims };
        if (ord === Infinity) return np().max(abs, opts);
        if (ord === -Infinity) return np().min(abs, opts);
        if (ord === 0) return ctx.cast(np().sum(np().notEqual(abs, 0), opts), abs.dtype);
        if (ord === 1) return np().sum(abs, opts);
        if (ord === 2) return np().sqrt(np().sum(np().square(abs), opts));
        return np().pow(np().sum(np().pow(abs, ord), opts), 1 / ord);
      });
    },
  };
  // Composites raise their building blocks' errors (slogdet inside det, svd inside matrixRank, …):
  // re-label them with the function the user called.
  const labelled = {} as Record<string, unknown>;
  for (const [name, f] of Object.entries(fns) as [string, (...args: unknown[]) => unknown][]) {
    labelled[name] = (...args: unknown[]) => relabel(`linalg.${name}`, () => f(...args));
  }
  return labelled as unknown as LinalgFunctions;
}

function relabel<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    const prefix = e instanceof ArrError ? /^[\w.]+: /.exec(e.message)?.[0] : undefined;
    if (e instanceof ArrError && prefix !== undefined && prefix !== `${fn}: `) {
      const Ctor = e.constructor as new (message: string) => ArrError;
      throw new Ctor(`${fn}: ${e.message.slice(prefix.length)}`);
    }
    throw e;
  }
}
