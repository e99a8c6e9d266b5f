/**
 * float16 conversions for kernels: a 65536-entry table for bits → number and an exact
 * round-to-nearest-even number → bits that avoids core's log2-based version (≈10× faster).
 */
const table = new Float64Array(65536);
{
  for (let h = 0; h < 65536; h++) {
    const s = h & 0x8000 ? -1 : 1;
    const e = (h >> 10) & 0x1f;
    const m = h & 0x3ff;
    table[h] = e === 0 ? s * m * 2 ** -24 : e === 31 ? (m ? NaN : s * Infinity) : s * (1 + m / 1024) * 2 ** (e - 15);
  }
}

/** float16 bits → number (table lookup). */
export const H2F: Float64Array = table;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// 2^(e+42) for e in [-14, 15]: adding and subtracting it rounds to a multiple of 2^(e-10) (ties to even).
const MAGIC = new Float64Array(64);
for (let e = -14; e <= 15; e++) MAGIC[e + 20] = 2 ** (e + 42);

/** number → float16 bits, round to nearest even; NaN keeps its sign, quiet. */
export function toHalf(x: number): number {
  f64[0] = x;
  const sign = (u32[1]! >>> 16) & 0x8000;
  const a = x < 0 ? -x : x === 0 ? 0 : x; // |x| (keeps NaN)
  if (!(a < 65520)) return a !== a ? sign | 0x7e00 : sign | 0x7c00;
  if (a < 6.103515625e-5) {
    // subnormal: units of 2^-24; 2^52 rounding trick gives ties-to-even (1024 becomes the smallest normal).
    return sign | ((a * 16777216 + 4503599627370496) - 4503599627370496);
  }
  const e = ((u32[1]! >>> 20) & 0x7ff) - 1023;
  const c = MAGIC[e + 20]!;
  const r = (a + c) - c;
  f64[0] = r;
  const hi = u32[1]!;
  return sign | ((((hi >>> 20) & 0x7ff) - 1008) << 10) | ((hi >>> 10) & 0x3ff);
}

/** Rounds a number to the nearest float16 value. */
export const roundHalf = (x: number): number => table[toHalf(x)]!;
