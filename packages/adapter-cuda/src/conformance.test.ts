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
  // ARR_CUDA_DEVICE_EXTRACT=0 tests core's host-path extract instead (`deviceExtract: false`).
  const np = process.env.ARR_CUDA_DEVICE_EXTRACT === '0' ? await createNamespace({ deviceExtract: false }) : defaultNamespace();
  defineConformanceSuite({ name: 'cuda', namespace: np, expectedFailures, ...(only ? { only } : {}) });
}
