// The shared @arr conformance suite on the CUDA adapter. Without CUDA (CI, laptops) it is
// skipped with the reason; on a GPU host it runs in full.
import { describe, it } from 'vitest';
import { type Category, defineConformanceSuite } from '@arr/conformance';
import { createNamespace, cudaAvailable, defaultNamespace } from './index.js';
import { expectedFailures } from './expected-failures.js';

const status = cudaAvailable();
if (!status.available) {
  describe('cuda conformance', () => {
    it.skip(`skipped: CUDA is not available here (${status.reason})`, () => {});
  });
} else {
  // ARR_CUDA_CONFORMANCE_ONLY=statistical,searching runs some groups (first-run NVRTC compiles are slow).
  const only = process.env.ARR_CUDA_CONFORMANCE_ONLY?.split(',').filter(Boolean) as Category[] | undefined;
  // ARR_CUDA_DEVICE_EXTRACT=1 tests the opt-in device-side extract (`deviceExtract: true`).
  const np = process.env.ARR_CUDA_DEVICE_EXTRACT === '1' ? await createNamespace({ deviceExtract: true }) : defaultNamespace();
  defineConformanceSuite({ name: 'cuda', namespace: np, expectedFailures, ...(only ? { only } : {}) });
}
