import { describe, expect, it } from 'vitest';
import { IndexError, ValueError } from './errors.js';
import { normalizeKeys, parseSlice, resolveSlice } from './slice.js';

// [n, slice, list(range(n))[slice]] computed by Python 3 (slice.indices semantics).
const PYTHON: [number, string, number[]][] = [[0, "::", []], [0, "1::", []], [0, "::-1", []], [0, "-3::", []], [0, ":2:", []], [0, "::2", []], [0, "5:-7:-2", []], [0, "-1:-9:-1", []], [0, "2:2:", []], [0, "10::", []], [0, "-10:3:", []], [0, "::-3", []], [0, "3:0:-1", []], [0, "-2::-2", []], [1, "::", [0]], [1, "1::", []], [1, "::-1", [0]], [1, "-3::", [0]], [1, ":2:", [0]], [1, "::2", [0]], [1, "5:-7:-2", [0]], [1, "-1:-9:-1", [0]], [1, "2:2:", []], [1, "10::", []], [1, "-10:3:", [0]], [1, "::-3", [0]], [1, "3:0:-1", []], [1, "-2::-2", []], [5, "::", [0, 1, 2, 3, 4]], [5, "1::", [1, 2, 3, 4]], [5, "::-1", [4, 3, 2, 1, 0]], [5, "-3::", [2, 3, 4]], [5, ":2:", [0, 1]], [5, "::2", [0, 2, 4]], [5, "5:-7:-2", [4, 2, 0]], [5, "-1:-9:-1", [4, 3, 2, 1, 0]], [5, "2:2:", []], [5, "10::", []], [5, "-10:3:", [0, 1, 2]], [5, "::-3", [4, 1]], [5, "3:0:-1", [3, 2, 1]], [5, "-2::-2", [3, 1]]];

const indices = (key: string, n: number) => {
  const r = resolveSlice(parseSlice('get', key), n);
  return Array.from({ length: r.length }, (_, k) => r.start + k * r.step);
};

describe('slice strings', () => {
  it('select what Python selects', () => {
    for (const [n, key, want] of PYTHON) expect([n, key, indices(key, n)]).toEqual([n, key, want]);
  });
  it('accept two-part forms and spaces', () => {
    expect(parseSlice('get', ':')).toEqual({ start: undefined, stop: undefined, step: undefined });
    expect(parseSlice('get', ' 1 : -2 ')).toEqual({ start: 1, stop: -2, step: undefined });
    expect(indices('-3:', 5)).toEqual([2, 3, 4]);
  });
  it('reject bad text, zero steps and too many colons', () => {
    for (const bad of ['1.5:', 'a:', '1:2:3:4', '::0', '1e3:', '0x1:', ':-', ':+']) {
      expect(() => parseSlice('get', bad), bad).toThrow(IndexError);
    }
    expect(() => parseSlice('get', '::0')).toThrow(/step cannot be zero/);
  });
});

describe('normalizeKeys', () => {
  const none = () => undefined;
  it('expands ellipsis and pads trailing axes', () => {
    const k = normalizeKeys('get', ['...', 1], [2, 3, 4], none);
    expect(k.map((x) => x.kind)).toEqual(['slice', 'slice', 'int']);
    expect(normalizeKeys('get', [null, 0], [2, 3], none).map((x) => x.kind)).toEqual(['newaxis', 'int', 'slice']);
  });
  it('wraps negative integers and checks bounds, naming the axis', () => {
    expect(normalizeKeys('get', [0, -1], [2, 3], none)[1]).toEqual({ kind: 'int', axis: 1, index: 2 });
    expect(() => normalizeKeys('get', [0, 3], [2, 3], none)).toThrow(/index 3 is out of bounds for axis 1 with size 3/);
    expect(() => normalizeKeys('get', [-3], [2, 3], none)).toThrow(/axis 0 with size 2/);
  });
  it('rejects too many indices, two ellipses and other values', () => {
    expect(() => normalizeKeys('get', [0, 0, 0], [2, 3], none)).toThrow(/too many indices/);
    expect(() => normalizeKeys('get', ['...', '...'], [2, 3], none)).toThrow(/single ellipsis/);
    expect(() => normalizeKeys('get', [{}], [2], none)).toThrow(ValueError); // a wrong JS type, not a bad index
    expect(() => normalizeKeys('get', [0.5], [2], none)).toThrow(IndexError);
    expect(() => normalizeKeys('get', ['x'], [2], none)).toThrow(/not a slice string/);
  });
});
