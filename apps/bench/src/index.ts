/**
 * @arr/bench as a library (the CLI is main.ts): the pieces tests and other tools reuse.
 * @packageDocumentation
 */
export { ADAPTERS, ADAPTER_IDS, findAdapter, loadAdapter, type AdapterSpec } from './adapters.js';
export { newResults, run, writeOutputs, budgetFor, timestampDir, type BenchIO, type BenchRun } from './bench.js';
export { CASES, OPS, type CaseName, type Mode, type OpDef } from './cases.js';
export { CliError, parseCli, parseSize, type CliOptions } from './cli.js';
export { crossovers, crossoverLines } from './crossover.js';
export { renderReport } from './report.js';
export { plan, runPlan, BUDGETS, type Budget, type RunEngine } from './runner.js';
export * from './schema.js';
export { crc32c, maskedCrc32c, tfrecord, writeEventFile, scalarsOf } from './tensorboard.js';
