// Pieces the bench scripts share to write bare ONNX graphs and check a float32 matrix product.

/** ONNX TensorProto data type of float32. */
export const F32 = 1;

/** A float32 graph input or output with fixed dims. */
export const vi = (name, dims) => ({ name, type: { tensorType: { elemType: F32, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });

/** An int64 vector initializer (shapes, starts, ends). */
export const i64init = (name, values) => ({ name, dims: [values.length], dataType: 7, rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer) });

/**
 * Operands of an n×n float32 product (element i of A is `fillA(i)`, of B `fillB(i)`), B transposed,
 * and C[0:2, 0:2] in float64, which every form of the product must give (`agrees`); `agreesEverywhere`
 * checks entries spread over the whole of C.
 */
export function matmulOperands(n, fillA, fillB) {
  const A = Float32Array.from({ length: n * n }, (_, i) => fillA(i));
  const B = Float32Array.from({ length: n * n }, (_, i) => fillB(i));
  const BT = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) BT[j * n + i] = B[i * n + j];
  const corner = [0, 1].flatMap((i) => [0, 1].map((j) => { let v = 0; for (let k = 0; k < n; k++) v += A[i * n + k] * B[k * n + j]; return v; }));
  const close = (v, want) => Math.abs(v - want) <= 1e-3 * (1 + Math.abs(want));
  const agrees = (got) => got.every((v, i) => close(v, corner[i]));
  // Entries spread over C (first, middle and last rows; first and last columns), for forms that
  // cut the product into blocks: a wrong block offset shows there and not in the corner.
  const samples = [0, 1, (n >> 1) - 1, n >> 1, n - 1].flatMap((i) => [0, n - 1].map((j) => {
    let v = 0; for (let k = 0; k < n; k++) v += A[i * n + k] * B[k * n + j]; return { at: i * n + j, want: v };
  }));
  /** Whether the whole product C (row-major, n×n) agrees with float64 at the sampled entries. */
  const agreesEverywhere = (C) => samples.every(({ at, want }) => close(C[at], want));
  return { A, B, BT, corner, agrees, agreesEverywhere };
}
