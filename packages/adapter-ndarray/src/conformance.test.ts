// The shared @arr conformance suite on the ndarray adapter: it must pass with no expected failures.
import { defineConformanceSuite } from '@arr/conformance';
import np from './index.js';

defineConformanceSuite({ name: 'ndarray', namespace: np, expectedFailures: [] });
