// The shared @arr conformance suite on the onnxruntime adapter's CPU execution provider.
import { defineConformanceSuite } from '@arr/conformance';
import { createNamespace } from './index.js';
import { EXPECTED_ERROR_FAILURES, EXPECTED_FAILURES, EXPECTED_FAILURES_NO_SYNC_READBACK } from './expected-failures.js';

// ARR_ORT_SPLIT_REDUCTIONS=<threshold> runs the suite with two-stage reductions from that length;
// ARR_ORT_REUSE_OUTPUTS=<bytes> reuses released result buffers from that size (0: all of them);
// ARR_ORT_CAPI=0 runs through onnxruntime-node's run() instead of ORT's C API;
// ARR_ORT_GPU_FORMS=1 emits the graph forms of GPU providers (int32 flags, NaN tests by comparison).
const split = Number(process.env['ARR_ORT_SPLIT_REDUCTIONS'] ?? 0);
const reuse = process.env['ARR_ORT_REUSE_OUTPUTS'];
const cApi = process.env['ARR_ORT_CAPI'] !== '0';
const gpuForms = process.env['ARR_ORT_GPU_FORMS'] === '1';
const np = await createNamespace({
  executionProviders: ['cpu'], cApi, ...(gpuForms ? { gpuGraphForms: true } : {}), ...(split > 0 ? { splitReductions: split } : {}), ...(reuse !== undefined ? { reuseOutputs: Number(reuse) } : {}),
});

// Synchronous read-back (array-valued repeat needs it) comes with the C API runner only.
const expectedFailures = np.info().capabilities()['sync readback'] ? EXPECTED_FAILURES : [...EXPECTED_FAILURES, ...EXPECTED_FAILURES_NO_SYNC_READBACK];
defineConformanceSuite({ name: 'onnxruntime', namespace: np, expectedFailures, errors: { expectedFailures: EXPECTED_ERROR_FAILURES } });
