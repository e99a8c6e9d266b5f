#!/usr/bin/env python3
"""Writes NumPy reference results for the linalg and fft kernels of @arr/numerics.

Run from anywhere: python3 packages/numerics/scripts/gen_linalg_fft_fixtures.py
Outputs src/linalg/__fixtures__/linalg.json and src/fft/__fixtures__/fft.json (committed).
Arrays are flat row-major lists; complex arrays are interleaved [re0, im0, re1, im1, ...].
FFT inputs are not stored: they follow a formula that the tests recompute (see fft_input below).
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
rng = np.random.default_rng(20241212)


def flat(a):
    a = np.asarray(a)
    if np.iscomplexobj(a):
        a = np.stack([a.real, a.imag], axis=-1)
    return [float(v) for v in a.astype(np.float64).ravel()]


def cplx(shape):
    return rng.standard_normal(shape) + 1j * rng.standard_normal(shape)


def hilbert(n):
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1)


def spd(shape, complex_=False):
    n = shape[-1]
    a = cplx(shape) if complex_ else rng.standard_normal(shape)
    return a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)


def entry(name, a, **out):
    a = np.asarray(a)
    return {"name": name, "shape": list(a.shape), "complex": bool(np.iscomplexobj(a)), "a": flat(a),
            **{k: (flat(v) if isinstance(v, np.ndarray) or np.isscalar(v) and not isinstance(v, str) else v)
               for k, v in out.items()}}


def linalg():
    cases = {"solve": [], "inv": [], "det": [], "cholesky": [], "qr": [], "eigh": [], "svd": []}
    # solve: (A shape, B shape)
    for ashape, bshape, cx in [((1, 1), (1, 1), False), ((3, 3), (3, 1), False), ((8, 8), (8, 4), False),
                               ((2, 3, 4, 4), (2, 3, 4, 2), False), ((4, 4), (4, 3), True), ((2, 5, 5), (2, 5, 1), True)]:
        a = cplx(ashape) if cx else rng.standard_normal(ashape)
        b = cplx(bshape) if cx else rng.standard_normal(bshape)
        e = entry("solve", a, b=flat(b), bshape=list(b.shape), x=np.linalg.solve(a, b))
        cases["solve"].append(e)
    h = hilbert(10)
    b = rng.standard_normal((10, 2))
    cases["solve"].append(entry("hilbert10", h, b=flat(b), bshape=[10, 2], x=np.linalg.solve(h, b),
                                cond=float(np.linalg.cond(h))))
    for shape, cx in [((1, 1), False), ((5, 5), False), ((2, 3, 4, 4), False), ((4, 4), True), ((3, 3, 3), True)]:
        a = cplx(shape) if cx else rng.standard_normal(shape)
        cases["inv"].append(entry("inv", a, x=np.linalg.inv(a), cond=1.0))
    cases["inv"].append(entry("hilbert10", h, x=np.linalg.inv(h), cond=float(np.linalg.cond(h))))
    for shape, cx in [((0, 0), False), ((1, 1), False), ((4, 4), False), ((7, 7), False), ((2, 3, 4, 4), False),
                      ((4, 4), True), ((2, 3, 3), True)]:
        a = cplx(shape) if cx else rng.standard_normal(shape)
        s, l = np.linalg.slogdet(a)
        cases["det"].append(entry("det", a, det=np.asarray(np.linalg.det(a)), sign=np.asarray(s), logabsdet=np.asarray(l)))
    cases["det"].append(entry("hilbert10", h, det=np.asarray(np.linalg.det(h)),
                              sign=np.asarray(np.linalg.slogdet(h)[0]), logabsdet=np.asarray(np.linalg.slogdet(h)[1])))
    for shape, cx in [((1, 1), False), ((5, 5), False), ((2, 3, 4, 4), False), ((4, 4), True), ((2, 3, 3), True)]:
        a = spd(shape, cx)
        cases["cholesky"].append(entry("cholesky", a, l=np.linalg.cholesky(a)))
    for shape, cx in [((5, 3), False), ((3, 5), False), ((4, 4), False), ((1, 1), False), ((1, 4), False),
                      ((4, 1), False), ((2, 3, 4, 4), False), ((4, 3), True), ((3, 5), True)]:
        a = cplx(shape) if cx else rng.standard_normal(shape)
        q, r = np.linalg.qr(a, mode="reduced")
        qc, rc = np.linalg.qr(a, mode="complete")
        cases["qr"].append(entry("qr", a, q=q, r=r, qc=qc, rc=rc))
    for shape, cx in [((1, 1), False), ((5, 5), False), ((8, 8), False), ((2, 3, 4, 4), False), ((5, 5), True),
                      ((2, 3, 3), True)]:
        a = cplx(shape) if cx else rng.standard_normal(shape)
        a = a + np.conj(np.swapaxes(a, -1, -2))
        w, v = np.linalg.eigh(a)
        cases["eigh"].append(entry("eigh", a, w=w, v=v, cond=1.0))
    d = np.diag([1.0, 1.0, 2.0, 2.0, 2.0, 3.0])
    qq = np.linalg.qr(rng.standard_normal((6, 6)))[0]
    deg = qq @ d @ qq.T
    cases["eigh"].append(entry("degenerate", deg, w=np.linalg.eigh(deg)[0], v=np.linalg.eigh(deg)[1], cond=1.0))
    cases["eigh"].append(entry("hilbert10", h, w=np.linalg.eigh(h)[0], v=np.linalg.eigh(h)[1], cond=1.0))
    lowrank = rng.standard_normal((6, 2)) @ rng.standard_normal((2, 4))
    for name, a in [("svd", rng.standard_normal((5, 3))), ("svd", rng.standard_normal((3, 5))),
                    ("svd", rng.standard_normal((6, 6))), ("svd", rng.standard_normal((1, 1))),
                    ("svd", rng.standard_normal((1, 4))), ("svd", rng.standard_normal((4, 1))),
                    ("svd", rng.standard_normal((2, 3, 4, 4))), ("rank2", lowrank), ("rank2T", lowrank.T.copy()),
                    ("hilbert10", h), ("zeros", np.zeros((3, 2))), ("svd", cplx((4, 3))), ("svd", cplx((3, 5))),
                    ("rank1c", np.outer(cplx(4), cplx(3)))]:
        s = np.linalg.svd(a, compute_uv=False)
        cases["svd"].append(entry(name, a, s=s))
    return cases


def fft_input(n):
    j = np.arange(n, dtype=np.float64)
    return (np.sin(0.37 * j + 0.1) + 0.5 * np.cos(1.91 * j)) + 1j * (np.cos(0.73 * j) - 0.25 * np.sin(2.3 * j + 1.0))


def fft():
    out = {"c2c": [], "real": [], "axis": []}
    for n in [1, 2, 3, 5, 7, 16, 17, 97, 100, 127, 128, 1000, 1009, 4096]:
        x = fft_input(n)
        norms = ["backward", "ortho", "forward"] if n <= 128 else ["backward"]
        for norm in norms:
            out["c2c"].append({"n": n, "norm": norm, "fft": flat(np.fft.fft(x, norm=norm)),
                               "ifft": flat(np.fft.ifft(x, norm=norm))})
        r = x.real
        for norm in norms:
            h = np.fft.rfft(r, norm=norm)
            out["real"].append({"n": n, "norm": norm, "rfft": flat(h),
                                # irfft of the first n//2+1 samples of the complex input, output length n
                                "irfft": flat(np.fft.irfft(x[: n // 2 + 1], n, norm=norm)),
                                "hfft": flat(np.fft.hfft(x[: n // 2 + 1], n, norm=norm)),
                                "ihfft": flat(np.fft.ihfft(r, norm=norm))})
    # Along an axis, with cropping / padding (input: fft_input(prod(shape)) reshaped).
    for shape, axis, n, norm in [((3, 4, 5), 1, 4, "backward"), ((3, 4, 5), 1, 7, "ortho"), ((3, 4, 5), 0, 2, "forward"),
                                 ((3, 4, 5), 2, 5, "backward"), ((2, 6), 1, 9, "backward"), ((0, 3), 1, 3, "backward")]:
        size = int(np.prod(shape))
        x = fft_input(size).reshape(shape)
        r = x.real
        nb = n // 2 + 1
        xh = x.take(np.arange(min(nb, shape[axis])), axis=axis)
        out["axis"].append({"shape": list(shape), "axis": axis, "n": n, "norm": norm,
                            "fft": flat(np.fft.fft(x, n, axis=axis, norm=norm)),
                            "ifft": flat(np.fft.ifft(x, n, axis=axis, norm=norm)),
                            "rfft": flat(np.fft.rfft(r, n, axis=axis, norm=norm)),
                            "ihfft": flat(np.fft.ihfft(r, n, axis=axis, norm=norm)),
                            "hshape": list(xh.shape),
                            "irfft": flat(np.fft.irfft(xh, n, axis=axis, norm=norm)),
                            "hfft": flat(np.fft.hfft(xh, n, axis=axis, norm=norm))})
    return out


def dump(obj, path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
    print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    dump(linalg(), os.path.join(ROOT, "src", "linalg", "__fixtures__", "linalg.json"))
    dump(fft(), os.path.join(ROOT, "src", "fft", "__fixtures__", "fft.json"))
