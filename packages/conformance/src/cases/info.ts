/** `np.info()`: the inspection namespace's structure, defaults, and the namespace constants. */
import { describe, expect } from 'vitest';
import { DTYPES, isdtype, type DType } from '@arr/core';
import { defineTest, type Suite } from '../suite.js';

export function infoCases(suite: Suite): void {
  const { np } = suite;
  describe('info()', () => {
    defineTest(suite, { id: 'info/-/capabilities', fn: 'info', dtype: '-' }, () => {
      const c = np.info().capabilities();
      expect(typeof c['boolean indexing']).toBe('boolean');
      expect(typeof c['data-dependent shapes']).toBe('boolean');
      expect(typeof c['sync readback']).toBe('boolean');
      expect(Number.isInteger(c['max dimensions'])).toBe(true);
      expect(c['max dimensions']).toBeGreaterThanOrEqual(4);
    });
    defineTest(suite, { id: 'info/-/devices', fn: 'info', dtype: '-' }, () => {
      const info = np.info();
      const devices = info.devices();
      expect(devices.length).toBeGreaterThan(0);
      expect(devices).toContain(info.defaultDevice());
      for (const d of devices) {
        expect(typeof d.adapter).toBe('string');
        expect(typeof d.id).toBe('string');
        expect(['cpu', 'gpu']).toContain(d.kind);
      }
    });
    defineTest(suite, { id: 'info/-/default-dtypes', fn: 'info', dtype: '-' }, () => {
      const expected = { 'real floating': 'float32', 'complex floating': 'complex64', integral: 'int32', indexing: 'int32' };
      expect({ ...np.info().defaultDtypes() }).toEqual(expected);
      expect({ ...np.info().defaultDtypes({ device: np.info().defaultDevice() }) }).toEqual(expected);
    });
    defineTest(suite, { id: 'info/-/dtypes', fn: 'info', dtype: '-' }, () => {
      const info = np.info();
      const all = info.dtypes();
      for (const [k, v] of Object.entries(all)) {
        expect(k).toBe(v);
        expect(DTYPES).toContain(v);
      }
      for (const d of ['bool', 'int32', 'float32'] as DType[]) expect(all[d]).toBe(d); // the defaults exist everywhere
      for (const kind of ['bool', 'signed integer', 'unsigned integer', 'integral', 'real floating', 'complex floating', 'numeric'] as const) {
        const some = info.dtypes({ kind });
        expect(Object.values(some).sort()).toEqual(Object.values(all).filter((d) => isdtype(d, kind)).sort());
      }
      const both = info.dtypes({ kind: ['bool', 'complex floating'] });
      expect(Object.values(both).sort()).toEqual(Object.values(all).filter((d) => d === 'bool' || d.startsWith('complex')).sort());
      expect({ ...info.dtypes({ device: info.defaultDevice() }) }).toEqual({ ...all });
    });
    defineTest(suite, { id: 'info/-/engine', fn: 'info', dtype: '-' }, () => {
      const e = np.info().engine();
      expect(typeof e.adapter).toBe('string');
      expect(typeof e.backend).toBe('string');
      expect(typeof e.device).toBe('string');
      expect(e.adapter.length).toBeGreaterThan(0);
    });
    defineTest(suite, { id: 'info/-/undeclared-dtype-error', fn: 'info', dtype: '-' }, () => {
      const missing = DTYPES.filter((d) => !suite.declared.has(d));
      for (const d of missing) {
        expect(() => np.zeros([2], { dtype: d } as never)).toThrow(expect.objectContaining({ name: 'DTypeError' }));
      }
    });
    defineTest(suite, { id: 'constants/-/values', fn: 'constants', dtype: '-' }, () => {
      expect(np.e).toBe(Math.E);
      expect(np.pi).toBe(Math.PI);
      expect(np.inf).toBe(Infinity);
      expect(Number.isNaN(np.nan)).toBe(true);
      expect(np.newaxis).toBe(null);
      for (const d of DTYPES) expect((np as unknown as Record<string, unknown>)[d]).toBe(d);
    });
  });
}
