/**
 * The support-matrix record: per function and dtype, whether the suite passed. Written as JSON
 * to `$ARR_SUPPORT_MATRIX_OUT` after the suite; `node scripts/support-matrix.mjs <files…>` renders
 * docs/support-matrix.md from one or more records.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Status = 'pass' | 'fail' | 'expected-fail' | 'unsupported';

export interface SupportMatrixRecord {
  adapter: string;
  device: string;
  engine: unknown;
  generated: string;
  results: Record<string, Record<string, Status>>;
}

const RANK: Record<Status, number> = { unsupported: 0, pass: 1, 'expected-fail': 2, fail: 3 };

/** Collects outcomes; the worst outcome of a function × dtype cell wins. */
export class Recorder {
  readonly results: Record<string, Record<string, Status>> = {};

  record(fn: string, dtype: string, status: Status): void {
    const row = (this.results[fn] ??= {});
    const prev = row[dtype];
    if (prev === undefined || RANK[status] > RANK[prev]) row[dtype] = status;
  }

  toRecord(adapter: string, device: string, engine: unknown): SupportMatrixRecord {
    return { adapter, device, engine, generated: new Date().toISOString(), results: this.results };
  }

  /** Writes the record when `ARR_SUPPORT_MATRIX_OUT` names a file. */
  writeIfRequested(adapter: string, device: string, engine: unknown): string | undefined {
    const out = process.env.ARR_SUPPORT_MATRIX_OUT;
    if (!out) return undefined;
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(this.toRecord(adapter, device, engine), null, 1) + '\n');
    return out;
  }
}
