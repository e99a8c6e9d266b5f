/** NumPy `.npy` files (format 1.0–3.0): read and write, byte-compatible with `np.save`. */
import { DTYPE_INFO, DTYPES, HOST_ARRAY, type DType, type HostArray, lanes } from './dtypes.js';
import { DTypeError, ValueError, show } from './errors.js';
import { type Shape, sizeOf, stridesOf } from './shape.js';

export interface NpyContents {
  data: HostArray;
  shape: number[];
  dtype: DType;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;
/** NumPy leaves room for the first axis to grow in place (numpy.lib.format.GROWTH_AXIS_MAX_DIGITS). */
const GROWTH_AXIS_MAX_DIGITS = 21;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `descr` (without the byte-order mark) → dtype. */
const BY_CODE: Record<string, DType> = Object.fromEntries(
  DTYPES.map((d) => [DTYPE_INFO[d].npy.slice(1), d]),
);
// NumPy also writes bool as '|?' in some versions.
BY_CODE['?'] = 'bool';

/**
 * Parses `.npy` bytes (format 1.0, 2.0 or 3.0; little- or big-endian; C or Fortran order) into
 * row-major host data of the dtype's storage type.
 */
export function parseNpy(bytes: Uint8Array): NpyContents {
  const fn = 'load';
  if (!(bytes instanceof Uint8Array)) throw new ValueError(`${fn}: bytes must be a Uint8Array or ArrayBuffer; received ${show(bytes)}`);
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    const head = Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new ValueError(`${fn}: not a .npy file: expected the magic string \\x93NUMPY at the start; found bytes [${head}] (${bytes.length} bytes in all)`);
  }
  const major = bytes[6]!, minor = bytes[7]!;
  if (major < 1 || major > 3 || minor !== 0) throw new ValueError(`${fn}: unsupported .npy format version ${major}.${minor}; expected 1.0, 2.0 or 3.0`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenSize) throw new ValueError(`${fn}: truncated .npy file: ${bytes.length} bytes, too short for the header length field`);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = 8 + lenSize;
  const dataStart = headerStart + headerLen;
  if (bytes.length < dataStart) throw new ValueError(`${fn}: truncated .npy file: the header says ${headerLen} header bytes but the file has only ${bytes.length - headerStart} after the length field`);
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const header = major === 3 ? new TextDecoder('utf-8').decode(headerBytes) : latin1(headerBytes);

  const descrMatch = /['"]descr['"]\s*:\s*(['"])([^'"]*)\1/.exec(header);
  if (!descrMatch) {
    const structured = /['"]descr['"]\s*:\s*\[/.test(header);
    throw new DTypeError(`${fn}: unsupported .npy dtype: ${structured ? 'a structured dtype (record array)' : 'no descr string'} in header ${show(header.trim())}; supported: ${supportedDescrs()}`);
  }
  const descr = descrMatch[2]!;
  const fortranMatch = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  if (!fortranMatch) throw new ValueError(`${fn}: malformed .npy header (no fortran_order True/False): ${show(header.trim())}`);
  const fortran = fortranMatch[1] === 'True';
  const shapeMatch = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!shapeMatch) throw new ValueError(`${fn}: malformed .npy header (no shape tuple): ${show(header.trim())}`);
  const shape = shapeMatch[1]!
    .split(',')
    .map((s) => s.trim().replace(/L$/, ''))
    .filter((s) => s !== '')
    .map((s) => {
      if (!/^\d+$/.test(s)) throw new ValueError(`${fn}: malformed .npy header: shape entry ${show(s)} is not a non-negative integer`);
      return Number(s);
    });

  const order = descr[0];
  const code = order === '<' || order === '>' || order === '|' || order === '=' ? descr.slice(1) : descr;
  const dtype = BY_CODE[code];
  if (!dtype) {
    throw new DTypeError(`${fn}: unsupported .npy dtype ${show(descr)}${code.startsWith('O') ? ' (object arrays cannot be loaded)' : ''}; supported: ${supportedDescrs()}`);
  }
  const bigEndian = order === '>' || (order === '=' && !LITTLE_ENDIAN_HOST);
  const { itemsize } = DTYPE_INFO[dtype];
  const size = sizeOf(shape);
  const nbytes = size * itemsize;
  if (bytes.length - dataStart < nbytes) {
    throw new ValueError(`${fn}: truncated .npy file: shape [${shape.join(',')}] of ${descr} needs ${nbytes} data bytes but only ${bytes.length - dataStart} are present`);
  }
  // Copy into a fresh, aligned buffer.
  const raw = bytes.slice(dataStart, dataStart + nbytes);
  const lane = lanes(dtype);
  const laneBytes = itemsize / lane;
  if (laneBytes > 1 && bigEndian === LITTLE_ENDIAN_HOST) swapBytes(raw, laneBytes);
  let data = new HOST_ARRAY[dtype](raw.buffer, 0, size * lane);
  if (dtype === 'bool') for (let i = 0; i < data.length; i++) if (data[i]) data[i] = 1;
  if (fortran && shape.length > 1 && size > 0) data = fortranToC(data, shape, lane);
  return { data, shape, dtype };
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

function supportedDescrs(): string {
  return DTYPES.map((d) => DTYPE_INFO[d].npy).join(', ');
}

function swapBytes(b: Uint8Array, width: number): void {
  for (let i = 0; i < b.length; i += width) {
    for (let lo = i, hi = i + width - 1; lo < hi; lo++, hi--) {
      const t = b[lo]!;
      b[lo] = b[hi]!;
      b[hi] = t;
    }
  }
}

/** Reorders column-major data into row-major. */
function fortranToC(src: HostArray, shape: Shape, lane: number): HostArray {
  const out = new (src.constructor as new (n: number) => HostArray)(src.length);
  const cs = stridesOf(shape);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  const size = sizeOf(shape);
  let c = 0;
  for (let j = 0; j < size; j++) {
    for (let l = 0; l < lane; l++) out[c * lane + l] = src[j * lane + l] as never;
    // Advance the Fortran-order multi-index (first axis fastest).
    for (let a = 0; a < nd; a++) {
      idx[a]!++;
      c += cs[a]!;
      if (idx[a]! < shape[a]!) break;
      c -= cs[a]! * shape[a]!;
      idx[a] = 0;
    }
  }
  return out;
}

/**
 * Serialises host data as `.npy`, exactly as `np.save` writes it: format 1.0 (2.0 when the
 * header exceeds 65535 bytes), little-endian, C order, header padded to 64 bytes with a final '\n'.
 */
export function encodeNpy(data: HostArray, shape: Shape, dtype: DType): Uint8Array {
  const info = DTYPE_INFO[dtype];
  if (!info) throw new DTypeError(`save: unsupported dtype ${show(dtype)}`);
  const size = sizeOf(shape);
  const n = size * lanes(dtype);
  if (data.length !== n) throw new ValueError(`save: data has ${data.length} elements; shape [${shape.join(',')}] of ${dtype} needs ${n}`);
  const shapeRepr = shape.length === 0 ? '()' : shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${info.npy}', 'fortran_order': False, 'shape': ${shapeRepr}, }`;
  if (shape.length > 0) header += ' '.repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length));
  const hlen = header.length + 1;
  let version = 1;
  let prefix = 10;
  let pad = ALIGN - ((prefix + hlen) % ALIGN);
  if (hlen + pad > 0xffff) {
    version = 2;
    prefix = 12;
    pad = ALIGN - ((prefix + hlen) % ALIGN);
  }
  const total = hlen + pad;
  const dataBytes = size * info.itemsize;
  const out = new Uint8Array(prefix + total + dataBytes);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, total, true);
  else dv.setUint32(8, total, true);
  for (let i = 0; i < header.length; i++) out[prefix + i] = header.charCodeAt(i);
  out.fill(0x20, prefix + header.length, prefix + total - 1);
  out[prefix + total - 1] = 0x0a;
  const src = new Uint8Array(data.buffer, data.byteOffset, dataBytes);
  const body = out.subarray(prefix + total);
  body.set(src);
  if (dtype === 'bool') for (let i = 0; i < body.length; i++) if (body[i]) body[i] = 1;
  const laneBytes = info.itemsize / lanes(dtype);
  if (!LITTLE_ENDIAN_HOST && laneBytes > 1) swapBytes(body, laneBytes);
  return out;
}
