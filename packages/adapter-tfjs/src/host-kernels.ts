/**
 * Kernels with no tfjs op and no exact composition, computed on the host from `dataSync()`
 * (cheap on cpu/wasm, whose memory is host memory). Backends without synchronous read-back
 * (webgpu in Node) throw DeviceError for them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DeviceError } from '@arr/core';
import type { Traits } from './traits.js';

type T = tf.Tensor;

function needSync(fn: string, traits: Traits): void {
  if (!traits.sync) {
    throw new DeviceError(`${fn}: not available on the tfjs ${traits.backend} backend (it needs synchronous read-back); use the cpu or wasm backend`);
  }
}

/** nextafter for float32, on the bit patterns (as C's nextafterf). */
export function hostNextafter(a: T, b: T, traits: Traits): T {
  needSync('nextafter', traits);
  const x = a.dataSync() as Float32Array, y = b.dataSync() as Float32Array;
  const out = new Float32Array(x.length);
  const bits = new Int32Array(out.buffer);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!, yi = y[i]!;
    if (Number.isNaN(xi) || Number.isNaN(yi)) { out[i] = NaN; continue; }
    if (xi === yi) { out[i] = yi; continue; }
    if (xi === 0) { bits[i] = 1; if (yi < 0) bits[i] = 0x80000001 | 0; continue; }
    out[i] = xi;
    // Away from zero increments the magnitude bits; toward zero decrements them.
    bits[i] += (yi > xi) === (xi > 0) ? 1 : -1;
  }
  return tf.tensor(out, a.shape, 'float32');
}

/** Throws `make()` if any index is outside [-n, n) (only where read-back is synchronous). */
export function checkIndices(indices: T, n: number, onBad: (value: number) => Error, traits: Traits): void {
  if (!traits.sync || indices.size === 0) return;
  const v = indices.dataSync();
  for (let i = 0; i < v.length; i++) {
    const k = v[i]!;
    if (k < -n || k >= n) throw onBad(k);
  }
}
