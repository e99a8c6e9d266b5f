/**
 * `pnpm demo`: runs the demo program on every installed @arr adapter and prints the results and
 * `np.info().engine()`; adapters that are not installed get one line each.
 */
import { pathToFileURL } from 'node:url';
import type { ArrayNamespace } from '@arr/core';
import { runProgram, type ProgramResult } from './program.js';

export const ADAPTERS = ['@arr/adapter-ndarray', '@arr/adapter-tfjs', '@arr/adapter-onnxruntime'] as const;

export type Outcome =
  | { readonly adapter: string; readonly status: 'ok'; readonly result: ProgramResult }
  | { readonly adapter: string; readonly status: 'not installed' }
  | { readonly adapter: string; readonly status: 'failed'; readonly error: string };

/** True when `import(name)` failed because the package itself is absent (not a broken dependency of it). */
function isMissing(e: unknown, name: string): boolean {
  const err = e as { code?: string; message?: string };
  return (err?.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (package|module)|Failed to (load|resolve)/.test(err?.message ?? '')) &&
    (err?.message ?? '').includes(name);
}

/** Loads each adapter (dynamic import, so absent ones are skipped) and runs the program on it. */
export async function runAll(
  load: (name: string) => Promise<{ default?: unknown }> = (name) => import(name),
): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const adapter of ADAPTERS) {
    let mod: { default?: unknown };
    try {
      mod = await load(adapter);
    } catch (e) {
      if (isMissing(e, adapter)) out.push({ adapter, status: 'not installed' });
      else out.push({ adapter, status: 'failed', error: String((e as Error)?.message ?? e) });
      continue;
    }
    try {
      const np = mod.default as ArrayNamespace | undefined;
      if (!np || typeof np.info !== 'function') throw new Error('its default export is not a namespace');
      out.push({ adapter, status: 'ok', result: await runProgram(np) });
    } catch (e) {
      out.push({ adapter, status: 'failed', error: `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? e}` });
    }
  }
  return out;
}

const fmt = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

/** The printed report. */
export function report(outcomes: readonly Outcome[]): string {
  const lines: string[] = ['@arr demo: softmax, matmul, sum, mean and slices of [[1, 2, 3], [4, 6, 8]] (float32)', ''];
  for (const o of outcomes) {
    if (o.status === 'not installed') {
      lines.push(`not installed: ${o.adapter}`);
      continue;
    }
    if (o.status === 'failed') {
      lines.push(`failed: ${o.adapter}: ${o.error}`);
      continue;
    }
    const { engine, ...r } = o.result;
    const details = engine.details ? ` ${fmt(engine.details)}` : '';
    lines.push(`${o.adapter}`);
    const rows: [string, unknown][] = [
      ['softmax', r.softmax],
      ['x @ x.mT', r.matmul],
      ['sum(axis 0)', r.sum],
      ['mean', r.mean],
      ['x[:, 1:]', r.slice],
      ['x[::-1, ::2]', r.reversed],
    ];
    lines.push(`  ${'engine'.padEnd(13)} adapter=${engine.adapter} backend=${engine.backend} device=${engine.device}${details}`);
    for (const [label, value] of rows) lines.push(`  ${label.padEnd(13)} ${fmt(value)}`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const outcomes = await runAll();
  console.log(report(outcomes));
  if (!outcomes.some((o) => o.status === 'ok')) {
    console.error('no adapter could run the program');
    process.exitCode = 1;
  } else if (outcomes.some((o) => o.status === 'failed')) {
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
