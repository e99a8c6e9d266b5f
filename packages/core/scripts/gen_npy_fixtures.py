#!/usr/bin/env python3
"""Writes small .npy fixtures with NumPy for packages/core/src/npy.test.ts.

Run from the repository root:  python3 packages/core/scripts/gen_npy_fixtures.py
Each fixture <name>.npy comes with an entry in manifest.json holding the dtype, shape and the
expected row-major host data (as @arr's `data()` returns it: float16 as uint16 bits, complex
interleaved re/im, 64-bit integers as decimal strings, bool as 0/1), plus whether our encoder
must reproduce the file byte for byte (little-endian C-order format 1.0, as np.save writes).
"""
import json
import os

import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', '__fixtures__', 'npy')

DTYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
          'float16', 'float32', 'float64', 'complex64', 'complex128']


def host_values(a):
    a = a.copy(order='C')  # (ascontiguousarray would turn 0-d into 1-d)
    flat = a.reshape(-1)
    if a.dtype == np.bool_:
        return [int(v) for v in flat]
    if a.dtype == np.float16:
        return [int(v) for v in flat.view(np.uint16)]
    if a.dtype.kind == 'c':
        out = []
        for v in flat:
            out += [float(v.real), float(v.imag)]
        return out
    if a.dtype.kind in 'iu' and a.dtype.itemsize == 8:
        return [str(int(v)) for v in flat]
    if a.dtype.kind in 'iu':
        return [int(v) for v in flat]
    return [float(v) for v in flat]


def sample(dtype, shape=(2, 3)):
    n = int(np.prod(shape))
    if dtype == 'bool':
        return (np.arange(n) % 2 == 0).reshape(shape)
    if dtype.startswith('complex'):
        return (np.arange(n) - 2.5 + 1j * np.arange(n)[::-1]).astype(dtype).reshape(shape)
    if dtype.startswith('float'):
        return (np.arange(n) * 1.5 - 3).astype(dtype).reshape(shape)
    if dtype.startswith('int'):
        info = np.iinfo(dtype)
        v = np.arange(n, dtype=dtype) - 2
        v[0] = info.min
        v[-1] = info.max
        return v.reshape(shape)
    info = np.iinfo(dtype)
    v = np.arange(n, dtype=dtype)
    v[-1] = info.max
    return v.reshape(shape)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {}

    def add(name, arr, *, exact, writer=None, dtype=None):
        path = os.path.join(OUT, name + '.npy')
        if writer is None:
            np.save(path, arr)
        else:
            with open(path, 'wb') as f:
                writer(f, arr)
        c = arr.copy(order='C')
        manifest[name] = {
            'dtype': dtype or str(c.dtype),
            'shape': list(c.shape),
            'data': host_values(c.astype(c.dtype.newbyteorder('='))),
            'exact': exact,
        }

    for d in DTYPES:
        add(d, sample(d), exact=True)
    # Big-endian, Fortran order, 0-d, empty, 1-D, other format versions.
    for d in ['int16', 'int32', 'int64', 'uint16', 'float16', 'float32', 'float64', 'complex64', 'complex128']:
        add('be_' + d, sample(d).astype(np.dtype(d).newbyteorder('>')), exact=False, dtype=d)
    add('fortran_f4', np.asfortranarray(np.arange(24, dtype=np.float32).reshape(2, 3, 4)), exact=False)
    add('fortran_c8', np.asfortranarray(sample('complex64', (3, 2))), exact=False)
    add('scalar_f8', np.array(2.5), exact=True)
    add('scalar_b1', np.array(True), exact=True)
    add('empty_i4', np.zeros((0, 3), dtype=np.int32), exact=True)
    add('vec_u1', np.arange(5, dtype=np.uint8), exact=True)
    add('v2_f4', sample('float32'), exact=False, writer=lambda f, a: npformat.write_array(f, a, version=(2, 0)))
    add('v3_i8', sample('int64'), exact=False, writer=lambda f, a: npformat.write_array(f, a, version=(3, 0)))
    # Unsupported: strings and object arrays (no manifest entry; the test expects errors).
    np.save(os.path.join(OUT, 'unsupported_U3.npy'), np.array(['abc', 'de']))
    np.save(os.path.join(OUT, 'unsupported_object.npy'), np.array([1, 'a', None], dtype=object), allow_pickle=True)

    with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
        # One fixture per line keeps diffs readable.
        lines = [f'  {json.dumps(k)}: {json.dumps(manifest[k], sort_keys=True)}' for k in sorted(manifest)]
        f.write('{\n' + ',\n'.join(lines) + '\n}\n')


if __name__ == '__main__':
    main()
