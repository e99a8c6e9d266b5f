/** The terminal tables (cli-table3): one per op, sizes down, engines across, compute medians. */
import Table from 'cli-table3';
import type { ResultRecord } from './schema.js';

export function fmtTime(ms: number): string {
  if (ms < 1e-3) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

function fmtSize(n: number): string {
  if (n >= 1e3 && Number.isInteger(Math.log10(n))) return `1e${Math.log10(n)}`;
  return String(n);
}

/** One table per op and dtype. A cell is the compute median, `(total)` with transfers when they differ. */
export function resultTables(results: readonly ResultRecord[], color = false): string[] {
  const out: string[] = [];
  const groups = [...new Set(results.map((r) => `${r.case}\u0000${r.op}\u0000${r.dtype}`))];
  for (const g of groups) {
    const [c, op, dtype] = g.split('\u0000') as [string, string, string];
    const rows = results.filter((r) => r.case === c && r.op === op && r.dtype === dtype);
    const engines = [...new Set(rows.map((r) => r.engine))];
    const sizes = [...new Set(rows.map((r) => r.size))].sort((a, b) => a - b);
    const t = new Table({
      head: [`${c === 'float16' ? 'float16 case: ' : ''}${op} ${dtype}`, ...engines],
      style: color ? { head: ['cyan'] } : { head: [], border: [] },
    });
    for (const s of sizes) {
      t.push([
        fmtSize(s),
        ...engines.map((e) => {
          const r = rows.find((x) => x.engine === e && x.size === s);
          if (!r) return '';
          if (r.status === 'skipped') return 'skipped';
          if (r.status === 'failed') return 'failed';
          const c = r.stats?.compute?.median;
          const tot = r.stats?.total?.median;
          return c === undefined ? '' : tot !== undefined ? `${fmtTime(c)} (${fmtTime(tot)})` : fmtTime(c);
        }),
      ]);
    }
    out.push(t.toString());
  }
  return out;
}
