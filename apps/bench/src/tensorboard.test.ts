import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ResultRecord, Stat } from './schema.js';
import { writeEventFile } from './tensorboard.js';

// ---- an independent reader: bitwise CRC32C and a hand-written protobuf decoder ----

function crc32cBitwise(bytes: Uint8Array): number {
  let crc = ~0 >>> 0;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? ((crc >>> 1) ^ 0x82f63b78) >>> 0 : crc >>> 1;
  }
  return ~crc >>> 0;
}
const masked = (b: Uint8Array) => {
  const c = crc32cBitwise(b);
  return (((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0;
};

function readRecords(buf: Uint8Array): Uint8Array[] {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Uint8Array[] = [];
  let p = 0;
  while (p < buf.length) {
    const len = Number(v.getBigUint64(p, true));
    expect(v.getUint32(p + 8, true), 'length CRC').toBe(masked(buf.subarray(p, p + 8)));
    const data = buf.subarray(p + 12, p + 12 + len);
    expect(v.getUint32(p + 12 + len, true), 'data CRC').toBe(masked(data));
    out.push(data);
    p += 12 + len + 4;
  }
  expect(p).toBe(buf.length);
  return out;
}

type Field = { no: number; wire: number; varint?: bigint; bytes?: Uint8Array; f64?: number; f32?: number };
function fields(b: Uint8Array): Field[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: Field[] = [];
  let p = 0;
  const varint = () => {
    let r = 0n;
    let s = 0n;
    for (;;) {
      const x = b[p++]!;
      r |= BigInt(x & 0x7f) << s;
      s += 7n;
      if (!(x & 0x80)) return r;
    }
  };
  while (p < b.length) {
    const key = Number(varint());
    const no = key >> 3;
    const wire = key & 7;
    if (wire === 0) out.push({ no, wire, varint: varint() });
    else if (wire === 1) {
      out.push({ no, wire, f64: v.getFloat64(p, true) });
      p += 8;
    } else if (wire === 5) {
      out.push({ no, wire, f32: v.getFloat32(p, true) });
      p += 4;
    } else if (wire === 2) {
      const len = Number(varint());
      out.push({ no, wire, bytes: b.subarray(p, p + len) });
      p += len;
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}

interface Ev {
  wallTime?: number;
  step: number;
  fileVersion?: string;
  values: { tag: string; value: number }[];
}
function decodeEvent(b: Uint8Array): Ev {
  const ev: Ev = { step: 0, values: [] };
  for (const f of fields(b)) {
    if (f.no === 1) ev.wallTime = f.f64!;
    else if (f.no === 2) ev.step = Number(f.varint!);
    else if (f.no === 3) ev.fileVersion = new TextDecoder().decode(f.bytes!);
    else if (f.no === 5) {
      for (const vf of fields(f.bytes!)) {
        if (vf.no !== 1) continue;
        const val = { tag: '', value: NaN };
        for (const x of fields(vf.bytes!)) {
          if (x.no === 1) val.tag = new TextDecoder().decode(x.bytes!);
          if (x.no === 2) val.value = x.f32!;
        }
        ev.values.push(val);
      }
    }
  }
  return ev;
}

// ---- the test ----

const tmp = mkdtempSync(join(os.tmpdir(), 'arr-bench-tb-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const stat = (median: number): Stat => ({ median, min: median * 0.9, max: median * 1.2, mean: median, samples: 10 });
const rec = (op: string, engine: string, size: number, compute: number, total: number | null, dtype = 'float32'): ResultRecord => ({
  case: op === 'matmul' ? 'matmul' : 'elementwise',
  op,
  engine,
  dtype,
  size,
  shape: [size],
  status: 'ok',
  stats: { upload: null, compute: stat(compute), download: null, total: total === null ? null : stat(total) },
});

describe('TensorBoard event files', () => {
  it('frame every record with valid masked CRC32C and carry the tags, steps and values', () => {
    const results: ResultRecord[] = [
      rec('matmul', 'ndarray', 64, 1.25, 1.5),
      rec('matmul', 'ndarray', 4096, 12345.678, 12400),
      rec('matmul', 'cuda', 4096, 2.75, 53.1),
      rec('chain', 'typescript', 1e6, 3.3, null),
      rec('matmul', 'ndarray', 64, 2.5, 2.75, 'float16'),
      { ...rec('chain', 'ndarray', 1e4, 0.5, null, 'float16'), case: 'float16' },
      { ...rec('add', 'ndarray', 10, 1, 1), status: 'skipped', note: 'x', stats: undefined } as ResultRecord,
    ];
    const path = writeEventFile(tmp, results, new Date(1_700_000_000_000));
    expect(readdirSync(tmp)).toEqual([path.slice(tmp.length + 1)]);
    expect(path).toMatch(/events\.out\.tfevents\.1700000000\./);
    const events = readRecords(new Uint8Array(readFileSync(path))).map(decodeEvent);
    expect(events[0]).toMatchObject({ fileVersion: 'brain.Event:2', wallTime: 1_700_000_000, values: [] });
    const scalars = events.slice(1).map((e) => ({ tag: e.values[0]!.tag, step: e.step, value: e.values[0]!.value, n: e.values.length }));
    expect(scalars).toEqual([
      { tag: 'matmul/ndarray', step: 64, value: Math.fround(1.25), n: 1 },
      { tag: 'matmul_total/ndarray', step: 64, value: Math.fround(1.5), n: 1 },
      { tag: 'matmul/ndarray', step: 4096, value: Math.fround(12345.678), n: 1 },
      { tag: 'matmul_total/ndarray', step: 4096, value: Math.fround(12400), n: 1 },
      { tag: 'matmul/cuda', step: 4096, value: Math.fround(2.75), n: 1 },
      { tag: 'matmul_total/cuda', step: 4096, value: Math.fround(53.1), n: 1 },
      { tag: 'chain/typescript', step: 1e6, value: Math.fround(3.3), n: 1 },
      { tag: 'matmul_float16/ndarray', step: 64, value: Math.fround(2.5), n: 1 },
      { tag: 'matmul_float16_total/ndarray', step: 64, value: Math.fround(2.75), n: 1 },
      { tag: 'float16_chain_float16/ndarray', step: 1e4, value: Math.fround(0.5), n: 1 },
    ]);
    expect(events.slice(1).every((e) => e.wallTime === 1_700_000_000)).toBe(true);
  });

  it('matches the CRC32C check value', () => {
    // RFC 3720's test vector: 32 bytes of zeros → 0x8A9136AA; "123456789" → 0xE3069283.
    expect(crc32cBitwise(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32cBitwise(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });
});
