# The same speed cases in CuPy and PyTorch, on the same GPU, for side-by-side numbers. Prints JSON.
import json, sys, time
res = {}
def med(xs):
    s = sorted(xs); return s[len(s) // 2]
def bench(name, fn, sync, reps=10, **extra):
    fn(); sync(); fn(); sync()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); fn(); sync(); ts.append((time.perf_counter() - t0) * 1e3)
    r = {'ms': med(ts), 'min': min(ts)}
    if 'flop' in extra: r['tflops'] = extra['flop'] / (med(ts) * 1e-3) / 1e12
    if 'bytes' in extra: r['gbps'] = extra['bytes'] / (med(ts) * 1e-3) / 1e9
    res[name] = r
N = 1 << 26
try:
    import cupy as cp
    s = cp.cuda.Device().synchronize
    a = cp.ones((4096, 4096), cp.float32); b = cp.ones((4096, 4096), cp.float32)
    bench('cupy matmul 4096² float32', lambda: a @ b, s, flop=2 * 4096**3)
    x = cp.ones(N, cp.float32); y = cp.ones(N, cp.float32)
    bench('cupy x*5 + y 2^26 float32', lambda: x * 5 + y, s, bytes=5 * 4 * N)
    def axpy(x, y):
        return x * 5 + y
    def chain10(t):  # the 10-op chain of the ONNX Runtime WebGPU check, one op at a time
        for _ in range(5):
            t = t * 1.0001 + 0.5
        return t
    bench('cupy 10-op chain 2^26 float32, op by op', lambda: chain10(x), s)
    f = cp.fuse(axpy)
    bench('cupy fuse x*5 + y 2^26 float32', lambda: f(x, y), s, bytes=3 * 4 * N)
    bench('cupy sum 2^26 float32', lambda: x.sum(), s, reps=30, bytes=4 * N)
    bench('cupy sum 2^26 float32, 50 back to back', lambda: [x.sum() for _ in range(50)], s, bytes=50 * 4 * N)
    one = cp.ones(1, cp.float32)
    for _ in range(100): one + one
    s(); t0 = time.perf_counter()
    for _ in range(20000): one + one
    res['cupy per-op overhead 1-element add'] = {'usEnqueue': (time.perf_counter() - t0) / 20000 * 1e6}
    # The launch alone (an empty kernel through RawKernel): the driver's share of the per-op time.
    k = cp.RawKernel(r'extern "C" __global__ void arr_probe(float *p) {}', 'arr_probe')
    for _ in range(100): k((1,), (128,), (one,))
    s(); t0 = time.perf_counter()
    for _ in range(20000): k((1,), (128,), (one,))
    res['cupy empty RawKernel launch'] = {'usEnqueue': (time.perf_counter() - t0) / 20000 * 1e6}
    import numpy as np
    h = np.ones(N, np.float32)
    bench('cupy upload 256 MiB (pageable numpy)', lambda: cp.asarray(h), s, reps=5, bytes=4 * N)
    bench('cupy readback 256 MiB (pageable numpy)', lambda: cp.asnumpy(x), s, reps=5, bytes=4 * N)
    res['cupy version'] = cp.__version__
except Exception as e:
    res['cupy error'] = repr(e)
try:
    import torch
    s = torch.cuda.synchronize
    a = torch.ones(4096, 4096, device='cuda'); b = torch.ones(4096, 4096, device='cuda')
    torch.backends.cuda.matmul.allow_tf32 = False
    bench('torch matmul 4096² float32', lambda: a @ b, s, flop=2 * 4096**3)
    torch.backends.cuda.matmul.allow_tf32 = True
    bench('torch matmul 4096² tf32', lambda: a @ b, s, flop=2 * 4096**3)
    torch.backends.cuda.matmul.allow_tf32 = False
    x = torch.ones(N, device='cuda'); y = torch.ones(N, device='cuda')
    bench('torch x*5 + y 2^26 float32', lambda: x * 5 + y, s, bytes=5 * 4 * N)
    bench('torch sum 2^26 float32', lambda: x.sum(), s, reps=30, bytes=4 * N)
    bench('torch sum 2^26 float32, 50 back to back', lambda: [x.sum() for _ in range(50)], s, bytes=50 * 4 * N)
    one = torch.ones(1, device='cuda')
    for _ in range(100): one + one
    s(); t0 = time.perf_counter()
    for _ in range(20000): one + one
    res['torch per-op overhead 1-element add'] = {'usEnqueue': (time.perf_counter() - t0) / 20000 * 1e6}
    hp = torch.ones(N).pin_memory()
    bench('torch upload 256 MiB pinned', lambda: hp.to('cuda', non_blocking=False), s, reps=5, bytes=4 * N)
    bench('torch readback 256 MiB to pinned', lambda: hp.copy_(x), s, reps=5, bytes=4 * N)
    hq = torch.ones(N)
    bench('torch upload 256 MiB pageable', lambda: hq.to('cuda'), s, reps=5, bytes=4 * N)
    bench('torch readback 256 MiB pageable', lambda: x.cpu(), s, reps=5, bytes=4 * N)
    res['torch version'] = torch.__version__
except Exception as e:
    res['torch error'] = repr(e)
print(json.dumps(res, indent=1))
