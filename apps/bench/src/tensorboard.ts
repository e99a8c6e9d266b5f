/**
 * TensorBoard scalar event files: TFRecord framing (length, masked CRC32C of the length, data,
 * masked CRC32C of the data) around protobuf `Event` messages (tensorflow/core/util/event.proto),
 * encoded with protobufjs. Tags are `<op>/<engine>` (the compute median in ms) and
 * `<op>_total/<engine>` (upload + compute + download); step is the size. Another dtype than
 * float32 is added to the op (`matmul_float64`); the float16 case's tags are `float16_<op>_<dtype>`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import type { ResultRecord } from './schema.js';

// The fields of event.proto and summary.proto that scalar summaries use.
const PROTO = `
syntax = "proto3";
package tensorboard;
message SummaryValue { string tag = 1; float simple_value = 2; }
message Summary { repeated SummaryValue value = 1; }
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what { string file_version = 3; Summary summary = 5; }
}
`;

const root = protobuf.parse(PROTO).root;
export const EventType = root.lookupType('tensorboard.Event');

/** CRC32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven. */
const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** TFRecord's masked CRC: rotate right by 15 and add a constant. */
export function maskedCrc32c(bytes: Uint8Array): number {
  const c = crc32c(bytes);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** One TFRecord: uint64 length, masked CRC of the length bytes, data, masked CRC of the data (little-endian). */
export function tfrecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + 4 + data.length + 4);
  const v = new DataView(out.buffer);
  v.setBigUint64(0, BigInt(data.length), true);
  v.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  v.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}

export interface Scalar {
  tag: string;
  step: number;
  value: number;
  wallTime: number;
}

export function encodeEvent(e: { wallTime: number; step?: number; fileVersion?: string; scalars?: { tag: string; value: number }[] }): Uint8Array {
  const msg: Record<string, unknown> = { wallTime: e.wallTime, step: e.step ?? 0 };
  if (e.fileVersion !== undefined) msg.fileVersion = e.fileVersion;
  if (e.scalars) msg.summary = { value: e.scalars.map((s) => ({ tag: s.tag, simpleValue: s.value })) };
  return EventType.encode(EventType.fromObject(msg)).finish();
}

/** The scalars for a run's results: compute and total medians (ms) per op, engine and size. */
export function scalarsOf(results: readonly ResultRecord[], wallTime: number): Scalar[] {
  const out: Scalar[] = [];
  for (const r of results) {
    if (r.status !== 'ok' || !r.stats) continue;
    // The float16 case runs float32 too: its tags say so, to stay apart from the main sweep.
    const op = r.case === 'float16' ? `float16_${r.op}_${r.dtype}` : r.dtype === 'float32' ? r.op : `${r.op}_${r.dtype}`;
    if (r.stats.compute) out.push({ tag: `${op}/${r.engine}`, step: r.size, value: r.stats.compute.median, wallTime });
    if (r.stats.total) out.push({ tag: `${op}_total/${r.engine}`, step: r.size, value: r.stats.total.median, wallTime });
  }
  return out;
}

/** Writes one event file into `dir` and returns its path. */
export function writeEventFile(dir: string, results: readonly ResultRecord[], now: Date = new Date()): string {
  mkdirSync(dir, { recursive: true });
  const wall = now.getTime() / 1000;
  const records = [tfrecord(encodeEvent({ wallTime: wall, fileVersion: 'brain.Event:2' }))];
  for (const s of scalarsOf(results, wall)) {
    records.push(tfrecord(encodeEvent({ wallTime: s.wallTime, step: s.step, scalars: [{ tag: s.tag, value: s.value }] })));
  }
  const path = join(dir, `events.out.tfevents.${Math.floor(wall)}.${os.hostname()}.${process.pid}.arr-bench`);
  writeFileSync(path, Buffer.concat(records));
  return path;
}
