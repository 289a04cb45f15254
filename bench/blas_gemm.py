"""OpenBLAS sgemm through numpy, one thread, on the shapes and forms of Neurite's GemmBenchmark.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/blas_gemm.py

Prints GFLOP/s (median of 7 timings) for forward (x·W), weightGradient (xᵀ·dZ), inputGradient (dZ·Wᵀ).
"""
import time
import numpy as np

def gflops(f, flop):
    for _ in range(3):
        f()
    times = []
    for _ in range(7):
        n, t = 0, time.perf_counter()
        while time.perf_counter() - t < 0.2:
            f(); n += 1
        times.append((time.perf_counter() - t) / n)
    return flop / sorted(times)[3] / 1e9

rng = np.random.default_rng(1)
for m, k, n in [(50, 784, 30), (50, 30, 10), (128, 784, 1024), (128, 1024, 1024), (1024, 1024, 1024)]:
    x = rng.uniform(-1, 1, (m, k)).astype(np.float32)
    w = rng.uniform(-1, 1, (k, n)).astype(np.float32)
    dz = rng.uniform(-1, 1, (m, n)).astype(np.float32)
    flop = 2 * m * k * n
    print(f"{m}x{k}x{n}  forward {gflops(lambda: x @ w, flop):6.1f}  weightGradient {gflops(lambda: x.T @ dz, flop):6.1f}"
          f"  inputGradient {gflops(lambda: dz @ w.T, flop):6.1f}  GFLOP/s")
