// The shared @arr conformance suite on the tfjs cpu backend.
import { defineConformanceSuite } from '@arr/conformance';
import { createNamespace } from './create.js';
import { EXPECTED_ERROR_FAILURES, EXPECTED_FAILURES } from './expected-failures.js';

const np = await createNamespace({ backend: 'cpu' });
defineConformanceSuite({
  name: 'tfjs-cpu',
  namespace: np,
  expectedFailures: EXPECTED_FAILURES.cpu,
  errors: { expectedFailures: EXPECTED_ERROR_FAILURES },
});
