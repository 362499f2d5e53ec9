"""Model import speed: ResNet-50 from ONNX and Keras JSON, in-process and as `convdesk summary`.

Targets (issue 15): ResNet-50 import as ONNX <= 1 s, as Keras JSON <= 0.3 s, and a whole
`convdesk summary` process on the model <= 2x the same summary from a .convdesk file.
The ONNX file is torchvision's ResNet-50 graph (tests/importers/fixtures) with every weight
given its full size again (zeros), so the file is as large as a real export: about 100 MB.
Needs the onnx extra. Run: .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from math import prod
from pathlib import Path

import onnx
from timing import median_ms

from convdesk.engine import save_network
from convdesk.importers import read_model

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "importers" / "fixtures"


def full_size_onnx(target: Path) -> None:
    """The stripped fixture with its float weights filled again (zeros), as torch wrote them."""
    model = onnx.load_from_string(
        gzip.decompress((FIXTURES / "onnx/resnet50.onnx.gz").read_bytes())
    )
    for tensor in model.graph.initializer:
        if tensor.data_type == onnx.TensorProto.FLOAT and not tensor.raw_data:
            tensor.raw_data = bytes(4 * prod(tensor.dims))
    onnx.save(model, target)


def process_s(*args: str, runs: int = 5) -> float:
    """Median wall time of a whole `convdesk` process, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "convdesk", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        onnx_path, keras_path = tmp / "resnet50.onnx", tmp / "resnet50.json"
        full_size_onnx(onnx_path)
        keras_path.write_bytes(gzip.decompress((FIXTURES / "keras/resnet50.json.gz").read_bytes()))
        network, _ = read_model(keras_path)
        convdesk_path = tmp / "resnet50.convdesk"
        save_network(network, convdesk_path)

        onnx_ms = median_ms(lambda: read_model(onnx_path), runs=5)
        keras_ms = median_ms(lambda: read_model(keras_path), runs=10)
        size = onnx_path.stat().st_size / 2**20
        print(f"ResNet-50 ONNX import ({size:.0f} MB):  {onnx_ms:7.1f} ms  (target <= 1000 ms)")
        print(f"ResNet-50 Keras JSON import:        {keras_ms:7.1f} ms  (target <= 300 ms)")

        base = process_s("summary", str(convdesk_path))
        parses = {"ONNX": onnx_ms / 1000, "Keras JSON": keras_ms / 1000}
        for label, path in (("ONNX", onnx_path), ("Keras JSON", keras_path)):
            took = process_s("summary", str(path))
            allowed = 2 * (base + parses[label])
            print(
                f"summary process, {label:10s} {took:5.2f} s; .convdesk {base:5.2f} s "
                f"({took / base:4.2f}x); 2 x (.convdesk + import) = {allowed:4.2f} s "
                f"({'within' if took <= allowed else 'over'})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
