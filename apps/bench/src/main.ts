#!/usr/bin/env node
/**
 * `pnpm bench`: the command-line entry. Exit status: 0 when everything asked for ran; 1 when an
 * adapter named with --adapters (or --reference) could not start; 2 for bad flags; 130 after
 * Ctrl-C (what was measured is written first).
 */
import cliProgress from 'cli-progress';
import { join } from 'node:path';
import { newResults, run, timestampDir, writeOutputs } from './bench.js';
import { CliError, parseCli, type CliOptions } from './cli.js';
import { fmtTime } from './table.js';
import type { Results } from './schema.js';

async function main(argv: string[]): Promise<number> {
  let o: CliOptions | null;
  try {
    o = parseCli(argv);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`arr-bench: ${e.message} (see --help)\n`);
      return e.exitCode;
    }
    throw e;
  }
  if (o === null) return 0;
  const opts = o;
  const outDir = opts.out ?? join('bench-results', timestampDir());
  const res: Results = newResults(opts, argv);
  const abort = new AbortController();
  const tty = process.stdout.isTTY === true && opts.progress;
  const bar = tty
    ? new cliProgress.SingleBar(
        { format: ' {bar} {value}/{total} {eta_formatted} left | {label}', hideCursor: true, clearOnComplete: true, etaBuffer: 20 },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const log = (line: string) => {
    if (bar) bar.stop();
    process.stdout.write(line + '\n');
  };

  let written = false;
  const finish = (): string[] => {
    written = true;
    const { files, summary } = writeOutputs(res, outDir, opts.tensorboard);
    process.stdout.write('\n' + summary.join('\n') + '\n\n');
    for (const f of files) process.stdout.write(`wrote ${f}\n`);
    return files;
  };

  process.on('SIGINT', () => {
    if (abort.signal.aborted) {
      // A second Ctrl-C while writing: give up at once.
      process.exit(130);
    }
    bar?.stop();
    process.stdout.write('\nCtrl-C: stopping after the current measurement and writing what was measured (Ctrl-C again to quit at once)…\n');
    abort.abort();
    // A GPU measurement may never settle after the abort (seen on the H200 host, where runs
    // stopped this way wrote nothing): write what is recorded so far and leave.
    setTimeout(() => {
      if (written) return;
      res.complete = false;
      process.stdout.write('the current measurement did not stop within 10 s; writing what was measured before it\n');
      finish();
      process.exit(130);
    }, 10_000).unref();
  });

  let total = 0;
  let current = 0;
  const bench = await run(opts, res, {
    log,
    signal: abort.signal,
    onPlan: (n) => {
      total = n;
      process.stdout.write(`${n} measurements planned (${opts.mode} mode); results go to ${outDir}\n`);
      bar?.start(n, 0, { label: '' });
    },
    onItem: (item, i, phase, r) => {
      const label = `${item.op.op} ${item.dtype} ${item.engine.id} size ${item.size}`;
      if (phase === 'start') {
        current = i;
        bar?.update(i, { label });
        return;
      }
      bar?.update(i + 1, { label });
      if (!bar) {
        const what = r?.status === 'ok' ? fmtTime(r.stats?.compute?.median ?? NaN) : `${r?.status}: ${r?.note}`;
        process.stdout.write(`[${current + 1}/${total}] ${label}: ${what}\n`);
      }
    },
    onReferenceLine: (l) => process.stdout.write(`  [reference] ${l}\n`),
  });
  bar?.stop();
  if (!written) finish();
  if (abort.signal.aborted) return 130;
  return bench.explicitFailures.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`arr-bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
