import { describe, expect, it } from 'vitest';
import { ADAPTER_IDS, DEFAULT_ADAPTER_IDS } from './adapters.js';
import { CASES } from './cases.js';
import { CliError, parseCli, parseSize } from './cli.js';

const parse = (...argv: string[]) => parseCli(argv, () => {});
const err = (...argv: string[]) => {
  try {
    parse(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
};

describe('parseCli', () => {
  it('defaults to every adapter, every case, float32, default mode', () => {
    const o = parse()!;
    expect(o.adapters).toEqual(DEFAULT_ADAPTER_IDS);
    expect(o.adapters).not.toContain('cuda:unfused');
    expect(o.adaptersExplicit).toBe(false);
    expect(o.cases).toEqual([...CASES]);
    expect(o).toMatchObject({ dtype: 'float32', mode: 'default', reference: false, referenceEngines: null, tensorboard: null, out: null, sizes: null, baseline: true });
  });

  it('--reference-engines picks Python engines and implies --reference', () => {
    expect(parse('--reference-engines', 'cupy, torch:cuda:tf32')).toMatchObject({ reference: true, referenceEngines: ['cupy', 'torch:cuda:tf32'] });
    expect(err('--reference-engines', 'cupy,jax')).toContain('unknown engine "jax"');
  });

  it('reads every flag', () => {
    const o = parse('--adapters', 'ndarray, onnxruntime:webgpu', '--cases', 'matmul,filter', '--sizes', '16,1e6,2^10', '--dtype', 'float16', '--full', '--reference', '--tensorboard', 'tb', '--out', 'o', '--no-baseline', '--max-run-seconds', '2', '--memory-gb', '1.5')!;
    expect(o).toMatchObject({
      adapters: ['ndarray', 'onnxruntime:webgpu'],
      adaptersExplicit: true,
      cases: ['matmul', 'filter'],
      sizes: [16, 1e6, 1024],
      dtype: 'float16',
      mode: 'full',
      reference: true,
      tensorboard: 'tb',
      out: 'o',
      baseline: false,
      maxRunSeconds: 2,
      memoryGb: 1.5,
    });
    expect(parse('--quick')!.mode).toBe('quick');
  });

  it('prints help and returns null for --help', () => {
    let text = '';
    expect(parseCli(['--help'], (s) => (text += s))).toBeNull();
    expect(text).toContain('--adapters');
    expect(text).toContain('--tensorboard');
  });

  it('gives one clear line for each mistake', () => {
    expect(err('--adapters', 'ndarray,tfjs:gpu')).toBe(`--adapters: unknown adapter "tfjs:gpu" (known: ${ADAPTER_IDS.join(', ')})`);
    expect(err('--cases', 'matmul,fft')).toContain('--cases: unknown case "fft"');
    expect(err('--sizes', '16,abc')).toContain('--sizes: "abc" is not a positive integer size');
    expect(err('--sizes', '0')).toContain('--sizes: "0"');
    expect(err('--quick', '--full')).toBe('--quick and --full cannot be used together');
    expect(err('--dtype', 'int8')).toContain("'int8' is invalid");
    expect(err('--frobnicate')).toContain("unknown option '--frobnicate'");
    expect(err('--out')).toContain("option '--out <dir>' argument missing");
    expect(err('--max-run-seconds', '-1')).toContain('--max-run-seconds: "-1" is not a positive number');
    expect(err('extra')).toContain('too many arguments');
  });

  it('takes sizes per case, and a plain list for the other cases', () => {
    const o = parse('--sizes', 'matmul=64,2^12', '--sizes', '1e3,1e5', '--sizes', 'reduction=10')!;
    expect(o.sizes).toEqual([1e3, 1e5]);
    expect(o.sizesByCase).toEqual({ matmul: [64, 4096], reduction: [10] });
    expect(parse()!.sizesByCase).toEqual({});
    expect(err('--sizes', 'matmool=4')).toContain('--sizes: unknown case "matmool"');
    expect(err('--sizes', 'matmul=4', '--sizes', 'matmul=8')).toContain('case "matmul" given twice');
    expect(err('--sizes', '4', '--sizes', '8')).toContain('give one list for every case');
    expect(err('--sizes', 'matmul=')).toContain('expected at least one size');
  });

  it('parses sizes', () => {
    expect(parseSize('4096')).toBe(4096);
    expect(parseSize('1e8')).toBe(1e8);
    expect(parseSize('2^20')).toBe(2 ** 20);
    expect(() => parseSize('1.5')).toThrow(CliError);
  });
});
