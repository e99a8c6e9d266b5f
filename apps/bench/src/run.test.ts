import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAdapter, loadAdapter } from './adapters.js';
import { newResults, run, writeOutputs } from './bench.js';
import { OPS } from './cases.js';
import { parseCli } from './cli.js';
import { validateResults, type Results } from './schema.js';

const tmp = mkdtempSync(join(os.tmpdir(), 'arr-bench-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const silent = { log: () => {} };

describe('a tiny real run (ndarray, --quick, tiny sizes)', () => {
  it('writes results.json in the schema, report.html, summary.txt and TensorBoard events', async () => {
    const argv = ['--quick', '--sizes', '4,16', '--adapters', 'ndarray', '--max-run-seconds', '5'];
    const o = parseCli(argv)!;
    const res = newResults(o, argv);
    const { explicitFailures } = await run(o, res, silent);
    expect(explicitFailures).toEqual([]);
    const out = join(tmp, 'run');
    const { files } = writeOutputs(res, out, join(tmp, 'tb'));
    expect(files.map((f) => f.slice(out.length + 1)).slice(0, 3)).toEqual(['results.json', 'report.html', 'summary.txt']);

    const r = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    expect(validateResults(r)).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.environment.cpu.cores).toBeGreaterThan(0);
    expect(r.environment.packages['@arr/adapter-ndarray']).toMatch(/^\d/);
    const nd = r.engines.find((e) => e.id === 'ndarray')!;
    expect(nd).toMatchObject({ status: 'ok', kind: 'cpu', source: 'arr' });
    expect(nd.engine?.adapter).toBe('ndarray');
    expect(r.engines.find((e) => e.id === 'typescript')?.status).toBe('ok');

    // Every op ran on ndarray, with the whole breakdown.
    for (const op of OPS) {
      const mine = r.results.filter((x) => x.engine === 'ndarray' && x.op === op.op && x.case === op.case);
      expect(mine.length, `${op.case}/${op.op}`).toBeGreaterThan(0);
      for (const x of mine.filter((m) => m.status === 'ok')) {
        expect(x.stats!.compute!.samples).toBeGreaterThan(0);
        expect(x.stats!.total).not.toBeNull();
        expect(x.stats!.download).not.toBeNull();
        if (op.op !== 'ones') expect(x.stats!.upload).not.toBeNull();
      }
      const failed = mine.filter((m) => m.status === 'failed');
      expect(failed.map((f) => `${f.op} ${f.dtype} ${f.size}: ${f.note}`)).toEqual([]);
    }
    // float16 results carry the error against float64 and the memory used.
    const f16 = r.results.filter((x) => x.case === 'float16' && x.status === 'ok' && x.engine === 'ndarray');
    for (const x of f16) {
      expect(x.accuracy!.maxAbsError).toBeGreaterThanOrEqual(0);
      expect(x.accuracy!.maxRelError).toBeLessThan(x.dtype === 'float16' ? 1e-2 : 1e-5);
    }
    // The baseline runs the loops only.
    const ts = r.results.filter((x) => x.engine === 'typescript');
    expect(new Set(ts.map((x) => x.op))).toEqual(new Set(['matmul', 'mul-scalar', 'square', 'add', 'chain', 'axpy', 'chain10', 'sum']));
    expect(ts.every((x) => x.stats?.upload === null && x.stats?.compute !== null)).toBe(true);

    expect(r.crossover).toEqual([]);
    const summary = readFileSync(join(out, 'summary.txt'), 'utf8');
    expect(summary).toContain('no GPU engine ran');
    expect(summary).toContain('matmul float32');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('const DATA =');
    expect(html).not.toMatch(/<script[^>]+src=/); // self-contained
  });

  it('keeps what was measured when stopped (Ctrl-C)', async () => {
    const o = parseCli(['--quick', '--sizes', '4', '--adapters', 'ndarray', '--cases', 'elementwise'])!;
    const res = newResults(o, []);
    const abort = new AbortController();
    let done = 0;
    await run(o, res, {
      log: () => {},
      signal: abort.signal,
      onItem: (_i, _n, phase) => {
        if (phase === 'done' && ++done === 2) abort.abort();
      },
    });
    expect(res.complete).toBe(false);
    expect(res.results.length).toBe(2);
    writeOutputs(res, join(tmp, 'stopped'), null);
    const r = JSON.parse(readFileSync(join(tmp, 'stopped', 'results.json'), 'utf8')) as Results;
    expect(validateResults(r)).toEqual([]);
    expect(r.complete).toBe(false);
  });

  it('reports an engine that is asked for but cannot start, and a non-zero exit', async () => {
    // tfjs's tensorflow backend needs @tensorflow/tfjs-node(-gpu), which this repo never installs
    // (its install downloads from Google), so it cannot start on any machine that runs these tests.
    const o = parseCli(['--quick', '--sizes', '4', '--adapters', 'tfjs:tensorflow', '--cases', 'overhead', '--no-baseline'])!;
    const res = newResults(o, []);
    const lines: string[] = [];
    const { explicitFailures } = await run(o, res, { log: (l) => lines.push(l) });
    expect(explicitFailures.map((e) => e.id)).toEqual(['tfjs:tensorflow']);
    expect(res.engines[0]).toMatchObject({ id: 'tfjs:tensorflow', status: 'failed', explicit: true });
    expect(res.engines[0]!.reason).toMatch(/'tensorflow' backend cannot start: .*@tensorflow\/tfjs-node/);
    expect(lines).toEqual([expect.stringMatching(/^error: tfjs:tensorflow could not start: .*tfjs-node/)]);
    expect(res.results).toEqual([]);
  });
});

describe('loadAdapter', () => {
  const spec = findAdapter('onnxruntime:webgpu')!;
  it('says why an engine cannot start', async () => {
    const r = await loadAdapter(spec, true, async () => ({
      createNamespace: async () => {
        throw new Error('DeviceError: createNamespace: no WebGPU adapter found\n  at …');
      },
    }));
    expect(r.record).toMatchObject({ status: 'failed', reason: 'onnxruntime:webgpu could not start: DeviceError: createNamespace: no WebGPU adapter found' });
  });
  it('refuses an engine that reports another backend (no silent fallback)', async () => {
    const fake = {
      info: () => ({ engine: () => ({ adapter: 'onnxruntime', backend: 'cpu', device: 'x' }), dtypes: () => ({ float32: 'float32' }), defaultDevice: () => ({ kind: 'cpu', id: 'cpu' }) }),
    };
    const r = await loadAdapter(spec, false, async () => ({ createNamespace: async () => fake }));
    expect(r.record.status).toBe('failed');
    expect(r.record.reason).toBe('onnxruntime:webgpu: asked for webgpu but engine() reports backend cpu');
    expect(r.ns).toBeUndefined();
  });
  it('tells a missing package from a missing dependency inside it', async () => {
    const missing = Object.assign(new Error("Cannot find package '@arr/adapter-onnxruntime' imported from x"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect((await loadAdapter(spec, false, async () => Promise.reject(missing))).record.status).toBe('skipped');
    const inner = Object.assign(new Error("Cannot find package 'onnxruntime-node' imported from y"), { code: 'ERR_MODULE_NOT_FOUND' });
    const r = await loadAdapter(spec, false, async () => Promise.reject(inner));
    expect(r.record.status).toBe('failed');
    expect(r.record.reason).toContain("failed to load: Cannot find package 'onnxruntime-node'");
  });
});

describe("a package's ready() export", () => {
  it('is what compute waits on instead of reading an element back', async () => {
    const { sync, useReady } = await import('./cases.js');
    const spec = findAdapter('cuda')!;
    const waited: unknown[] = [];
    const fake = {
      info: () => ({ engine: () => ({ adapter: 'cuda', backend: 'cuda', device: 'x' }), dtypes: () => ({ float32: 'float32' }), defaultDevice: () => ({ kind: 'gpu', id: 'cuda:0' }) }),
    };
    const r = await loadAdapter(spec, false, async () => ({ createNamespace: async () => fake, ready: async (y: unknown) => { waited.push(y); } }));
    expect(r.record.status).toBe('ok');
    expect(typeof r.ready).toBe('function');
    useReady(r.ns!, r.ready!);
    const y = { shape: [2], dtype: 'float32', size: 2, data: () => Promise.reject(new Error('read')), get: () => { throw new Error('get'); }, dispose: () => {} };
    await sync(y, r.ns);
    expect(waited).toEqual([y]);
    // Without ready(), one element is read back.
    await expect(sync(y)).rejects.toThrow('get');
  });
});

describe('engines limited to some cases', () => {
  it('cuda:tf32 is opt-in and plans matmul only; other engines plan every case', async () => {
    const { plan } = await import('./runner.js');
    const spec = findAdapter('cuda:tf32')!;
    expect(spec).toMatchObject({ optIn: true, options: { tf32: true }, cases: ['matmul'] });
    const o = parseCli(['--quick', '--cases', 'matmul,elementwise,overhead'])!;
    const items = plan([{ id: 'cuda:tf32', kind: 'gpu', cases: spec.cases! }, { id: 'cuda', kind: 'gpu' }], o);
    expect(new Set(items.filter((i) => i.engine.id === 'cuda:tf32').map((i) => i.op.case))).toEqual(new Set(['matmul']));
    expect(new Set(items.filter((i) => i.engine.id === 'cuda').map((i) => i.op.case))).toEqual(new Set(['matmul', 'elementwise', 'overhead']));
  });
});
