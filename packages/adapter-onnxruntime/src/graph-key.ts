/**
 * The session cache key of a pending graph, built on every evaluation: small integers (interned
 * op keys, dtype and location codes, ranks, input references) written as UTF-16 code units into
 * one flat string. It replaced a key built by string concatenation, whose concatenation, flattening
 * and hashing cost about 15 µs of a 10-op evaluation (2-core VM, 2026-12-03).
 */
const opKeys = new Map<string, number>();

/** A small integer standing for an op key (the same string always gives the same number). */
export function opKeyId(key: string): number {
  let id = opKeys.get(key);
  if (id === undefined) {
    id = opKeys.size;
    opKeys.set(key, id);
  }
  return id;
}

const codes = new Map<string, number>();
/** A small integer for a short name (a dtype, a tensor location). */
export function nameCode(name: string): number {
  let c = codes.get(name);
  if (c === undefined) {
    c = codes.size;
    codes.set(name, c);
  }
  return c;
}

/** Largest integer the key can hold. */
const MAX = 2 ** 30 - 1;

/**
 * Collects non-negative integers and gives them as a string. The encoding is prefix-free
 * (below 2¹⁵: one code unit; else two, the first with its top bit set), so distinct integer
 * sequences always give distinct strings: a cache hit is an exact structural match.
 */
export class KeyWriter {
  private readonly units: number[] = [];
  private n = 0;

  reset(): void { this.n = 0; }

  put(v: number): void {
    if (!(v >= 0 && v <= MAX && Number.isInteger(v))) throw new RangeError(`graph key: ${v} is not an integer in [0, 2^30)`);
    if (v < 0x8000) this.units[this.n++] = v;
    else {
      this.units[this.n++] = 0x8000 | (v >>> 15);
      this.units[this.n++] = v & 0x7fff;
    }
  }

  toString(): string {
    const u = this.units;
    if (this.n === u.length && this.n <= CHUNK) return String.fromCharCode.apply(null, u);
    let s = '';
    for (let i = 0; i < this.n; i += CHUNK) s += String.fromCharCode.apply(null, u.slice(i, Math.min(this.n, i + CHUNK)));
    return s;
  }
}

/** Code units per fromCharCode call (its arguments go on the stack). */
const CHUNK = 8192;
