import { describe, expect, test } from 'vitest';
import np from '@arr/adapter-ndarray';
import { runProgram } from './program.js';
import { report, runAll } from './main.js';

// Reference values from NumPy 2.4 (float32 input, as the program uses):
//   x = np.array([[1, 2, 3], [4, 6, 8]], dtype=np.float32)
//   e = np.exp(x - x.max(axis=-1, keepdims=True)); (e / e.sum(axis=-1, keepdims=True)).tolist()
//   (x @ x.T).tolist(); x.sum(axis=0).tolist(); x.mean().item(); x[:, 1:].tolist(); x[::-1, ::2].tolist()
const NUMPY = {
  softmax: [
    [0.09003057330846786, 0.2447284609079361, 0.6652409434318542],
    [0.01587624102830887, 0.11731042712926865, 0.8668133616447449],
  ],
  matmul: [
    [14, 40],
    [40, 116],
  ],
  sum: [5, 8, 11],
  mean: 4,
  slice: [
    [2, 3],
    [6, 8],
  ],
  reversed: [
    [4, 8],
    [1, 3],
  ],
};

/** float32 tolerance: a few ulps relative, plus a small absolute floor. */
function expectClose(actual: unknown, expected: unknown, path = 'value'): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose((actual as unknown[])[i], e, `${path}[${i}]`));
    return;
  }
  expect(typeof actual, path).toBe('number');
  expect(Math.abs((actual as number) - (expected as number)), path).toBeLessThanOrEqual(1e-6 + 4 * 2 ** -23 * Math.abs(expected as number));
}

describe('demo program', () => {
  test('matches NumPy on the ndarray adapter and leaves no array behind', async () => {
    const before = np.memory().arrays;
    const r = await runProgram(np);
    expect(r.dtype).toBe('float32');
    for (const key of Object.keys(NUMPY) as (keyof typeof NUMPY)[]) expectClose(r[key], NUMPY[key], key);
    expect(r.engine.adapter).toBe('ndarray');
    expect(np.memory().arrays).toBe(before);
  });

  test('runs every installed adapter and names the ones that are not installed', async () => {
    const outcomes = await runAll();
    const ndarray = outcomes.find((o) => o.adapter === '@arr/adapter-ndarray');
    expect(ndarray?.status).toBe('ok');
    if (ndarray?.status === 'ok') expectClose(ndarray.result.softmax, NUMPY.softmax, 'softmax');
    const text = report(outcomes);
    for (const o of outcomes) {
      if (o.status === 'not installed') expect(text).toContain(`not installed: ${o.adapter}`);
      if (o.status === 'ok') expect(text).toContain(`adapter=${o.result.engine.adapter}`);
    }
  });

  test('a missing package is "not installed"; any other import error is a failure', async () => {
    const outcomes = await runAll(async (name) => {
      if (name === '@arr/adapter-ndarray') return { default: np };
      if (name === '@arr/adapter-tfjs') throw Object.assign(new Error(`Cannot find package '${name}' imported from x`), { code: 'ERR_MODULE_NOT_FOUND' });
      throw Object.assign(new Error("Cannot find package 'onnxruntime-node' imported from y"), { code: 'ERR_MODULE_NOT_FOUND' });
    });
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'not installed', 'failed']);
  });
});
