/** @arr/demo: one program, written once against `ArrayNamespace`, run on every installed adapter. */
export { INPUT, softmax, runProgram, type ProgramResult } from './program.js';
export { ADAPTERS, runAll, report, type Outcome } from './main.js';
