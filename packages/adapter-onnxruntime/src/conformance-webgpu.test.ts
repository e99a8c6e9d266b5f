// The shared @arr conformance suite on onnxruntime-node's WebGPU execution provider.
// Needs a GPU: runs only with ARR_GPU_TESTS=1 (scripts/gpu/run-checks.sh sets it on the GPU host).
import { describe, it } from 'vitest';
import { defineConformanceSuite } from '@arr/conformance';
import { createNamespace } from './index.js';
import { EXPECTED_ERROR_FAILURES_WEBGPU, EXPECTED_FAILURES_WEBGPU } from './expected-failures.js';

if (process.env['ARR_GPU_TESTS'] === '1') {
  // ARR_ORT_DEVICE_INPUTS=0 tests without `deviceInputs` (host arrays uploaded by every run);
  // ARR_ORT_SPLIT_REDUCTIONS=<threshold> with two-stage reductions from that length.
  const split = Number(process.env['ARR_ORT_SPLIT_REDUCTIONS'] ?? 0);
  const np = await createNamespace({
    executionProviders: ['webgpu'], deviceInputs: process.env['ARR_ORT_DEVICE_INPUTS'] !== '0', ...(split > 0 ? { splitReductions: split } : {}),
  });
  defineConformanceSuite({
    name: 'onnxruntime-webgpu',
    namespace: np,
    expectedFailures: EXPECTED_FAILURES_WEBGPU,
    errors: { expectedFailures: EXPECTED_ERROR_FAILURES_WEBGPU },
    // WGSL may flush float subnormals to zero (observed: sort ordered -1.4e-45 as equal to 0).
    flushesSubnormals: true,
  });
} else {
  describe('conformance: onnxruntime webgpu', () => {
    it.skip('needs a GPU: set ARR_GPU_TESTS=1 on a machine with one (see scripts/gpu/run-checks.sh)', () => {});
  });
}
