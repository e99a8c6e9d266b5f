#!/usr/bin/env python3
"""The Python reference runner for @arr's benchmark (apps/bench).

Runs the same cases as `pnpm bench` with NumPy, and with PyTorch (CPU, and CUDA when available)
and CuPy when they import, and writes results.json in the same schema (docs/benchmarks.md), so
one report shows @arr's adapters and the Python libraries side by side.

    python3 benchmarks/reference/run.py --quick --out ref.json        # on its own
    pnpm bench --reference                                           # from the bench app (--plan)

Every timed run waits for the device inside the timed region (cupy/torch synchronize, or the
download itself). Breakdown per case: upload (array from a host NumPy array), compute (inputs on
the device, until the result is ready), download (result to a host NumPy array), total (all three).
For NumPy, upload and download are copies between host arrays.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import signal
import socket
import statistics
import sys
import time

import numpy as np

SCHEMA_NAME = "arr-bench/results"
SCHEMA_VERSION = 1

BUDGETS = {
    "quick": dict(taskTimeMs=40, minSamples=5, warmupIterations=2, maxRunMs=1500),
    "default": dict(taskTimeMs=250, minSamples=10, warmupIterations=4, maxRunMs=10_000),
    "full": dict(taskTimeMs=1000, minSamples=10, warmupIterations=8, maxRunMs=30_000),
}


def _decades(lo, hi, steps=(1,)):
    return [s * 10**e for e in range(lo, hi + 1) for s in steps if s * 10**e <= 10**hi]


# The same sweeps as apps/bench/src/cases.ts (used when run on its own, without --plan).
SWEEPS = {
    "matmul": {"quick": [16, 64, 128, 256], "default": [16, 32, 64, 128, 256, 384, 512, 768, 1024],
               "full": [16, 32, 64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 5000, 6144, 8192]},
    "elementwise": {"quick": [10**3, 10**4, 10**5, 10**6], "default": _decades(3, 7), "full": _decades(3, 8, (1, 3)) + [10**9]},
    "reduction": {"quick": [10**3, 10**4, 10**5, 10**6], "default": _decades(3, 7), "full": _decades(3, 8, (1, 3))},
    "creation": {"quick": [10**3, 50**3, 100**3], "default": [10**3, 100**3, 200**3], "full": [10**3, 100**3, 200**3, 500**3, 1000**3]},
    "float16-matmul": {"quick": [64, 128], "default": [64, 256, 512], "full": [128, 256, 512, 1024, 2048, 4096]},
    "float16-chain": {"quick": [10**4, 10**5], "default": [10**4, 10**5, 10**6], "full": _decades(4, 8)},
}


# Elementwise ops, in the order of apps/bench/src/cases.ts.
EW_OPS = ("mul-scalar", "square", "add", "chain", "axpy", "chain10")


def default_plan(mode, dtype):
    ops = [{"case": "matmul", "op": "matmul", "sizes": SWEEPS["matmul"][mode], "dtypes": [dtype]}]
    ops += [{"case": "elementwise", "op": o, "sizes": SWEEPS["elementwise"][mode], "dtypes": [dtype]} for o in EW_OPS]
    ops += [{"case": "creation", "op": "ones", "sizes": SWEEPS["creation"][mode], "dtypes": [dtype]}]
    ops += [{"case": "reduction", "op": o, "sizes": SWEEPS["reduction"][mode], "dtypes": [dtype]}
            for o in ("sum", "sum-axis", "mean", "mean-axis", "max", "max-axis")]
    ops += [{"case": "filter", "op": "extract-sum", "sizes": SWEEPS["reduction"][mode], "dtypes": [dtype]}]
    ops += [{"case": "overhead", "op": "add-1", "sizes": [1], "dtypes": [dtype]}]
    ops += [{"case": "float16", "op": "matmul", "sizes": SWEEPS["float16-matmul"][mode], "dtypes": ["float32", "float16"]},
            {"case": "float16", "op": "chain", "sizes": SWEEPS["float16-chain"][mode], "dtypes": ["float32", "float16"]}]
    b = dict(BUDGETS[mode])
    b["memoryBytes"] = int(_free_memory() * 0.6)
    return {"mode": mode, "dtype": dtype, "ops": ops, "budget": b}


def _free_memory():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 8 * 2**30


# ------------------------------------------------------------------------------------------------
# engines


class Engine:
    """One library on one device: how to move arrays and wait for it."""

    def __init__(self, id, kind, xp, package, version, backend, device, upload, download, sync, free_bytes=None, float16=True, cases=None):
        self.id, self.kind, self.xp = id, kind, xp
        self.package, self.version, self.backend, self.device = package, version, backend, device
        self.upload, self.download, self.sync = upload, download, sync
        self.free_bytes = free_bytes
        self.float16 = float16
        # The only cases it runs (a variant that differs from its base in these alone, like TF32).
        self.cases = cases

    def record(self):
        return {"id": self.id, "source": "reference", "kind": self.kind, "status": "ok", "explicit": False,
                "package": self.package, "version": self.version,
                "engine": {"adapter": self.package, "backend": self.backend, "device": self.device}}


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _numpy_blas():
    try:
        cfg = np.show_config(mode="dicts")
        return cfg["Build Dependencies"]["blas"]["name"]
    except Exception:  # noqa: BLE001 - best effort description
        return "numpy"


def load_engines():
    engines, skipped, py = [], [], {"python": platform.python_version(), "numpy": np.__version__}
    engines.append(Engine("numpy", "cpu", np, "numpy", np.__version__, _numpy_blas(), _cpu_name(),
                          upload=lambda h: np.array(h, copy=True), download=lambda y: np.array(y, copy=True), sync=lambda: None))
    try:
        import torch  # noqa: PLC0415

        py["torch"] = torch.__version__
        engines.append(Engine("torch:cpu", "cpu", _TorchXp(torch, "cpu"), "torch", torch.__version__, f"cpu ({torch.get_num_threads()} threads)", _cpu_name(),
                              upload=lambda h: torch.from_numpy(h).clone(), download=lambda y: y.numpy().copy(), sync=lambda: None))
        if torch.cuda.is_available():
            py["torch.cuda"] = torch.version.cuda
            dev = torch.device("cuda")
            for tf32 in (False, True):
                engines.append(Engine("torch:cuda:tf32" if tf32 else "torch:cuda", "gpu", _TorchXp(torch, dev, tf32), "torch", torch.__version__,
                                      f"cuda {torch.version.cuda}" + (", TF32 matmul" if tf32 else ""), torch.cuda.get_device_name(0),
                                      upload=lambda h: torch.from_numpy(h).to(dev), download=lambda y: y.cpu().numpy(), sync=torch.cuda.synchronize,
                                      free_bytes=lambda: torch.cuda.mem_get_info()[0], cases={"matmul"} if tf32 else None))
        else:
            skipped += [{"id": i, "reason": "torch.cuda.is_available() is False"} for i in ("torch:cuda", "torch:cuda:tf32")]
    except Exception as e:  # noqa: BLE001
        skipped += [{"id": i, "reason": f"torch does not import: {_line(e)}"} for i in ("torch:cpu", "torch:cuda", "torch:cuda:tf32")]
    try:
        import cupy as cp  # noqa: PLC0415

        py["cupy"] = cp.__version__
        n = cp.cuda.runtime.getDeviceCount()
        if n < 1:
            raise RuntimeError("no CUDA device")
        props = cp.cuda.runtime.getDeviceProperties(0)
        name = props["name"].decode() if isinstance(props["name"], bytes) else str(props["name"])
        engines.append(Engine("cupy", "gpu", cp, "cupy", cp.__version__, f"cuda runtime {cp.cuda.runtime.runtimeGetVersion()}", name,
                              upload=cp.asarray, download=cp.asnumpy, sync=cp.cuda.Device().synchronize,
                              free_bytes=lambda: cp.cuda.Device().mem_info[0]))
    except Exception as e:  # noqa: BLE001
        skipped.append({"id": "cupy", "reason": f"cupy is not usable: {_line(e)}"})
    return engines, skipped, py


def _line(e):
    s = str(e).strip().splitlines()
    return (s[0] if s else type(e).__name__)[:300]


class _TorchXp:
    """The few array-API calls the cases use, on torch tensors of one device."""

    def __init__(self, torch, device, tf32=None):
        # tf32: matmul's allow_tf32 for this engine's products (None: leave torch's setting).
        self.t, self.device, self.tf32 = torch, device, tf32

    def ones(self, shape, dtype):
        return self.t.ones(shape, dtype=getattr(self.t, dtype), device=self.device)

    def matmul(self, a, b):
        if self.tf32 is None:
            return a @ b
        flags = self.t.backends.cuda.matmul
        before, flags.allow_tf32 = flags.allow_tf32, self.tf32
        try:
            return a @ b
        finally:
            flags.allow_tf32 = before

    def sum(self, x, axis=None):
        return x.sum() if axis is None else x.sum(dim=axis)

    def mean(self, x, axis=None):
        return x.mean() if axis is None else x.mean(dim=axis)

    def max(self, x, axis=None):
        return x.max() if axis is None else x.amax(dim=axis)

    def extract(self, mask, x):
        return x[mask]


# ------------------------------------------------------------------------------------------------
# cases


def matrix_shape(n):
    return (n // 1000, 1000) if n >= 1000 and n % 1000 == 0 else (n,)


def inputs_for(op, n, dtype, rng):
    """Host inputs (NumPy arrays) for an op at a size."""
    f = lambda *shape: rng.random(shape, dtype=np.float32).astype(dtype)  # noqa: E731
    if op == "matmul":
        return [f(n, n), f(n, n)]
    if op == "axpy":
        return [f(n), f(n)]
    if op in EW_OPS:
        return [f(n)]
    if op == "ones":
        return []
    if op == "add-1":
        return [np.array([1], dtype=dtype), np.array([2], dtype=dtype)]
    return [f(*matrix_shape(n))]


def op_fn(op, xp, n, dtype):
    if op == "matmul":
        return lambda a, b: xp.matmul(a, b)
    if op == "mul-scalar":
        return lambda x: x * 5
    if op == "square":
        return lambda x: x * x
    if op == "add":
        return lambda x: x + x
    if op == "chain":
        def chain(x):
            a = x * 5
            b = a * a
            return b + b
        return chain
    if op == "axpy":
        return lambda x, y: x * 5 + y
    if op == "chain10":
        def chain10(x):
            t = x
            for _ in range(5):
                t = t * 1.0001 + 0.5
            return t
        return chain10
    if op == "ones":
        s = round(n ** (1 / 3))
        shape = (s, s, s) if s**3 == n else (n,)
        return lambda: xp.ones(shape, dtype=dtype)
    if op in ("sum", "mean", "max"):
        return lambda x: getattr(xp, op)(x)
    if op in ("sum-axis", "mean-axis", "max-axis"):
        name = op.split("-")[0]
        return lambda x: getattr(xp, name)(x, axis=-1)
    if op == "extract-sum":
        return lambda x: xp.sum(xp.extract(x > 0.5, x))
    if op == "add-1":
        return lambda a, b: a + b
    raise ValueError(f"unknown op {op}")


def elements(op, n):
    return {"matmul": 3 * n * n, "chain": 4 * n, "axpy": 3 * n, "ones": n, "add-1": 3, "extract-sum": 3 * n}.get(op, 2 * n)


def flops(op, n):
    if op == "matmul":
        return 2 * n**3
    if op == "chain":
        return 3 * n
    if op == "axpy":
        return 2 * n
    if op == "chain10":
        return 10 * n
    if op in ("mul-scalar", "square", "add"):
        return n
    return None


def exponent(op):
    return 3 if op == "matmul" else 0 if op == "add-1" else 1


def shape_of(op, n):
    if op == "matmul":
        return [n, n]
    if op == "ones":
        s = round(n ** (1 / 3))
        return [s, s, s] if s**3 == n else [n]
    if op == "add-1" or op in EW_OPS:
        return [n]
    return list(matrix_shape(n))


# ------------------------------------------------------------------------------------------------
# timing


def _stat(samples_ms):
    s = sorted(samples_ms)
    return {"median": statistics.median(s), "min": s[0], "max": s[-1], "mean": statistics.fmean(s), "samples": len(s)}


def time_task(fn, budget, probe_ms):
    """Warm-up, then samples until both the time budget and the minimum count are met."""
    warm = 1 if probe_ms > 50 else budget["warmupIterations"]
    for _ in range(warm):
        fn()
    min_samples = min(3, budget["minSamples"]) if probe_ms > 1000 else budget["minSamples"]
    samples, spent = [], 0.0
    while len(samples) < min_samples or spent < budget["taskTimeMs"]:
        t0 = time.perf_counter_ns()
        fn()
        dt = (time.perf_counter_ns() - t0) / 1e6
        samples.append(dt)
        spent += dt
        if len(samples) >= 10_000:
            break
    return _stat(samples)


def measure(eng, op, n, dtype, host, budget):
    xp = eng.xp
    fn = op_fn(op, xp, n, dtype)
    resident = [eng.upload(h) for h in host]
    eng.sync()

    def upload():
        ys = [eng.upload(h) for h in host]
        eng.sync()
        return ys

    def compute():
        y = fn(*resident)
        eng.sync()
        return y

    ready = compute()

    def download():
        return eng.download(ready)

    def total():
        return eng.download(fn(*[eng.upload(h) for h in host]))

    t0 = time.perf_counter()
    total()
    eng.sync()
    probe_ms = (time.perf_counter() - t0) * 1000
    if probe_ms > budget["maxRunMs"]:
        return None, probe_ms, ready
    stats = {
        "upload": time_task(upload, budget, probe_ms) if host else None,
        "compute": time_task(compute, budget, probe_ms),
        "download": time_task(download, budget, probe_ms),
        "total": time_task(total, budget, probe_ms),
    }
    return stats, probe_ms, ready


def accuracy(eng, op, host, dtype, result):
    got = np.asarray(eng.download(result), dtype=np.float64)
    ins = [h.astype(np.float64) for h in host]  # the inputs the engine saw, exactly
    if op == "matmul":
        rows = min(ins[0].shape[0], 32)
        ref = ins[0][:rows] @ ins[1]
        got = got[:rows]
    else:
        x = ins[0]
        a = x * 5
        b = a * a
        ref = b + b
    err = float(np.max(np.abs(got - ref)))
    top = float(np.max(np.abs(ref)))
    return {"maxAbsError": err, "maxRelError": err / top if top else err}


def fmt_ms(ms):
    return f"{ms / 1000:.1f} s" if ms >= 1000 else f"{ms:.2f} ms"


def run_plan(plan, engines, out, log):
    budget = plan["budget"]
    rng = np.random.default_rng(0)
    for spec in plan["ops"]:
        op, case = spec["op"], spec["case"]
        for eng in engines:
            if eng.cases is not None and case not in eng.cases:
                continue
            for dtype in spec["dtypes"]:
                last, stopped = None, None
                for n in sorted(spec["sizes"]):
                    rec = {"case": case, "op": op, "engine": eng.id, "dtype": dtype, "size": n, "shape": shape_of(op, n), "status": "ok",
                           "bytes": elements(op, n) * np.dtype(dtype).itemsize}
                    if flops(op, n) is not None:
                        rec["flops"] = flops(op, n)
                    need = rec["bytes"] * 3
                    predicted = last[1] * (n / last[0]) ** exponent(op) if last else 0
                    gpu_free = eng.free_bytes() if eng.free_bytes else None
                    if dtype == "float16" and not eng.float16:
                        rec.update(status="skipped", note=f"{eng.id} has no float16")
                    elif stopped:
                        rec.update(status="skipped", note=stopped)
                    elif need > budget["memoryBytes"] or (gpu_free is not None and rec["bytes"] * 2 > gpu_free * 0.8):
                        rec.update(status="skipped", note=f"needs about {need / 2**30:.2f} GiB, over the memory budget")
                    elif predicted > budget["maxRunMs"]:
                        rec.update(status="skipped", note=f"predicted {fmt_ms(predicted)} per run from size {last[0]}, over the {fmt_ms(budget['maxRunMs'])} budget")
                        stopped = f"skipped: a smaller size was already over the {fmt_ms(budget['maxRunMs'])} time budget"
                    else:
                        try:
                            host = inputs_for(op, n, dtype, rng)
                            stats, probe_ms, ready = measure(eng, op, n, dtype, host, budget)
                            if stats is None:
                                rec.update(status="skipped", note=f"one run took {fmt_ms(probe_ms)}, over the {fmt_ms(budget['maxRunMs'])} budget")
                                stopped = f"skipped: a smaller size was already over the {fmt_ms(budget['maxRunMs'])} time budget"
                            else:
                                rec["stats"] = stats
                                rec["memoryBytes"] = int(sum(h.nbytes for h in host) + np.dtype(dtype).itemsize * int(np.prod(getattr(ready, "shape", ()) or (1,))))
                                if case == "float16":
                                    rec["accuracy"] = accuracy(eng, op, host, dtype, ready)
                                last = (n, stats["total"]["median"])
                            del ready
                        except KeyboardInterrupt:
                            raise
                        except Exception as e:  # noqa: BLE001
                            rec.update(status="failed", note=_line(e))
                            stopped = f"skipped: failed at size {n}"
                    out["results"].append(rec)
                    med = rec.get("stats", {}).get("compute", {}).get("median") if rec["status"] == "ok" else None
                    log(f"{op} {dtype} {eng.id} size {n}: " + (fmt_ms(med) if med is not None else f"{rec['status']}: {rec.get('note')}"))


def environment(py, engines):
    gpus = []
    for e in engines:
        if e.kind == "gpu" and not any(g["name"] == e.device for g in gpus):
            gpus.append({"name": e.device, "driver": "", "memoryBytes": 0})
    return {
        "node": "",
        "platform": sys.platform,
        "arch": platform.machine(),
        "hostname": socket.gethostname(),
        "cpu": {"model": _cpu_name(), "cores": os.cpu_count() or 0},
        "memory": {"totalBytes": _total_memory(), "freeBytes": _free_memory()},
        "gpus": gpus,
        "git": {"commit": None, "dirty": None},
        "packages": {k: v for k, v in py.items() if k not in ("python",)},
        "python": py,
    }


def _total_memory():
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--plan", help="a plan JSON written by apps/bench (ops, sizes, budget)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--quick", action="store_true")
    g.add_argument("--full", action="store_true")
    p.add_argument("--dtype", default="float32", choices=["float32", "float16", "float64"])
    p.add_argument("--engines", help="comma-separated subset of numpy,torch:cpu,torch:cuda,torch:cuda:tf32,cupy")
    p.add_argument("--out", default="reference-results.json")
    a = p.parse_args(argv)
    if a.plan:
        with open(a.plan) as f:
            plan = json.load(f)
    else:
        plan = default_plan("quick" if a.quick else "full" if a.full else "default", a.dtype)
    engines, skipped, py = load_engines()
    if a.engines:
        want = a.engines.split(",")
        engines = [e for e in engines if e.id in want]
    out = {
        "schema": SCHEMA_NAME, "version": SCHEMA_VERSION, "generator": "benchmarks/reference/run.py",
        "startedAt": _dt.datetime.now(_dt.timezone.utc).isoformat(), "finishedAt": None, "complete": False,
        "command": sys.argv, "options": {"mode": plan["mode"], "cases": sorted({o["case"] for o in plan["ops"]}), "sizes": None,
                                          "dtype": plan["dtype"], "adapters": [e.id for e in engines], "reference": True},
        "environment": environment(py, engines),
        "engines": [e.record() for e in engines] + [{"id": s["id"], "source": "reference", "kind": "gpu" if s["id"] in ("cupy", "torch:cuda", "torch:cuda:tf32") else "cpu",
                                                       "status": "skipped", "explicit": False, "reason": s["reason"]} for s in skipped],
        "results": [], "crossover": [], "notes": [],
    }
    for s in skipped:
        print(f"{s['id']}: skipped: {s['reason']}", file=sys.stderr, flush=True)
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run_plan(plan, engines, out, log)
        out["complete"] = True
    except KeyboardInterrupt:
        # The terminal and apps/bench may both send SIGINT: ignore the second while writing.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        out["notes"].append("the reference run was interrupted (Ctrl-C): partial results")
    out["finishedAt"] = _dt.datetime.now(_dt.timezone.utc).isoformat()
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
    return 0 if out["complete"] else 130


if __name__ == "__main__":
    sys.exit(main())
