/** `np.info()`: the Array API inspection namespace, plus `engine()`. */
import type { Capabilities, Device, EngineInfo } from './adapter.js';
import type { Context } from './context.js';
import { type DType } from './dtypes.js';
import { DEFAULT_COMPLEX, DEFAULT_FLOAT, DEFAULT_INDEX, DEFAULT_INT } from './promotion.js';

export interface DefaultDTypes {
  readonly 'real floating': DType;
  readonly 'complex floating': DType;
  readonly integral: DType;
  readonly indexing: DType;
}

/** What `np.info()` returns (`__array_namespace_info__` in the standard). */
export interface Info {
  /** The capabilities of this adapter (boolean indexing, data-dependent shapes, max dimensions, sync readback). */
  capabilities(): Capabilities;
  /** The default device of the namespace. */
  defaultDevice(): Device;
  /** The default dtypes (float32, complex64, int32, int32 on every adapter). */
  defaultDtypes(options?: { device?: Device }): DefaultDTypes;
  /** The devices this adapter can use. */
  devices(): readonly Device[];
  /**
   * The dtypes a device supports, as a name → dtype map like the standard's `dtypes()`;
   * `kind` filters by category as in `isdtype`.
   */
  dtypes(options?: { device?: Device; kind?: string | readonly string[] }): Record<string, DType>;
  /** What actually runs: adapter, backend or execution provider, device name. */
  engine(): EngineInfo;
}

export function makeInfo(ctx: Context, isdtype: (d: DType, k: never) => boolean): Info {
  const a = ctx.adapter;
  return {
    capabilities: () => a.capabilities(),
    defaultDevice: () => a.defaultDevice(),
    defaultDtypes: (options) => {
      if (options?.device !== undefined) ctx.device('info().defaultDtypes', options.device);
      return { 'real floating': DEFAULT_FLOAT, 'complex floating': DEFAULT_COMPLEX, integral: DEFAULT_INT, indexing: DEFAULT_INDEX };
    },
    devices: () => a.devices(),
    dtypes: (options) => {
      const device = ctx.device('info().dtypes', options?.device);
      const out: Record<string, DType> = {};
      for (const d of a.dtypes(device)) {
        if (options?.kind === undefined || isdtype(d, options.kind as never)) out[d] = d;
      }
      return out;
    },
    engine: () => a.engine(),
  };
}
