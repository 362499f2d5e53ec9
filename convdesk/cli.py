"""The `convdesk` command: opens the window, or prints a report with `convdesk summary`.

`summary` and `presets` import only the engine (no Qt, no numpy), so they start fast and run on
machines without a desktop.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

_COMMANDS = ("summary", "presets", "exercises", "import", "export", "figure")


def _summary_parser() -> argparse.ArgumentParser:
    from .engine.formats import FORMATS

    parser = argparse.ArgumentParser(
        prog="convdesk summary",
        description="Print the report of a network file or preset: every layer's output shape, "
        "parameters, MACs, activation memory and receptive field, and the totals.",
        epilog="Exit status: 0 no errors; 1 some layers are in error (the report is still "
        "printed); 2 the file cannot be read.",
    )
    parser.add_argument(
        "network",
        metavar="FILE|PRESET",
        help="a .convdesk file, a Keras (.keras, .json) or ONNX (.onnx) model, or a preset key",
    )
    parser.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    return parser


def _window_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convdesk",
        description="See what convolution layers and whole networks do to a tensor. "
        "Other commands: 'convdesk summary FILE|PRESET' prints a report; 'convdesk presets' "
        "lists the shipped networks; 'convdesk import MODEL OUT.convdesk' reads a Keras or "
        "ONNX model; 'convdesk export FILE --to pytorch|keras' writes code; "
        "'convdesk figure FILE|PRESET -o OUT.svg' draws the network's figure.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE", help="a network file or preset to open")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="save a picture of the window and exit (no screen needed)",
    )
    parser.add_argument("--select", metavar="LAYER", help="the layer to select (name or number)")
    parser.add_argument("--version", action="version", version=f"convdesk {__version__}")
    return parser


def load_any(target: str):
    """A Network from a file path, or else from a preset key. Raises NetworkFileError."""
    from .engine import NetworkFileError, load_network
    from .engine.presets import list_presets, load_preset

    if Path(target).exists():
        return load_network(target)
    keys = [p.key for p in list_presets()]
    if target in keys:
        return load_preset(target)
    raise NetworkFileError(
        "no such file, and no preset of that name (presets: " + ", ".join(keys) + ")",
        source=target,
    )


def summary(argv: list[str]) -> int:
    from .engine import NetworkFileError, compute
    from .engine.formats import format_report
    from .model_commands import read_any

    args = _summary_parser().parse_args(argv)
    try:
        network = read_any(args.network)
    except NetworkFileError as exc:
        print(f"convdesk: {exc}", file=sys.stderr)
        return 2
    report = compute(network)
    sys.stdout.write(format_report(report, args.format))
    sys.stdout.flush()
    for message in report.errors:
        print(f"error: {message}", file=sys.stderr)
    return 1 if report.errors else 0


def presets(argv: list[str]) -> int:
    from .engine.presets import list_presets

    argparse.ArgumentParser(
        prog="convdesk presets", description="List the networks shipped with convdesk."
    ).parse_args(argv)
    items = list_presets()
    width = max(len(p.key) for p in items)
    for p in items:
        print(f"{p.key.ljust(width)}  {p.name} ({p.layers} layers, input {list(p.input)})")
        print(f"{''.ljust(width)}  {p.source}")
    return 0


def window(argv: list[str]) -> int:
    args = _window_parser().parse_args(argv)
    from .startup import import_error_message, window_problem

    # Before Qt loads: a missing library gets the command that installs it, not an ImportError.
    problem = window_problem(screenshot=args.screenshot is not None)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    try:
        from .app.launch import launch
    except ImportError as error:
        print(import_error_message(error), file=sys.stderr)
        return 1

    return launch(args.file, args.screenshot, args.select)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # Box-drawing and maths signs in reports must not crash a console that cannot show them.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from .engine import NetworkFileError

    try:
        if argv and argv[0] == "summary":
            return summary(argv[1:])
        if argv and argv[0] == "presets":
            return presets(argv[1:])
        if argv and argv[0] == "figure":
            from .figure_command import figure

            return figure(argv[1:])
        if argv and argv[0] in ("import", "export"):
            from . import model_commands

            return getattr(model_commands, f"{argv[0]}_command")(argv[1:])
        if argv and argv[0] == "exercises":
            from .exercises_cli import exercises

            return exercises(argv[1:])
        return window(argv)
    except BrokenPipeError:  # `convdesk summary x | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except (NetworkFileError, OSError) as exc:  # e.g. an installation that lost its presets
        print(f"convdesk: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for a person; one line, and how to see more
        if os.environ.get("CONVDESK_DEBUG"):
            raise
        print(
            f"convdesk: unexpected error: {type(exc).__name__}: {exc} "
            "(run with CONVDESK_DEBUG=1 to see where)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    sys.exit(main())
