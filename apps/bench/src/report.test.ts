import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { crossoverLines, crossovers } from './crossover.js';
import { renderReport } from './report.js';
import { SCHEMA_NAME, SCHEMA_VERSION, type EngineRecord, type ResultRecord, type Results, type Stat } from './schema.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report.test.ts: skipping the headless Chromium check: ${CHROMIUM} not found (apt-get install -y chromium)`);

const tmp = mkdtempSync(join(os.tmpdir(), 'arr-bench-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const stat = (median: number): Stat => ({ median, min: median * 0.9, max: median * 1.3, mean: median * 1.05, samples: 12 });

/** Results with every chart kind: CPU and GPU engines, NumPy, transfers, float16, overhead. */
function sample(): Results {
  const engines: EngineRecord[] = [
    { id: 'ndarray', source: 'arr', kind: 'cpu', status: 'ok', explicit: false, engine: { adapter: 'ndarray', backend: 'js', device: 'cpu' }, float16: true },
    { id: 'cuda', source: 'arr', kind: 'gpu', status: 'ok', explicit: true, engine: { adapter: 'cuda', backend: 'cuda', device: 'NVIDIA H200' }, float16: true },
    { id: 'typescript', source: 'baseline', kind: 'cpu', status: 'ok', explicit: false },
    { id: 'numpy', source: 'reference', kind: 'cpu', status: 'ok', explicit: false },
    { id: 'tfjs:wasm', source: 'arr', kind: 'cpu', status: 'skipped', explicit: false, reason: '@arr/adapter-tfjs is not installed' },
  ];
  const results: ResultRecord[] = [];
  const add = (c: string, op: string, engine: string, size: number, ms: number, opts: { transfers?: number; dtype?: string; acc?: number } = {}) =>
    results.push({
      case: c,
      op,
      engine,
      dtype: opts.dtype ?? 'float32',
      size,
      shape: [size],
      status: 'ok',
      stats: {
        upload: opts.transfers !== undefined ? stat(opts.transfers * 0.6) : null,
        compute: stat(ms),
        download: opts.transfers !== undefined ? stat(opts.transfers * 0.4) : null,
        total: opts.transfers !== undefined ? stat(ms + opts.transfers) : null,
      },
      ...(opts.acc !== undefined ? { accuracy: { maxAbsError: opts.acc, maxRelError: opts.acc / 10 }, memoryBytes: size * size * 6 } : {}),
    });
  for (const n of [16, 64, 256, 1024, 4096]) {
    add('matmul', 'matmul', 'ndarray', n, 2e-6 * n ** 3, { transfers: 1e-5 * n * n });
    add('matmul', 'matmul', 'numpy', n, 2e-8 * n ** 3 + 0.001, { transfers: 1e-6 * n * n });
    add('matmul', 'matmul', 'cuda', n, 0.02 + 1e-10 * n ** 3, { transfers: 0.05 + 3e-5 * n * n });
    if (n <= 256) add('matmul', 'matmul', 'typescript', n, 3e-6 * n ** 3);
  }
  for (const n of [1e3, 1e5, 1e7]) {
    add('elementwise', 'chain', 'ndarray', n, 1e-5 * n, { transfers: 2e-6 * n });
    add('elementwise', 'chain', 'numpy', n, 2e-6 * n, { transfers: 1e-6 * n });
    add('elementwise', 'chain', 'cuda', n, 0.01 + 1e-8 * n, { transfers: 0.05 + 1e-6 * n });
  }
  for (const n of [64, 256]) {
    for (const dtype of ['float32', 'float16']) {
      add('float16', 'matmul', 'ndarray', n, (dtype === 'float16' ? 3e-6 : 2e-6) * n ** 3, { transfers: 1e-5 * n * n, dtype, acc: dtype === 'float16' ? 0.05 : 1e-6 });
      add('float16', 'matmul', 'cuda', n, 0.02, { transfers: 0.05, dtype, acc: dtype === 'float16' ? 0.06 : 1e-6 });
    }
  }
  add('overhead', 'add-1', 'ndarray', 1, 0.004, { transfers: 0.004 });
  add('overhead', 'add-1', 'cuda', 1, 0.02, { transfers: 0.03 });
  add('overhead', 'add-1', 'numpy', 1, 0.0005, { transfers: 0.001 });
  results.push({ case: 'matmul', op: 'matmul', engine: 'ndarray', dtype: 'float32', size: 8192, shape: [8192, 8192], status: 'skipped', note: 'predicted 2.1 h per run' });
  return {
    schema: SCHEMA_NAME,
    version: SCHEMA_VERSION,
    generator: '@arr/bench',
    startedAt: '2026-11-22T00:00:00.000Z',
    finishedAt: '2026-11-22T00:10:00.000Z',
    complete: true,
    command: [],
    options: { mode: 'full', cases: ['matmul'], sizes: null, dtype: 'float32', adapters: ['ndarray', 'cuda'], reference: true },
    environment: {
      node: 'v20.20.2',
      platform: 'linux',
      arch: 'x64',
      hostname: 'h',
      cpu: { model: 'Test CPU', cores: 16 },
      memory: { totalBytes: 2 ** 37, freeBytes: 2 ** 36 },
      gpus: [{ name: 'NVIDIA H200', driver: '580', memoryBytes: 141 * 2 ** 30 }],
      git: { commit: 'abc', dirty: false },
      packages: { '@arr/core': '0.1.0' },
    },
    engines,
    results,
    crossover: crossovers(results, engines),
    notes: ['a note'],
  };
}

describe('report.html', () => {
  it('finds the crossover of the sample data', () => {
    const r = sample();
    const m = r.crossover.find((c) => c.op === 'matmul' && c.dtype === 'float32')!;
    expect(m.gpuEngine).toBe('cuda');
    expect(m.withoutTransfers).toBe(256);
    expect(m.withTransfers).toBe(4096);
    expect(crossoverLines(r.crossover, r.engines).join('\n')).toContain('matmul float32 cuda: compute only from size 256; with transfers from size 4096');
  });

  it.skipIf(!hasChromium)(`renders every chart in headless Chromium${hasChromium ? '' : ` (skipped: ${CHROMIUM} not found)`}`, async () => {
    const r = sample();
    const file = join(tmp, 'report.html');
    writeFileSync(file, renderReport(r, crossoverLines(r.crossover, r.engines)));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Self-contained: any network request is a bug.
      const requests: string[] = [];
      page.on('request', (q) => {
        if (!q.url().startsWith('file:')) requests.push(q.url());
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => (globalThis as unknown as { __chartsDone?: boolean }).__chartsDone === true, undefined, { timeout: 20_000 });
      // Runs in the page (no DOM types here: this package compiles for Node).
      const state = await page.evaluate(() => {
        type Canvas = { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
        type El = { querySelectorAll(s: string): { length: number } };
        const g = globalThis as unknown as {
          __charts: number;
          __chartErrors: string[];
          document: { querySelectorAll(s: 'canvas'): Iterable<Canvas>; getElementById(id: string): El };
        };
        const painted = [...g.document.querySelectorAll('canvas')].map((c) => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
          return { w: c.width, h: c.height, painted: n / (c.width * c.height) };
        });
        const sections = Object.fromEntries(
          ['time-charts', 'speedup-charts', 'breakdown-charts', 'float16-charts', 'overhead-charts'].map((id) => [id, g.document.getElementById(id).querySelectorAll('canvas').length]),
        );
        return { charts: g.__charts, errors: g.__chartErrors, painted, sections };
      });
      expect(errors).toEqual([]);
      expect(state.errors).toEqual([]);
      expect(requests).toEqual([]);
      // Time and breakdown for matmul, chain and the float16 case's matmul in float32 and float16;
      // speedup where NumPy ran (matmul, chain).
      expect(state.sections).toEqual({ 'time-charts': 4, 'speedup-charts': 2, 'breakdown-charts': 4, 'float16-charts': 1, 'overhead-charts': 1 });
      expect(state.charts).toBe(state.painted.length);
      for (const [i, p] of state.painted.entries()) {
        expect(p.w, `canvas ${i} width`).toBeGreaterThan(100);
        expect(p.painted, `canvas ${i} painted fraction`).toBeGreaterThan(0.01);
      }
      await page.screenshot({ path: join(tmp, 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
