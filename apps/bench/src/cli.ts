/** Command-line parsing (commander). Every mistake becomes one CliError line and a non-zero exit. */
import { Command, CommanderError, Option } from 'commander';
import { ADAPTER_IDS, DEFAULT_ADAPTER_IDS } from './adapters.js';
import { CASES, type CaseName, type Mode } from './cases.js';
import { REFERENCE_ENGINES } from './reference.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliOptions {
  /** The adapters to run, and whether the user named them (then a failure to start is an error). */
  adapters: string[];
  adaptersExplicit: boolean;
  cases: CaseName[];
  /** Sizes for every case (a plain `--sizes` list), or null for each case's own sweep. */
  sizes: number[] | null;
  /** Sizes for single cases (`--sizes case=list`); these win over `sizes`. */
  sizesByCase: Partial<Record<CaseName, number[]>>;
  dtype: 'float32' | 'float16' | 'float64';
  mode: Mode;
  reference: boolean;
  /** With --reference: only these Python engines (null: every one that imports). */
  referenceEngines: string[] | null;
  tensorboard: string | null;
  out: string | null;
  /** Skip the plain TypeScript baseline. */
  baseline: boolean;
  maxRunSeconds: number | null;
  memoryGb: number | null;
  progress: boolean;
}

/** Parses `1e6`, `2^20`, `4096` as a positive integer size. */
export function parseSize(s: string): number {
  const t = s.trim();
  let v: number;
  const pow = /^(\d+)\^(\d+)$/.exec(t);
  if (pow) v = Number(pow[1]) ** Number(pow[2]);
  else if (/^\d+(\.\d+)?(e\d+)?$/i.test(t)) v = Number(t);
  else v = NaN;
  if (!Number.isSafeInteger(v) || v < 1) throw new CliError(`--sizes: "${s}" is not a positive integer size (examples: 256, 1e6, 2^20)`);
  return v;
}

/** The --sizes flags: at most one plain list (every case) and any number of `case=list`. */
function parseSizes(flags: readonly string[]): { sizes: number[] | null; sizesByCase: Partial<Record<CaseName, number[]>> } {
  let sizes: number[] | null = null;
  const sizesByCase: Partial<Record<CaseName, number[]>> = {};
  for (const f of flags) {
    const m = /^\s*([a-z0-9]+)\s*=(.*)$/i.exec(f);
    const values = list(m ? m[2]! : f).map(parseSize);
    if (values.length === 0) throw new CliError(`--sizes: expected at least one size in "${f}"`);
    if (!m) {
      if (sizes !== null) throw new CliError('--sizes: give one list for every case, or case=list for single cases');
      sizes = values;
      continue;
    }
    const c = m[1]!;
    if (!(CASES as readonly string[]).includes(c)) throw new CliError(`--sizes: unknown case "${c}" (known: ${CASES.join(', ')})`);
    if (sizesByCase[c as CaseName]) throw new CliError(`--sizes: case "${c}" given twice`);
    sizesByCase[c as CaseName] = values;
  }
  return { sizes, sizesByCase };
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== '');

function positive(flag: string) {
  return (s: string) => {
    const v = Number(s);
    if (!Number.isFinite(v) || v <= 0) throw new CliError(`${flag}: "${s}" is not a positive number`);
    return v;
  };
}

export function buildCommand(): Command {
  return new Command('arr-bench')
    .description('Benchmarks the @arr adapters side by side (and NumPy, CuPy, PyTorch with --reference); writes results.json, report.html and summary.txt.')
    .option('--adapters <list>', `comma-separated adapter specs (default: every one that is installed except opt-in variants): ${ADAPTER_IDS.join(', ')}`)
    .option('--cases <list>', `comma-separated cases: ${CASES.join(', ')} (default: all)`)
    .option('--sizes <list>', 'sizes for every case, e.g. 64,256,1e6 (n for n×n matmul, element count otherwise); repeat as --sizes case=list for one case, e.g. --sizes matmul=256,4096 --sizes elementwise=1e3,1e7', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .addOption(new Option('--dtype <dtype>', 'dtype of the cases (the float16 case compares float16 with float32 anyway)').choices(['float32', 'float16', 'float64']).default('float32'))
    .option('--quick', 'small sizes and short timings (about a minute on 2 cores)')
    .option('--full', 'the whole sweep: matmul to 8192 and 5000², elementwise to 1e8 (1e9 where memory allows)')
    .option('--reference', 'also run benchmarks/reference/run.py (NumPy; CuPy and PyTorch when they import) with python3')
    .option('--reference-engines <list>', `only these reference engines (implies --reference): ${REFERENCE_ENGINES.join(', ')}`)
    .option('--tensorboard <dir>', 'write TensorBoard scalar event files into DIR (tags <op>/<engine>, step = size)')
    .option('--out <dir>', 'output directory (default: bench-results/<timestamp>)')
    .option('--no-baseline', 'leave out the plain TypeScript loop baseline')
    .option('--max-run-seconds <s>', 'skip a size whose single run takes (or is predicted to take) longer', positive('--max-run-seconds'))
    .option('--memory-gb <gb>', 'memory budget for inputs, outputs and their copies (default: 60% of free memory)', positive('--memory-gb'))
    .option('--no-progress', 'no progress bar')
    .helpOption('-h, --help', 'show this help')
    .allowExcessArguments(false)
    .showSuggestionAfterError(true);
}

/**
 * Parses argv (without node and the script). Returns null when --help was printed.
 * Throws CliError with one line for any mistake.
 */
export function parseCli(argv: readonly string[], write: (s: string) => void = (s) => process.stdout.write(s)): CliOptions | null {
  const cmd = buildCommand();
  let helped = false;
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => {
      helped = true;
      write(s);
    },
    // Errors are reported by the caller as one line.
    writeErr: () => {},
    outputError: () => {},
  });
  try {
    cmd.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof CommanderError) {
      if (helped || e.code === 'commander.helpDisplayed' || e.code === 'commander.help') return null;
      throw new CliError(e.message.replace(/^error: /, '').split('\n')[0]!);
    }
    throw e;
  }
  const o = cmd.opts<{
    adapters?: string;
    cases?: string;
    sizes?: string[];
    dtype: CliOptions['dtype'];
    quick?: boolean;
    full?: boolean;
    reference?: boolean;
    referenceEngines?: string;
    tensorboard?: string;
    out?: string;
    baseline: boolean;
    maxRunSeconds?: number;
    memoryGb?: number;
    progress: boolean;
  }>();
  if (o.quick && o.full) throw new CliError('--quick and --full cannot be used together');
  let adapters: string[] = [...DEFAULT_ADAPTER_IDS];
  if (o.adapters !== undefined) {
    adapters = list(o.adapters);
    if (adapters.length === 0) throw new CliError('--adapters: expected at least one adapter');
    const unknown = adapters.filter((a) => !ADAPTER_IDS.includes(a));
    if (unknown.length) throw new CliError(`--adapters: unknown adapter ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${ADAPTER_IDS.join(', ')})`);
  }
  let cases: CaseName[] = [...CASES];
  if (o.cases !== undefined) {
    const c = list(o.cases);
    const unknown = c.filter((x) => !(CASES as readonly string[]).includes(x));
    if (unknown.length) throw new CliError(`--cases: unknown case ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${CASES.join(', ')})`);
    if (c.length === 0) throw new CliError('--cases: expected at least one case');
    cases = c as CaseName[];
  }
  const { sizes, sizesByCase } = parseSizes(o.sizes ?? []);
  let referenceEngines: string[] | null = null;
  if (o.referenceEngines !== undefined) {
    referenceEngines = list(o.referenceEngines);
    if (referenceEngines.length === 0) throw new CliError('--reference-engines: expected at least one engine');
    const unknown = referenceEngines.filter((e) => !(REFERENCE_ENGINES as readonly string[]).includes(e));
    if (unknown.length) throw new CliError(`--reference-engines: unknown engine ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${REFERENCE_ENGINES.join(', ')})`);
  }
  return {
    adapters: [...new Set(adapters)],
    adaptersExplicit: o.adapters !== undefined,
    cases,
    sizes,
    sizesByCase,
    dtype: o.dtype,
    mode: o.quick ? 'quick' : o.full ? 'full' : 'default',
    reference: o.reference === true || referenceEngines !== null,
    referenceEngines,
    tensorboard: o.tensorboard ?? null,
    out: o.out ?? null,
    baseline: o.baseline,
    maxRunSeconds: o.maxRunSeconds ?? null,
    memoryGb: o.memoryGb ?? null,
    progress: o.progress,
  };
}
