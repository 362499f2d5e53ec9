"""Large and hostile files (issue 12): load + compute time and peak memory, each in a fresh process.

Targets: 100,000 layers load and compute in <= 5 s within 300 MB; unnamed layers load in linear
time (the old naming took 0.13 / 2.2 / 52 s for 1k / 4k / 16k); a file past the 200,000-layer
limit is refused quickly; the hostile numbers of the issue are answered at once.
Times include starting Python and importing the engine. On a shared machine the wall time can be
several times the CPU time; both are printed.
Run: .venv/bin/python benchmarks/bench_big_files.py

Measured 2026-11-29 on the shared 2-core build machine (load average about 12), CPU time over
two runs: 100,000 named layers 2.5-3.6 s, peak 120 MB; 100,000 unnamed 2.4-3.2 s, 120 MB; unnamed
1k / 4k / 16k / 64k: 0.05 / 0.11 / 0.36 / 1.74 s (linear); 200,001 layers refused after 1.25 s,
145 MB; DenseNet-like block (1,000 all-to-all Concats + 1,000 convs) 0.65 s; the 10^12-channel,
10^9-kernel, 100,000² file 0.03 s. Wall times were 3 to 7 times the CPU times.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import textwrap

HEAD = '{"format": "convdesk-network", "version": 1, "input": [16, 32, 32], "layers": [\n'

MEASURE = textwrap.dedent(
    """
    import json, resource, sys, time
    start, cpu = time.perf_counter(), time.process_time()
    from convdesk.engine import NetworkFileError, compute, load_network
    try:
        network = load_network(sys.argv[1])
    except NetworkFileError as error:
        loaded, layers, errors, message = time.perf_counter(), 0, 0, str(error)[-60:]
    else:
        loaded, message = time.perf_counter(), ""
        report = compute(network)
        layers, errors = len(report.layers), len(report.errors)
    done, cpu = time.perf_counter(), time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"load_s": loaded - start, "total_s": done - start, "cpu_s": cpu,
                      "peak_mb": peak_mb, "layers": layers, "errors": errors, "message": message}))
    """
)


def resnet_like(count: int, named: bool) -> str:
    """conv / BN / ReLU / Add blocks; the Add joins the block's output with its input."""
    lines = []
    block_in = "input"
    for i in range(count):
        kind = ("Conv2d", "BatchNorm2d", "ReLU", "Add")[i % 4]
        layer: dict = {"type": kind}
        if named:
            layer["name"] = f"l{i}"
        if kind == "Conv2d":
            layer.update(out_channels=16, kernel_size=3, padding=1)
        if kind == "Add":
            previous = f"l{i - 1}" if named else f"relu_{i // 4 + 1}"
            layer["inputs"] = [previous, block_in]
            block_in = f"l{i}" if named else f"add_{i // 4 + 1}"
        lines.append(json.dumps(layer))
    return HEAD + ",\n".join(lines) + "\n]}\n"


def dense_block(count: int) -> str:
    """DenseNet-like: each Concat joins every earlier output, then a 1×1 conv makes 4 channels
    (the file itself grows as n², since every Concat names all that came before)."""
    lines, outputs = [], ["input"]
    for i in range(count):
        lines.append(json.dumps({"type": "Concat", "name": f"c{i}", "inputs": list(outputs)}))
        conv = {"type": "Conv2d", "name": f"k{i}", "out_channels": 4, "kernel_size": 1}
        lines.append(json.dumps(conv))
        outputs.append(f"k{i}")
    return '{"format": "convdesk-network", "version": 1, "input": [1, 4, 4], "layers": [\n' + (
        ",\n".join(lines) + "\n]}\n"
    )


def hostile() -> str:
    layers = [
        {"type": "Conv2d", "out_channels": 1000000000000, "kernel_size": 1, "groups": 2},
        {
            "type": "ConvTranspose2d",
            "out_channels": 1,
            "kernel_size": 1000000000,
            "inputs": ["input"],
        },
    ]
    body = ",\n".join(json.dumps(layer) for layer in layers)
    return (
        '{"format": "convdesk-network", "version": 1, "input": [3, 100000, 100000], "layers": [\n'
        + body
        + "\n]}\n"
    )


def measure(label: str, text: str, folder: str) -> None:
    path = os.path.join(folder, "bench.convdesk")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, path], capture_output=True, text=True, check=True
    ).stdout
    r = json.loads(out)
    size = len(text.encode()) / 2**20
    tail = f"; refused: …{r['message']}" if r["message"] else f", {r['errors']} layer errors"
    print(
        f"{label} ({size:.1f} MB): load {r['load_s']:.2f} s, load+compute {r['total_s']:.2f} s "
        f"(CPU {r['cpu_s']:.2f} s), peak {r['peak_mb']:.0f} MB{tail}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        measure("100,000 named layers", resnet_like(100_000, True), folder)
        measure("100,000 unnamed layers", resnet_like(100_000, False), folder)
        for n in (1_000, 4_000, 16_000, 64_000):
            measure(f"{n:,} unnamed layers", resnet_like(n, False), folder)
        measure("200,001 layers (over the limit)", resnet_like(200_001, True), folder)
        measure("DenseNet-like, 1,000 all-to-all Concats + 1,000 convs", dense_block(1_000), folder)
        measure("10^12 channels, 10^9 kernel, 100,000² input", hostile(), folder)


if __name__ == "__main__":
    main()
