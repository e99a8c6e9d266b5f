import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeNpy, parseNpy } from './npy.js';
import { DTypeError, ValueError } from './errors.js';
import { DTYPES, type DType } from './dtypes.js';

const dir = new URL('./__fixtures__/npy/', import.meta.url);
const file = (name: string) => new Uint8Array(readFileSync(new URL(`${name}.npy`, dir)));
interface Entry { dtype: DType; shape: number[]; data: (number | string)[]; exact: boolean }
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as Record<string, Entry>;

const hostValues = (d: ArrayLike<number | bigint>) => Array.from(d, (v) => (typeof v === 'bigint' ? String(v) : v));

describe('parseNpy on files written by NumPy', () => {
  for (const [name, e] of Object.entries(manifest)) {
    it(name, () => {
      const got = parseNpy(file(name));
      expect(got.dtype).toBe(e.dtype);
      expect(got.shape).toEqual(e.shape);
      expect(hostValues(got.data)).toEqual(e.data);
    });
  }

  it('covers all 14 dtypes', () => {
    for (const d of DTYPES) expect(manifest[d]?.dtype).toBe(d);
  });
});

describe('encodeNpy', () => {
  for (const [name, e] of Object.entries(manifest).filter(([, e]) => e.exact)) {
    it(`reproduces np.save byte for byte: ${name}`, () => {
      const bytes = file(name);
      const { data, shape, dtype } = parseNpy(bytes);
      expect(Buffer.from(encodeNpy(data, shape, dtype)).equals(Buffer.from(bytes))).toBe(true);
      void e;
    });
  }

  it('round-trips every layout it reads', () => {
    for (const name of Object.keys(manifest)) {
      const a = parseNpy(file(name));
      const b = parseNpy(encodeNpy(a.data, a.shape, a.dtype));
      expect(b).toEqual(a);
    }
  });

  it('writes format 2.0 when the header exceeds 65535 bytes', () => {
    // NumPy never needs this for plain dtypes (64 dims at most), but the rule is the format's.
    const shape = new Array<number>(30000).fill(1);
    const bytes = encodeNpy(new Float32Array(1), shape, 'float32');
    const hlen = new DataView(bytes.buffer).getUint32(8, true);
    expect([bytes[6], bytes[7]]).toEqual([2, 0]);
    expect((12 + hlen) % 64).toBe(0);
    expect(bytes[12 + hlen - 1]).toBe(0x0a);
    const back = parseNpy(bytes);
    expect(back.shape).toEqual(shape);
    expect(Array.from(back.data as Float32Array)).toEqual([0]);
  });
});

describe('parseNpy errors', () => {
  it('rejects bad magic', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]))).toThrow(ValueError);
    expect(() => parseNpy(new Uint8Array([1, 2, 3]))).toThrow(/magic/);
  });
  it('rejects truncated data', () => {
    const b = file('float64');
    expect(() => parseNpy(b.subarray(0, b.length - 1))).toThrow(/truncated.*48 data bytes but only 47/);
    expect(() => parseNpy(b.subarray(0, 40))).toThrow(/truncated/);
  });
  it('rejects unsupported dtypes, naming them', () => {
    expect(() => parseNpy(file('unsupported_U3'))).toThrow(DTypeError);
    expect(() => parseNpy(file('unsupported_U3'))).toThrow(/'<U3'|"<U3"/);
    expect(() => parseNpy(file('unsupported_object'))).toThrow(/object arrays/);
  });
  it('rejects unknown versions', () => {
    const b = file('float32').slice();
    b[6] = 4;
    expect(() => parseNpy(b)).toThrow(/version 4\.0/);
  });
});
