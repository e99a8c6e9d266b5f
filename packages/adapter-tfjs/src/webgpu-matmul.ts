/**
 * An opt-in float32 matmul for tfjs's webgpu backend: a register-blocked SGEMM in WGSL.
 *
 * tfjs-backend-webgpu 4.22's own MatMulPackedProgram tiles the output 32x32 per 64-thread
 * workgroup (4x4 per thread), 19-23 TFLOP/s at 4096² on an H200. This one tiles it 64x64 per
 * 128-thread workgroup with 8x4 outputs per thread (variant `tile64w128`, the default: 33.9
 * TFLOP/s at 4096², 4.1 ms; CuPy 2.7 ms), or 64x64/256 threads/4x4, or 128x128/256 threads/8x8
 * (see FAST_MATMUL_VARIANTS; bench/fast-matmul-variants.mjs times them all):
 *  - K advances `tileK` (16) at a time through `var<workgroup>` tiles; A's tile is kept row-major
 *    as vec4s along K (`As[m][k/4]`), B's as vec4s along N (`Bs[k][n/4]`), so every shared read
 *    in the inner loop is a 128-bit load (the same 16 LDS.128 per 256 FMAs that a transposed-A
 *    layout gives, with no scattered scalar stores); a warp's A reads hit 2 addresses (broadcast)
 *    and its B reads 16 consecutive vec4s, so no bank conflicts;
 *  - global loads are vec4 (when K and N are multiples of 4), each thread loading one or two
 *    vec4 of A and of B per K step, and the next K step's loads are issued into registers before
 *    the current step's products (register double buffering), so their latency is hidden;
 *  - the inner product is fully unrolled over the K step, the accumulators are separate vec4
 *    variables (no arrays, so nothing can spill to local memory by dynamic indexing), and each
 *    thread's column vec4s are strided by the workgroup's width, so a warp's output rows are
 *    written as runs of consecutive vec4s.
 * Any M, N, K: bounds checks are generated only for the dimensions that the tile does not divide
 * (`fitM`/`fitN`/`fitK` in the shader key); when K or N is not a multiple of 4 the buffers are
 * read and written as scalars (same tiling, per-element checks).
 *
 * Integration: through tfjs's own `backend.runWebGPUProgram` with a program object of its
 * WebGPUProgram shape. Chosen over a hand-made GPUComputePipeline because tfjs then owns
 * everything that is easy to get wrong from outside: uploading inputs that still live on the CPU,
 * allocating/refcounting the output, the pipeline cache, the uniform buffer, batching into its
 * command encoder (so our dispatches queue in order with its own kernels and reads) and buffer
 * reuse. Its preamble (`makeShader`) declares `result` (binding 0), `A`, `B` and `uniforms`
 * (with `aShape`/`bShape`/`outShape` as vec3<i32> for our rank-3 inputs) and calls our `main()`;
 * the user code below only relies on those names and on the private `localId`, `localIndex` and
 * `workgroupId` it sets. Inputs are passed as TensorInfos whose shape is the rank-3 view of the
 * same data (tfjs tensors are dense row-major), so no reshape kernel runs.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The tile shape of one variant: the workgroup computes tileM x tileN outputs, each thread rowsPerThread x colsPerThread. */
export interface MatmulTile {
  readonly tileM: number;
  readonly tileN: number;
  readonly tileK: number;
  readonly rowsPerThread: number;
  readonly colsPerThread: number;
}

export const FAST_MATMUL_VARIANTS = Object.freeze({
  /**
   * 64x64 per 128-thread workgroup, 8x4 per thread, K step 16 (8 KiB of workgroup memory): the
   * fastest on an H200 at 2048² to 8192² (33.9 TFLOP/s at 4096², tfjs's own 19-23), so `auto`'s pick.
   */
  tile64w128: Object.freeze({ tileM: 64, tileN: 64, tileK: 16, rowsPerThread: 8, colsPerThread: 4 }),
  /** 64x64 per 256-thread workgroup, 4x4 per thread, K step 16 (31 TFLOP/s at 4096²). */
  tile64: Object.freeze({ tileM: 64, tileN: 64, tileK: 16, rowsPerThread: 4, colsPerThread: 4 }),
  /** 64x64, 4x4 per thread, K step 32 (16 KiB): the best at 1024² (10.6 TFLOP/s vs tfjs's 8.2). */
  tile64k32: Object.freeze({ tileM: 64, tileN: 64, tileK: 32, rowsPerThread: 4, colsPerThread: 4 }),
  /** 128x128 per 256-thread workgroup, 8x8 per thread, K step 16 (16 KiB; 29 TFLOP/s at 4096²). */
  tile128: Object.freeze({ tileM: 128, tileN: 128, tileK: 16, rowsPerThread: 8, colsPerThread: 8 }),
} satisfies Record<string, MatmulTile>);

export type FastMatmulVariant = keyof typeof FAST_MATMUL_VARIANTS;
/** `auto`: the variant {@link autoVariant} picks. */
export type FastMatmulChoice = FastMatmulVariant | 'auto';

/** What the generated shader is specialised on (all else comes from uniforms at run time). */
export interface MatmulShaderSpec {
  readonly tile: MatmulTile;
  /** A, B and the result are read/written as vec4 (needs K % 4 == 0 and N % 4 == 0). */
  readonly vec4: boolean;
  /** M, N, K divisible by tileM, tileN, tileK: no bounds checks on that dimension. */
  readonly fitM: boolean;
  readonly fitN: boolean;
  readonly fitK: boolean;
}

/** The workgroup size [x, y, z] of a tile: x threads across N, y down M. */
export function workgroupSizeOf(t: MatmulTile): [number, number, number] {
  return [t.tileN / t.colsPerThread, t.tileM / t.rowsPerThread, 1];
}

/** Throws unless the tile is one the generator can express. */
export function checkTile(t: MatmulTile): void {
  const [wx, wy] = workgroupSizeOf(t);
  const threads = wx * wy;
  const ok =
    Number.isInteger(wx) && Number.isInteger(wy) && t.colsPerThread % 4 === 0 && t.tileK % 4 === 0 &&
    t.rowsPerThread >= 1 && threads <= 256 &&
    ((t.tileM * t.tileK) / 4) % threads === 0 && ((t.tileK * t.tileN) / 4) % threads === 0;
  if (!ok) throw new Error(`webgpu matmul: unsupported tile ${JSON.stringify(t)}`);
}

/** Geometry of one call: the shapes as rank-3 views and the dispatch grid. */
export interface MatmulPlan {
  readonly batch: number;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly variant: FastMatmulVariant;
  readonly spec: MatmulShaderSpec;
  readonly workgroupSize: [number, number, number];
  /** Workgroups along x (N), y (M), z (batch). */
  readonly dispatch: [number, number, number];
}

/**
 * The variant `auto` picks for an output of batch x m x n: tile64w128 at every size measured on an
 * H200 (1024² to 8192²: within 15% of the best at 1024², the best from 2048² up). The shape is an
 * argument so a size rule can be added where another GPU wants one.
 */
export function autoVariant(_batch: number, _m: number, _n: number): FastMatmulVariant {
  return 'tile64w128';
}

/**
 * Plans [batch, m, k] x [batch, k, n] (all > 0). Returns null when the grid would exceed
 * `maxWorkgroupsPerDimension` in some dimension (the caller then uses tfjs's matmul).
 */
export function planMatmul(
  batch: number, m: number, n: number, k: number,
  choice: FastMatmulChoice = 'auto', maxWorkgroupsPerDimension = 65535,
): MatmulPlan | null {
  const variant = choice === 'auto' ? autoVariant(batch, m, n) : choice;
  const tile = FAST_MATMUL_VARIANTS[variant];
  if (!tile) throw new Error(`webgpu matmul: unknown variant ${JSON.stringify(choice)}`);
  const dispatch: [number, number, number] = [Math.ceil(n / tile.tileN), Math.ceil(m / tile.tileM), batch];
  if (dispatch.some((d) => d > maxWorkgroupsPerDimension)) return null;
  const spec: MatmulShaderSpec = {
    tile,
    vec4: k % 4 === 0 && n % 4 === 0,
    fitM: m % tile.tileM === 0,
    fitN: n % tile.tileN === 0,
    fitK: k % tile.tileK === 0,
  };
  return { batch, m, n, k, variant, spec, workgroupSize: workgroupSizeOf(tile), dispatch };
}

/** A key naming the shader `spec` compiles to (tfjs appends shapes' ranks, dtypes, etc.). */
export function shaderKeyOf(spec: MatmulShaderSpec): string {
  const t = spec.tile;
  return `arrFastMatMul_${t.tileM}x${t.tileN}x${t.tileK}_${t.rowsPerThread}x${t.colsPerThread}_` +
    `${spec.vec4 ? 'vec4' : 'scalar'}_${+spec.fitM}${+spec.fitN}${+spec.fitK}`;
}

/**
 * The user part of the WGSL (tfjs's preamble declares `result`, `A`, `B`, `uniforms`, `localId`,
 * `localIndex`, `workgroupId` and calls `main()`). Pure: unit-tested without a GPU.
 */
export function makeMatmulShader(spec: MatmulShaderSpec): string {
  const t = spec.tile;
  checkTile(t);
  const [wx, wy] = workgroupSizeOf(t);
  const threads = wx * wy;
  const TM = t.tileM, TN = t.tileN, TK = t.tileK, RM = t.rowsPerThread, RN = t.colsPerThread;
  const GN = RN / 4; // vec4 column groups per thread
  const KQ = TK / 4; // vec4s along K in a row of A's tile
  const NQ = TN / 4; // vec4s along N in a row of B's tile
  const loadsA = (TM * KQ) / threads;
  const loadsB = (TK * NQ) / threads;
  const { vec4, fitM, fitN, fitK } = spec;
  const L: string[] = [];
  const and = (cs: string[]): string => (cs.length ? cs.join(' && ') : 'true');

  L.push(`var<workgroup> mm_As : array<array<vec4<f32>, ${KQ}>, ${TM}>;`);
  L.push(`var<workgroup> mm_Bs : array<array<vec4<f32>, ${NQ}>, ${TK}>;`);
  L.push('');
  L.push('fn main() {');
  L.push('  let dimM = uniforms.aShape.y;');
  L.push('  let dimK = uniforms.aShape.z;');
  L.push('  let dimN = uniforms.bShape.z;');
  L.push('  let batch = i32(workgroupId.z);');
  L.push('  let tx = i32(localId.x);');
  L.push('  let ty = i32(localId.y);');
  L.push('  let tid = i32(localIndex);');
  L.push(`  let rowBase = i32(workgroupId.y) * ${TM};`);
  L.push(`  let colBase = i32(workgroupId.x) * ${TN};`);
  if (vec4) {
    // Offsets in vec4 units (K and N are multiples of 4).
    L.push('  let kq = dimK / 4;');
    L.push('  let nq = dimN / 4;');
    L.push('  let aOff = batch * dimM * kq;');
    L.push('  let bOff = batch * dimK * nq;');
    L.push('  let oOff = batch * dimM * nq;');
  } else {
    L.push('  let aOff = batch * dimM * dimK;');
    L.push('  let bOff = batch * dimK * dimN;');
    L.push('  let oOff = batch * dimM * dimN;');
  }
  L.push(`  let numTiles = (dimK + ${TK - 1}) / ${TK};`);
  // Which element of each tile this thread loads: slot i covers vec4 number tid + i*threads.
  for (let i = 0; i < loadsA; i++) {
    L.push(`  let aRow${i} = (tid + ${i * threads}) / ${KQ};`);
    L.push(`  let aCol${i} = ((tid + ${i * threads}) % ${KQ}) * 4;`);
    L.push(`  var pa${i} = vec4<f32>(0.0);`);
  }
  for (let i = 0; i < loadsB; i++) {
    L.push(`  let bRow${i} = (tid + ${i * threads}) / ${NQ};`);
    L.push(`  let bCol${i} = ((tid + ${i * threads}) % ${NQ}) * 4;`);
    L.push(`  var pb${i} = vec4<f32>(0.0);`);
  }
  for (let r = 0; r < RM; r++) for (let g = 0; g < GN; g++) L.push(`  var acc${r}_${g} = vec4<f32>(0.0);`);

  // Global -> registers for one operand's tile. A's tile is rows rowBase.. by K columns k0..; B's
  // is K rows k0.. by columns colBase..: the bounds checks and strides differ, the code does not.
  interface Operand {
    readonly buf: 'A' | 'B'; readonly reg: string; readonly off: string; readonly count: number;
    readonly rowDim: string; readonly colDim: string; readonly fitRow: boolean; readonly fitCol: boolean; readonly vecStride: string;
  }
  const loadOperand = (x: Operand, row: (i: number) => string, col: (i: number) => string): string[] => {
    const o: string[] = [];
    for (let i = 0; i < x.count; i++) {
      const r = row(i), c = col(i), reg = `${x.reg}${i}`;
      if (vec4) {
        const conds = [...(x.fitRow ? [] : [`${r} < ${x.rowDim}`]), ...(x.fitCol ? [] : [`${c} < ${x.colDim}`])];
        const idx = `${x.off} + ${r} * ${x.vecStride} + ${c} / 4`;
        if (conds.length) o.push(`${reg} = vec4<f32>(0.0); if (${and(conds)}) { ${reg} = ${x.buf}[${idx}]; }`);
        else o.push(`${reg} = ${x.buf}[${idx}];`);
      } else {
        o.push(`{ let base = ${x.off} + ${r} * ${x.colDim} + ${c};`);
        if (x.fitRow && x.fitCol) {
          o.push(`  ${reg} = vec4<f32>(${x.buf}[base], ${x.buf}[base + 1], ${x.buf}[base + 2], ${x.buf}[base + 3]); }`);
        } else {
          o.push(`  ${reg} = vec4<f32>(0.0);`);
          o.push(`  if (${and(x.fitRow ? [] : [`${r} < ${x.rowDim}`])}) {`);
          for (let j = 0; j < 4; j++) {
            const guard = x.fitCol ? '' : `if (${c} + ${j} < ${x.colDim}) `;
            o.push(`    ${guard}{ ${reg}[${j}] = ${x.buf}[base + ${j}]; }`);
          }
          o.push('  } }');
        }
      }
    }
    return o;
  };
  const opA: Operand = { buf: 'A', reg: 'pa', off: 'aOff', count: loadsA, rowDim: 'dimM', colDim: 'dimK', fitRow: fitM, fitCol: fitK, vecStride: 'kq' };
  const opB: Operand = { buf: 'B', reg: 'pb', off: 'bOff', count: loadsB, rowDim: 'dimK', colDim: 'dimN', fitRow: fitK, fitCol: fitN, vecStride: 'nq' };
  // Global -> registers for the tiles starting at K index `k0` (a WGSL expression).
  const loadTile = (k0: string, ind: string): string[] => {
    const o = [
      ...loadOperand(opA, (i) => `(rowBase + aRow${i})`, (i) => `(${k0} + aCol${i})`),
      ...loadOperand(opB, (i) => `(${k0} + bRow${i})`, (i) => `(colBase + bCol${i})`),
    ];
    return o.map((s) => ind + s);
  };
  const storeTile = (ind: string): string[] => {
    const o: string[] = [];
    for (let i = 0; i < loadsA; i++) o.push(`mm_As[aRow${i}][aCol${i} / 4] = pa${i};`);
    for (let i = 0; i < loadsB; i++) o.push(`mm_Bs[bRow${i}][bCol${i} / 4] = pb${i};`);
    return o.map((s) => ind + s);
  };

  L.push('  // First tile: global -> registers -> workgroup memory.');
  L.push(...loadTile('0', '  '));
  L.push(...storeTile('  '));
  L.push('  workgroupBarrier();');
  L.push('  for (var t = 0; t < numTiles; t++) {');
  L.push('    let hasNext = t + 1 < numTiles;');
  L.push('    // Issue the next tile\'s global loads before this tile\'s products (register double buffering).');
  L.push('    if (hasNext) {');
  L.push(`      let kNext = (t + 1) * ${TK};`);
  L.push(...loadTile('kNext', '      '));
  L.push('    }');
  L.push('    // Products over this K step, fully unrolled.');
  for (let q = 0; q < KQ; q++) {
    L.push('    {');
    for (let kk = 0; kk < 4; kk++) {
      for (let g = 0; g < GN; g++) L.push(`      let b${kk}_${g} = mm_Bs[${q * 4 + kk}][${g * wx} + tx];`);
    }
    for (let r = 0; r < RM; r++) {
      L.push(`      let a${r} = mm_As[ty * ${RM} + ${r}][${q}];`);
      for (let kk = 0; kk < 4; kk++) {
        const comp = 'xyzw'[kk]!;
        for (let g = 0; g < GN; g++) L.push(`      acc${r}_${g} = fma(vec4<f32>(a${r}.${comp}), b${kk}_${g}, acc${r}_${g});`);
      }
    }
    L.push('    }');
  }
  L.push('    workgroupBarrier();');
  L.push('    if (hasNext) {');
  L.push(...storeTile('      '));
  L.push('    }');
  L.push('    workgroupBarrier();');
  L.push('  }');

  L.push('  // Write: thread rows ty*RM + r, columns (g*wx + tx)*4 .. +3.');
  for (let r = 0; r < RM; r++) {
    L.push('  {');
    L.push(`    let row = rowBase + ty * ${RM} + ${r};`);
    for (let g = 0; g < GN; g++) {
      const col = `(colBase + (${g * wx} + tx) * 4)`;
      if (vec4) {
        const conds = [...(fitM ? [] : ['row < dimM']), ...(fitN ? [] : [`${col} < dimN`])];
        const st = `result[oOff + row * nq + ${col} / 4] = acc${r}_${g};`;
        L.push(conds.length ? `    if (${and(conds)}) { ${st} }` : `    ${st}`);
      } else {
        L.push(`    ${fitM ? '' : 'if (row < dimM) '}{`);
        L.push(`      let base = oOff + row * dimN + ${col};`);
        for (let j = 0; j < 4; j++) {
          const c = fitN ? '' : `if (${col} + ${j} < dimN) `;
          L.push(`      ${c}{ result[base + ${j}] = acc${r}_${g}[${j}]; }`);
        }
        L.push('    }');
      }
    }
    L.push('  }');
  }
  L.push('}');
  return L.join('\n');
}

// ---- running it on tfjs's webgpu backend ----

/** The part of tfjs-backend-webgpu's WebGPUProgram that `runWebGPUProgram` reads. */
export interface FastMatmulProgram {
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[]; y?: number[]; z?: number[] };
  dispatch: [number, number, number];
  variableNames: string[];
  workgroupSize: [number, number, number];
  outputComponent: number;
  variableComponents: number[];
  isVec4: boolean;
  size: boolean;
  getUserCode(): string;
}

/** The program object for `plan`. */
export function makeMatmulProgram(plan: MatmulPlan): FastMatmulProgram {
  const code = makeMatmulShader(plan.spec);
  const c = plan.spec.vec4 ? 4 : 1;
  return {
    outputShape: [plan.batch, plan.m, plan.n],
    shaderKey: shaderKeyOf(plan.spec),
    // As MatMulPackedProgram: x over N, y over M, z over the batch (main() takes no index).
    dispatchLayout: { x: [2], y: [1], z: [0] },
    dispatch: plan.dispatch,
    variableNames: ['A', 'B'],
    workgroupSize: plan.workgroupSize,
    outputComponent: c,
    variableComponents: [c, c],
    isVec4: plan.spec.vec4,
    size: false,
    getUserCode: () => code,
  };
}

/** The members of tfjs-backend-webgpu's WebGPUBackend used here. */
export interface WebGPUBackendLike {
  readonly device: { readonly limits: { readonly maxComputeWorkgroupsPerDimension: number } };
  readonly tensorMap: { has(dataId: object): boolean; get(dataId: object): { readonly dtype: string } | undefined };
  runWebGPUProgram(program: FastMatmulProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: unknown[]): tf.TensorInfo;
}

/** [batch, m, k, n] for a float32 a @ b this kernel takes, or null (rank 2, or rank 3 with equal batch, all dims > 0). */
export function fastMatmulShape(a: tf.TensorInfo, b: tf.TensorInfo): [number, number, number, number] | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const ra = a.shape.length, rb = b.shape.length;
  if (ra !== rb || (ra !== 2 && ra !== 3)) return null;
  const batch = ra === 3 ? a.shape[0]! : 1;
  if (ra === 3 && b.shape[0] !== batch) return null;
  const m = a.shape[ra - 2]!, k = a.shape[ra - 1]!, n = b.shape[rb - 1]!;
  if (b.shape[rb - 2] !== k) return null;
  if (!(batch > 0 && m > 0 && k > 0 && n > 0)) return null;
  return [batch, m, k, n];
}

/**
 * a @ b on tfjs's webgpu backend with the kernel above: float32 [M,K]x[K,N] or [B,M,K]x[B,K,N].
 * Returns null where it does not apply (other dtypes/ranks, empty dims, a grid over the device's
 * per-dimension limit, inputs not on `backend`); the caller then uses tf.matMul. The result is a
 * tracked tf.Tensor (inside tf.tidy it is tidied like any other).
 */
export function fastMatmulWebgpu(backend: WebGPUBackendLike, a: tf.TensorInfo, b: tf.TensorInfo, choice: FastMatmulChoice = 'auto'): tf.Tensor | null {
  const dims = fastMatmulShape(a, b);
  if (!dims) return null;
  // The stored dtype, not the tensor's: tfjs casts int32/bool to float32 without touching the
  // data (same dataId, int32 buffer), and its own shaders convert on load; this kernel reads f32.
  const stored = (t: tf.TensorInfo) => (backend.tensorMap.has(t.dataId) ? backend.tensorMap.get(t.dataId)?.dtype : undefined);
  if (stored(a) !== 'float32' || stored(b) !== 'float32') return null;
  const [batch, m, k, n] = dims;
  const plan = planMatmul(batch, m, n, k, choice, backend.device.limits.maxComputeWorkgroupsPerDimension);
  if (!plan) return null;
  const program = makeMatmulProgram(plan);
  // Rank-3 views of the same (dense, row-major) data: no reshape kernel.
  const a3: tf.TensorInfo = { dataId: a.dataId, shape: [batch, m, k], dtype: 'float32' };
  const b3: tf.TensorInfo = { dataId: b.dataId, shape: [batch, k, n], dtype: 'float32' };
  const out = backend.runWebGPUProgram(program, [a3, b3], 'float32');
  const t3 = tf.engine().makeTensorFromTensorInfo(out);
  if (a.shape.length === 3) return t3;
  const t2 = tf.reshape(t3, [m, n]);
  t3.dispose();
  return t2;
}
