#!/usr/bin/env node
// @ts-check
/**
 * Generates docs/numpy-names.md: a NumPy → @arr name table with one row for every function of
 * the namespace (the keys of the ndarray adapter's namespace, including np.linalg and np.fft).
 * Elementwise rows come from the `numpy` field of UNARY/BINARY in @arr/core's
 * spec/elementwise.ts; the rest from HAND below. Fails when a namespace function has no row.
 *
 *   node scripts/numpy-names.mjs          (needs built packages: `pnpm docs:names` builds first)
 *   node scripts/numpy-names.mjs --check  (fails if docs/numpy-names.md is out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(ROOT, 'docs/numpy-names.md');

/**
 * Rows that are not elementwise: NumPy name(s), the group, and a note when the two differ.
 * @type {Record<string, { numpy: string, group: string, note?: string }>}
 */
export const HAND = {
  // creation
  arange: { numpy: 'np.arange', group: 'creation', note: '`np.arange(start, stop, step, { dtype, device })`' },
  asarray: { numpy: 'np.asarray, np.array', group: 'creation', note: 'nested arrays, TypedArrays (with `{ shape }`) or arrays of the same namespace' },
  empty: { numpy: 'np.empty', group: 'creation' },
  emptyLike: { numpy: 'np.empty_like', group: 'creation' },
  eye: { numpy: 'np.eye', group: 'creation', note: '`np.eye(n, m, { k, dtype, device })`' },
  full: { numpy: 'np.full', group: 'creation' },
  fullLike: { numpy: 'np.full_like', group: 'creation' },
  linspace: { numpy: 'np.linspace', group: 'creation' },
  meshgrid: { numpy: 'np.meshgrid', group: 'creation', note: 'the last argument may be `{ indexing }`' },
  ones: { numpy: 'np.ones', group: 'creation' },
  onesLike: { numpy: 'np.ones_like', group: 'creation' },
  tril: { numpy: 'np.tril', group: 'creation' },
  triu: { numpy: 'np.triu', group: 'creation' },
  zeros: { numpy: 'np.zeros', group: 'creation' },
  zerosLike: { numpy: 'np.zeros_like', group: 'creation' },
  // data types
  astype: { numpy: 'np.astype, ndarray.astype', group: 'data types' },
  canCast: { numpy: 'np.can_cast', group: 'data types', note: 'JAX rule across kinds' },
  finfo: { numpy: 'np.finfo', group: 'data types' },
  iinfo: { numpy: 'np.iinfo', group: 'data types', note: '64-bit limits are `bigint`' },
  isdtype: { numpy: 'np.isdtype', group: 'data types' },
  resultType: { numpy: 'np.result_type', group: 'data types', note: 'JAX rule across kinds: `int32` + `float32` → `float32`' },
  // elementwise, not in the UNARY/BINARY tables
  clip: { numpy: 'np.clip', group: 'elementwise', note: 'the result keeps x\'s dtype' },
  // indexing
  take: { numpy: 'np.take', group: 'indexing' },
  takeAlongAxis: { numpy: 'np.take_along_axis', group: 'indexing' },
  // linear algebra in the main namespace
  matmul: { numpy: 'np.matmul, `@`', group: 'linear algebra' },
  matrixTranspose: { numpy: 'np.matrix_transpose, ndarray.mT', group: 'linear algebra' },
  tensordot: { numpy: 'np.tensordot', group: 'linear algebra' },
  vecdot: { numpy: 'np.vecdot', group: 'linear algebra' },
  // manipulation
  broadcastArrays: { numpy: 'np.broadcast_arrays', group: 'manipulation' },
  broadcastShapes: { numpy: 'np.broadcast_shapes', group: 'manipulation', note: 'Array API 2025.12' },
  broadcastTo: { numpy: 'np.broadcast_to', group: 'manipulation' },
  concat: { numpy: 'np.concat, np.concatenate', group: 'manipulation' },
  expandDims: { numpy: 'np.expand_dims', group: 'manipulation' },
  flip: { numpy: 'np.flip', group: 'manipulation' },
  moveaxis: { numpy: 'np.moveaxis', group: 'manipulation' },
  permuteDims: { numpy: 'np.permute_dims, np.transpose', group: 'manipulation' },
  repeat: { numpy: 'np.repeat', group: 'manipulation' },
  reshape: { numpy: 'np.reshape', group: 'manipulation' },
  roll: { numpy: 'np.roll', group: 'manipulation' },
  squeeze: { numpy: 'np.squeeze', group: 'manipulation' },
  stack: { numpy: 'np.stack', group: 'manipulation' },
  tile: { numpy: 'np.tile', group: 'manipulation' },
  unstack: { numpy: 'np.unstack', group: 'manipulation' },
  // searching
  argmax: { numpy: 'np.argmax', group: 'searching', note: 'returns int32' },
  argmin: { numpy: 'np.argmin', group: 'searching', note: 'returns int32' },
  countNonzero: { numpy: 'np.count_nonzero', group: 'searching' },
  extract: { numpy: 'np.extract, `x[mask]`', group: 'searching', note: 'returns a Promise (data-dependent shape)' },
  nonzero: { numpy: 'np.nonzero', group: 'searching', note: 'returns a Promise (data-dependent shape); int32 indices' },
  searchsorted: { numpy: 'np.searchsorted', group: 'searching', note: 'returns int32' },
  where: { numpy: 'np.where', group: 'searching', note: 'the three-argument form' },
  // set
  isin: { numpy: 'np.isin', group: 'set', note: 'Array API 2025.12' },
  uniqueAll: { numpy: 'np.unique_all', group: 'set', note: 'returns a Promise' },
  uniqueCounts: { numpy: 'np.unique_counts', group: 'set', note: 'returns a Promise' },
  uniqueInverse: { numpy: 'np.unique_inverse', group: 'set', note: 'returns a Promise' },
  uniqueValues: { numpy: 'np.unique_values', group: 'set', note: 'returns a Promise' },
  // sorting
  argsort: { numpy: 'np.argsort', group: 'sorting', note: 'returns int32' },
  sort: { numpy: 'np.sort', group: 'sorting' },
  // statistical
  cumulativeProd: { numpy: 'np.cumulative_prod', group: 'statistical' },
  cumulativeSum: { numpy: 'np.cumulative_sum', group: 'statistical' },
  max: { numpy: 'np.max, np.amax', group: 'statistical' },
  mean: { numpy: 'np.mean', group: 'statistical' },
  min: { numpy: 'np.min, np.amin', group: 'statistical' },
  prod: { numpy: 'np.prod', group: 'statistical' },
  std: { numpy: 'np.std', group: 'statistical', note: '`correction` instead of `ddof`' },
  sum: { numpy: 'np.sum', group: 'statistical' },
  var: { numpy: 'np.var', group: 'statistical', note: '`correction` instead of `ddof`' },
  // utility
  all: { numpy: 'np.all', group: 'utility' },
  any: { numpy: 'np.any', group: 'utility' },
  diff: { numpy: 'np.diff', group: 'utility' },
  // namespace and interop
  info: { numpy: '`np.__array_namespace_info__()`', group: 'inspection', note: 'plus `engine()`: what actually runs' },
  load: { numpy: 'np.load', group: 'interop', note: 'reads `.npy` bytes' },
  save: { numpy: 'np.save', group: 'interop', note: 'returns `.npy` bytes (a Promise)' },
  scope: { numpy: '—', group: 'memory', note: 'disposes temporaries, like `tf.tidy`' },
  memory: { numpy: '—', group: 'memory', note: 'live arrays and bytes' },
  // np.linalg
  'linalg.cholesky': { numpy: 'np.linalg.cholesky', group: 'np.linalg' },
  'linalg.cross': { numpy: 'np.linalg.cross', group: 'np.linalg' },
  'linalg.det': { numpy: 'np.linalg.det', group: 'np.linalg' },
  'linalg.diagonal': { numpy: 'np.linalg.diagonal', group: 'np.linalg' },
  'linalg.eigh': { numpy: 'np.linalg.eigh', group: 'np.linalg' },
  'linalg.eigvalsh': { numpy: 'np.linalg.eigvalsh', group: 'np.linalg' },
  'linalg.inv': { numpy: 'np.linalg.inv', group: 'np.linalg' },
  'linalg.matmul': { numpy: 'np.linalg.matmul', group: 'np.linalg' },
  'linalg.matrixNorm': { numpy: 'np.linalg.matrix_norm', group: 'np.linalg' },
  'linalg.matrixPower': { numpy: 'np.linalg.matrix_power', group: 'np.linalg' },
  'linalg.matrixRank': { numpy: 'np.linalg.matrix_rank', group: 'np.linalg' },
  'linalg.matrixTranspose': { numpy: 'np.linalg.matrix_transpose', group: 'np.linalg' },
  'linalg.outer': { numpy: 'np.linalg.outer', group: 'np.linalg' },
  'linalg.pinv': { numpy: 'np.linalg.pinv', group: 'np.linalg' },
  'linalg.qr': { numpy: 'np.linalg.qr', group: 'np.linalg' },
  'linalg.slogdet': { numpy: 'np.linalg.slogdet', group: 'np.linalg' },
  'linalg.solve': { numpy: 'np.linalg.solve', group: 'np.linalg' },
  'linalg.svd': { numpy: 'np.linalg.svd', group: 'np.linalg' },
  'linalg.svdvals': { numpy: 'np.linalg.svdvals', group: 'np.linalg' },
  'linalg.tensordot': { numpy: 'np.linalg.tensordot', group: 'np.linalg' },
  'linalg.trace': { numpy: 'np.linalg.trace', group: 'np.linalg' },
  'linalg.vecdot': { numpy: 'np.linalg.vecdot', group: 'np.linalg' },
  'linalg.vectorNorm': { numpy: 'np.linalg.vector_norm', group: 'np.linalg' },
  // np.fft
  'fft.fft': { numpy: 'np.fft.fft', group: 'np.fft' },
  'fft.ifft': { numpy: 'np.fft.ifft', group: 'np.fft' },
  'fft.fftn': { numpy: 'np.fft.fftn', group: 'np.fft' },
  'fft.ifftn': { numpy: 'np.fft.ifftn', group: 'np.fft' },
  'fft.rfft': { numpy: 'np.fft.rfft', group: 'np.fft' },
  'fft.irfft': { numpy: 'np.fft.irfft', group: 'np.fft' },
  'fft.rfftn': { numpy: 'np.fft.rfftn', group: 'np.fft' },
  'fft.irfftn': { numpy: 'np.fft.irfftn', group: 'np.fft' },
  'fft.hfft': { numpy: 'np.fft.hfft', group: 'np.fft' },
  'fft.ihfft': { numpy: 'np.fft.ihfft', group: 'np.fft' },
  'fft.fftfreq': { numpy: 'np.fft.fftfreq', group: 'np.fft' },
  'fft.rfftfreq': { numpy: 'np.fft.rfftfreq', group: 'np.fft' },
  'fft.fftshift': { numpy: 'np.fft.fftshift', group: 'np.fft' },
  'fft.ifftshift': { numpy: 'np.fft.ifftshift', group: 'np.fft' },
};

/** Array API (snake_case) name of a camelCase name. */
const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Array API 2024.12 names where the camelCase rule is not the whole story. */
const ARRAY_API = {
  info: '`__array_namespace_info__`',
  broadcastShapes: '`broadcast_shapes` (2025.12)',
  isin: '`isin` (2025.12)',
  extract: '— (NumPy)',
  load: '—',
  save: '—',
  scope: '—',
  memory: '—',
};

/**
 * The functions of a namespace object, with np.linalg.* and np.fft.* as `linalg.x` / `fft.x`.
 * @param {Record<string, unknown>} ns
 */
export function namespaceFunctions(ns) {
  const out = [];
  for (const key of Object.keys(ns)) {
    const v = ns[key];
    if (typeof v === 'function') out.push(key);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const sub of Object.keys(v)) if (typeof /** @type {Record<string, unknown>} */ (v)[sub] === 'function') out.push(`${key}.${sub}`);
    }
  }
  return out.sort((a, b) => (a.includes('.') === b.includes('.') ? a.localeCompare(b) : a.includes('.') ? 1 : -1));
}

/** The constants of the namespace (dtype names and e, inf, nan, pi, newaxis). */
function namespaceConstants(ns) {
  return Object.keys(ns).filter((k) => typeof ns[k] !== 'function' && (typeof ns[k] !== 'object' || ns[k] === null));
}

/**
 * Renders the markdown; throws when a namespace function has no row.
 * @param {{ namespace: Record<string, unknown>, UNARY: Record<string, { numpy: string, category: string }>, BINARY: Record<string, { numpy: string, category: string }> }} input
 */
export function renderNumpyNames({ namespace, UNARY, BINARY }) {
  const fns = namespaceFunctions(namespace);
  /** @type {Map<string, { numpy: string, group: string, note?: string }>} */
  const rows = new Map();
  const missing = [];
  for (const name of fns) {
    const spec = UNARY[name] ?? BINARY[name];
    if (spec) {
      const alias = `np.${snake(name)}`;
      const numpy = [
        `np.${spec.numpy}`,
        ...(alias !== `np.${spec.numpy}` && NUMPY_ALSO.has(snake(name)) ? [alias] : []),
        ...(NUMPY_CLASSIC[name] ? [NUMPY_CLASSIC[name]] : []),
      ].join(', ');
      rows.set(name, { numpy, group: UNARY[name] ? 'elementwise (unary)' : 'elementwise (binary)', note: CATEGORY_NOTE[spec.category] });
    } else if (HAND[name]) rows.set(name, HAND[name]);
    else missing.push(name);
  }
  if (missing.length) {
    throw new Error(`numpy-names: these namespace functions have no row; add them to HAND in scripts/numpy-names.mjs: ${missing.join(', ')}`);
  }
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  const main = fns.filter((f) => !f.includes('.'));
  const ext = fns.filter((f) => f.includes('.'));
  const table = (list) =>
    [
      '| @arr | NumPy | Array API | group | note |',
      '|---|---|---|---|---|',
      ...list.map((name) => {
        const r = /** @type {{ numpy: string, group: string, note?: string }} */ (rows.get(name));
        const api = ARRAY_API[name] ?? (name.includes('.') ? `\`${name.split('.')[0]}.${snake(name.split('.')[1])}\`` : `\`${snake(name)}\``);
        const numpy = r.numpy
          .split(', ')
          .map((n) => (n.startsWith('`') || n === '—' || n.includes('\\_') ? n : `\`${n}\``))
          .join(', ');
        return `| \`np.${name}\` | ${cell(numpy)} | ${cell(api)} | ${r.group} | ${cell(r.note ?? '')} |`;
      }),
    ].join('\n');
  const consts = namespaceConstants(namespace);
  const dtypes = consts.filter((c) => typeof namespace[c] === 'string');
  const others = consts.filter((c) => typeof namespace[c] !== 'string');
  return `<!-- Generated by scripts/numpy-names.mjs from the ndarray namespace and packages/core/src/spec/elementwise.ts; do not edit. Regenerate: pnpm docs:names -->

# NumPy → @arr names

Every function of the namespace (${main.length} in the main namespace, ${ext.length} in the extensions), with the NumPy
function of the same meaning and the Array API 2024.12 name it implements. Names are the Array API's
in camelCase; keyword-only parameters go into one trailing options object
(\`np.sum(x, axis=1, keepdims=True)\` → \`np.sum(x, { axis: 1, keepdims: true })\`).

Differences that apply to every row: default dtypes are \`float32\`/\`int32\` (NumPy: \`float64\`/\`int64\`),
integer-with-float promotion follows JAX (\`int32 + float32 → float32\`), index results are \`int32\`,
and functions whose output shape depends on the data return a Promise. See
[dtypes and devices](dtypes-and-devices.md).

## Main namespace

${table(main)}
${ext.length ? `\n## Extensions\n\n${table(ext)}\n` : ''}
## Constants

| @arr | NumPy |
|---|---|
${others.map((c) => `| \`np.${c}\` | ${c === 'newaxis' ? '`np.newaxis` (`null` here, `None` in NumPy)' : `\`np.${c}\``} |`).join('\n')}
| ${dtypes.map((d) => `\`np.${d}\``).join(', ')} | the dtypes of the same names (here the strings \`'float32'\`, …) |
`;
}

/** Array API names that NumPy 2 also has as aliases of its classic names (np.acos = np.arccos, …). */
const NUMPY_ALSO = new Set([
  'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'atan2', 'bitwise_invert', 'bitwise_left_shift', 'bitwise_right_shift', 'pow',
]);

/** Older NumPy spellings still in common use. */
const NUMPY_CLASSIC = { pow: 'np.power', bitwiseInvert: 'np.invert', abs: 'np.absolute', conj: 'np.conjugate' };

/** What the docs say about the accepted dtypes of an elementwise category. */
const CATEGORY_NOTE = {
  any: '',
  numeric: '',
  'real numeric': 'real dtypes',
  integer: 'integer dtypes',
  'integer or boolean': 'integer or bool dtypes',
  boolean: 'any dtype, compared with zero',
  float: 'integer or bool input computes in float32',
  'real float': 'real dtypes; integer or bool input computes in float32',
};

async function main() {
  const [{ default: namespace }, { UNARY, BINARY }] = await Promise.all([import('@arr/adapter-ndarray'), import('@arr/core')]);
  const text = renderNumpyNames({ namespace, UNARY, BINARY });
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {}
    if (current !== text) {
      console.error('docs/numpy-names.md is out of date: run `pnpm docs:names`');
      process.exit(1);
    }
    console.log('docs/numpy-names.md is up to date');
    return;
  }
  writeFileSync(OUTPUT, text);
  console.log(`wrote ${OUTPUT} (${namespaceFunctions(namespace).length} functions)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
