/** The bad-input catalogue and its vitest suite. */
export { defineErrorSuite, stubNamespace, type ErrorSuiteOptions } from './define-error-suite.js';
export { BAD_INPUTS, type BadInputCase, type ErrorClassName, type Surface } from './catalogue.js';
