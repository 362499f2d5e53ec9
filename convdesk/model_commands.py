"""`convdesk import` and `convdesk export`: models in, code out. No Qt on this path."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def read_any(target: str):
    """A Network from a model file (its import report to stderr), a network file or a preset."""
    from .importers import is_model_file, read_model

    if Path(target).is_file() and is_model_file(target):
        network, report = read_model(target)
        sys.stderr.write(report.text())
        return network
    from .cli import load_any

    return load_any(target)


def import_command(argv: list[str]) -> int:
    from .engine import compute, save_network
    from .importers import read_model

    parser = argparse.ArgumentParser(
        prog="convdesk import",
        description="Turn a Keras (.keras, or the JSON of model.to_json()) or ONNX (.onnx) model "
        "into a convdesk network file, and say which layers mapped and which did not.",
        epilog="Exit status: 0 written; 1 written, but some layers are in error; 2 the model "
        "cannot be read.",
    )
    parser.add_argument("model", metavar="IN", help="a .keras, .json (Keras) or .onnx file")
    parser.add_argument("out", metavar="OUT.convdesk", help="the network file to write")
    args = parser.parse_args(argv)
    network, report = read_model(args.model)
    save_network(network, args.out)
    sys.stdout.write(report.text())
    result = compute(network)
    print(f"Wrote {args.out}: {len(network.layers)} layers, input {network.input}.")
    for message in result.errors:
        print(f"error: {message}", file=sys.stderr)
    return 1 if result.errors else 0


def export_command(argv: list[str]) -> int:
    from .exporters import TARGETS, export_code

    parser = argparse.ArgumentParser(
        prog="convdesk export",
        description="Write the code that builds a network: PyTorch (class Network, INPUT_SHAPE) "
        "or Keras (build_model(), channels last).",
    )
    parser.add_argument("network", metavar="FILE|PRESET", help="a network file, model or preset")
    parser.add_argument("--to", choices=TARGETS, required=True, help="the framework")
    parser.add_argument("-o", "--output", metavar="OUT.py", help="default: standard output")
    args = parser.parse_args(argv)
    code = export_code(read_any(args.network), args.to)
    if args.output is None:
        sys.stdout.write(code)
        return 0
    try:
        Path(args.output).write_text(code, encoding="utf-8")
    except OSError as exc:
        print(f"convdesk: {args.output}: cannot write: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Wrote {args.output}.")
    return 0
