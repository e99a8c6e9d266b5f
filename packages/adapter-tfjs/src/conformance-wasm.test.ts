// The shared @arr conformance suite on the tfjs wasm backend (SIMD, no threads).
import { defineConformanceSuite } from '@arr/conformance';
import { createNamespace } from './create.js';
import { EXPECTED_ERROR_FAILURES, EXPECTED_FAILURES } from './expected-failures.js';

const np = await createNamespace({ backend: 'wasm' });
defineConformanceSuite({
  name: 'tfjs-wasm',
  namespace: np,
  expectedFailures: EXPECTED_FAILURES.wasm,
  errors: { expectedFailures: EXPECTED_ERROR_FAILURES },
});
