// The shared @arr conformance suite on the onnxruntime adapter's CPU execution provider.
import { defineConformanceSuite } from '@arr/conformance';
import { createNamespace } from './index.js';
import { EXPECTED_ERROR_FAILURES, EXPECTED_FAILURES } from './expected-failures.js';

const np = await createNamespace({ executionProviders: ['cpu'] });

defineConformanceSuite({ name: 'onnxruntime', namespace: np, expectedFailures: EXPECTED_FAILURES, errors: { expectedFailures: EXPECTED_ERROR_FAILURES } });
