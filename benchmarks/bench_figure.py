"""How fast the network figure is made: prints figures, asserts nothing.

Run: .venv/bin/python benchmarks/bench_figure.py   (offscreen unless QT_QPA_PLATFORM is set)

Targets from the network-figure issue, on the 2-core test machine: `convdesk figure
resnet152-torchvision -o x.svg` <= 2 s as a whole process; the layout alone is what every view
and export share, so it is printed too.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from timing import median_ms

from convdesk.canvas.geometry import network_layout
from convdesk.engine import compute, loads_network
from convdesk.engine.presets import load_preset


def deep_report():
    layers = [{"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1}] * 2000
    text = (
        '{"format": "convdesk-network", "version": 1, "input": [16, 32, 32], "layers": '
        + str(layers).replace("'", '"')
        + "}"
    )
    return compute(loads_network(text))


def main() -> None:
    print("network layout alone (plain Python), median ms")
    reports = {
        key: compute(load_preset(key))
        for key in ("alexnet-2012", "resnet50-torchvision", "resnet152-torchvision")
    }
    reports["2,000-layer network"] = deep_report()
    for key, report in reports.items():
        folded = median_ms(lambda r=report: network_layout(r), 10)
        every = median_ms(lambda r=report: network_layout(r, fold=False, collapse=False), 5)
        print(f"  {key:28s} figure {folded:7.2f} ms   every layer {every:8.2f} ms")

    print("convdesk figure resnet152-torchvision -o x.svg / x.png, whole process (target <= 2 s)")
    out = tempfile.mkdtemp()
    for ext in ("svg", "png"):
        times, cpu = [], []
        for _ in range(5):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "convdesk.cli",
                    "figure",
                    "resnet152-torchvision",
                    "-o",
                    os.path.join(out, f"x.{ext}"),
                ],
                check=True,
            )
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        # On a shared machine the wall time waits for other processes; the CPU time does not.
        print(
            f"  {ext}: wall median {statistics.median(times):.2f} s (best {min(times):.2f} s), "
            f"CPU user+sys median {statistics.median(cpu):.2f} s"
        )


if __name__ == "__main__":
    main()
