/**
 * The `np.fft` extension: NumPy-generated fixtures (`fft.json`): every transform with `n`,
 * `axis`/`axes`/`s` and the three `norm`s, lengths 1 … 1009 (powers of two, composites, primes),
 * real/integer input, the frequency helpers and the shifts, and bad input. Tolerances: a few eps
 * × Σ|x| × the norm's scale (the error of an O(n log n) transform), see the generator.
 */
import type { Suite } from '../suite.js';
import { registerFixtureFile } from './run-fixtures.js';

export function fftCases(suite: Suite): void {
  registerFixtureFile(suite, 'fft');
}
