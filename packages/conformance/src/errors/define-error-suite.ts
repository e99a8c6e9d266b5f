/**
 * `defineErrorSuite(np)`: the bad-input catalogue (catalogue.ts) as vitest tests, plus a
 * robustness section where fast-check throws random junk at every function of the namespace.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ArrError, AxisError, DTYPES, DTypeError, DeviceError, DisposedError, IndexError, ShapeError, ValueError,
  allocHost, createNamespace, isNDArray, makeDevice, sizeOf,
  type Adapter, type ArrayNamespace, type Capabilities, type DType, type HostArray, type KernelArray, type NDArray,
} from '@arr/core';
import { BAD_INPUTS, caseFunctions, type BadInputCase, type CaseEnv, type ErrorClassName, type LooseNamespace } from './catalogue.js';

export interface ErrorSuiteOptions {
  /**
   * A second namespace whose arrays the one under test must reject with DeviceError. Default: a
   * namespace on a small host-only stub adapter (it can create and read arrays, nothing else).
   */
  other?: ArrayNamespace | (() => ArrayNamespace | Promise<ArrayNamespace>);
  /** Case ids (catalogue ids) expected to fail on this adapter, each with a reason; an unexpected pass fails. */
  expectedFailures?: Readonly<Record<string, string>>;
  /** fast-check runs per function in the robustness section (default 100). */
  fuzzRuns?: number;
  /** Fixed fast-check seed (default: random; a failure prints the seed to replay). */
  fuzzSeed?: number;
}

const CLASSES: Record<ErrorClassName, abstract new (...args: never[]) => Error> = {
  ShapeError, DTypeError, AxisError, IndexError, DeviceError, DisposedError, ValueError,
};

/** How long a Promise may stay pending before the call counts as a hang. */
const SETTLE_MS = 5_000;

export function defineErrorSuite(np: ArrayNamespace, options: ErrorSuiteOptions = {}): void {
  const expectedFailures = options.expectedFailures ?? {};
  let env: CaseEnv | undefined;
  const getEnv = async (): Promise<CaseEnv> => {
    if (!env) {
      const o = options.other;
      const other = o === undefined ? stubNamespace() : typeof o === 'function' ? await o() : o;
      env = { other: other as unknown as LooseNamespace };
    }
    return env;
  };
  const supported = new Set(Object.values(np.info().dtypes()));

  describe('errors: bad-input catalogue', () => {
    it(`has at least 120 distinct cases with unique ids`, () => {
      const ids = BAD_INPUTS.map((c) => c.id);
      expect(new Set(ids).size, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(120);
      for (const id of Object.keys(expectedFailures)) expect(ids, `expectedFailures names an unknown case`).toContain(id);
    });

    for (const c of BAD_INPUTS) {
      const missing = (c.needs ?? []).filter((d) => !supported.has(d));
      const reason = missing.length > 0 ? `needs ${missing.join(', ')}` : c.skip?.(np) || undefined;
      if (reason) {
        it.skip(`${c.id} (${reason})`, () => {});
        continue;
      }
      const run = async () => checkCase(np, c, await getEnv());
      if (c.id in expectedFailures) it.fails(`${c.id} (expected failure: ${expectedFailures[c.id]})`, run);
      else it(c.id, run);
    }
  });

  describe('errors: robustness against random junk arguments', () => {
    const names = Object.keys(np).filter((k) => typeof (np as unknown as LooseNamespace)[k] === 'function').sort();
    const numRuns = options.fuzzRuns ?? 100;
    const dtypes = [...supported] as DType[];
    for (const name of names) {
      it(`${name}: returns or throws an ArrError, never another error or a hang`, async () => {
        const e = await getEnv();
        await fc.assert(
          fc.asyncProperty(argsArbitrary(dtypes), async (specs) => {
            await fuzzOnce(np, e, name, specs);
          }),
          { numRuns, seed: options.fuzzSeed, endOnFailure: false },
        );
      });
    }
  });
}

// ---- one catalogue case ----

async function checkCase(np: ArrayNamespace, c: BadInputCase, env: CaseEnv): Promise<void> {
  const surface = c.surface ?? 'throw';
  const loose = np as unknown as LooseNamespace;
  const fail = (what: string): never => {
    throw new Error(`[bad-input] ${c.id}: ${what}`);
  };
  let err: unknown;
  if (surface === 'reject') {
    let result: unknown;
    try {
      result = c.call(loose, env);
    } catch (e) {
      fail(`threw synchronously (${describeError(e)}); the function returns a Promise, so it must reject instead`);
    }
    if (!isThenable(result)) fail(`returned ${describeValue(result)} instead of a rejected Promise`);
    const s = await settle(result as Promise<unknown>);
    if (s.state === 'pending') fail(`the Promise did not settle within ${SETTLE_MS} ms`);
    if (s.state === 'fulfilled') {
      disposeAll(s.value);
      fail(`resolved with ${describeValue(s.value)} instead of rejecting with ${c.error}`);
    }
    if (s.state === 'rejected') err = s.reason;
  } else {
    const before = np.memory().arrays;
    let threw = false;
    let result: unknown;
    try {
      // The scope frees the fixtures the case made once the call has thrown.
      np.scope(() => {
        result = c.call(loose, env);
        return isNDArray(result) ? [result] : undefined;
      });
    } catch (e) {
      threw = true;
      err = e;
    }
    if (!threw) {
      if (isThenable(result)) {
        void (result as Promise<unknown>).catch(() => {});
        fail(`returned a Promise; ${caseFunctions(c)[0]} is synchronous, so it must throw ${c.error} at the call`);
      }
      if (surface === 'throw-or-read' && isNDArray(result)) {
        // Allowed: the engine finds the bad index when the data is read.
        const s = await settle((result as NDArray).data());
        (result as NDArray).dispose();
        if (s.state === 'pending') fail(`read-back did not settle within ${SETTLE_MS} ms`);
        if (s.state === 'fulfilled') fail(`neither the call nor the read-back failed (read ${describeValue(s.value)}); expected ${c.error}`);
        if (s.state === 'rejected') err = s.reason;
      } else {
        disposeAll(result);
        fail(`returned ${describeValue(result)} instead of throwing ${c.error}`);
      }
    } else {
      const after = np.memory().arrays;
      // Garbage collection may lower the count (FinalizationRegistry); only a rise is a leak.
      if (after > before) fail(`threw as expected, but left ${after - before} array(s) alive (a leak on the error path); error: ${describeError(err)}`);
    }
  }
  const problems = errorProblems(c, err);
  if (problems.length > 0) fail(`${problems.join('; ')} | received ${describeError(err)}`);
}

function errorProblems(c: BadInputCase, err: unknown): string[] {
  const problems: string[] = [];
  if (!(err instanceof Error)) return [`expected ${c.error}, got a non-Error`];
  if (err.name !== c.error) problems.push(`expected ${c.error}, got ${err.name}`);
  else if (!(err instanceof CLASSES[c.error])) problems.push(`name is ${c.error} but it is not an instance of @arr/core's ${c.error}`);
  if (!(err instanceof ArrError)) problems.push('not an ArrError');
  const fns = caseFunctions(c);
  if (!fns.some((f) => err.message.startsWith(`${f}:`))) problems.push(`message does not start with ${fns.map((f) => `"${f}:"`).join(' or ')}`);
  const missing = c.message.filter((m) => (typeof m === 'string' ? !err.message.includes(m) : !m.test(err.message)));
  if (missing.length > 0) problems.push(`message lacks ${missing.map((m) => (typeof m === 'string' ? JSON.stringify(m) : String(m))).join(', ')}`);
  return problems;
}

// ---- helpers ----

function isThenable(x: unknown): boolean {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

type Settled = { state: 'fulfilled'; value: unknown } | { state: 'rejected'; reason: unknown } | { state: 'pending' };

async function settle(p: Promise<unknown>): Promise<Settled> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Settled>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), SETTLE_MS);
  });
  const done = Promise.resolve(p).then(
    (value): Settled => ({ state: 'fulfilled', value }),
    (reason): Settled => ({ state: 'rejected', reason }),
  );
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `non-Error ${describeValue(e)}`;
}

function describeValue(x: unknown, depth = 0): string {
  if (isNDArray(x)) return `array(shape=[${x.shape.join(',')}], dtype=${x.dtype}${x.isDisposed ? ', disposed' : ''})`;
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'function') return 'a function';
  if (x === null || typeof x !== 'object') return String(x);
  if (depth > 2) return '…';
  if (Array.isArray(x)) return `[${x.slice(0, 6).map((v) => describeValue(v, depth + 1)).join(', ')}${x.length > 6 ? ', …' : ''}]`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}(${(x as unknown as { length: number }).length})`;
  if (isThenable(x)) return 'a Promise';
  return `{${Object.entries(x).slice(0, 6).map(([k, v]) => `${k}: ${describeValue(v, depth + 1)}`).join(', ')}}`;
}

/** Disposes every array in a result (arrays nested in lists and plain objects). */
function disposeAll(x: unknown, depth = 0): void {
  if (depth > 6 || x === null || typeof x !== 'object') return;
  if (isNDArray(x)) {
    x.dispose();
    return;
  }
  if (Array.isArray(x)) for (const v of x) disposeAll(v, depth + 1);
  else if (Object.getPrototypeOf(x) === Object.prototype) for (const v of Object.values(x)) disposeAll(v, depth + 1);
}

// ---- robustness: junk arguments ----

/** A junk argument as data; arrays are made from it per run (fast-check values must be replayable). */
type Junk =
  | { k: 'value'; v: unknown }
  | { k: 'array'; shape: number[]; dtype: DType; disposed: boolean; other: boolean }
  | { k: 'list'; items: Junk[] }
  | { k: 'options'; entries: [string, Junk][] }
  | { k: 'fn'; ret: Junk };

/** Shapes kept to a few elements by construction, so no call allocates much. */
const SHAPES: number[][] = [[], [0], [1], [3], [2, 3], [3, 1], [2, 1, 2], [0, 2]];
const OPTION_KEYS = [
  'axis', 'keepdims', 'dtype', 'device', 'k', 'endpoint', 'side', 'sorter', 'descending', 'stable', 'correction', 'n',
  'prepend', 'append', 'indexing', 'shape', 'copy', 'includeInitial', 'invert', 'axes',
];

function argsArbitrary(dtypes: DType[]): fc.Arbitrary<Junk[]> {
  const value = (v: fc.Arbitrary<unknown>): fc.Arbitrary<Junk> => v.map((x) => ({ k: 'value', v: x }) as Junk);
  const numbers = fc.oneof(
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 2, 3, 0.5, -2.5, 2 ** 53, -(2 ** 53), 1e300, -1e300, 5e-324),
    fc.integer({ min: -4, max: 6 }),
    fc.double({ min: -8, max: 8 }),
  );
  const strings = fc.oneof(
    fc.constantFrom('', 'a', '...', ':', '::-1', '1:2:0', 'a:b', '1.5:', '0', 'left', 'right', 'xy', 'ij', 'nowhere:1', ...DTYPES, 'float', 'int'),
    fc.string({ maxLength: 4 }),
  );
  const bigints = fc.constantFrom(0n, 1n, -1n, 3n, 2n ** 63n, 2n ** 64n, -(2n ** 63n) - 1n);
  const small = fc.oneof(fc.integer({ min: -3, max: 4 }), fc.constantFrom(NaN, 0.5, true, false));
  const nested = fc.oneof(
    fc.array(small, { maxLength: 4 }),
    fc.array(fc.array(small, { minLength: 2, maxLength: 2 }), { maxLength: 3 }),
    fc.array(fc.array(small, { maxLength: 3 }), { maxLength: 3 }), // often ragged
  );
  const odd = fc.constantFrom<unknown>(
    undefined, null, {}, [], { re: 1, im: -1 }, { re: NaN, im: 0 }, { shape: [2], dtype: 'float32' }, new Float32Array(3),
    new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]), new ArrayBuffer(4), [[]], [null], [undefined],
  );
  const array: fc.Arbitrary<Junk> = fc.record({
    k: fc.constant('array' as const),
    shape: fc.constantFrom(...SHAPES),
    dtype: fc.constantFrom(...dtypes),
    disposed: fc.boolean().map((b) => b && Math.random() < 0.3),
    other: fc.boolean().map((b) => b && Math.random() < 0.3),
  });
  const leaf: fc.Arbitrary<Junk> = fc.oneof(
    { weight: 4, arbitrary: array },
    { weight: 3, arbitrary: value(numbers) },
    { weight: 2, arbitrary: value(strings) },
    { weight: 1, arbitrary: value(bigints) },
    { weight: 1, arbitrary: value(fc.boolean()) },
    { weight: 2, arbitrary: value(nested) },
    // Shape-like lists and small counts, so creation functions get past their first argument.
    { weight: 2, arbitrary: value(fc.oneof(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }), fc.integer({ min: -1, max: 4 }))) },
    { weight: 2, arbitrary: value(odd) },
  );
  const junk: fc.Arbitrary<Junk> = fc.oneof(
    { weight: 8, arbitrary: leaf },
    { weight: 2, arbitrary: fc.array(leaf, { maxLength: 3 }).map((items) => ({ k: 'list', items }) as Junk) },
    {
      weight: 2,
      arbitrary: fc.array(fc.tuple(fc.constantFrom(...OPTION_KEYS), leaf), { maxLength: 3 }).map((entries) => ({ k: 'options', entries }) as Junk),
    },
    { weight: 1, arbitrary: leaf.map((ret) => ({ k: 'fn', ret }) as Junk) },
  );
  // The first argument is often a real array, so validation past the first operand gets exercised.
  return fc.tuple(fc.oneof({ weight: 3, arbitrary: array }, { weight: 2, arbitrary: junk }), fc.array(junk, { maxLength: 2 })).map(
    ([first, rest]) => [first, ...rest],
  );
}

async function fuzzOnce(np: ArrayNamespace, env: CaseEnv, name: string, specs: Junk[]): Promise<void> {
  const made: NDArray[] = [];
  const make = (j: Junk): unknown => {
    switch (j.k) {
      case 'value':
        return j.v;
      case 'array': {
        const ns = (j.other ? env.other : np) as LooseNamespace;
        const a: NDArray = ns.ones(j.shape, { dtype: j.other ? 'float32' : j.dtype });
        made.push(a);
        if (j.disposed) a.dispose();
        return a;
      }
      case 'list':
        return j.items.map(make);
      case 'options':
        return Object.fromEntries(j.entries.map(([key, v]) => [key, make(v)]));
      case 'fn': {
        const ret = j.ret;
        return () => make(ret);
      }
    }
  };
  const args = specs.map(make);
  const fn = (np as unknown as LooseNamespace)[name] as (...a: unknown[]) => unknown;
  const call = `np.${name}(${args.map((a) => describeValue(a)).join(', ')})`;
  const check = (e: unknown, how: string) => {
    if (!(e instanceof ArrError)) {
      throw new Error(`[fuzz] ${call} ${how} ${describeError(e)}${e instanceof Error && e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`);
    }
  };
  try {
    let result: unknown;
    try {
      result = fn(...args);
    } catch (e) {
      check(e, 'threw');
      return;
    }
    if (isThenable(result)) {
      const s = await settle(result as Promise<unknown>);
      if (s.state === 'pending') throw new Error(`[fuzz] ${call} returned a Promise that did not settle within ${SETTLE_MS} ms`);
      if (s.state === 'rejected') check(s.reason, 'rejected with');
      else disposeAll(s.value);
    } else {
      disposeAll(result);
    }
  } finally {
    for (const a of made) a.dispose();
  }
}

// ---- a second namespace for the mixing cases: a host-only stub adapter ----

interface StubHandle {
  data: HostArray;
}

/** A namespace on an adapter that can only make and read arrays (enough to be "another namespace"). */
export function stubNamespace(): ArrayNamespace {
  const device = makeDevice('stub', 'host', 'cpu');
  const capabilities: Capabilities = {
    'boolean indexing': false, 'data-dependent shapes': true, 'max dimensions': 64, 'sync readback': true,
  };
  const unsupported = (kernel: string) => () => {
    throw new DeviceError(`${kernel}: the stub adapter of the error suite has no kernels`);
  };
  const base: Partial<Adapter<StubHandle>> = {
    name: 'stub',
    devices: () => [device],
    defaultDevice: () => device,
    dtypes: () => DTYPES,
    capabilities: () => capabilities,
    engine: () => ({ adapter: 'stub', backend: 'host', device: 'host' }),
    fromHost: (data: HostArray) => ({ data }),
    read: async (x: KernelArray<StubHandle>) => x.handle.data,
    readSync: (x: KernelArray<StubHandle>) => x.handle.data,
    free: () => {},
    memoryBytes: () => 0,
    full: (shape, value, dtype) => {
      const data = allocHost(dtype, sizeOf(shape));
      const v = Array.isArray(value) ? value[0] : value;
      if (data instanceof BigInt64Array || data instanceof BigUint64Array) data.fill(BigInt(v as number | bigint));
      else (data as Float64Array).fill(Number(v));
      return { data };
    },
    reshape: (x) => x.handle,
  };
  const adapter = new Proxy(base, {
    get: (target, key) => (key in target ? target[key as keyof typeof target] : typeof key === 'string' ? unsupported(key) : undefined),
  }) as Adapter<StubHandle>;
  return createNamespace(adapter);
}
