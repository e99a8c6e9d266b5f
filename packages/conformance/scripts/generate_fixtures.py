#!/usr/bin/env python3
"""Generates the conformance fixtures of @arr/conformance from NumPy.

    python3 packages/conformance/scripts/generate_fixtures.py

Writes packages/conformance/src/fixtures/<category>.json (committed: CI has no Python).
Deterministic: one seeded RNG per category.

Format of a fixture file: { "version": 1, "numpy": "2.4.6", "cases": [case, ...] } where a case is
  { "id": "add/float32/broadcast", "fn": "add", "dtype": "float32",
    "args": [...], "opts": {...} (optional trailing options object),
    "expected": value | {"$error": "DTypeError"},
    "tol": {"rtol": r, "atol": a} (optional, overrides the dtype default),
    "compare": "shape" (optional: only shape and dtype, e.g. np.empty),
    "signedZero": true (optional: -0 and +0 differ), "method": "add" (optional, see indexing) }
Values: an array is {"dtype", "shape", "data"} with data flat row-major; floats as numbers or
"nan"/"inf"/"-inf"/"-0"; int64/uint64 as decimal strings; complex as [re, im]; bool as true/false.
A scalar argument is a JSON number/bool, {"$num": "nan"} for special floats, {"$big": "12"} for a
bigint, {"re", "im"} for a complex scalar. Lists stay lists; objects map key by key.

Expected values follow the @arr contract, not NumPy's defaults: default int32/float32, index
int32, and the JAX cross-kind rule (int or bool with float → that float). Inputs are cast to the
contract's computation dtype before NumPy computes, so the output has the contract's dtype.
"""
from __future__ import annotations

import base64
import io
import json
import math
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'fixtures')

DTYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
          'float16', 'float32', 'float64', 'complex64', 'complex128']
SIGNED = ['int8', 'int16', 'int32', 'int64']
UNSIGNED = ['uint8', 'uint16', 'uint32', 'uint64']
INTS = SIGNED + UNSIGNED
FLOATS = ['float16', 'float32', 'float64']
COMPLEX = ['complex64', 'complex128']
REAL = INTS + FLOATS
NUMERIC = REAL + COMPLEX


def kind(d):
    if d == 'bool':
        return 'b'
    if d in SIGNED:
        return 'i'
    if d in UNSIGNED:
        return 'u'
    if d in FLOATS:
        return 'f'
    return 'c'


def bits(d):
    return np.dtype(d).itemsize * 8


class NoCommon(Exception):
    pass


def promote(a, b):
    """The contract's promotion (Array API table + JAX rule across kinds)."""
    if a == b:
        return a
    if a == 'bool':
        return b
    if b == 'bool':
        return a
    ka, kb = kind(a), kind(b)
    if 'c' in (ka, kb):
        def part(d):
            return {'complex64': 'float32', 'complex128': 'float64'}.get(d, d if kind(d) == 'f' else 'float32')
        return 'complex128' if 'float64' in (part(a), part(b)) else 'complex64'
    if ka == 'f' and kb == 'f':
        return a if bits(a) >= bits(b) else b
    if ka == 'f':
        return a
    if kb == 'f':
        return b
    if ka == kb:
        return a if bits(a) >= bits(b) else b
    s, u = (a, b) if ka == 'i' else (b, a)
    if u == 'uint64':
        raise NoCommon()
    if bits(s) > bits(u):
        return s
    return {8: 'int16', 16: 'int32', 32: 'int64'}[bits(u)]


def real_of(d):
    return {'complex64': 'float32', 'complex128': 'float64'}.get(d, d)


class BadDType(Exception):
    pass


def compute_dtype(cat, d):
    """Mirror of computeDType in packages/core/src/api/elementwise.ts."""
    k = kind(d)
    if cat == 'any':
        return d
    if cat == 'boolean':
        return 'bool'
    if cat == 'numeric':
        if k == 'b':
            raise BadDType()
        return d
    if cat == 'real numeric':
        if k in 'bc':
            raise BadDType()
        return d
    if cat == 'integer':
        if k not in 'iu':
            raise BadDType()
        return d
    if cat == 'integer or boolean':
        if k not in 'iub':
            raise BadDType()
        return d
    if cat == 'float':
        return 'float32' if k in 'iub' else d
    if cat == 'real float':
        if k == 'c':
            raise BadDType()
        return d if k == 'f' else 'float32'
    raise ValueError(cat)


# ---------------------------------------------------------------- encoding

def enc_float(v):
    v = float(v)
    if math.isnan(v):
        return 'nan'
    if math.isinf(v):
        return 'inf' if v > 0 else '-inf'
    if v == 0 and math.copysign(1, v) < 0:
        return '-0'
    if v == int(v) and abs(v) < 2 ** 53:
        return int(v)
    return v


def enc_value(v, d):
    if d == 'bool':
        return bool(v)
    if d in ('int64', 'uint64'):
        return str(int(v))
    if kind(d) in 'iu':
        return int(v)
    if kind(d) == 'c':
        return [enc_float(v.real), enc_float(v.imag)]
    return enc_float(v)


def enc(a):
    a = np.asarray(a)
    d = str(a.dtype)
    assert d in DTYPES, d
    return {'dtype': d, 'shape': list(a.shape), 'data': [enc_value(v, d) for v in a.ravel()]}


def enc_any(x):
    """Encodes an argument / expected value."""
    if isinstance(x, (np.ndarray, np.generic)):
        return enc(np.asarray(x))  # NumPy scalars are 0-d results
    if isinstance(x, Err):
        return {'$error': x.name}
    if isinstance(x, Undef):
        return {'$undef': 1}
    if isinstance(x, BigInt):
        return {'$big': str(x.v)}
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        e = enc_float(x)
        return {'$num': e} if isinstance(e, str) else e
    if isinstance(x, complex):
        return {'re': enc_float(x.real), 'im': enc_float(x.imag)}
    if isinstance(x, (list, tuple)):
        return [enc_any(v) for v in x]
    if isinstance(x, dict):
        return {k: enc_any(v) for k, v in x.items()}
    if x is None or isinstance(x, str):
        return x
    raise TypeError(type(x))


class Err:
    def __init__(self, name):
        self.name = name


class Undef:
    """An omitted positional argument (JS undefined)."""


class BigInt:
    def __init__(self, v):
        self.v = v


# ---------------------------------------------------------------- inputs

SPECIAL = [np.nan, np.inf, -np.inf, -0.0, 0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.75, -1e-3]


def shape_size(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def sample(rng, d, shape, mode='normal'):
    return np.asarray(_sample(rng, d, shape, mode))


def _sample(rng, d, shape, mode='normal'):
    """Random values of dtype d. mode: normal | small | range | positive | unit | special | ge1."""
    n = shape_size(shape)
    k = kind(d)
    if k == 'b':
        return (rng.random(n) < 0.5).reshape(shape)
    if k in 'iu':
        info = np.iinfo(d)
        if mode == 'range':
            lo, hi = int(info.min), int(info.max)
            v = rng.integers(lo, hi, n, dtype=d, endpoint=True)
            if n >= 3:
                v[0], v[1] = lo, hi
            return v.reshape(shape)
        if mode == 'positive':
            return rng.integers(1, 10, n).astype(d).reshape(shape)
        lo = 0 if k == 'u' else -10
        return rng.integers(lo, 11, n).astype(d).reshape(shape)
    if k == 'c':
        rd = real_of(d)
        re = sample(rng, rd, shape, mode if mode != 'special' else 'normal')
        im = sample(rng, rd, shape, mode if mode != 'special' else 'normal')
        return (re + 1j * im).astype(d)
    if mode == 'special':
        base = np.array(SPECIAL * (n // len(SPECIAL) + 1))[:n]
        return base.astype(d).reshape(shape)
    if mode == 'positive':
        v = np.abs(rng.standard_normal(n)) * 2 + 0.05
    elif mode == 'unit':
        v = rng.uniform(-0.95, 0.95, n)
    elif mode == 'ge1':
        v = 1 + np.abs(rng.standard_normal(n)) * 2
    elif mode == 'small':
        v = rng.integers(-4, 5, n).astype(float) + rng.choice([0, 0.5, 0.25], n)
    else:
        v = rng.standard_normal(n) * 2
    return v.astype(d).reshape(shape)


SHAPES_UNARY = [[], [0], [5], [2, 3], [3, 1, 4], [2, 0, 3]]
DTYPE_RTOL = {'float16': 2e-3, 'float32': 1e-5, 'float64': 1e-12, 'complex64': 1e-5, 'complex128': 1e-12}
EPS = {'float16': 2 ** -10, 'float32': 2 ** -23, 'float64': 2 ** -52}


class Cases:
    def __init__(self):
        self.cases = []
        self.ids = set()

    def add(self, id, fn, dtype, args, expected, opts=None, **extra):
        base, n = id, 2
        while id in self.ids:
            id = f'{base}#{n}'
            n += 1
        self.ids.add(id)
        c = {'id': id, 'fn': fn, 'dtype': dtype, 'args': enc_any(list(args))}
        if opts is not None:
            c['opts'] = enc_any(opts)
        c['expected'] = enc_any(expected)
        for k, v in extra.items():
            if v is not None:
                c[k] = v
        self.cases.append(c)


def sh(s):
    return 'x'.join(map(str, s)) if s else 'scalar'


def call_or_err(f):
    """Runs f under the contract: NumPy errors and our NoCommon/BadDType become expected errors."""
    try:
        with np.errstate(all='ignore'):
            return f()
    except NoCommon:
        return Err('DTypeError')
    except BadDType:
        return Err('DTypeError')


def sum_tol(d, *arrays):
    """Absolute tolerance for results of sums: eps(d) × Σ|terms| (pairwise vs sequential order)."""
    rd = real_of(d)
    if rd not in EPS:
        return None
    mag = 0.0
    for a in arrays:
        if a.size:
            m = np.abs(a.astype(np.complex128)).astype(np.float64)
            m = m[np.isfinite(m)]
            mag = max(mag, float(m.sum()) if m.size else 0.0)
    return {'rtol': DTYPE_RTOL[rd] * 2, 'atol': EPS[rd] * 4 * max(mag, 1.0)}


# ---------------------------------------------------------------- elementwise

UNARY = {  # name: (category, numpy function, input mode for floats)
    'abs': ('numeric', np.abs, 'normal'), 'acos': ('float', np.arccos, 'unit'),
    'acosh': ('float', np.arccosh, 'ge1'), 'asin': ('float', np.arcsin, 'unit'),
    'asinh': ('float', np.arcsinh, 'normal'), 'atan': ('float', np.arctan, 'normal'),
    'atanh': ('float', np.arctanh, 'unit'), 'bitwiseInvert': ('integer or boolean', np.bitwise_invert, 'range'),
    'ceil': ('real numeric', np.ceil, 'normal'), 'conj': ('numeric', np.conj, 'normal'),
    'cos': ('float', np.cos, 'normal'), 'cosh': ('float', np.cosh, 'normal'),
    'exp': ('float', np.exp, 'normal'), 'expm1': ('float', np.expm1, 'normal'),
    'floor': ('real numeric', np.floor, 'normal'), 'imag': ('numeric', np.imag, 'normal'),
    'isfinite': ('numeric', np.isfinite, 'special'), 'isinf': ('numeric', np.isinf, 'special'),
    'isnan': ('numeric', np.isnan, 'special'), 'log': ('float', np.log, 'positive'),
    'log1p': ('float', np.log1p, 'positive'), 'log2': ('float', np.log2, 'positive'),
    'log10': ('float', np.log10, 'positive'), 'logicalNot': ('boolean', np.logical_not, 'normal'),
    'negative': ('numeric', np.negative, 'range'), 'positive': ('numeric', np.positive, 'normal'),
    'real': ('numeric', np.real, 'normal'), 'reciprocal': ('float', np.reciprocal, 'normal'),
    'round': ('numeric', np.round, 'small'), 'sign': ('numeric', np.sign, 'normal'),
    'signbit': ('real float', np.signbit, 'special'), 'sin': ('float', np.sin, 'normal'),
    'sinh': ('float', np.sinh, 'normal'), 'square': ('numeric', np.square, 'normal'),
    'sqrt': ('float', np.sqrt, 'positive'), 'tan': ('float', np.tan, 'normal'),
    'tanh': ('float', np.tanh, 'normal'), 'trunc': ('real numeric', np.trunc, 'normal'),
}
UNARY_OUT = {'abs': 'real', 'imag': 'real', 'real': 'real', 'isfinite': 'bool', 'isinf': 'bool',
             'isnan': 'bool', 'signbit': 'bool', 'logicalNot': 'bool'}
SIGNED_ZERO = {'ceil', 'floor', 'trunc', 'round', 'copysign', 'negative', 'abs', 'nextafter', 'signbit'}

BINARY = {
    'add': ('numeric', np.add), 'atan2': ('real float', np.arctan2),
    'bitwiseAnd': ('integer or boolean', np.bitwise_and), 'bitwiseLeftShift': ('integer', np.left_shift),
    'bitwiseOr': ('integer or boolean', np.bitwise_or), 'bitwiseRightShift': ('integer', np.right_shift),
    'bitwiseXor': ('integer or boolean', np.bitwise_xor), 'copysign': ('real float', np.copysign),
    'divide': ('float', np.divide), 'equal': ('any', np.equal), 'floorDivide': ('real numeric', np.floor_divide),
    'greater': ('real numeric', np.greater), 'greaterEqual': ('real numeric', np.greater_equal),
    'hypot': ('real float', np.hypot), 'less': ('real numeric', np.less), 'lessEqual': ('real numeric', np.less_equal),
    'logaddexp': ('real float', np.logaddexp), 'logicalAnd': ('boolean', np.logical_and),
    'logicalOr': ('boolean', np.logical_or), 'logicalXor': ('boolean', np.logical_xor),
    'maximum': ('real numeric', np.maximum), 'minimum': ('real numeric', np.minimum),
    'multiply': ('numeric', np.multiply), 'nextafter': ('real float', np.nextafter),
    'notEqual': ('any', np.not_equal), 'pow': ('numeric', np.pow), 'remainder': ('real numeric', np.remainder),
    'subtract': ('numeric', np.subtract),
}

MIXED_PAIRS = [('bool', 'int8'), ('int8', 'uint8'), ('int16', 'uint8'), ('uint16', 'int32'), ('uint32', 'int32'),
               ('int32', 'int64'), ('uint8', 'uint64'), ('int32', 'float32'), ('int64', 'float64'),
               ('uint8', 'float16'), ('float16', 'float32'), ('float32', 'float64'), ('bool', 'float32'),
               ('float32', 'complex64'), ('float64', 'complex64'), ('int32', 'complex128'), ('int64', 'uint64'),
               ('uint32', 'uint64'), ('int8', 'int16')]


def unary_expected(name, x):
    cat, f, _ = UNARY[name]
    cd = compute_dtype(cat, str(x.dtype))
    xi = x.astype(cd)
    if name in ('ceil', 'floor', 'trunc', 'round') and kind(cd) in 'iu':
        return xi.copy()
    if name == 'logicalNot':
        return np.logical_not(x)
    with np.errstate(all='ignore'):
        r = f(xi)
    r = np.asarray(r)
    if name == 'imag' and kind(cd) != 'c':
        r = np.zeros_like(xi)
    out = UNARY_OUT.get(name)
    if out == 'bool':
        return r.astype('bool')
    if out == 'real':
        return r.astype(real_of(cd))
    return r.astype(cd)


def binary_operands(rng, name, d1, d2, s1, s2):
    cat = BINARY[name][0]
    mode = 'normal'
    if name in ('add', 'subtract', 'multiply', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor', 'equal', 'notEqual',
                'maximum', 'minimum', 'less', 'lessEqual', 'greater', 'greaterEqual'):
        mode = 'range'
    a = sample(rng, d1, s1, mode)
    b = sample(rng, d2, s2, mode)
    if name in ('equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual', 'maximum', 'minimum') and a.size and b.size:
        # make some elements equal so both branches are exercised
        bb = np.broadcast_to(a.astype(promote_safe(d1, d2)), np.broadcast_shapes(a.shape, b.shape)) if False else None
    if name in ('floorDivide', 'remainder'):
        if kind(d1) in 'iu':
            a = sample(rng, d1, s1, 'range')
            info = np.iinfo(d1)
            a = np.where(a == info.min, info.min + 1, a).astype(d1) if kind(d1) == 'i' else a
        b = sample(rng, d2, s2, 'small' if kind(d2) == 'f' else 'normal')
        if kind(d2) in 'iub':
            b = np.where(b == 0, 3 if d2 != 'bool' else True, b).astype(d2)
        elif kind(d2) == 'f':
            b = np.where(b == 0, 1.5, b).astype(d2)
    if name == 'pow':
        if kind(d1) in 'iu' or kind(d2) in 'iu':
            a = sample(rng, d1, s1, 'small' if kind(d1) != 'f' else 'normal')
            if kind(d2) in 'iu':
                b = (np.abs(sample(rng, d2, s2, 'small')) % 6).astype(d2)
            elif kind(d2) == 'f':
                b = rng.integers(0, 4, shape_size(s2)).astype(d2).reshape(s2)
        if kind(d1) == 'f' and kind(d2) == 'f':
            a = sample(rng, d1, s1, 'positive')
    if name in ('bitwiseLeftShift', 'bitwiseRightShift') and kind(d2) in 'iu':
        width = bits(promote_safe(d1, d2) or d1)
        b = (rng.integers(0, width, shape_size(s2)) % min(width, bits(d2) if kind(d2) == 'u' else 2 ** (bits(d2) - 1))).astype(d2).reshape(s2)
    if name in ('divide',) and kind(d2) in 'iub':
        b = np.where(b == 0, 2, b).astype(d2) if d2 != 'bool' else np.ones(s2, 'bool')
    return a, b


def promote_safe(a, b):
    try:
        return promote(a, b)
    except NoCommon:
        return None


def binary_expected(name, a, b):
    cat, f = BINARY[name]
    d = promote(str(a.dtype), str(b.dtype))
    cd = compute_dtype(cat, d)
    if name in ('logicalAnd', 'logicalOr', 'logicalXor'):
        return np.asarray(f(a, b)).astype('bool')
    with np.errstate(all='ignore'):
        r = np.asarray(f(a.astype(cd), b.astype(cd)))
    if name == 'nextafter':
        r = np.where(a.astype(cd) == b.astype(cd), np.broadcast_to(b.astype(cd), r.shape), r)
    if name in ('equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'):
        return r.astype('bool')
    return r.astype(cd)


def transcendental(name):
    return name in {'acos', 'acosh', 'asin', 'asinh', 'atan', 'atanh', 'cos', 'cosh', 'exp', 'expm1', 'log', 'log1p',
                    'log2', 'log10', 'sin', 'sinh', 'tan', 'tanh', 'atan2', 'hypot', 'logaddexp', 'pow', 'sqrt'}


def gen_elementwise():
    rng = np.random.default_rng(1)
    C = Cases()
    for name, (cat, f, mode) in UNARY.items():
        for d in DTYPES:
            try:
                compute_dtype(cat, d)
            except BadDType:
                C.add(f'{name}/{d}/dtype-error', name, d, [sample(rng, d, [3])], Err('DTypeError'))
                continue
            k = kind(d)
            m = mode
            if k in 'iu':
                m = 'range' if mode == 'range' else ('positive' if mode in ('positive', 'ge1') else 'normal')
                if cat == 'float' or cat == 'real float':
                    m = 'positive' if mode in ('positive', 'ge1') else 'normal'
                if name == 'abs' or name == 'square' or name == 'negative':
                    m = 'range'
            for s in SHAPES_UNARY:
                if k == 'c' and s not in ([], [5], [2, 3]):
                    continue
                x = sample(rng, d, s, m if m != 'special' else ('special' if k == 'f' else 'normal'))
                C.add(f'{name}/{d}/{sh(s)}', name, d, [x], unary_expected(name, x),
                      signedZero=True if name in SIGNED_ZERO else None,
                      tol=loose(name, d))
            if k == 'f':
                x = sample(rng, d, [14], 'special')
                C.add(f'{name}/{d}/special-values', name, d, [x], unary_expected(name, x),
                      signedZero=True if name in SIGNED_ZERO else None, tol=loose(name, d))
    for name, (cat, f) in BINARY.items():
        pairs = [(d, d) for d in DTYPES] + MIXED_PAIRS
        for d1, d2 in pairs:
            p = promote_safe(d1, d2)
            try:
                if p is None:
                    raise NoCommon()
                compute_dtype(cat, p)
            except (NoCommon, BadDType):
                a, b = sample(rng, d1, [3]), sample(rng, d2, [3])
                C.add(f'{name}/{d1}+{d2}/dtype-error' if d1 != d2 else f'{name}/{d1}/dtype-error', name, d1, [a, b], Err('DTypeError'))
                continue
            shapes = [([5], [5]), ([2, 3], [3]), ([], [4]), ([3, 1, 4], [2, 4]), ([0], [1]), ([2, 0, 3], [3]), ([], [])]
            if d1 != d2:
                shapes = [([2, 3], [2, 3])]
            elif kind(d1) == 'c':
                shapes = shapes[:3]
            for s1, s2 in shapes:
                a, b = binary_operands(rng, name, d1, d2, s1, s2)
                tag = d1 if d1 == d2 else f'{d1}+{d2}'
                C.add(f'{name}/{tag}/{sh(s1)}-{sh(s2)}', name, d1, [a, b], binary_expected(name, a, b),
                      signedZero=True if name in SIGNED_ZERO else None, tol=loose(name, p))
            if d1 == d2 and kind(d1) == 'f':
                x = np.array(SPECIAL, dtype=d1)
                a, b = x.reshape(-1, 1), x
                if name in ('bitwiseLeftShift', 'bitwiseRightShift'):
                    continue
                C.add(f'{name}/{d1}/special-values', name, d1, [a, b], binary_expected(name, a, b),
                      signedZero=True if name in SIGNED_ZERO else None, tol=loose(name, d1))
        # weak scalars
        for d in DTYPES:
            for sv in weak_scalars(d):
                x = sample(rng, d, [4], 'small' if kind(d) == 'f' else 'normal')
                if name in ('bitwiseLeftShift', 'bitwiseRightShift', 'pow') and kind(d) in 'iu':
                    x = (np.abs(x) % 5).astype(d)
                for first in (False, True):
                    exp = call_or_err(lambda: weak_expected(name, x, sv, first))
                    args = [sv, x] if first else [x, sv]
                    C.add(f'{name}/{d}/scalar-{"left" if first else "right"}-{scalar_tag(sv)}', name, d, args, exp,
                          tol=loose(name, exp.dtype.name if isinstance(exp, np.ndarray) else d))
    # clip
    for d in DTYPES:
        if kind(d) in 'bc':
            C.add(f'clip/{d}/dtype-error', 'clip', d, [sample(rng, d, [3]), 0, 1], Err('DTypeError'))
            continue
        x = sample(rng, d, [2, 5], 'range' if kind(d) in 'iu' else 'normal')
        lo, hi = (2, 7) if kind(d) == 'u' else (-3, 5)
        C.add(f'clip/{d}/scalars', 'clip', d, [x, lo, hi], np.clip(x, lo, hi).astype(d))
        C.add(f'clip/{d}/min-only', 'clip', d, [x, lo], np.maximum(x, np.array(lo, d)).astype(d))
        C.add(f'clip/{d}/max-only', 'clip', d, [x, None, hi], np.minimum(x, np.array(hi, d)).astype(d))
        lo_a = sample(rng, d, [5], 'normal')
        C.add(f'clip/{d}/array-bounds', 'clip', d, [x, lo_a, hi], np.minimum(np.maximum(x, lo_a), np.array(hi, d)).astype(d))
        C.add(f'clip/{d}/scalar', 'clip', d, [x[0, 0].reshape(()), lo, hi], np.clip(x[0, 0], lo, hi).astype(d).reshape(()))
        if kind(d) == 'f':
            x = np.array(SPECIAL, d)
            C.add(f'clip/{d}/special-values', 'clip', d, [x, -1, 1], np.clip(x, -1, 1).astype(d))
    return C


def weak_scalars(d):
    k = kind(d)
    if k == 'b':
        return [True, 2, 1.5]
    if k in 'iu':
        out = [3, 2.5, True]
        out.append(int(np.iinfo(d).max) + 1)  # out of range: ValueError
        return out
    if k == 'f':
        return [2, 0.5, {'$num': 'inf'}]
    return [2, 1.5, 1 + 2j]


def scalar_tag(sv):
    if isinstance(sv, bool):
        return 'bool'
    if isinstance(sv, int):
        return f'int{sv}' if abs(sv) < 1000 else 'int-out-of-range'
    if isinstance(sv, float):
        return 'float'
    if isinstance(sv, complex):
        return 'complex'
    return 'inf'


def weak_dtype(d, v):
    """weakScalarDType of packages/core/src/promotion.ts."""
    k = kind(d)
    if isinstance(v, bool):
        return d
    if isinstance(v, complex):
        return d if k == 'c' else ('complex128' if d == 'float64' else 'complex64')
    if isinstance(v, dict) or isinstance(v, float) and not float(v).is_integer():
        return 'float32' if k in 'iub' else d
    if k == 'b':
        return 'int32' if not isinstance(v, float) else 'float32'
    if k in 'iu':
        info = np.iinfo(d)
        if not (info.min <= int(v) <= info.max):
            raise OutOfRange()
    return d


class OutOfRange(Exception):
    pass


def weak_expected(name, x, sv, first):
    cat, f = BINARY[name]
    d = str(x.dtype)
    try:
        wd = weak_dtype(d, sv)
    except OutOfRange:
        return Err('ValueError')
    cd = compute_dtype(cat, wd)
    v = np.inf if isinstance(sv, dict) else sv
    s = np.asarray(v).astype(cd) if not isinstance(v, complex) or kind(cd) == 'c' else None
    xa = x.astype(cd)
    if name in ('logicalAnd', 'logicalOr', 'logicalXor'):
        s = np.asarray(bool(v))
        xa = x.astype('bool')
    if name in ('bitwiseLeftShift', 'bitwiseRightShift') and kind(cd) in 'iu' and int(v) >= bits(cd):
        return Err('skip')
    with np.errstate(all='ignore'):
        r = np.asarray(f(s, xa) if first else f(xa, s))
    if name in ('equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual', 'logicalAnd', 'logicalOr', 'logicalXor'):
        return r.astype('bool')
    return r.astype(cd)


def loose(name, d):
    """Tolerance for functions whose libm results differ by a few ulp between engines."""
    if not isinstance(d, str) or real_of(d) not in EPS:
        return None
    if transcendental(name):
        rd = real_of(d)
        return {'rtol': {'float16': 2e-3, 'float32': 4e-6, 'float64': 1e-13}[rd] * (4 if kind(d) == 'c' else 1),
                'atol': {'float16': 1e-3, 'float32': 1e-6, 'float64': 1e-14}[rd] * (4 if kind(d) == 'c' else 1)}
    return None


# ---------------------------------------------------------------- statistical / utility / searching

def sum_dtype(d):
    k = kind(d)
    if k == 'b':
        return 'int32'
    if k == 'i':
        return d if bits(d) >= 32 else 'int32'
    if k == 'u':
        return d if bits(d) >= 32 else 'uint32'
    return d


def float_dtype(d):
    return 'float32' if kind(d) in 'iub' else d


def reduce_opts(shape):
    opts = [None]
    if len(shape) >= 1:
        opts += [{'axis': 0}, {'axis': -1, 'keepdims': True}]
    if len(shape) >= 2:
        opts += [{'axis': [0, -1]}, {'keepdims': True}, {'axis': 1}]
    return opts


def np_axis(o):
    if o is None or 'axis' not in o:
        return None
    a = o['axis']
    return tuple(a) if isinstance(a, list) else a


def otag(o):
    if not o:
        return 'all'
    parts = []
    for k, v in o.items():
        parts.append(f'{k}={",".join(map(str, v)) if isinstance(v, list) else v}')
    return ';'.join(parts)


def gen_statistical():
    rng = np.random.default_rng(2)
    C = Cases()
    shapes = [[5], [2, 3], [3, 1, 4], [], [0], [2, 0]]
    for fn in ['sum', 'prod', 'max', 'min', 'mean', 'std', 'var']:
        for d in DTYPES:
            k = kind(d)
            if fn in ('max', 'min') and k == 'c':
                C.add(f'{fn}/{d}/dtype-error', fn, d, [sample(rng, d, [3])], Err('DTypeError'))
                continue
            for s in shapes:
                if k == 'c' and len(s) > 2:
                    continue
                mode = 'range' if fn == 'sum' and k in 'iu' else ('small' if fn == 'prod' else 'normal')
                if fn == 'prod' and k in 'iu':
                    mode = 'normal'
                x = sample(rng, d, s, mode)
                if fn == 'prod' and k == 'f':
                    x = (x / 2).astype(d)
                for o in reduce_opts(s):
                    ax = np_axis(o)
                    kd = bool(o and o.get('keepdims'))
                    try:
                        with np.errstate(all='ignore'):
                            if fn in ('sum', 'prod'):
                                od = sum_dtype(d)
                                r = getattr(np, fn)(x.astype(od) if kind(od) != 'f' else x.astype('float64' if d != 'float16' else 'float32'), axis=ax, keepdims=kd).astype(od)
                                if kind(od) in 'c':
                                    r = getattr(np, fn)(x.astype('complex128'), axis=ax, keepdims=kd).astype(od)
                            elif fn in ('max', 'min'):
                                if x.size == 0 and (ax is None or any(x.shape[a] == 0 for a in (ax if isinstance(ax, tuple) else (ax,)))):
                                    raise ValueError()
                                r = getattr(np, fn)(x, axis=ax, keepdims=kd)
                            else:
                                fd = float_dtype(d)
                                hi = 'complex128' if kind(fd) == 'c' else 'float64'
                                r = np.asarray(getattr(np, fn)(x.astype(hi), axis=ax, keepdims=kd)).astype(fd if fn == 'mean' else real_of(fd))
                            r = np.asarray(r)
                    except ValueError:
                        C.add(f'{fn}/{d}/{sh(s)}/{otag(o)}', fn, d, [x], Err('ArrError'), opts=o)
                        continue
                    tol = sum_tol(str(r.dtype), x) if fn in ('sum', 'mean', 'std', 'var') else (
                        {'rtol': DTYPE_RTOL[real_of(str(r.dtype))] * 4, 'atol': 0} if fn == 'prod' and real_of(str(r.dtype)) in EPS else None)
                    if fn in ('std', 'var') and tol:
                        tol = {'rtol': tol['rtol'] * 10, 'atol': tol['atol'] * 10}
                    C.add(f'{fn}/{d}/{sh(s)}/{otag(o)}', fn, d, [x], r, opts=o, tol=tol)
            if fn in ('sum', 'prod') and k != 'b':
                x = sample(rng, d, [2, 3], 'normal')
                od = 'float64' if k in 'iuf' and d != 'float64' and k == 'f' else None
                if k == 'f':
                    C.add(f'{fn}/{d}/dtype-float64', fn, d, [x], np.asarray(getattr(np, fn)(x.astype('float64'), axis=1)), opts={'axis': 1, 'dtype': 'float64'}, tol=sum_tol('float64', x))
                elif k in 'iu':
                    C.add(f'{fn}/{d}/dtype-int64', fn, d, [x] if k == 'i' else [x], np.asarray(getattr(np, fn)(x.astype('int64' if k == 'i' else 'uint64'))), opts={'dtype': 'int64' if k == 'i' else 'uint64'})
            if fn in ('std', 'var') and k in 'f':
                x = sample(rng, d, [2, 4])
                for corr in (1, 0.5):
                    r = getattr(np, fn)(x.astype('float64'), axis=1, ddof=corr).astype(d)
                    C.add(f'{fn}/{d}/correction={corr}', fn, d, [x], r, opts={'axis': 1, 'correction': corr}, tol=sum_tol(d, x) and {'rtol': 1e-4 if d != 'float16' else 5e-3, 'atol': 1e-5 if d != 'float16' else 5e-3})
            if fn in ('max', 'min', 'sum', 'mean', 'prod') and k == 'f':
                x = np.array([1, np.nan, 2, -np.inf, np.inf, -0.0], d)
                with np.errstate(all='ignore'):
                    r = np.asarray(getattr(np, fn)(x)).astype(d)
                C.add(f'{fn}/{d}/special-values', fn, d, [x], r)
    # cumulative
    for fn, npf in [('cumulativeSum', np.cumsum), ('cumulativeProd', np.cumprod)]:
        for d in DTYPES:
            k = kind(d)
            od = sum_dtype(d)
            for s, o in [([5], None), ([5], {'includeInitial': True}), ([2, 3], {'axis': 1}), ([2, 3], {'axis': 0}),
                         ([3, 1, 4], {'axis': -1}), ([0], None), ([2, 3], {'axis': -2, 'includeInitial': True}), ([2, 0], {'axis': 1, 'includeInitial': True})]:
                x = sample(rng, d, s, 'normal' if fn == 'cumulativeProd' or k not in 'iu' else 'range')
                if fn == 'cumulativeProd' and k == 'f':
                    x = (x / 2).astype(d)
                ax = 0 if o is None or 'axis' not in o else o['axis']
                hi = od if kind(od) in 'iub' else ('complex128' if k == 'c' else 'float64')
                with np.errstate(all='ignore'):
                    r = npf(x.astype(hi), axis=ax)
                    if o and o.get('includeInitial'):
                        init_shape = list(x.shape)
                        init_shape[ax] = 1
                        init = np.zeros(init_shape, hi) if fn == 'cumulativeSum' else np.ones(init_shape, hi)
                        r = np.concatenate([init, r], axis=ax)
                r = r.astype(od)
                C.add(f'{fn}/{d}/{sh(s)}/{otag(o)}', fn, d, [x], r, opts=o,
                      tol=sum_tol(od, x) if fn == 'cumulativeSum' else ({'rtol': DTYPE_RTOL[real_of(od)] * 4, 'atol': 0} if real_of(od) in EPS else None))
            C.add(f'{fn}/{d}/2d-without-axis', fn, d, [sample(rng, d, [2, 2])], Err('ArrError'))
    # all / any
    for fn in ['all', 'any']:
        for d in DTYPES:
            for s in [[5], [2, 3], [3, 1, 4], [], [0], [2, 0]]:
                x = sample(rng, d, s, 'normal')
                if d != 'bool' and x.size:
                    flat = x.reshape(-1)
                    flat[rng.integers(0, flat.size)] = 0
                    if fn == 'any' and rng.random() < 0.3:
                        flat[:] = 0
                    x = flat.reshape(s)
                for o in reduce_opts(s)[:4]:
                    r = getattr(np, fn)(x, axis=np_axis(o), keepdims=bool(o and o.get('keepdims')))
                    C.add(f'{fn}/{d}/{sh(s)}/{otag(o)}', fn, d, [x], np.asarray(r), opts=o)
            if kind(d) == 'f':
                x = np.array([np.nan, -0.0, 0.0], d)
                C.add(f'{fn}/{d}/special-values', fn, d, [x], np.asarray(getattr(np, fn)(x)), opts={'axis': 0})
    # diff
    for d in DTYPES:
        if d == 'bool':
            continue
        for s, o in [([5], None), ([5], {'n': 2}), ([2, 4], {'axis': 0}), ([2, 4], {'axis': -1, 'n': 3}),
                     ([4], {'n': 0}), ([3], {'n': 4}), ([2, 3], {'prepend': 'P', 'append': 'A', 'axis': 1})]:
            x = sample(rng, d, s, 'range' if kind(d) in 'iu' else 'normal')
            kw = dict(o or {})
            npkw = {'axis': kw.get('axis', -1), 'n': kw.get('n', 1)}
            if 'prepend' in kw:
                kw['prepend'] = sample(rng, d, [2, 1])
                kw['append'] = sample(rng, d, [2, 2])
                npkw['prepend'], npkw['append'] = kw['prepend'], kw['append']
            with np.errstate(all='ignore'):
                r = np.diff(x, **npkw).astype(d)
            C.add(f'diff/{d}/{sh(s)}/{otag(o)}', 'diff', d, [x], r, opts=kw or None, tol=sum_tol(d, x) if kind(d) in 'fc' else None)
    return C


def gen_searching():
    rng = np.random.default_rng(3)
    C = Cases()
    for fn, npf in [('argmax', np.argmax), ('argmin', np.argmin)]:
        for d in DTYPES:
            if kind(d) == 'c':
                C.add(f'{fn}/{d}/dtype-error', fn, d, [sample(rng, d, [3])], Err('DTypeError'))
                continue
            for s in [[5], [2, 3], [3, 1, 4], [], [2, 0]]:
                x = sample(rng, d, s, 'range' if kind(d) in 'iu' else 'normal')
                if x.size >= 3:
                    f = x.reshape(-1)
                    f[-1] = f[0]  # a tie: the first one wins
                    x = f.reshape(s)
                opts = [None] + ([{'axis': 0}, {'axis': -1, 'keepdims': True}] if s else [])
                for o in opts:
                    ax = None if o is None else o['axis']
                    if x.size == 0 and (ax is None or x.shape[ax] == 0):
                        C.add(f'{fn}/{d}/{sh(s)}/{otag(o)}', fn, d, [x], Err('ArrError'), opts=o)
                        continue
                    r = np.asarray(npf(x, axis=ax, keepdims=bool(o and o.get('keepdims')))).astype('int32')
                    C.add(f'{fn}/{d}/{sh(s)}/{otag(o)}', fn, d, [x], r, opts=o)
            if kind(d) == 'f':
                x = np.array([1, np.nan, 3, np.nan], d)
                C.add(f'{fn}/{d}/nan', fn, d, [x], np.asarray(npf(x)).astype('int32'))
                x = np.array([-0.0, 0.0, -np.inf, np.inf], d)
                C.add(f'{fn}/{d}/special-values', fn, d, [x], np.asarray(npf(x)).astype('int32'))
    for d in DTYPES:
        for s, o in [([5], None), ([2, 3], {'axis': 1}), ([2, 3], {'keepdims': True}), ([], None), ([0], None), ([3, 1, 4], {'axis': [0, 2]})]:
            x = sample(rng, d, s)
            if x.size and d != 'bool':
                f = x.reshape(-1)
                f[::2] = 0
                x = f.reshape(s)
            ax = np_axis(o)
            r = np.count_nonzero(x, axis=ax, keepdims=bool(o and o.get('keepdims')))
            C.add(f'countNonzero/{d}/{sh(s)}/{otag(o)}', 'countNonzero', d, [x], np.asarray(r).astype('int32'), opts=o)
        for s in [[6], [2, 3], [3, 1, 4], [0], [2, 0]]:
            x = sample(rng, d, s)
            if x.size and d != 'bool':
                f = x.reshape(-1)
                f[::2] = 0
                x = f.reshape(s)
            C.add(f'nonzero/{d}/{sh(s)}', 'nonzero', d, [x], [i.astype('int32') for i in np.nonzero(x)])
        C.add(f'nonzero/{d}/0d-error', 'nonzero', d, [sample(rng, d, [])], Err('ArrError'))
        if kind(d) == 'f':
            x = np.array([np.nan, -0.0, 0.0, np.inf], d)
            C.add(f'nonzero/{d}/special-values', 'nonzero', d, [x], [i.astype('int32') for i in np.nonzero(x)])
        # where
        for s1, s2, s3 in [([5], [5], [5]), ([2, 3], [3], [2, 1]), ([], [4], []), ([0], [0], [1])]:
            c = sample(rng, 'bool', s1)
            a, b = sample(rng, d, s2), sample(rng, d, s3)
            C.add(f'where/{d}/{sh(s1)}-{sh(s2)}-{sh(s3)}', 'where', d, [c, a, b], np.where(c, a, b).astype(d))
        x = sample(rng, d, [4])
        c = sample(rng, 'bool', [4])
        sv = True if d == 'bool' else (2 if kind(d) in 'iu' else 0.5)
        C.add(f'where/{d}/scalar', 'where', d, [c, x, sv], np.where(c, x, np.asarray(sv).astype(d)).astype(d))
        # searchsorted
        if kind(d) not in 'c':
            x1 = np.sort(sample(rng, d, [7]))
            if d != 'bool':
                x1[3] = x1[4]
            x2 = np.concatenate([x1[[0, 3, 6]], sample(rng, d, [4])]).astype(d)
            for side in ('left', 'right'):
                r = np.searchsorted(x1, x2, side=side).astype('int32')
                C.add(f'searchsorted/{d}/{side}', 'searchsorted', d, [x1, x2], r, opts={'side': side})
            perm = rng.permutation(7)
            unsorted = x1[np.argsort(perm)]
            sorter = np.argsort(unsorted, kind='stable').astype('int32')
            C.add(f'searchsorted/{d}/sorter', 'searchsorted', d, [unsorted, x2], np.searchsorted(unsorted, x2, sorter=sorter).astype('int32'), opts={'sorter': sorter})
            C.add(f'searchsorted/{d}/0d-x2', 'searchsorted', d, [x1, x2[:1].reshape(())], np.asarray(np.searchsorted(x1, x2[0])).astype('int32'))
            if kind(d) == 'f':
                x1 = np.array([-np.inf, -1, -0.0, 0.5, np.inf, np.nan], d)
                x2 = np.array([np.nan, -np.inf, 0.0, -0.0, np.inf, 2], d)
                C.add(f'searchsorted/{d}/special-values', 'searchsorted', d, [x1, x2], np.searchsorted(x1, x2).astype('int32'))
    # where mixed dtypes (promotion)
    for d1, d2 in MIXED_PAIRS:
        c = sample(rng, 'bool', [4])
        a, b = sample(rng, d1, [4]), sample(rng, d2, [4])
        p = promote_safe(d1, d2)
        C.add(f'where/{d1}+{d2}/mixed', 'where', d1, [c, a, b], Err('DTypeError') if p is None else np.where(c, a.astype(p), b.astype(p)))
    return C


def gen_set_sort():
    rng = np.random.default_rng(4)
    C = Cases()
    for d in DTYPES:
        if kind(d) == 'c':
            continue
        for s in [[8], [2, 4], [0], []]:
            x = sample(rng, d, s, 'normal')
            if x.size >= 4:
                f = x.reshape(-1)
                f[1] = f[0]
                f[-1] = f[2]
                x = f.reshape(s)
            v, idx, inv, cnt = np.unique(x, return_index=True, return_inverse=True, return_counts=True)
            inv = inv.reshape(x.shape).astype('int32')
            C.add(f'uniqueValues/{d}/{sh(s)}', 'uniqueValues', d, [x], v)
            C.add(f'uniqueCounts/{d}/{sh(s)}', 'uniqueCounts', d, [x], {'values': v, 'counts': cnt.astype('int32')})
            C.add(f'uniqueInverse/{d}/{sh(s)}', 'uniqueInverse', d, [x], {'values': v, 'inverseIndices': inv})
            C.add(f'uniqueAll/{d}/{sh(s)}', 'uniqueAll', d, [x], {'values': v, 'indices': idx.astype('int32'), 'inverseIndices': inv, 'counts': cnt.astype('int32')})
        if kind(d) == 'f':
            x = np.array([np.nan, 1, np.nan, -0.0, 0.0, np.inf], d)
            v = np.unique(x, equal_nan=False)
            C.add(f'uniqueValues/{d}/nan-distinct', 'uniqueValues', d, [x], v)
            vv, cnt = np.unique(x, return_counts=True, equal_nan=False)
            C.add(f'uniqueCounts/{d}/nan-distinct', 'uniqueCounts', d, [x], {'values': vv, 'counts': cnt.astype('int32')})
        # isin
        x1 = sample(rng, d, [2, 4])
        x2 = np.concatenate([x1.reshape(-1)[:3], sample(rng, d, [3])]).astype(d)
        C.add(f'isin/{d}/basic', 'isin', d, [x1, x2], np.isin(x1, x2))
        C.add(f'isin/{d}/invert', 'isin', d, [x1, x2], np.isin(x1, x2, invert=True), opts={'invert': True})
        C.add(f'isin/{d}/empty-x2', 'isin', d, [x1, x2[:0]], np.isin(x1, x2[:0]))
    # sort / argsort
    for d in REAL:
        for s, o in [([7], None), ([2, 5], {'axis': 0}), ([2, 5], None), ([3, 1, 4], {'axis': -2}), ([0], None), ([2, 0], {'axis': 1}),
                     ([8], {'descending': True}), ([2, 5], {'axis': 0, 'descending': True, 'stable': True})]:
            x = sample(rng, d, s, 'range' if kind(d) in 'iu' else 'normal')
            if x.size >= 4:
                f = x.reshape(-1)
                f[1] = f[0]
                f[3] = f[0]
                x = f.reshape(s)
            ax = -1 if o is None or 'axis' not in o else o['axis']
            desc = bool(o and o.get('descending'))
            if desc:
                r_idx = np.apply_along_axis(lambda v: np.argsort(-np.unique(v, return_inverse=True)[1].reshape(-1), kind='stable'), ax, x) if x.size else np.zeros(x.shape, 'int64')
            else:
                r_idx = np.argsort(x, axis=ax, kind='stable')
            r = np.take_along_axis(x, r_idx, axis=ax)
            C.add(f'sort/{d}/{sh(s)}/{otag(o)}', 'sort', d, [x], r, opts=o)
            oo = dict(o or {})
            oo['stable'] = True
            C.add(f'argsort/{d}/{sh(s)}/{otag(oo)}', 'argsort', d, [x], r_idx.astype('int32'), opts=oo)
        if kind(d) == 'f':
            x = np.array([np.nan, 1, -np.inf, -0.5, np.inf, np.nan, 0.0], d)
            C.add(f'sort/{d}/special-values', 'sort', d, [x], np.sort(x))
            C.add(f'argsort/{d}/special-values', 'argsort', d, [x], np.argsort(x, kind='stable').astype('int32'), opts={'stable': True})
    C.add('sort/bool/basic', 'sort', 'bool', [np.array([True, False, True, False])], np.array([False, False, True, True]))
    return C


# ---------------------------------------------------------------- creation / data types

def gen_creation():
    rng = np.random.default_rng(5)
    C = Cases()
    # arange
    for args, opts, exp in [
        ([5], None, np.arange(5, dtype='int32')),
        ([2, 9, 3], None, np.arange(2, 9, 3, dtype='int32')),
        ([10, 0, -3], None, np.arange(10, 0, -3, dtype='int32')),
        ([0, 1, 0.25], None, np.arange(0, 1, 0.25, dtype='float32')),
        ([2.5], None, np.arange(2.5, dtype='float32')),
        ([0, 0], None, np.arange(0, 0, dtype='int32')),
        ([3, 1], None, np.arange(3, 1, dtype='int32')),
        ([-1, 1, 0.5], None, np.arange(-1, 1, 0.5, dtype='float32')),
    ]:
        C.add(f'arange/{exp.dtype}/{",".join(map(str, args))}', 'arange', str(exp.dtype), args, exp, opts=opts)
    for d in DTYPES:
        if kind(d) in 'bc':
            continue
        C.add(f'arange/{d}/dtype', 'arange', d, [1, 7, 2], np.arange(1, 7, 2).astype(d), opts={'dtype': d})
    C.add('arange/int32/step-zero', 'arange', 'int32', [0, 5, 0], Err('ArrError'))
    # asarray
    C.add('asarray/int32/nested', 'asarray', 'int32', [[[1, 2], [3, 4]]], np.array([[1, 2], [3, 4]], 'int32'))
    C.add('asarray/float32/nested', 'asarray', 'float32', [[1.5, 2]], np.array([1.5, 2], 'float32'))
    C.add('asarray/bool/nested', 'asarray', 'bool', [[True, False]], np.array([True, False]))
    C.add('asarray/int32/scalar', 'asarray', 'int32', [3], np.asarray(3, 'int32'))
    C.add('asarray/float32/scalar', 'asarray', 'float32', [0.5], np.asarray(0.5, 'float32'))
    C.add('asarray/float32/empty', 'asarray', 'float32', [[[]]], np.zeros((1, 0), 'float32'))
    C.add('asarray/int32/ragged', 'asarray', 'int32', [[[1, 2], [3]]], Err('ArrError'))
    for d in DTYPES:
        vals = sample(rng, d, [2, 3], 'normal')
        nested = [[(complex(v) if kind(d) == 'c' else (BigInt(int(v)) if d in ('int64', 'uint64') else (bool(v) if d == 'bool' else (int(v) if kind(d) in 'iu' else float(v))))) for v in row] for row in vals]
        C.add(f'asarray/{d}/dtype', 'asarray', d, [nested], vals, opts={'dtype': d})
        C.add(f'asarray/{d}/from-array', 'asarray', d, [vals], vals)
        if kind(d) in 'iu':
            C.add(f'asarray/{d}/from-numbers', 'asarray', d, [[int(v) for v in vals[0]]], vals[0], opts={'dtype': d})
    # full/ones/zeros/empty and *Like
    for d in DTYPES:
        for s in [[2, 3], [], [0], [2, 0, 3]]:
            C.add(f'zeros/{d}/{sh(s)}', 'zeros', d, [s], np.zeros(s, d), opts={'dtype': d})
            C.add(f'ones/{d}/{sh(s)}', 'ones', d, [s], np.ones(s, d), opts={'dtype': d})
            C.add(f'empty/{d}/{sh(s)}', 'empty', d, [s], np.zeros(s, d), opts={'dtype': d}, compare='shape')
            fv = {'b': True, 'i': -7, 'u': 7, 'f': -2.5, 'c': complex(1, -2)}[kind(d)]
            C.add(f'full/{d}/{sh(s)}', 'full', d, [s, fv], np.full(s, fv, d), opts={'dtype': d})
            x = sample(rng, d, s)
            C.add(f'zerosLike/{d}/{sh(s)}', 'zerosLike', d, [x], np.zeros_like(x))
            C.add(f'onesLike/{d}/{sh(s)}', 'onesLike', d, [x], np.ones_like(x))
            C.add(f'emptyLike/{d}/{sh(s)}', 'emptyLike', d, [x], np.zeros_like(x), compare='shape')
            C.add(f'fullLike/{d}/{sh(s)}', 'fullLike', d, [x, fv], np.full_like(x, fv))
        x = sample(rng, 'int8', [2])
        C.add(f'zerosLike/int8-to-{d}/dtype', 'zerosLike', d, [x], np.zeros(2, d), opts={'dtype': d})
        C.add(f'fullLike/int8-to-{d}/dtype', 'fullLike', d, [x, 1], np.full(2, 1, d), opts={'dtype': d})
    C.add('zeros/float32/default', 'zeros', 'float32', [[2]], np.zeros(2, 'float32'))
    C.add('zeros/float32/int-shape', 'zeros', 'float32', [3], np.zeros(3, 'float32'))
    C.add('full/int32/default-int', 'full', 'int32', [[2], 3], np.full(2, 3, 'int32'))
    C.add('full/float32/default-float', 'full', 'float32', [[2], 1.5], np.full(2, 1.5, 'float32'))
    C.add('full/bool/default-bool', 'full', 'bool', [[2], True], np.full(2, True))
    C.add('full/float32/nan', 'full', 'float32', [[2], np.nan], np.full(2, np.nan, 'float32'))
    # eye
    for d in DTYPES:
        C.add(f'eye/{d}/3', 'eye', d, [3, Undef()], np.eye(3, dtype=d), opts={'dtype': d})
    for n, m, k in [(3, 4, 1), (4, 3, -2), (2, 2, 5), (0, 0, 0), (3, None, -1)]:
        C.add(f'eye/float32/{n}x{m}-k{k}', 'eye', 'float32', [n, Undef() if m is None else m], np.eye(n, m, k, 'float32'), opts={'k': k})
    # linspace
    for d in ['float32', 'float64', 'float16', 'complex64']:
        for start, stop, num, ep in [(0, 1, 5, True), (0, 1, 5, False), (-2, 3, 1, True), (1, 0, 4, True), (0, 10, 0, True), (2, 2, 3, True)]:
            r = np.linspace(start, stop, num, endpoint=ep, dtype='float64').astype(d)
            C.add(f'linspace/{d}/{start},{stop},{num},{ep}', 'linspace', d, [start, stop, num], r, opts={'dtype': d, 'endpoint': ep},
                  tol={'rtol': DTYPE_RTOL[real_of(d)] * 2, 'atol': EPS[real_of(d)] * 10})
    for d in ['int32']:
        C.add('linspace/float32/default', 'linspace', 'float32', [0, 1, 3], np.linspace(0, 1, 3).astype('float32'))
    # meshgrid
    for d in DTYPES:
        a, b, c = sample(rng, d, [3]), sample(rng, d, [2]), sample(rng, d, [4])
        for idx in ('xy', 'ij'):
            C.add(f'meshgrid/{d}/{idx}', 'meshgrid', d, [a, b, {'indexing': idx}], list(np.meshgrid(a, b, indexing=idx)))
        C.add(f'meshgrid/{d}/three', 'meshgrid', d, [a, b, c], list(np.meshgrid(a, b, c)))
        C.add(f'meshgrid/{d}/one', 'meshgrid', d, [a], list(np.meshgrid(a)))
    # tril / triu
    for d in DTYPES:
        for s in [[3, 4], [2, 3, 3], [0, 2]]:
            x = sample(rng, d, s)
            for k in (0, 1, -1):
                C.add(f'tril/{d}/{sh(s)}/k={k}', 'tril', d, [x], np.tril(x, k), opts={'k': k} if k else None)
                C.add(f'triu/{d}/{sh(s)}/k={k}', 'triu', d, [x], np.triu(x, k), opts={'k': k} if k else None)
        C.add(f'tril/{d}/1d-error', 'tril', d, [sample(rng, d, [3])], Err('ArrError'))
    return C


def gen_data_types():
    rng = np.random.default_rng(6)
    C = Cases()
    for src in DTYPES:
        for dst in DTYPES:
            if kind(src) == 'c' and kind(dst) != 'c':
                continue  # complex → real: the standard leaves it unspecified
            ks, kd = kind(src), kind(dst)
            if ks in 'iu' and kd in 'iu':
                x = sample(rng, src, [6], 'range')  # wraps like C
            elif ks in 'fc' and kd in 'iu':
                lo = 0 if kd == 'u' else -100
                hi = 100 if bits(dst) > 8 else 100
                lo = max(lo, -100)
                x = np.array([lo + 0.5, hi - 0.75, 0.0, 3.9, -0.0 if kd == 'i' else 1.0, 7.25], src)
                if kd == 'i':
                    x[1] = -3.9
            else:
                x = sample(rng, src, [6], 'normal' if ks != 'f' else 'special')
            with np.errstate(all='ignore'):
                import warnings
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    r = x.astype(dst)
            C.add(f'astype/{src}/to-{dst}', 'astype', src, [x, dst], r, signedZero=True if ks == 'f' and kd == 'f' else None)
        x = sample(rng, src, [])
        C.add(f'astype/{src}/0d-to-float64', 'astype', src, [x, 'float64'], x.astype('float64')) if kind(src) != 'c' else None
    for a in DTYPES:
        for b in DTYPES:
            p = promote_safe(a, b)
            C.add(f'resultType/{a}/{b}', 'resultType', a, [a, b], Err('DTypeError') if p is None else p)
            C.add(f'canCast/{a}/to-{b}', 'canCast', a, [a, b], a == b or p == b)
    C.add('resultType/int8/scalar-int', 'resultType', 'int8', ['int8', 1], 'int8')
    C.add('resultType/int8/scalar-float', 'resultType', 'int8', ['int8', 1.5], 'float32')
    C.add('resultType/float16/scalar-float', 'resultType', 'float16', ['float16', 1.5], 'float16')
    C.add('resultType/uint8/array', 'resultType', 'uint8', [np.zeros(2, 'uint8'), 'int8'], 'int16')
    C.add('resultType/float32/three', 'resultType', 'float32', ['int8', 'uint16', 'float32'], 'float32')
    kinds = ['bool', 'signed integer', 'unsigned integer', 'integral', 'real floating', 'complex floating', 'numeric']
    for d in DTYPES:
        for k in kinds:
            exp = {'bool': d == 'bool', 'signed integer': kind(d) == 'i', 'unsigned integer': kind(d) == 'u',
                   'integral': kind(d) in 'iu', 'real floating': kind(d) == 'f', 'complex floating': kind(d) == 'c',
                   'numeric': d != 'bool'}[k]
            C.add(f'isdtype/{d}/{k}', 'isdtype', d, [d, k], exp)
        C.add(f'isdtype/{d}/tuple', 'isdtype', d, [d, ['bool', 'complex floating']], d == 'bool' or kind(d) == 'c')
        C.add(f'isdtype/{d}/self', 'isdtype', d, [d, d], True)
    for d in FLOATS + COMPLEX:
        fi = np.finfo(d)
        rd = real_of(d)
        C.add(f'finfo/{d}/fields', 'finfo', d, [d], {'bits': int(fi.bits), 'eps': float(fi.eps), 'max': float(fi.max), 'min': float(fi.min),
                                                       'smallestNormal': float(fi.smallest_normal), 'dtype': rd})
    for d in INTS:
        ii = np.iinfo(d)
        big = d in ('int64', 'uint64')
        C.add(f'iinfo/{d}/fields', 'iinfo', d, [d], {'bits': int(ii.bits), 'max': BigInt(int(ii.max)) if big else int(ii.max),
                                                      'min': BigInt(int(ii.min)) if big else int(ii.min), 'dtype': d})
    C.add('finfo/int32/error', 'finfo', 'int32', ['int32'], Err('DTypeError'))
    C.add('iinfo/float32/error', 'iinfo', 'float32', ['float32'], Err('DTypeError'))
    return C


# ---------------------------------------------------------------- manipulation / indexing functions / linalg

def gen_manipulation():
    rng = np.random.default_rng(7)
    C = Cases()
    for d in DTYPES:
        x = sample(rng, d, [2, 3, 4])
        y = sample(rng, d, [3, 1])
        z = sample(rng, d, [2, 3])
        C.add(f'broadcastArrays/{d}/two', 'broadcastArrays', d, [y, z[:1]], list(np.broadcast_arrays(y, z[:1])))
        C.add(f'broadcastArrays/{d}/three', 'broadcastArrays', d, [y, sample(rng, d, []), sample(rng, d, [2, 1, 1])], list(np.broadcast_arrays(y, np.zeros((), d), np.zeros((2, 1, 1), d))) if False else None)
        C.cases.pop(); C.ids.discard(f'broadcastArrays/{d}/three')
        s0, s1 = sample(rng, d, []), sample(rng, d, [2, 1, 1])
        C.add(f'broadcastArrays/{d}/three', 'broadcastArrays', d, [y, s0, s1], list(np.broadcast_arrays(y, s0, s1)))
        C.add(f'broadcastArrays/{d}/incompatible', 'broadcastArrays', d, [y, sample(rng, d, [2, 2])], Err('ShapeError'))
        for tgt in ([3, 4], [2, 3, 4], [3, 0]):
            C.add(f'broadcastTo/{d}/{sh(tgt)}', 'broadcastTo', d, [y, tgt], np.broadcast_to(y, tgt).copy())
        C.add(f'broadcastTo/{d}/incompatible', 'broadcastTo', d, [y, [2, 4]], Err('ShapeError'))
        C.add(f'concat/{d}/axis0', 'concat', d, [[z, z[:1]]], np.concatenate([z, z[:1]]))
        C.add(f'concat/{d}/axis-1', 'concat', d, [[z, y[:2].reshape(2, 1)]], np.concatenate([z, y[:2].reshape(2, 1)], axis=-1), opts={'axis': -1})
        C.add(f'concat/{d}/axis-none', 'concat', d, [[z, x[0]]], np.concatenate([z, x[0]], axis=None), opts={'axis': None})
        C.add(f'concat/{d}/empty-part', 'concat', d, [[z, z[:0]]], np.concatenate([z, z[:0]]))
        C.add(f'concat/{d}/single', 'concat', d, [[z]], z.copy())
        C.add(f'concat/{d}/shape-error', 'concat', d, [[z, x]], Err('ArrError'))
        for ax in (0, -1, 1):
            C.add(f'expandDims/{d}/axis={ax}', 'expandDims', d, [z], np.expand_dims(z, ax), opts={'axis': ax})
        C.add(f'expandDims/{d}/0d', 'expandDims', d, [s0], np.expand_dims(s0, 0), opts={'axis': 0})
        C.add(f'expandDims/{d}/axis-error', 'expandDims', d, [z], Err('AxisError'), opts={'axis': 4})
        for o in (None, {'axis': 0}, {'axis': -1}, {'axis': [0, 2]}):
            C.add(f'flip/{d}/{otag(o)}', 'flip', d, [x], np.flip(x, np_axis(o)).copy(), opts=o)
        C.add(f'flip/{d}/0d', 'flip', d, [s0], s0.copy())
        C.add(f'moveaxis/{d}/0-to-2', 'moveaxis', d, [x, 0, 2], np.moveaxis(x, 0, 2).copy())
        C.add(f'moveaxis/{d}/lists', 'moveaxis', d, [x, [0, -1], [-1, 0]], np.moveaxis(x, [0, -1], [-1, 0]).copy())
        for axes in ([2, 0, 1], [0, 1, 2], [1, 0, 2]):
            C.add(f'permuteDims/{d}/{",".join(map(str, axes))}', 'permuteDims', d, [x, axes], np.transpose(x, axes).copy())
        C.add(f'permuteDims/{d}/repeated-error', 'permuteDims', d, [x, [0, 0, 1]], Err('ArrError'))
        C.add(f'repeat/{d}/int-flat', 'repeat', d, [z, 2], np.repeat(z, 2))
        C.add(f'repeat/{d}/int-axis', 'repeat', d, [z, 3], np.repeat(z, 3, axis=1), opts={'axis': 1})
        reps = np.array([1, 0, 2], 'int32')
        C.add(f'repeat/{d}/array-axis', 'repeat', d, [z, reps], np.repeat(z, reps, axis=1), opts={'axis': 1})
        C.add(f'repeat/{d}/zero', 'repeat', d, [z, 0], np.repeat(z, 0, axis=0), opts={'axis': 0})
        for s in ([6], [3, 2], [-1, 2], [1, 2, 3], [2, -1, 1]):
            C.add(f'reshape/{d}/{sh(s)}', 'reshape', d, [z, s], z.reshape(s))
        C.add(f'reshape/{d}/to-0d', 'reshape', d, [z[:1, :1], []], z[:1, :1].reshape(()))
        C.add(f'reshape/{d}/empty', 'reshape', d, [z[:0], [3, 0]], z[:0].reshape(3, 0))
        C.add(f'reshape/{d}/size-error', 'reshape', d, [z, [4, 2]], Err('ShapeError'))
        C.add(f'reshape/{d}/transposed', 'reshape', d, [np.ascontiguousarray(z.T), [2, 3]], z.T.reshape(2, 3))
        for shift, o in [(1, None), (-2, None), (7, {'axis': 1}), ([1, -1], {'axis': [0, 2]}), (2, {'axis': -1})]:
            C.add(f'roll/{d}/{shift}/{otag(o)}', 'roll', d, [x, shift], np.roll(x, shift, np_axis(o)), opts=o)
        w = sample(rng, d, [1, 3, 1])
        C.add(f'squeeze/{d}/axis0', 'squeeze', d, [w, 0], np.squeeze(w, 0))
        C.add(f'squeeze/{d}/axes', 'squeeze', d, [w, [0, -1]], np.squeeze(w, (0, 2)))
        C.add(f'squeeze/{d}/not-one-error', 'squeeze', d, [w, 1], Err('ArrError'))
        for ax in (0, 1, -1):
            C.add(f'stack/{d}/axis={ax}', 'stack', d, [[z, z[::-1]]], np.stack([z, z[::-1]], ax), opts={'axis': ax} if ax else None)
        C.add(f'stack/{d}/0d', 'stack', d, [[s0, s0]], np.stack([s0, s0]))
        C.add(f'stack/{d}/shape-error', 'stack', d, [[z, y]], Err('ShapeError'))
        for reps in ([2], [2, 1], [1, 2, 2], [0, 1]):
            C.add(f'tile/{d}/{sh(reps)}', 'tile', d, [z, reps], np.tile(z, reps))
        for ax in (0, 1, -1):
            C.add(f'unstack/{d}/axis={ax}', 'unstack', d, [x], [np.take(x, i, axis=ax) for i in range(x.shape[ax])], opts={'axis': ax} if ax else None)
    # concat promotion
    for d1, d2 in MIXED_PAIRS:
        a, b = sample(rng, d1, [2]), sample(rng, d2, [3])
        p = promote_safe(d1, d2)
        C.add(f'concat/{d1}+{d2}/promote', 'concat', d1, [[a, b]], Err('DTypeError') if p is None else np.concatenate([a.astype(p), b.astype(p)]))
    for shapes, exp in [([[2, 3], [3]], [2, 3]), ([[1], [0]], [0]), ([[], [4, 1]], [4, 1]), ([[5, 1, 4], [3, 1]], [5, 3, 4]), ([[2], [3]], None), ([], [])]:
        C.add(f'broadcastShapes/none/{"|".join(map(sh, shapes)) or "empty"}', 'broadcastShapes', 'none', shapes, Err('ShapeError') if exp is None else exp)
    return C


def gen_indexing():
    """take, takeAlongAxis, and the array object's get/set (fn 'get'/'set' → method calls)."""
    rng = np.random.default_rng(8)
    C = Cases()
    for d in DTYPES:
        x = sample(rng, d, [3, 4])
        v = sample(rng, d, [5])
        for idt in ('int32', 'int64', 'uint8', 'int16'):
            idx = np.array([0, 2, 4, 1] if idt == 'uint8' else [0, -1, 2, -5], idt)
            C.add(f'take/{d}/1d-{idt}', 'take', d, [v, idx], np.take(v, idx.astype('int64')))
        idx = np.array([[0, -1], [1, 1]], 'int32')
        C.add(f'take/{d}/axis0-2d-indices', 'take', d, [x, idx], np.take(x, idx, axis=0), opts={'axis': 0})
        C.add(f'take/{d}/axis-1', 'take', d, [x, np.array([3, 0], 'int32')], np.take(x, [3, 0], axis=-1), opts={'axis': -1})
        C.add(f'take/{d}/empty-indices', 'take', d, [x, np.zeros(0, 'int32')], np.take(x, np.zeros(0, 'int64'), axis=1), opts={'axis': 1})
        C.add(f'take/{d}/0d-index', 'take', d, [v, np.asarray(2, 'int32')], np.take(v, 2))
        C.add(f'take/{d}/out-of-range', 'take', d, [v, np.array([5], 'int32')], Err('IndexError'))
        C.add(f'take/{d}/float-indices-error', 'take', d, [v, np.array([1.0], 'float32')], Err('ArrError'))
        ia = np.argsort(x, axis=1, kind='stable').astype('int32')
        C.add(f'takeAlongAxis/{d}/argsort', 'takeAlongAxis', d, [x, ia], np.take_along_axis(x, ia, 1), opts={'axis': 1})
        ib = np.array([[0, -1, 2, 1]], 'int32')
        C.add(f'takeAlongAxis/{d}/axis0-broadcast', 'takeAlongAxis', d, [x, ib], np.take_along_axis(x, ib.astype('int64'), 0), opts={'axis': 0})
        C.add(f'takeAlongAxis/{d}/default-axis', 'takeAlongAxis', d, [x, ia[:, :2]], np.take_along_axis(x, ia[:, :2], -1))
        # get
        y = sample(rng, d, [3, 4, 5])
        for keys in [[1], [-1], [':', 2], ['1:', '::2'], ['::-1'], ['...', 1], [None, 0], [0, None, '1:3'], ['...'],
                     [1, 2, 3], [':', ':', '-2:'], ['::-2', '1::2', '3:0:-1'], ['5:'], [0, '...', None],
                     [np.array([0, 2, -1], 'int32')], [':', np.array([[1, 1], [0, 3]], 'int32')], ['-10:10']]:
            C.add(f'get/{d}/{keytag(keys)}', 'get', d, [y, *keys], y[tuple(pykey(k) for k in keys)].copy() if True else None)
        z0 = sample(rng, d, [])
        C.add(f'get/{d}/0d-ellipsis', 'get', d, [z0, '...'], z0.copy())
        C.add(f'get/{d}/0d-none', 'get', d, [z0, None], z0[None].copy())
        C.add(f'get/{d}/out-of-range', 'get', d, [y, 3], Err('IndexError'))
        C.add(f'get/{d}/too-many', 'get', d, [y, 0, 0, 0, 0], Err('IndexError'))
        # set
        for keys, vshape in [([1], [4, 5]), ([':', 0], [3, 5]), (['::-1', '1:3', 4], [3, 2]), ([0, 0, 0], []), (['...', 1], [4]),
                             ([np.array([2, 0], 'int32')], [2, 4, 5]), ([1], [5])]:
            val = sample(rng, d, vshape)
            r = y.copy()
            r[tuple(pykey(k) for k in keys)] = val
            C.add(f'set/{d}/{keytag(keys)}-{sh(vshape)}', 'set', d, [y, keys, val], r)
        sv = {'b': True, 'i': 7, 'u': 7, 'f': 0.5, 'c': complex(1, 1)}[kind(d)]
        r = y.copy()
        r[1, ::2] = sv
        C.add(f'set/{d}/scalar-value', 'set', d, [y, [1, '::2'], sv], r)
        mask = sample(rng, 'bool', [3, 4, 5])
        r = y.copy()
        r[mask] = sv
        C.add(f'set/{d}/bool-mask', 'set', d, [y, [mask], sv], r)
    return C


def pykey(k):
    if isinstance(k, str):
        if k == '...':
            return Ellipsis
        parts = k.split(':')
        vals = [int(p) if p else None for p in parts]
        return slice(*vals)
    return k


def keytag(keys):
    out = []
    for k in keys:
        if isinstance(k, np.ndarray):
            out.append('arr' + sh(list(k.shape)) + ('bool' if k.dtype == bool else ''))
        elif k is None:
            out.append('new')
        else:
            out.append(str(k))
    return ','.join(out)


def gen_linalg():
    rng = np.random.default_rng(9)
    C = Cases()
    for d in DTYPES:
        if d == 'bool':
            C.add('matmul/bool/dtype-error', 'matmul', d, [sample(rng, d, [2, 2]), sample(rng, d, [2, 2])], Err('DTypeError'))
            continue
        m = 'normal'
        for s1, s2 in [([2, 3], [3, 4]), ([3], [3, 2]), ([2, 3], [3]), ([4], [4]), ([2, 2, 3], [3, 4]), ([2, 1, 2, 3], [3, 3, 4]),
                       ([0, 3], [3, 2]), ([2, 0], [0, 3]), ([5, 7], [7, 6])]:
            a, b = sample(rng, d, s1, m), sample(rng, d, s2, m)
            r = matmul_ref(a, b)
            C.add(f'matmul/{d}/{sh(s1)}@{sh(s2)}', 'matmul', d, [a, b], r, tol=sum_tol(d, np.abs(a).sum() * np.abs(b).max() * np.ones(1) if a.size and b.size else np.zeros(0)))
        C.add(f'matmul/{d}/shape-error', 'matmul', d, [sample(rng, d, [2, 3]), sample(rng, d, [2, 3])], Err('ShapeError'))
        C.add(f'matmul/{d}/0d-error', 'matmul', d, [sample(rng, d, []), sample(rng, d, [2])], Err('ArrError'))
        x = sample(rng, d, [2, 3, 4])
        C.add(f'matrixTranspose/{d}/3d', 'matrixTranspose', d, [x], np.swapaxes(x, -1, -2).copy())
        C.add(f'matrixTranspose/{d}/1d-error', 'matrixTranspose', d, [sample(rng, d, [3])], Err('ArrError'))
        a, b = sample(rng, d, [2, 3, 4]), sample(rng, d, [3, 4, 5])
        for axes, npaxes in [(2, 2), (1, 1), (0, 0), ([[1, 2], [0, 1]], ([1, 2], [0, 1]))]:
            bb = b if axes != 1 else sample(rng, d, [4, 2])
            if axes == 0:
                bb = sample(rng, d, [2])
            r = tensordot_ref(a, bb, npaxes)
            C.add(f'tensordot/{d}/axes={json.dumps(axes)}', 'tensordot', d, [a, bb], r, opts={'axes': axes} if axes != 2 else None,
                  tol=sum_tol(d, np.abs(a).sum() * np.abs(bb).max() * np.ones(1)))
        a, b = sample(rng, d, [2, 3]), sample(rng, d, [3])
        r = vecdot_ref(a, b, -1)
        C.add(f'vecdot/{d}/broadcast', 'vecdot', d, [a, b], r, tol=sum_tol(d, np.abs(a).sum() * np.abs(b).max() * np.ones(1)))
        a2, b2 = sample(rng, d, [3, 2]), sample(rng, d, [3, 2])
        C.add(f'vecdot/{d}/axis0', 'vecdot', d, [a2, b2], vecdot_ref(a2, b2, 0), opts={'axis': 0}, tol=sum_tol(d, np.abs(a2).sum() * np.abs(b2).max() * np.ones(1)))
    for d1, d2 in MIXED_PAIRS:
        a, b = sample(rng, d1, [2, 3]), sample(rng, d2, [3, 2])
        p = promote_safe(d1, d2)
        if p == 'bool':
            continue
        C.add(f'matmul/{d1}+{d2}/promote', 'matmul', d1, [a, b], Err('DTypeError') if p is None else matmul_ref(a.astype(p), b.astype(p)),
              tol=None if p is None else sum_tol(p, np.abs(a.astype('complex128')).sum() * np.abs(b.astype('complex128')).max() * np.ones(1)))
    return C


def hi_dtype(d):
    return {'f': 'float64', 'c': 'complex128'}.get(kind(d), d)


def matmul_ref(a, b):
    d = str(a.dtype)
    with np.errstate(all='ignore'):
        return np.asarray(np.matmul(a.astype(hi_dtype(d)), b.astype(hi_dtype(d)))).astype(d)


def tensordot_ref(a, b, axes):
    d = str(a.dtype)
    with np.errstate(all='ignore'):
        return np.asarray(np.tensordot(a.astype(hi_dtype(d)), b.astype(hi_dtype(d)), axes)).astype(d)


def vecdot_ref(a, b, axis):
    d = str(a.dtype)
    with np.errstate(all='ignore'):
        return np.asarray(np.vecdot(a.astype(hi_dtype(d)), b.astype(hi_dtype(d)), axis=axis)).astype(d)


def gen_extract():
    rng = np.random.default_rng(10)
    C = Cases()
    for d in DTYPES:
        for s in [[6], [2, 3], [0], []]:
            x = sample(rng, d, s)
            m = sample(rng, 'bool', s)
            C.add(f'extract/{d}/{sh(s)}', 'extract', d, [m, x], np.extract(m, x))
    return C


def gen_io():
    """NumPy-written .npy bytes (base64) and the array they hold."""
    rng = np.random.default_rng(11)
    C = Cases()
    for d in DTYPES:
        for s in [[2, 3], [], [0], [3, 1, 2]]:
            x = sample(rng, d, s, 'special' if kind(d) == 'f' else ('range' if kind(d) in 'iu' else 'normal'))
            buf = io.BytesIO()
            np.save(buf, x)
            C.add(f'load/{d}/{sh(s)}', 'load', d, [{'$npy': base64.b64encode(buf.getvalue()).decode()}], x, signedZero=True)
        x = np.asfortranarray(sample(rng, d, [2, 3]))
        buf = io.BytesIO()
        np.save(buf, x)
        C.add(f'load/{d}/fortran-order', 'load', d, [{'$npy': base64.b64encode(buf.getvalue()).decode()}], np.ascontiguousarray(x))
    x = np.arange(6, dtype='>i4').reshape(2, 3)
    buf = io.BytesIO()
    np.save(buf, x)
    C.add('load/int32/big-endian', 'load', 'int32', [{'$npy': base64.b64encode(buf.getvalue()).decode()}], x.astype('<i4'))
    return C


# ---------------------------------------------------------------- np.linalg / np.fft extensions
#
# Extra case fields used here (see src/cases/linalg-ext.ts):
#   "check": {"kind": "qr" | "svd" | "eigh" | "cholesky" | "inv" | "solve", "rtol": r, ...}
#       a reconstruction identity on the result (Q·R = A, U·diag(S)·Vh = A, V·diag(w)·Vᴴ = A,
#       L·Lᴴ = A, A·X = I, A·X = B) with max-abs residual ≤ r · (a norm of the operands), plus
#       orthonormality / triangularity / ordering; "expected" then holds only the unique parts
#       (S, eigenvalues) and "outShapes" the dtype and shape of every output.
#   "expected": {"$error": "ValueError", "$message": "linalg.inv"}: the message must contain it.
# Tolerances: relative error against NumPy computed in float64/complex128 from the same inputs,
# widened by a condition-number bound (eps · n · cond) for inv/solve/det/pinv and by ‖A‖ for
# eigenvalues and singular values (absolute error eps · n · ‖A‖₂ for a backward-stable method).

LX_REAL = ['float32', 'float64']
LX_CPLX = ['complex64', 'complex128']
LX_ALL = LX_REAL + LX_CPLX


def comp_dtype(d):
    """Computation dtype of linalg/fft: floats stay, ints and bool compute in float32."""
    return d if kind(d) in 'fc' else 'float32'


def eps_of(d):
    return EPS[real_of(comp_dtype(d))]


def short32(v):
    """Shortest decimal that rounds to the same float32 (exact, and short in JSON)."""
    return float(np.format_float_positional(np.float32(v), unique=True, trim='-'))


def _compact_array(a, expected):
    d = a['dtype']
    if d not in ('float32', 'complex64', 'float64', 'complex128'):
        return a
    single = d in ('float32', 'complex64')

    def one(v):
        if isinstance(v, str):
            return v
        if single:
            return enc_float(short32(v))
        if expected:  # 15 significant digits: 5e-16 relative, far inside every tolerance
            return enc_float(float('%.15g' % v))
        return v
    data = [[one(v[0]), one(v[1])] if isinstance(v, list) else one(v) for v in a['data']]
    return {**a, 'data': data}


def _compact(x, expected):
    if isinstance(x, list):
        return [_compact(v, expected) for v in x]
    if isinstance(x, dict):
        if 'dtype' in x and 'shape' in x and 'data' in x:
            return _compact_array(x, expected)
        return {k: _compact(v, expected) for k, v in x.items()}
    return x


class ExtCases(Cases):
    """Cases with compact float encoding (float32 data as shortest round-trip decimals)."""

    def add(self, id, fn, dtype, args, expected, opts=None, **extra):
        super().add(id, fn, dtype, args, expected, opts, **extra)
        c = self.cases[-1]
        c['args'] = _compact(c['args'], False)
        c['expected'] = _compact(c['expected'], True)
        return c

    def err(self, id, fn, dtype, args, name, opts=None, message=None):
        c = self.add(id, fn, dtype, args, Err(name), opts)
        c['expected']['$message'] = message if message is not None else fn
        return c


def q(rng, d, shape, lo=-16, hi=16, den=4):
    """Quantized random values (multiples of 1/den): exact in every float dtype, short in JSON."""
    n = shape_size(shape)
    if kind(d) in 'iu':
        return rng.integers(-5, 6, n).astype(d).reshape(shape)

    def part():
        return (rng.integers(lo, hi + 1, n) / den).reshape(shape)
    if kind(d) == 'c':
        return (part() + 1j * part()).astype(d)
    return part().astype(d)


def hi(a):
    return a.astype('complex128' if kind(str(a.dtype)) == 'c' else 'float64')


def well(rng, d, shape, maxcond=200.0):
    """Random quantized square (or rectangular) matrices with bounded condition number."""
    for _ in range(200):
        a = q(rng, d, shape)
        if shape_size(shape) == 0 or np.all(np.linalg.cond(hi(a)) < maxcond):
            return a
    raise RuntimeError('no well-conditioned sample')


def spd(rng, d, shape):
    """Hermitian positive-definite B·Bᴴ + n·I with exact entries."""
    n = shape[-1]
    b = q(rng, d, shape, -8, 8, 4)
    a = hi(b) @ np.conj(np.swapaxes(hi(b), -1, -2)) + n * np.eye(n)
    return a.astype(d)


def herm(rng, d, shape):
    b = hi(q(rng, d, shape))
    return ((b + np.conj(np.swapaxes(b, -1, -2))) / 2).astype(d)


def hilbert(n, d):
    i = np.arange(n)
    return (1.0 / (i[:, None] + i[None, :] + 1)).astype(d)


def nearly_singular(rng, d, n, smin):
    u, _ = np.linalg.qr(rng.standard_normal((n, n)))
    v, _ = np.linalg.qr(rng.standard_normal((n, n)))
    s = np.geomspace(1, smin, n)
    return (u * s) @ v.T


def rank_def(rng, d, m, n, r):
    """Exactly rank-r integer matrix (exact in every dtype)."""
    b = rng.integers(-3, 4, (m, r)).astype(float)
    c = rng.integers(-3, 4, (r, n)).astype(float)
    a = b @ c
    if kind(d) == 'c':
        a = a + 1j * (b @ rng.integers(-3, 4, (r, n)))
    return a.astype(d)


def cond2(a):
    a = hi(a)
    if a.size == 0:
        return 1.0
    s = np.linalg.svd(a, compute_uv=False)
    smin = s[..., -1]
    with np.errstate(all='ignore'):
        c = np.where(smin > 0, s[..., 0] / np.where(smin > 0, smin, 1), np.inf)
    return float(np.max(c))


def norm2(a):
    a = hi(a)
    return float(np.max(np.linalg.svd(a, compute_uv=False))) if a.size else 0.0


def tolx(d, atol, rfac=4):
    rd = real_of(comp_dtype(d))
    return {'rtol': DTYPE_RTOL[rd] * rfac, 'atol': max(float(atol), EPS[rd] * 4)}


def out(r, d):
    """Casts a float64/complex128 reference to the contract dtype d (real part kept for real d)."""
    r = np.asarray(r)
    if kind(d) != 'c' and kind(str(r.dtype)) == 'c':
        r = r.real
    return r.astype(d)


def shapes_of(**arrays):
    return {k: {'dtype': str(v.dtype), 'shape': list(v.shape)} for k, v in arrays.items()}


def gen_linalg_ext():
    rng = np.random.default_rng(12)
    C = ExtCases()
    L = np.linalg

    def ident_rtol(d, m, n, f=32):
        return f * max(m, n, 1) * eps_of(d)

    # ---- cholesky
    for d in LX_ALL + ['int32']:
        cd = comp_dtype(d)
        shapes = [[3, 3]] if d == 'int32' else [[1, 1], [4, 4], [2, 3, 4, 4]]
        for s in shapes:
            a = spd(rng, d, s) if d != 'int32' else spd(rng, 'float64', s).astype('int32')
            r = L.cholesky(hi(a))
            n = s[-1]
            C.add(f'linalg.cholesky/{d}/{sh(s)}', 'linalg.cholesky', d, [a], out(r, cd),
                  tol=tolx(cd, 16 * n * eps_of(cd) * cond2(a) * math.sqrt(norm2(a))),
                  check={'kind': 'cholesky', 'rtol': ident_rtol(cd, n, n)})
        if d in LX_ALL:
            a = spd(rng, d, [3, 3])
            r = np.conj(np.swapaxes(L.cholesky(hi(a)), -1, -2))
            C.add(f'linalg.cholesky/{d}/3x3-upper', 'linalg.cholesky', d, [a], out(r, d), opts={'upper': True},
                  tol=tolx(d, 16 * 3 * eps_of(d) * cond2(a) * math.sqrt(norm2(a))),
                  check={'kind': 'cholesky', 'rtol': ident_rtol(d, 3, 3), 'upper': True})
    C.add('linalg.cholesky/float64/0x0', 'linalg.cholesky', 'float64', [np.zeros((0, 0))], np.zeros((0, 0)))
    C.err('linalg.cholesky/float32/not-positive-definite', 'linalg.cholesky', 'float32', [np.array([[1, 2], [2, 1]], 'float32')], 'ValueError')
    C.err('linalg.cholesky/float64/negative-diagonal', 'linalg.cholesky', 'float64', [np.array([[-1, 0], [0, 1]], 'float64')], 'ValueError')
    C.err('linalg.cholesky/float64/batch-one-not-pd', 'linalg.cholesky', 'float64', [np.array([[[4, 2], [2, 2]], [[1, 3], [3, 1]]], 'float64')], 'ValueError')
    C.err('linalg.cholesky/float64/non-square', 'linalg.cholesky', 'float64', [q(rng, 'float64', [3, 4])], 'ShapeError')
    C.err('linalg.cholesky/float64/1d', 'linalg.cholesky', 'float64', [q(rng, 'float64', [4])], 'ShapeError')
    C.err('linalg.cholesky/float64/nan', 'linalg.cholesky', 'float64', [np.array([[4, np.nan], [np.nan, 2]])], 'ValueError')

    # ---- cross
    for d in LX_ALL + ['int32']:
        for s1, s2, ax in [([3], [3], None), ([4, 3], [3], None), ([2, 3, 5], [3, 5], -2)]:
            if d == 'int32' and ax is not None:
                continue
            a, b = q(rng, d, s1), q(rng, d, s2)
            r = np.cross(hi(a), hi(b), axis=ax if ax is not None else -1)
            C.add(f'linalg.cross/{d}/{sh(s1)}x{sh(s2)}' + (f'-axis{ax}' if ax else ''), 'linalg.cross', d, [a, b], out(r, d),
                  opts={'axis': ax} if ax is not None else None, tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * 2 * 32))
    C.err('linalg.cross/float32/size-4', 'linalg.cross', 'float32', [q(rng, 'float32', [4]), q(rng, 'float32', [4])], 'ShapeError')

    # ---- det / slogdet
    for d in LX_ALL:
        for s in [[1, 1], [2, 2], [4, 4], [2, 3, 4, 4]]:
            a = well(rng, d, s)
            n = s[-1]
            r = L.det(hi(a))
            c = cond2(a)
            C.add(f'linalg.det/{d}/{sh(s)}', 'linalg.det', d, [a], out(r, d),
                  tol=tolx(d, 16 * n * eps_of(d) * c * float(np.max(np.abs(r)))))
            sg, la = L.slogdet(hi(a))
            C.add(f'linalg.slogdet/{d}/{sh(s)}', 'linalg.slogdet', d, [a], {'sign': out(sg, d), 'logabsdet': out(la, real_of(d))},
                  tol=tolx(d, 16 * n * eps_of(d) * c * max(1.0, float(np.max(np.abs(la))))))
        sing = np.array([[1, 2], [2, 4]], d)
        C.add(f'linalg.det/{d}/singular', 'linalg.det', d, [sing], out(np.float64(0), d), tol=tolx(d, 64 * eps_of(d) * 25))
        C.add(f'linalg.slogdet/{d}/singular', 'linalg.slogdet', d, [sing], {'sign': out(np.float64(0), d), 'logabsdet': np.array(-np.inf, real_of(d))})
    C.add('linalg.det/int32/3x3', 'linalg.det', 'int32', [np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4]], 'int32')], np.float32(18), tol=tolx('float32', 1e-5 * 18))
    C.add('linalg.det/float64/0x0', 'linalg.det', 'float64', [np.zeros((0, 0))], np.float64(1))
    C.add('linalg.slogdet/float64/0x0', 'linalg.slogdet', 'float64', [np.zeros((0, 0))], {'sign': np.float64(1), 'logabsdet': np.float64(0)})
    h = hilbert(8, 'float64')
    C.add('linalg.det/float64/hilbert8', 'linalg.det', 'float64', [h], np.float64(L.det(h)), tol=tolx('float64', 16 * 8 * 2 ** -52 * cond2(h) * abs(L.det(h))))
    sg, la = L.slogdet(h)
    C.add('linalg.slogdet/float64/hilbert8', 'linalg.slogdet', 'float64', [h], {'sign': np.float64(sg), 'logabsdet': np.float64(la)},
          tol=tolx('float64', 16 * 8 * 2 ** -52 * cond2(h)))
    big = (q(rng, 'float64', [4, 4]) + 4 * np.eye(4)) * 2.0 ** 40
    big32 = big.astype('float32')
    sg, la = L.slogdet(big)
    C.add('linalg.slogdet/float32/overflowing-det', 'linalg.slogdet', 'float32', [big32], {'sign': np.float32(sg), 'logabsdet': np.float32(la)},
          tol=tolx('float32', 64 * 4 * 2 ** -23 * cond2(big) * abs(la)))
    C.add('linalg.det/float32/overflow-to-inf', 'linalg.det', 'float32', [big32], np.float32(np.float64(sg) * np.inf))
    for fn in ['det', 'slogdet']:
        C.err(f'linalg.{fn}/float32/non-square', f'linalg.{fn}', 'float32', [q(rng, 'float32', [2, 3])], 'ShapeError')
        C.err(f'linalg.{fn}/float32/1d', f'linalg.{fn}', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
        C.err(f'linalg.{fn}/float64/nan', f'linalg.{fn}', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError', message=f'linalg.{fn}')
        C.err(f'linalg.{fn}/float64/inf', f'linalg.{fn}', 'float64', [np.array([[1, np.inf], [0, 1]])], 'ValueError', message=f'linalg.{fn}')

    # ---- diagonal / trace
    for d in LX_ALL + ['int32']:
        x = q(rng, d, [3, 4])
        for k in [0, 1, -1, 5]:
            C.add(f'linalg.diagonal/{d}/3x4-offset{k}', 'linalg.diagonal', d, [x], np.diagonal(x, k, -2, -1).copy(), opts={'offset': k} if k else None)
            C.add(f'linalg.trace/{d}/3x4-offset{k}', 'linalg.trace', d, [x], np.trace(hi(x), k, -2, -1).astype(sum_dtype(d)),
                  opts={'offset': k} if k else None, tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(x)).sum())))
        xb = q(rng, d, [2, 3, 3])
        C.add(f'linalg.diagonal/{d}/2x3x3-batch', 'linalg.diagonal', d, [xb], np.diagonal(xb, 0, -2, -1).copy())
        C.add(f'linalg.trace/{d}/2x3x3-batch', 'linalg.trace', d, [xb], np.trace(hi(xb), 0, -2, -1).astype(sum_dtype(d)),
              tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(xb)).sum())))
    x = q(rng, 'float32', [2, 4, 4])
    C.add('linalg.trace/float32/dtype-float64', 'linalg.trace', 'float32', [x], np.trace(hi(x), 0, -2, -1), opts={'dtype': 'float64'})
    x = q(rng, 'int8', [3, 3])
    C.add('linalg.trace/int8/sum-dtype-int32', 'linalg.trace', 'int8', [x], np.trace(x.astype('int32')).astype('int32'))
    C.err('linalg.diagonal/float32/1d', 'linalg.diagonal', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.trace/float32/1d', 'linalg.trace', 'float32', [q(rng, 'float32', [3])], 'ShapeError')

    # ---- eigh / eigvalsh
    def eigh_case(id, d, a):
        cd = comp_dtype(d)
        w, v = L.eigh(hi(a))
        n = a.shape[-1]
        C.add(f'linalg.eigh/{id}', 'linalg.eigh', d, [a], {'eigenvalues': out(w, real_of(cd))},
              tol=tolx(cd, 32 * max(n, 1) * eps_of(cd) * norm2(a)),
              check={'kind': 'eigh', 'rtol': ident_rtol(cd, n, n)},
              outShapes=shapes_of(eigenvalues=out(w, real_of(cd)), eigenvectors=out(v, cd)))

    for d in LX_ALL:
        for s in [[1, 1], [4, 4], [2, 3, 4, 4]]:
            eigh_case(f'{d}/{sh(s)}', d, herm(rng, d, s))
        eigh_case(f'{d}/hilbert8', d, hilbert(8, d))
        eigh_case(f'{d}/repeated-eigenvalues', d, np.diag([2.0, 1.0, 2.0, 1.0]).astype(d))
        a = herm(rng, d, [5, 5])
        w = L.eigvalsh(hi(a))
        C.add(f'linalg.eigvalsh/{d}/5x5', 'linalg.eigvalsh', d, [a], out(w, real_of(d)), tol=tolx(d, 32 * 5 * eps_of(d) * norm2(a)))
        a = herm(rng, d, [2, 3, 3])
        C.add(f'linalg.eigvalsh/{d}/2x3x3-batch', 'linalg.eigvalsh', d, [a], out(L.eigvalsh(hi(a)), real_of(d)), tol=tolx(d, 32 * 3 * eps_of(d) * norm2(a)))
    eigh_case('float64/rank-deficient', 'float64', (lambda b: b @ b.T)(rng.integers(-3, 4, (6, 2)).astype(float)))
    eigh_case('float64/0x0', 'float64', np.zeros((0, 0)))
    eigh_case('int32/3x3', 'int32', np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4]], 'int32'))
    h = hilbert(8, 'float64')
    C.add('linalg.eigvalsh/float64/hilbert8', 'linalg.eigvalsh', 'float64', [h], L.eigvalsh(h), tol=tolx('float64', 32 * 8 * 2 ** -52 * norm2(h)))
    for fn in ['eigh', 'eigvalsh']:
        C.err(f'linalg.{fn}/float32/non-square', f'linalg.{fn}', 'float32', [q(rng, 'float32', [3, 4])], 'ShapeError')
        C.err(f'linalg.{fn}/float32/1d', f'linalg.{fn}', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
        C.err(f'linalg.{fn}/float64/nan', f'linalg.{fn}', 'float64', [np.array([[1, np.nan], [np.nan, 1]])], 'ValueError', message=f'linalg.{fn}')

    # ---- inv
    def inv_case(id, d, a, ident=True):
        cd = comp_dtype(d)
        r = L.inv(hi(a))
        n = a.shape[-1]
        c = cond2(a)
        C.add(f'linalg.inv/{id}', 'linalg.inv', d, [a], out(r, cd),
              tol=tolx(cd, 16 * max(n, 1) * eps_of(cd) * c * (float(np.max(np.abs(r))) if r.size else 1)),
              check={'kind': 'inv', 'rtol': ident_rtol(cd, n, n)} if ident else None)

    for d in LX_ALL:
        for s in [[1, 1], [3, 3], [2, 3, 4, 4]]:
            inv_case(f'{d}/{sh(s)}', d, well(rng, d, s))
        C.err(f'linalg.inv/{d}/singular', 'linalg.inv', d, [np.array([[1, 2], [2, 4]], d)], 'ValueError')
    inv_case('float64/0x0', 'float64', np.zeros((0, 0)), ident=False)
    inv_case('int32/3x3', 'int32', np.array([[2, 1, 0], [1, 3, 1], [0, 1, 4]], 'int32'))
    inv_case('float64/nearly-singular-cond1e8', 'float64', nearly_singular(rng, 'float64', 5, 1e-8))
    inv_case('float32/nearly-singular-cond1e3', 'float32', nearly_singular(rng, 'float64', 4, 1e-3).astype('float32'))
    inv_case('float64/hilbert8', 'float64', hilbert(8, 'float64'))
    C.err('linalg.inv/float64/singular-duplicate-row', 'linalg.inv', 'float64', [np.array([[1, 2, 3], [4, 5, 6], [1, 2, 3]], 'float64')], 'ValueError')
    C.err('linalg.inv/float64/singular-zero', 'linalg.inv', 'float64', [np.zeros((3, 3))], 'ValueError')
    C.err('linalg.inv/float64/batch-one-singular', 'linalg.inv', 'float64', [np.array([[[2, 0], [0, 2]], [[1, 2], [2, 4]]], 'float64')], 'ValueError')
    C.err('linalg.inv/float32/non-square', 'linalg.inv', 'float32', [q(rng, 'float32', [2, 3])], 'ShapeError')
    C.err('linalg.inv/float32/1d', 'linalg.inv', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.inv/float64/nan', 'linalg.inv', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError')
    C.err('linalg.inv/float64/inf', 'linalg.inv', 'float64', [np.array([[np.inf, 0], [0, 1]])], 'ValueError')

    # ---- matmul / matrixTranspose / tensordot / vecdot / outer (namespace re-exports and composites)
    for d in ['float32', 'complex128', 'int32']:
        a, b = q(rng, d, [2, 2, 3]), q(rng, d, [3, 4])
        C.add(f'linalg.matmul/{d}/2x2x3@3x4', 'linalg.matmul', d, [a, b], out(np.matmul(hi(a), hi(b)), d),
              tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(a)).sum() * np.abs(hi(b)).max())))
        x = q(rng, d, [2, 3, 4])
        C.add(f'linalg.matrixTranspose/{d}/2x3x4', 'linalg.matrixTranspose', d, [x], np.swapaxes(x, -1, -2).copy())
        a, b = q(rng, d, [2, 3, 4]), q(rng, d, [3, 4, 2])
        C.add(f'linalg.tensordot/{d}/axes2', 'linalg.tensordot', d, [a, b], out(np.tensordot(hi(a), hi(b), 2), d),
              tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(a)).sum() * np.abs(hi(b)).max())))
        C.add(f'linalg.tensordot/{d}/axes-lists', 'linalg.tensordot', d, [a, b], out(np.tensordot(hi(a), hi(b), ([1], [0])), d),
              opts={'axes': [[1], [0]]}, tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(a)).sum() * np.abs(hi(b)).max())))
        a, b = q(rng, d, [2, 3]), q(rng, d, [3])
        C.add(f'linalg.vecdot/{d}/2x3.3', 'linalg.vecdot', d, [a, b], out(np.vecdot(hi(a), hi(b)), d),
              tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(a)).sum() * np.abs(hi(b)).max())))
        a, b = q(rng, d, [3, 2]), q(rng, d, [3, 2])
        C.add(f'linalg.vecdot/{d}/axis0', 'linalg.vecdot', d, [a, b], out(np.vecdot(hi(a), hi(b), axis=0), d), opts={'axis': 0},
              tol=None if d == 'int32' else tolx(d, 4 * eps_of(d) * float(np.abs(hi(a)).sum() * np.abs(hi(b)).max())))
    for d in LX_ALL + ['int32']:
        a, b = q(rng, d, [3]), q(rng, d, [4])
        C.add(f'linalg.outer/{d}/3x4', 'linalg.outer', d, [a, b], out(np.outer(hi(a), hi(b)), d), tol=None if d == 'int32' else tolx(d, 0))
    C.add('linalg.outer/float32/0x3', 'linalg.outer', 'float32', [np.zeros(0, 'float32'), q(rng, 'float32', [3])], np.zeros((0, 3), 'float32'))
    C.err('linalg.outer/float32/2d', 'linalg.outer', 'float32', [q(rng, 'float32', [2, 2]), q(rng, 'float32', [2])], 'ShapeError')

    # ---- matrixNorm
    ORDS = ['fro', 'nuc', 1, -1, 2, -2, math.inf, -math.inf]

    def ord_tag(o):
        return {math.inf: 'inf', -math.inf: '-inf'}.get(o, str(o))

    for d in LX_ALL:
        x = q(rng, d, [3, 4])
        for o in ORDS:
            r = L.matrix_norm(hi(x), ord=o)
            C.add(f'linalg.matrixNorm/{d}/3x4-ord{ord_tag(o)}', 'linalg.matrixNorm', d, [x], out(r, real_of(d)), opts={'ord': o} if o != 'fro' else None,
                  tol=tolx(d, 32 * 4 * eps_of(d) * float(np.abs(hi(x)).sum())))
        xb = q(rng, d, [2, 3, 3])
        for o in ['fro', 'nuc', 1, 2, -math.inf]:
            r = L.matrix_norm(hi(xb), ord=o, keepdims=True)
            C.add(f'linalg.matrixNorm/{d}/2x3x3-ord{ord_tag(o)}-keepdims', 'linalg.matrixNorm', d, [xb], out(r, real_of(d)),
                  opts={'ord': o, 'keepdims': True}, tol=tolx(d, 32 * 4 * eps_of(d) * float(np.abs(hi(xb)).sum())))
    x = q(rng, 'int32', [3, 3])
    C.add('linalg.matrixNorm/int32/3x3-fro', 'linalg.matrixNorm', 'int32', [x], np.float32(L.matrix_norm(x.astype(float))), tol=tolx('float32', 1e-5 * 30))
    for o in ['fro', 'nuc', 2, 1]:
        C.add(f'linalg.matrixNorm/float64/0x0-ord{ord_tag(o)}', 'linalg.matrixNorm', 'float64', [np.zeros((0, 0))], np.float64(0), opts={'ord': o})
    C.err('linalg.matrixNorm/float32/ord3', 'linalg.matrixNorm', 'float32', [q(rng, 'float32', [3, 3])], 'ValueError', opts={'ord': 3})
    C.err('linalg.matrixNorm/float32/ord-bad-string', 'linalg.matrixNorm', 'float32', [q(rng, 'float32', [3, 3])], 'ValueError', opts={'ord': 'f'})
    C.err('linalg.matrixNorm/float32/1d', 'linalg.matrixNorm', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.matrixNorm/float64/nan-ord2', 'linalg.matrixNorm', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError', opts={'ord': 2})

    # ---- matrixPower
    for d in LX_ALL + ['int32']:
        x = well(rng, d, [3, 3], 50) if d != 'int32' else np.array([[2, 1, 0], [1, 3, 1], [0, 1, 1]], 'int32')
        for p in [0, 1, 3, -2]:
            r = L.matrix_power(hi(x), p)
            od = d if (p >= 0 or d != 'int32') else 'float32'
            if d == 'int32' and p < 0:
                r = L.matrix_power(x.astype('float64'), p)
            mag = float(np.max(L.matrix_power(np.abs(hi(x)), abs(p)))) if p >= 0 else float(np.max(np.abs(r))) * cond2(x) ** 2
            C.add(f'linalg.matrixPower/{d}/3x3-n{p}', 'linalg.matrixPower', d, [x, p], out(r, od),
                  tol=None if od == 'int32' else tolx(od, 32 * 3 * eps_of(od) * max(mag, 1)))
        xb = well(rng, d, [2, 3, 3], 50) if d != 'int32' else np.stack([x, x.T])
        C.add(f'linalg.matrixPower/{d}/2x3x3-n3', 'linalg.matrixPower', d, [xb, 3], out(L.matrix_power(hi(xb), 3), d),
              tol=None if d == 'int32' else tolx(d, 32 * 3 * eps_of(d) * float(np.max(L.matrix_power(np.abs(hi(xb)), 3)))))
    C.add('linalg.matrixPower/float64/0x0-n0', 'linalg.matrixPower', 'float64', [np.zeros((0, 0)), 0], np.zeros((0, 0)))
    C.err('linalg.matrixPower/float32/non-square', 'linalg.matrixPower', 'float32', [q(rng, 'float32', [2, 3]), 2], 'ShapeError')
    C.err('linalg.matrixPower/float32/n-not-integer', 'linalg.matrixPower', 'float32', [q(rng, 'float32', [2, 2]), 1.5], 'ValueError')
    C.err('linalg.matrixPower/float64/singular-negative-n', 'linalg.matrixPower', 'float64', [np.array([[1, 2], [2, 4]], 'float64'), -1], 'ValueError')

    # ---- matrixRank (robust cases only: no singular value near the cutoff)
    def rank_case(id, d, x, rtol=None, rtol_np=None):
        cd = comp_dtype(d)
        s = np.linalg.svd(hi(x), compute_uv=False) if x.size else np.zeros(x.shape[:-2] + (0,))
        m, n = x.shape[-2:]
        rt = rtol_np if rtol_np is not None else (rtol if rtol is not None else max(m, n) * eps_of(cd))
        rt = np.asarray(rt, dtype=float)
        smax = s.max(axis=-1, keepdims=True) if s.size else s
        cut = smax * (rt[..., None] if rt.ndim else rt) if s.size else s
        if s.size:  # kept values well above the cutoff, dropped ones (exact zeros or tiny) well below
            assert np.all((s > 2 * cut) | (s < cut / 2)), f'matrixRank {id}: a singular value is too close to the cutoff'
        r = np.sum(s > cut, axis=-1).astype('int32') if s.size else np.zeros(x.shape[:-2], 'int32')
        C.add(f'linalg.matrixRank/{id}', 'linalg.matrixRank', d, [x], r, opts=None if rtol is None else {'rtol': rtol})

    for d in LX_ALL:
        rank_case(f'{d}/4x4-full', d, well(rng, d, [4, 4]))
        rank_case(f'{d}/3x5-full', d, well(rng, d, [3, 5]))
        rank_case(f'{d}/5x5-rank2', d, rank_def(rng, d, 5, 5, 2))
        rank_case(f'{d}/6x4-rank3-rtol', d, rank_def(rng, d, 6, 4, 3), rtol=1e-3 if d in ('float32', 'complex64') else 1e-8)
        xb = np.stack([rank_def(rng, d, 4, 4, r) for r in (1, 2, 4)])
        rank_case(f'{d}/3x4x4-batch', d, xb)
    rot = np.linalg.qr(rng.standard_normal((4, 4)))[0]
    xb = np.stack([(rot * sv) @ rot.T for sv in ([8, 4, 1, 0.1], [8, 4, 1, 0.1])])
    rank_case('float64/2x4x4-rtol-array', 'float64', xb, rtol=np.array([1e-8, 0.05]))
    rank_case('float64/hilbert8', 'float64', hilbert(8, 'float64'))
    rank_case('float64/hilbert8-rtol1e-7', 'float64', hilbert(8, 'float64'), rtol=1e-7)
    rank_case('float32/hilbert8-rtol1e-5', 'float32', hilbert(8, 'float32'), rtol=1e-5)
    rank_case('int32/3x3-rank2', 'int32', np.array([[1, 2, 3], [2, 4, 6], [1, 0, 1]], 'int32'))
    C.add('linalg.matrixRank/float64/0x0', 'linalg.matrixRank', 'float64', [np.zeros((0, 0))], np.int32(0))
    C.err('linalg.matrixRank/float32/1d', 'linalg.matrixRank', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.matrixRank/float64/nan', 'linalg.matrixRank', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError')

    # ---- pinv
    def pinv_case(id, d, x, rtol=None):
        cd = comp_dtype(d)
        m, n = x.shape[-2:]
        rt = rtol if rtol is not None else max(m, n) * eps_of(cd)
        r = L.pinv(hi(x), rtol=rt) if x.size else np.zeros(x.shape[:-2] + (n, m))
        s = np.linalg.svd(hi(x), compute_uv=False) if x.size else np.zeros(1)
        kept = s[s > rt * s.max()] if s.size and s.max() > 0 else np.ones(1)
        c = float(kept.max() / kept.min())
        C.add(f'linalg.pinv/{id}', 'linalg.pinv', d, [x], out(r, cd), opts=None if rtol is None else {'rtol': rtol},
              tol=tolx(cd, 32 * max(m, n, 1) * eps_of(cd) * c * (float(np.max(np.abs(r))) if r.size else 1)))

    for d in LX_ALL:
        for s in [[3, 5], [5, 3], [4, 4], [2, 3, 4]]:
            pinv_case(f'{d}/{sh(s)}', d, well(rng, d, s))
        pinv_case(f'{d}/5x4-rank2-rtol', d, rank_def(rng, d, 5, 4, 2), rtol=1e-3 if d in ('float32', 'complex64') else 1e-8)
    pinv_case('float64/hilbert8', 'float64', hilbert(8, 'float64'))
    pinv_case('float64/0x0', 'float64', np.zeros((0, 0)))
    pinv_case('int32/2x3', 'int32', np.array([[1, 2, 3], [0, 1, 4]], 'int32'))
    C.err('linalg.pinv/float32/1d', 'linalg.pinv', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.pinv/float64/nan', 'linalg.pinv', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError')

    # ---- qr (identities; Q and R are unique only up to column/row signs)
    def qr_case(id, d, x, mode):
        cd = comp_dtype(d)
        qq, rr = L.qr(hi(x), mode=mode)
        m, n = x.shape[-2:]
        C.add(f'linalg.qr/{id}-{mode}', 'linalg.qr', d, [x], {}, opts=None if mode == 'reduced' else {'mode': mode},
              check={'kind': 'qr', 'rtol': ident_rtol(cd, m, n)}, outShapes=shapes_of(Q=out(qq, cd), R=out(rr, cd)))

    for d in LX_ALL:
        for s in [[4, 3], [3, 5], [4, 4], [1, 4], [4, 1], [2, 3, 4, 3]]:
            x = q(rng, d, s)
            for mode in (['reduced', 'complete'] if s != [4, 4] else ['reduced']):
                qr_case(f'{d}/{sh(s)}', d, x, mode)
        qr_case(f'{d}/hilbert8', d, hilbert(8, d), 'reduced')
    qr_case('float64/5x4-rank2', 'float64', rank_def(rng, 'float64', 5, 4, 2), 'complete')
    qr_case('float64/0x0', 'float64', np.zeros((0, 0)), 'reduced')
    qr_case('int32/3x2', 'int32', np.array([[1, 2], [3, 4], [5, 7]], 'int32'), 'reduced')
    C.err('linalg.qr/float32/mode-full', 'linalg.qr', 'float32', [q(rng, 'float32', [3, 3])], 'ValueError', opts={'mode': 'full'})
    C.err('linalg.qr/float32/1d', 'linalg.qr', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.qr/float64/nan', 'linalg.qr', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError')

    # ---- solve
    def solve_case(id, d, a, b, od=None):
        od = od or comp_dtype(promote_safe(str(a.dtype), str(b.dtype)))
        r = np.linalg.solve(hi(a).astype(hi_dtype(od)), hi(b).astype(hi_dtype(od)))
        n = a.shape[-1]
        c = cond2(a)
        C.add(f'linalg.solve/{id}', 'linalg.solve', d, [a, b], out(r, od),
              tol=tolx(od, 16 * max(n, 1) * eps_of(od) * c * (float(np.max(np.abs(r))) if r.size else 1)),
              check={'kind': 'solve', 'rtol': ident_rtol(od, n, n)})

    for d in LX_ALL:
        solve_case(f'{d}/3x3.3-vector', d, well(rng, d, [3, 3]), q(rng, d, [3]))
        solve_case(f'{d}/3x3.3x2-matrix', d, well(rng, d, [3, 3]), q(rng, d, [3, 2]))
        solve_case(f'{d}/2x3x3.2x3x2-batch', d, well(rng, d, [2, 3, 3]), q(rng, d, [2, 3, 2]))
        solve_case(f'{d}/2x1x3x3.4x3x2-broadcast', d, well(rng, d, [2, 1, 3, 3]), q(rng, d, [4, 3, 2]))
        solve_case(f'{d}/2x3x3.3-vector-batch', d, well(rng, d, [2, 3, 3]), q(rng, d, [3]))
        solve_case(f'{d}/3x3.2x3x1-broadcast-a', d, well(rng, d, [3, 3]), q(rng, d, [2, 3, 1]))
        C.err(f'linalg.solve/{d}/singular', 'linalg.solve', d, [np.array([[1, 2], [2, 4]], d), q(rng, d, [2])], 'ValueError')
    solve_case('int32/int32-to-float32', 'int32', np.array([[2, 1], [1, 3]], 'int32'), np.array([1, 2], 'int32'))
    solve_case('float32+float64/promote', 'float32', well(rng, 'float32', [3, 3]), q(rng, 'float64', [3]))
    solve_case('float64/0x0', 'float64', np.zeros((0, 0)), np.zeros((0, 2)))
    solve_case('float64/nearly-singular-cond1e8', 'float64', nearly_singular(rng, 'float64', 5, 1e-8), q(rng, 'float64', [5, 2]))
    solve_case('float64/hilbert8', 'float64', hilbert(8, 'float64'), np.ones(8))
    C.err('linalg.solve/float64/batch-one-singular', 'linalg.solve', 'float64', [np.array([[[2, 0], [0, 2]], [[1, 2], [2, 4]]], 'float64'), np.ones((2, 2, 1))], 'ValueError')
    C.err('linalg.solve/float32/b-mismatch', 'linalg.solve', 'float32', [q(rng, 'float32', [3, 3]), q(rng, 'float32', [4])], 'ShapeError')
    C.err('linalg.solve/float32/non-square', 'linalg.solve', 'float32', [q(rng, 'float32', [3, 4]), q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.solve/float32/1d-a', 'linalg.solve', 'float32', [q(rng, 'float32', [3]), q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.solve/float32/batch-mismatch', 'linalg.solve', 'float32', [q(rng, 'float32', [2, 3, 3]), q(rng, 'float32', [3, 3, 1])], 'ShapeError')
    C.err('linalg.solve/float64/nan', 'linalg.solve', 'float64', [np.array([[1, np.nan], [0, 1]]), np.ones(2)], 'ValueError')
    C.err('linalg.solve/float64/inf-in-b', 'linalg.solve', 'float64', [np.array([[1, 0], [0, 1.0]]), np.array([1, np.inf])], 'ValueError')

    # ---- svd / svdvals
    def svd_case(id, d, x, full):
        cd = comp_dtype(d)
        u, s, vh = L.svd(hi(x), full_matrices=full)
        m, n = x.shape[-2:]
        C.add(f'linalg.svd/{id}-' + ('full' if full else 'reduced'), 'linalg.svd', d, [x], {'S': out(s, real_of(cd))},
              opts={'fullMatrices': full} if not full else None,
              tol=tolx(cd, 32 * max(m, n, 1) * eps_of(cd) * norm2(x)),
              check={'kind': 'svd', 'rtol': ident_rtol(cd, m, n)}, outShapes=shapes_of(U=out(u, cd), S=out(s, real_of(cd)), Vh=out(vh, cd)))

    for d in LX_ALL:
        for s in [[4, 3], [3, 5], [4, 4], [1, 4], [4, 1], [2, 3, 4, 3]]:
            x = q(rng, d, s)
            for full in ([True, False] if s != [4, 4] else [True]):
                svd_case(f'{d}/{sh(s)}', d, x, full)
        svd_case(f'{d}/hilbert8', d, hilbert(8, d), False)
        svd_case(f'{d}/6x4-rank2', d, rank_def(rng, d, 6, 4, 2), True)
        x = q(rng, d, [3, 5])
        C.add(f'linalg.svdvals/{d}/3x5', 'linalg.svdvals', d, [x], out(L.svdvals(hi(x)), real_of(d)), tol=tolx(d, 32 * 5 * eps_of(d) * norm2(x)))
        x = q(rng, d, [2, 4, 3])
        C.add(f'linalg.svdvals/{d}/2x4x3-batch', 'linalg.svdvals', d, [x], out(L.svdvals(hi(x)), real_of(d)), tol=tolx(d, 32 * 4 * eps_of(d) * norm2(x)))
    h = hilbert(8, 'float64')
    C.add('linalg.svdvals/float64/hilbert8', 'linalg.svdvals', 'float64', [h], L.svdvals(h), tol=tolx('float64', 32 * 8 * 2 ** -52 * norm2(h)))
    C.add('linalg.svdvals/float64/0x0', 'linalg.svdvals', 'float64', [np.zeros((0, 0))], np.zeros(0))
    svd_case('float64/0x0', 'float64', np.zeros((0, 0)), True)
    svd_case('int32/3x2', 'int32', np.array([[1, 2], [3, 4], [5, 7]], 'int32'), False)
    C.err('linalg.svd/float32/1d', 'linalg.svd', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.svd/float64/nan', 'linalg.svd', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError')
    C.err('linalg.svd/float64/inf', 'linalg.svd', 'float64', [np.array([[1, 0], [np.inf, 1]])], 'ValueError')
    C.err('linalg.svdvals/float32/1d', 'linalg.svdvals', 'float32', [q(rng, 'float32', [3])], 'ShapeError')
    C.err('linalg.svdvals/float64/nan', 'linalg.svdvals', 'float64', [np.array([[1, np.nan], [0, 1]])], 'ValueError')

    # ---- vectorNorm
    VORDS = [2, 1, 0, math.inf, -math.inf, 3, -1]
    for d in LX_ALL:
        x = q(rng, d, [3, 4], 1, 16)  # no zeros: negative ords are finite
        if kind(d) == 'f':
            x = x * np.where(rng.random(x.shape) < 0.5, -1, 1).astype(d)
        for o in VORDS:
            r = L.vector_norm(hi(x), ord=o)
            C.add(f'linalg.vectorNorm/{d}/3x4-ord{ord_tag(o)}', 'linalg.vectorNorm', d, [x], out(r, real_of(d)), opts={'ord': o} if o != 2 else None,
                  tol=tolx(d, 0, 16 * 12))
        x3 = q(rng, d, [2, 3, 4], 1, 16)
        for ax, kd in [(0, False), (-1, True), ([0, 2], False), ([1, 2], True), ([-1, 0, 1], False)]:
            for o in ([2, 1, math.inf] if ax == [0, 2] else [2]):
                r = L.vector_norm(hi(x3), ord=o, axis=tuple(ax) if isinstance(ax, list) else ax, keepdims=kd)
                C.add(f'linalg.vectorNorm/{d}/2x3x4-axis{json.dumps(ax)}' + ('-keepdims' if kd else '') + f'-ord{ord_tag(o)}', 'linalg.vectorNorm', d, [x3],
                      out(r, real_of(d)), opts={'axis': ax, 'keepdims': kd, 'ord': o}, tol=tolx(d, 0, 16 * 24))
    x = np.array([[0, 1.5, 0], [2, 0, -3]], 'float32')
    C.add('linalg.vectorNorm/float32/zeros-ord0', 'linalg.vectorNorm', 'float32', [x], np.float32(3), opts={'ord': 0})
    C.add('linalg.vectorNorm/float32/zeros-ord0-axis1', 'linalg.vectorNorm', 'float32', [x], np.array([1, 2], 'float32'), opts={'ord': 0, 'axis': 1})
    C.add('linalg.vectorNorm/float32/zeros-ord-inf', 'linalg.vectorNorm', 'float32', [x], np.float32(0), opts={'ord': -math.inf})
    x = q(rng, 'int32', [5])
    C.add('linalg.vectorNorm/int32/5', 'linalg.vectorNorm', 'int32', [x], np.float32(L.vector_norm(x.astype(float))), tol=tolx('float32', 0))
    C.add('linalg.vectorNorm/float64/empty', 'linalg.vectorNorm', 'float64', [np.zeros(0)], np.float64(0))
    C.err('linalg.vectorNorm/float32/ord-string', 'linalg.vectorNorm', 'float32', [q(rng, 'float32', [3])], 'ValueError', opts={'ord': 'fro'})
    C.err('linalg.vectorNorm/float32/axis-out-of-range', 'linalg.vectorNorm', 'float32', [q(rng, 'float32', [3])], 'AxisError', opts={'axis': 1})
    return C


# ---------------------------------------------------------------- np.fft

FFT_LENGTHS = [1, 2, 3, 5, 7, 16, 17, 97, 100, 128, 1009]


def fft_in(rng, d, shape):
    """Quantized signal (multiples of 1/8 in [-2, 2]): exact and short."""
    return q(rng, d, shape, -16, 16, 8)


def fft_tol(d, x, scale, factor=1.0):
    """Absolute error of an O(n log n) transform: a few eps × Σ|x| × the norm's scale."""
    cd = {'f': {'float16': 'complex64', 'float32': 'complex64', 'float64': 'complex128'}, 'c': None}
    rd = real_of(comp_dtype(d)) if kind(d) != 'f' or d != 'float16' else 'float32'
    mag = float(np.abs(np.asarray(x).astype('complex128')).sum()) if np.asarray(x).size else 0.0
    return {'rtol': DTYPE_RTOL[rd] * 4, 'atol': max(8 * EPS[rd] * mag * scale * factor, EPS[rd] * 4)}


def scale_of(norm, n, inverse):
    if norm == 'ortho':
        return 1 / math.sqrt(n)
    return 1 / n if (norm == 'forward') != inverse else 1.0


def cdt(d):
    """Complex dtype an fft computes in."""
    return {'float32': 'complex64', 'float64': 'complex128', 'complex64': 'complex64', 'complex128': 'complex128'}.get(d, 'complex64')


def rdt(d):
    return real_of(cdt(d))


def gen_fft():
    rng = np.random.default_rng(13)
    C = ExtCases()
    F = np.fft

    def c2c(fn, d, x, opts, tag):
        o = dict(opts)
        axis = o.get('axis', -1)
        n = o.get('n', x.shape[axis])
        r = getattr(F, fn)(hi(x), **o)
        xin = x if n >= x.shape[axis] else np.take(x, range(n), axis=axis)
        C.add(f'fft.{fn}/{d}/{tag}', f'fft.{fn}', d, [x], r.astype(cdt(d)), opts=opts or None,
              tol=fft_tol(d, xin, scale_of(o.get('norm', 'backward'), n, fn == 'ifft')))

    # fft / ifft: every length in complex128, most in complex64; norms; n; axis; real and int input
    for n in FFT_LENGTHS:
        c2c('fft', 'complex128', fft_in(rng, 'complex128', [n]), {}, f'n{n}')
        if n in (1, 2, 3, 5, 7, 16, 17):  # complex128 covers the long lengths
            c2c('fft', 'complex64', fft_in(rng, 'complex64', [n]), {}, f'n{n}')
        if n in (1, 2, 3, 5, 16, 17, 97):
            c2c('ifft', 'complex128', fft_in(rng, 'complex128', [n]), {}, f'n{n}')
        if n in (5, 16, 17):
            c2c('ifft', 'complex64', fft_in(rng, 'complex64', [n]), {}, f'n{n}')
    for fn in ['fft', 'ifft']:
        for d in ['complex64', 'complex128']:
            for norm in ['backward', 'ortho', 'forward']:
                for n in [16, 17]:
                    c2c(fn, d, fft_in(rng, d, [n]), {'norm': norm}, f'n{n}-norm-{norm}')
            x = fft_in(rng, d, [12])
            c2c(fn, d, x, {'n': 20}, '12-pad-n20')
            c2c(fn, d, x, {'n': 5}, '12-truncate-n5')
            c2c(fn, d, x, {'n': 1, 'norm': 'ortho'}, '12-n1-ortho')
            c2c(fn, d, fft_in(rng, d, [6, 3]), {'axis': 0}, '6x3-axis0')
            c2c(fn, d, fft_in(rng, d, [3, 7, 2]), {'axis': -2, 'norm': 'forward'}, '3x7x2-axis-2-forward')
            c2c(fn, d, fft_in(rng, d, [4, 17]), {}, '4x17-batch')
            c2c(fn, d, fft_in(rng, d, [2, 0, 3]), {'axis': -1}, '2x0x3-empty-batch')
        for d in ['float32', 'float64', 'int32']:
            c2c(fn, d, fft_in(rng, d, [10]), {}, 'real-input-10')
        c2c(fn, 'float64', fft_in(rng, 'float64', [2, 9]), {'axis': 0, 'n': 3}, '2x9-axis0-n3')

    # fftn / ifftn
    for fn in ['fftn', 'ifftn']:
        inverse = fn == 'ifftn'
        for d in ['complex64', 'complex128', 'float64']:
            x = fft_in(rng, d, [4, 6])
            for opts, tag in [({}, 'default'), ({'s': [3, 8]}, 's3,8'), ({'axes': [0]}, 'axes0'), ({'axes': [-1, 0]}, 'axes-1,0'),
                              ({'s': [5], 'axes': [0]}, 's5-axes0'), ({'norm': 'ortho'}, 'ortho'), ({'norm': 'forward'}, 'forward')]:
                o = {k: (tuple(v) if isinstance(v, list) else v) for k, v in opts.items()}
                if 's' in o and 'axes' not in o:
                    o['axes'] = tuple(range(x.ndim - len(o['s']), x.ndim))
                r = getattr(F, fn)(hi(x), **o)
                shp = list(r.shape)
                axes = opts.get('axes', list(range(x.ndim)) if 's' not in opts else list(range(x.ndim - len(opts['s']), x.ndim)))
                tot = 1
                for a in axes:
                    tot *= shp[a]
                C.add(f'fft.{fn}/{d}/4x6-{tag}', f'fft.{fn}', d, [x], r.astype(cdt(d)), opts=opts or None,
                      tol=fft_tol(d, x, scale_of(opts.get('norm', 'backward'), tot, inverse)))
        x = fft_in(rng, 'complex64', [2, 3, 5])
        r = getattr(F, fn)(hi(x))
        C.add(f'fft.{fn}/complex64/2x3x5', f'fft.{fn}', 'complex64', [x], r.astype('complex64'), tol=fft_tol('complex64', x, 1 / 30 if inverse else 1))

    # rfft / ihfft (real → half spectrum)
    for n in FFT_LENGTHS:
        for d in (['float64', 'float32'] if n in (1, 2, 3, 5, 16, 17, 100) else ['float64']):
            if n == 1009:  # the prime length 1009 is covered by fft/complex128/n1009
                continue
            x = fft_in(rng, d, [n])
            C.add(f'fft.rfft/{d}/n{n}', 'fft.rfft', d, [x], F.rfft(hi(x)).astype(cdt(d)), tol=fft_tol(d, x, 1))
    for fn in ['rfft', 'ihfft']:
        inverse = fn == 'ihfft'
        for d in ['float32', 'float64']:
            for norm in ['backward', 'ortho', 'forward']:
                for n in [8, 9]:
                    x = fft_in(rng, d, [n])
                    C.add(f'fft.{fn}/{d}/n{n}-norm-{norm}', f'fft.{fn}', d, [x], getattr(F, fn)(hi(x), norm=norm).astype(cdt(d)),
                          opts={'norm': norm}, tol=fft_tol(d, x, scale_of(norm, n, inverse)))
            x = fft_in(rng, d, [10])
            for nn in [16, 7]:
                C.add(f'fft.{fn}/{d}/10-n{nn}', f'fft.{fn}', d, [x], getattr(F, fn)(hi(x), n=nn).astype(cdt(d)), opts={'n': nn},
                      tol=fft_tol(d, x, scale_of('backward', nn, inverse)))
            x = fft_in(rng, d, [6, 3])
            C.add(f'fft.{fn}/{d}/6x3-axis0', f'fft.{fn}', d, [x], getattr(F, fn)(hi(x), axis=0).astype(cdt(d)), opts={'axis': 0},
                  tol=fft_tol(d, x, scale_of('backward', 6, inverse)))
        x = fft_in(rng, 'int32', [8])
        C.add(f'fft.{fn}/int32/8', f'fft.{fn}', 'int32', [x], getattr(F, fn)(x.astype(float)).astype('complex64'), tol=fft_tol('float32', x, scale_of('backward', 8, inverse)))
        C.err(f'fft.{fn}/complex64/complex-input', f'fft.{fn}', 'complex64', [fft_in(rng, 'complex64', [8])], 'DTypeError')
        C.err(f'fft.{fn}/float32/empty', f'fft.{fn}', 'float32', [np.zeros(0, 'float32')], 'ValueError')

    # irfft / hfft (half spectrum → real)
    def c2r(fn, d, x, opts, tag):
        o = dict(opts)
        axis = o.get('axis', -1)
        m = x.shape[axis]
        n = o.get('n', 2 * (m - 1))
        r = getattr(F, fn)(hi(x), **o)
        used = np.take(x, range(min(m, n // 2 + 1)), axis=axis)
        C.add(f'fft.{fn}/{d}/{tag}', f'fft.{fn}', d, [x], r.astype(rdt(d)), opts=opts or None,
              tol=fft_tol(d, used, scale_of(o.get('norm', 'backward'), n, fn == 'irfft'), 2))

    for fn in ['irfft', 'hfft']:
        for L_ in [2, 3, 5, 16, 17, 100]:
            for d in (['complex128', 'complex64'] if L_ in (2, 5, 16, 17) else ['complex128']):
                sig = fft_in(rng, real_of(d), [L_])
                x = (F.rfft(hi(sig)) if fn == 'irfft' else np.conj(F.rfft(hi(sig)))).astype(d)
                # Hermitian-consistent spectra: the real signal comes back
                c2r(fn, d, x, {'n': L_}, f'n{L_}')
        for d in ['complex64', 'complex128']:
            for norm in ['backward', 'ortho', 'forward']:
                c2r(fn, d, fft_in(rng, d, [5]), {'norm': norm}, f'5-norm-{norm}')
                c2r(fn, d, fft_in(rng, d, [5]), {'norm': norm, 'n': 9}, f'5-n9-norm-{norm}')
            x = fft_in(rng, d, [6])
            c2r(fn, d, x, {}, '6-non-hermitian-dc')
            c2r(fn, d, x, {'n': 20}, '6-pad-n20')
            c2r(fn, d, x, {'n': 4}, '6-truncate-n4')
            c2r(fn, d, x, {'n': 1}, '6-n1')
            c2r(fn, d, fft_in(rng, d, [4, 3]), {'axis': 0}, '4x3-axis0')
            c2r(fn, d, fft_in(rng, d, [2, 9]), {}, '2x9-batch')
        for d in ['float32', 'float64']:
            c2r(fn, d, fft_in(rng, d, [5]), {}, 'real-input-5')
        C.err(f'fft.{fn}/complex64/one-bin-default-n', f'fft.{fn}', 'complex64', [fft_in(rng, 'complex64', [1])], 'ValueError')
        C.err(f'fft.{fn}/complex64/n0', f'fft.{fn}', 'complex64', [fft_in(rng, 'complex64', [4])], 'ValueError', opts={'n': 0})

    # rfftn / irfftn
    for d in ['float32', 'float64']:
        x = fft_in(rng, d, [4, 6])
        for opts, tag in [({}, 'default'), ({'s': [3, 8]}, 's3,8'), ({'axes': [0]}, 'axes0'), ({'axes': [1, 0]}, 'axes1,0'), ({'norm': 'ortho'}, 'ortho'),
                          ({'norm': 'forward'}, 'forward')]:
            o = {k: (tuple(v) if isinstance(v, list) else v) for k, v in opts.items()}
            if 's' in o and 'axes' not in o:
                o['axes'] = tuple(range(x.ndim - len(o['s']), x.ndim))
            r = F.rfftn(hi(x), **o)
            C.add(f'fft.rfftn/{d}/4x6-{tag}', 'fft.rfftn', d, [x], r.astype(cdt(d)), opts=opts or None,
                  tol=fft_tol(d, x, scale_of(opts.get('norm', 'backward'), 24, False)))
        x = fft_in(rng, d, [2, 3, 4])
        C.add(f'fft.rfftn/{d}/2x3x4', 'fft.rfftn', d, [x], F.rfftn(hi(x)).astype(cdt(d)), tol=fft_tol(d, x, 1))
    for d in ['complex64', 'complex128']:
        sig = fft_in(rng, real_of(d), [4, 6])
        x = F.rfftn(hi(sig)).astype(d)
        for opts, tag in [({'s': [4, 6]}, 's4,6'), ({}, 'default'), ({'s': [4, 5]}, 's4,5'), ({'axes': [0], 's': [6]}, 'axes0-s6'), ({'s': [4, 6], 'norm': 'ortho'}, 's4,6-ortho'),
                          ({'s': [4, 6], 'norm': 'forward'}, 's4,6-forward')]:
            o = {k: (tuple(v) if isinstance(v, list) else v) for k, v in opts.items()}
            if 's' in o and 'axes' not in o:
                o['axes'] = tuple(range(x.ndim - len(o['s']), x.ndim))
            r = F.irfftn(hi(x), **o)
            tot = int(np.prod([r.shape[a] for a in (opts.get('axes') or range(-len(opts.get('s', [0, 0])), 0))]))
            C.add(f'fft.irfftn/{d}/4x4-{tag}', 'fft.irfftn', d, [x], r.astype(real_of(d)), opts=opts or None,
                  tol=fft_tol(d, x, scale_of(opts.get('norm', 'backward'), tot, True), 2))

    # frequencies and shifts
    for fn in ['fftfreq', 'rfftfreq']:
        for n in [1, 2, 5, 8, 17]:
            C.add(f'fft.{fn}/float32/n{n}', f'fft.{fn}', 'float32', [n], getattr(F, fn)(n).astype('float32'))
        for n, dd in [(8, 0.1), (5, 2.5)]:
            C.add(f'fft.{fn}/float32/n{n}-d{dd}', f'fft.{fn}', 'float32', [n], getattr(F, fn)(n, dd).astype('float32'), opts={'d': dd})
            C.add(f'fft.{fn}/float64/n{n}-d{dd}', f'fft.{fn}', 'float64', [n], getattr(F, fn)(n, dd), opts={'d': dd, 'dtype': 'float64'})
        C.err(f'fft.{fn}/float32/n0', f'fft.{fn}', 'float32', [0], 'ValueError')
        C.err(f'fft.{fn}/float32/n-not-integer', f'fft.{fn}', 'float32', [2.5], 'ValueError')
        C.err(f'fft.{fn}/float32/d0', f'fft.{fn}', 'float32', [4], 'ValueError', opts={'d': 0})
    for fn in ['fftshift', 'ifftshift']:
        for d in ['float64', 'int32', 'complex64']:
            for s, ax in [([5], None), ([4], None), ([3, 4], None), ([3, 4], 0), ([3, 4], [-1]), ([2, 3, 5], [0, 2])]:
                x = q(rng, d, s)
                r = getattr(F, fn)(x, axes=tuple(ax) if isinstance(ax, list) else ax)
                C.add(f'fft.{fn}/{d}/{sh(s)}' + ('' if ax is None else f'-axes{json.dumps(ax)}'), f'fft.{fn}', d, [x], r, opts=None if ax is None else {'axes': ax})
        C.err(f'fft.{fn}/float32/axis-out-of-range', f'fft.{fn}', 'float32', [q(rng, 'float32', [4])], 'AxisError', opts={'axes': 1})

    # bad input
    x = fft_in(rng, 'complex64', [8])
    for fn in ['fft', 'ifft']:
        C.err(f'fft.{fn}/complex64/norm-bad', f'fft.{fn}', 'complex64', [x], 'ValueError', opts={'norm': 'unitary'})
        C.err(f'fft.{fn}/complex64/n0', f'fft.{fn}', 'complex64', [x], 'ValueError', opts={'n': 0})
        C.err(f'fft.{fn}/complex64/n-negative', f'fft.{fn}', 'complex64', [x], 'ValueError', opts={'n': -4})
        C.err(f'fft.{fn}/complex64/n-not-integer', f'fft.{fn}', 'complex64', [x], 'ValueError', opts={'n': 2.5})
        C.err(f'fft.{fn}/complex64/axis-out-of-range', f'fft.{fn}', 'complex64', [x], 'AxisError', opts={'axis': 1})
        C.err(f'fft.{fn}/complex64/empty', f'fft.{fn}', 'complex64', [np.zeros(0, 'complex64')], 'ValueError')
        C.err(f'fft.{fn}/complex64/0d', f'fft.{fn}', 'complex64', [np.complex64(1)], 'ShapeError')
    for fn in ['fftn', 'ifftn', 'rfftn', 'irfftn']:
        d = 'float32' if fn == 'rfftn' else 'complex64'
        y = fft_in(rng, d, [4, 4])
        C.err(f'fft.{fn}/{d}/axes-repeated', f'fft.{fn}', d, [y], 'AxisError', opts={'axes': [0, 0]})
        C.err(f'fft.{fn}/{d}/s-axes-length-mismatch', f'fft.{fn}', d, [y], 'ArrError', opts={'s': [4, 4], 'axes': [0]})
        C.err(f'fft.{fn}/{d}/norm-bad', f'fft.{fn}', d, [y], 'ValueError', opts={'norm': 'none'})
        C.err(f'fft.{fn}/{d}/s-zero', f'fft.{fn}', d, [y], 'ValueError', opts={'s': [4, 0]})
    return C


GENERATORS = {
    'elementwise': gen_elementwise, 'statistical': gen_statistical, 'searching': gen_searching,
    'set-sorting': gen_set_sort, 'creation': gen_creation, 'data-types': gen_data_types,
    'manipulation': gen_manipulation, 'indexing': gen_indexing, 'linalg': gen_linalg, 'extract': gen_extract,
    'io': gen_io, 'linalg-ext': gen_linalg_ext, 'fft': gen_fft,
}


def main():
    os.makedirs(OUT, exist_ok=True)
    only = sys.argv[1:]
    total = 0
    for name, gen in GENERATORS.items():
        if only and name not in only:
            continue
        C = gen()
        C.cases = [c for c in C.cases if c.get('expected') != {'$error': 'skip'}]
        doc = {'version': 1, 'numpy': np.__version__, 'generator': 'packages/conformance/scripts/generate_fixtures.py', 'cases': C.cases}
        path = os.path.join(OUT, f'{name}.json')
        text = json.dumps(doc, separators=(',', ':'), allow_nan=False)
        with open(path, 'w') as f:
            f.write(text)
            f.write('\n')
        total += len(text)
        print(f'{name}: {len(C.cases)} cases, {len(text) / 1e6:.2f} MB')
    print(f'total {total / 1e6:.2f} MB')


if __name__ == '__main__':
    main()
