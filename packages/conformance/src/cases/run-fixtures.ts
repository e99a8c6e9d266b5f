/**
 * Runs fixture cases: decodes the arguments, calls the namespace function (or the array method
 * for `get`/`set`), compares with NumPy's result, and checks that nothing leaked.
 */
import { describe } from 'vitest';
import { ArrError, DTYPES, isNDArray, type NDArray } from '@arr/core';
import { caseDTypes, decodeArg, isEncodedArray, loadFixtures, type FixtureCase, type FixtureName } from '../fixtures.js';
import { compareArray, type CompareOptions } from '../matchers.js';
import { defineTest, type Suite } from '../suite.js';

type Fn = (...args: unknown[]) => unknown;

/** Calls what a case names. */
function invoke(suite: Suite, c: FixtureCase, args: unknown[], opts: unknown): unknown {
  const tail = opts === undefined ? [] : [opts];
  if (c.fn === 'get') {
    const [x, ...keys] = args as [NDArray, ...unknown[]];
    return (x.get as Fn)(...keys);
  }
  if (c.fn === 'set') {
    const [x, keys, value] = args as [NDArray, unknown[], unknown];
    return (x.set as Fn)(keys, value);
  }
  // Extension functions are named with their namespace: 'linalg.solve' calls np.linalg.solve.
  const path = c.fn.split('.');
  let owner: unknown = suite.np;
  for (const key of path.slice(0, -1)) owner = (owner as Record<string, unknown> | undefined)?.[key];
  const f = (owner as Record<string, Fn> | undefined)?.[path[path.length - 1]!];
  if (typeof f !== 'function') throw new Error(`np.${c.fn} is not a function`);
  return f.call(owner, ...args, ...tail);
}

/** Every array in a result (arrays, lists, plain objects). */
export function collectArrays(x: unknown, out: NDArray[] = []): NDArray[] {
  if (isNDArray(x)) out.push(x);
  else if (Array.isArray(x)) for (const v of x) collectArrays(v, out);
  else if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) for (const v of Object.values(x)) collectArrays(v, out);
  return out;
}

/** Compares any result (array, list, record, scalar) with its expected encoding. */
export async function compareValue(actual: unknown, expected: unknown, options: CompareOptions, where = 'result'): Promise<string | undefined> {
  if (isEncodedArray(expected)) {
    if (!isNDArray(actual)) return `${where}: expected an array, got ${describeValue(actual)}`;
    return compareArray(actual, expected, options, where);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${where}: expected a list of ${expected.length}, got ${describeValue(actual)}`;
    if (actual.length !== expected.length) return `${where}: expected a list of ${expected.length}, got ${actual.length} items`;
    for (let i = 0; i < expected.length; i++) {
      const m = await compareValue(actual[i], expected[i], options, `${where}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    const e = expected as Record<string, unknown>;
    if ('$big' in e) {
      const want = BigInt(e.$big as string);
      return typeof actual === 'bigint' && actual === want ? undefined : `${where}: got ${describeValue(actual)}, expected ${want}n`;
    }
    if ('$num' in e) {
      const s = e.$num as string;
      const want = s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : -0;
      return Object.is(actual, want) ? undefined : `${where}: got ${describeValue(actual)}, expected ${s}`;
    }
    if (actual === null || typeof actual !== 'object') return `${where}: expected an object with ${Object.keys(e).join(', ')}, got ${describeValue(actual)}`;
    for (const [k, v] of Object.entries(e)) {
      const m = await compareValue((actual as Record<string, unknown>)[k], v, options, `${where}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  return Object.is(actual, expected) || actual === expected ? undefined : `${where}: got ${describeValue(actual)}, expected ${JSON.stringify(expected)}`;
}

export function describeValue(x: unknown): string {
  if (isNDArray(x)) return `array(shape=[${x.shape.join(',')}], dtype=${x.dtype})`;
  if (typeof x === 'bigint') return `${x}n`;
  if (Array.isArray(x)) return `list(${x.length})`;
  if (typeof x === 'object' && x !== null) return `{${Object.keys(x).join(', ')}}`;
  return typeof x === 'string' ? JSON.stringify(x) : String(x);
}

const ERROR_NAMES = new Set(['ShapeError', 'DTypeError', 'AxisError', 'IndexError', 'DeviceError', 'DisposedError', 'ValueError']);

/** Runs one case; throws an Error that explains any mismatch. `extra` checks more of the result (before it is disposed). */
export async function runCase(suite: Suite, c: FixtureCase, extra?: (result: unknown) => Promise<string | undefined>): Promise<void> {
  const { np } = suite;
  const before = np.memory().arrays;
  const made: NDArray[] = [];
  let outputs: NDArray[] = [];
  try {
    const args = decodeArg(np, c.args, made) as unknown[];
    const opts = c.opts === undefined ? undefined : decodeArg(np, c.opts, made);
    const wantError = (c.expected as { $error?: string } | null)?.$error;
    const wantMessage = (c.expected as { $message?: string } | null)?.$message;
    let result: unknown;
    try {
      result = invoke(suite, c, args, opts);
      if (result instanceof Promise) result = await result;
    } catch (e) {
      if (wantError === undefined) throw e;
      const name = (e as Error)?.name;
      const ok = wantError === 'ArrError' ? e instanceof ArrError || ERROR_NAMES.has(name) : name === wantError;
      if (!ok) throw new Error(`expected ${wantError}, but it threw ${name}: ${(e as Error)?.message}`);
      if (!(e as Error).message) throw new Error(`${name} without a message`);
      if (wantMessage !== undefined && !(e as Error).message.includes(wantMessage)) {
        throw new Error(`${name} message does not name ${JSON.stringify(wantMessage)}: ${(e as Error).message}`);
      }
      return;
    }
    outputs = collectArrays(result);
    if (wantError !== undefined) throw new Error(`expected ${wantError}, but it returned ${describeValue(result)}`);
    const mismatch = await compareValue(result, c.expected, { tol: c.tol, signedZero: c.signedZero, compare: c.compare });
    if (mismatch) throw new Error(mismatch);
    const more = extra ? await extra(result) : undefined;
    if (more) throw new Error(more);
  } finally {
    for (const a of outputs) a.dispose();
    for (const a of made) a.dispose();
  }
  const after = np.memory().arrays;
  // `>` not `!==`: earlier garbage collected during the awaits only lowers the count.
  if (after > before) throw new Error(`${c.fn} leaked ${after - before} array(s): np.memory().arrays was ${before} before the case and ${after} after disposing its inputs and outputs`);
}

/** Registers every case of one fixture file, one `describe` per function. */
export function registerFixtureFile(
  suite: Suite,
  file: FixtureName,
  label: string = file,
  run: (suite: Suite, c: FixtureCase) => Promise<void> = runCase,
): void {
  describe(label, () => {
    const { cases } = loadFixtures(file);
    const byFn = new Map<string, FixtureCase[]>();
    for (const c of cases) {
      let list = byFn.get(c.fn);
      if (!list) byFn.set(c.fn, (list = []));
      list.push(c);
    }
    for (const [fn, list] of byFn) {
      describe(fn, () => {
        for (const c of list) {
          // Cases that expect an error (e.g. a dtype the function rejects) go to the matrix's "other" column.
          const isError = typeof c.expected === 'object' && c.expected !== null && '$error' in c.expected;
          defineTest(suite, { id: c.id, fn: c.fn, dtype: isError ? '-' : c.dtype, dtypes: caseDTypes(c, DTYPES) }, () => run(suite, c));
        }
      });
    }
  });
}
