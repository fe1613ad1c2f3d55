"""PyTorch's side of LinearShapeBench: F.linear at the given shapes, median milliseconds.

Usage: python3 linear_shapes.py THREADS REPEATS ROWS,IN,OUT ...
Prints one line per shape: "ROWS,IN,OUT MILLISECONDS", and first the BLAS torch was built with.
"""
import re
import sys
import time

import torch


def main():
    threads, repeats = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    info = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    float((torch.ones(64, 64) @ torch.ones(64, 64))[0, 0])
    with open("/proc/self/maps", encoding="utf-8") as maps:
        libraries = sorted({line.split()[-1] for line in maps if "blas" in line.lower()})
    print(
        "torch",
        torch.__version__,
        "BLAS_INFO=" + (info.group(1) if info else "unknown"),
        " ".join(libraries) or "no BLAS library mapped",
    )
    for spec in sys.argv[3:]:
        rows, width, out = (int(v) for v in spec.split(","))
        x = torch.randn(rows, width)
        w = torch.randn(out, width)
        times = []
        for _ in range(repeats + 2):
            start = time.perf_counter()
            y = torch.nn.functional.linear(x, w)
            float(y[0, 0])
            times.append((time.perf_counter() - start) * 1e3)
        kept = sorted(times[2:])
        print(spec, f"{kept[len(kept) // 2]:.3f}")


if __name__ == "__main__":
    main()
