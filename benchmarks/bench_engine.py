"""Engine speed: the full report of ResNet-152 and of a generated 2,000-layer network, in-process,
and `convdesk summary` on ResNet-152 as a whole process.

Targets (issue 2): ResNet-152 < 10 ms, 2,000 layers < 40 ms, summary process < 0.3 s.
Run: .venv/bin/python benchmarks/bench_engine.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from convdesk.engine import Layer, Network, compute
from convdesk.engine.formats import format_report
from convdesk.engine.presets import load_preset


def generated(layers: int) -> Network:
    """A plain chain of conv/BN/ReLU blocks with a skip Add every few layers."""
    net = Network([16, 64, 64], name=f"generated {layers}")
    kinds = ("Conv2d", "BatchNorm2d", "ReLU", "Add")
    last_block_in = "input"
    for i in range(layers):
        kind = kinds[i % 4]
        name = f"l{i}"
        if kind == "Conv2d":
            last_block_in = net.layers[-1].name if net.layers else "input"
            layer = Layer(kind, name, {"out_channels": 16, "kernel_size": 3, "padding": 1})
        elif kind == "Add":
            layer = Layer(kind, name, {}, [net.layers[-1].name, last_block_in])
        else:
            layer = Layer(kind, name, {})
        net.layers.append(layer)
    return net


def best_ms(fn, repeat: int = 50) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), statistics.median(times)


def main() -> None:
    resnet = load_preset("resnet152-torchvision")
    big = generated(2000)
    assert not compute(big).errors
    for label, net, target in (
        (f"compute ResNet-152 ({len(resnet.layers)} layers)", resnet, 10),
        ("compute generated 2,000 layers", big, 40),
    ):
        best, median = best_ms(lambda net=net: compute(net))
        print(f"{label}: best {best:.2f} ms, median {median:.2f} ms (target < {target} ms)")
    best, median = best_ms(lambda: format_report(compute(resnet), "table"), 20)
    print(f"compute + table text ResNet-152: best {best:.2f} ms, median {median:.2f} ms")
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "convdesk", "summary", "resnet152-torchvision"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        runs.append(time.perf_counter() - start)
    print(
        f"convdesk summary resnet152 process: best {min(runs):.3f} s, "
        f"median {statistics.median(runs):.3f} s (target < 0.3 s)"
    )
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, convdesk.cli as c; c.load_any('resnet152-torchvision');"
            "import convdesk.engine.formats; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('PySide6', 'numpy', 'pyqtgraph')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"Qt/numpy/pyqtgraph modules on the summary path: {check.stdout.strip()}")


if __name__ == "__main__":
    main()
