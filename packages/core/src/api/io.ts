/** `.npy` interop: `load(bytes)` and `save(x)`. */
import type { NDArray } from '../array.js';
import type { Context } from '../context.js';
import type { Device } from '../adapter.js';
import { encodeNpy, parseNpy } from '../npy.js';
import { ValueError, show } from '../errors.js';

export interface IOFunctions {
  /**
   * Reads a NumPy `.npy` file's bytes into an array on this namespace's device.
   * @example
   * const bytes = await np.save(np.asarray([1, 2], { dtype: 'int16' }));
   * await np.load(bytes).toArray(); // => [1, 2]
   */
  load(bytes: Uint8Array | ArrayBuffer, options?: { device?: Device }): NDArray;
  /**
   * Writes an array as NumPy `.npy` bytes (format 1.0, little-endian, C order).
   * @example
   * const bytes = await np.save(np.zeros([2, 3]));
   * bytes[0] === 0x93; // => true
   */
  save(x: NDArray): Promise<Uint8Array>;
}

export function ioFunctions(ctx: Context): IOFunctions {
  return {
    load(bytes, options) {
      if (!(bytes instanceof Uint8Array) && !(bytes instanceof ArrayBuffer)) {
        throw new ValueError(`load: bytes must be a Uint8Array or an ArrayBuffer holding a .npy file; received ${show(bytes)}`);
      }
      const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
      const { data, shape, dtype } = parseNpy(u8);
      const device = ctx.device('load', options?.device);
      ctx.checkSupported('load', dtype, device);
      return ctx.wrap(ctx.adapter.fromHost(data, shape, dtype, device), shape, dtype, device);
    },
    async save(x) {
      const a = ctx.arr('save', 'x', x);
      return encodeNpy(await ctx.read(a, 'save'), a.shape, a.dtype);
    },
  };
}
