"""`convdesk figure FILE|PRESET -o OUT.svg|OUT.png`: the network figure (or one layer's view)
written without a window, for slides and handouts."""

from __future__ import annotations

import argparse
import os
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convdesk figure",
        description="Draw a network's figure (or one layer's view) to an SVG or PNG file, "
        "without opening a window.",
        epilog="Exit status: 0 written; 2 the network or the layer cannot be read, or the file "
        "cannot be written.",
    )
    parser.add_argument("network", metavar="FILE|PRESET", help="a .convdesk file or a preset key")
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUT.svg|OUT.png", help="the file to write"
    )
    parser.add_argument("--layer", metavar="NAME", help="draw this layer's view instead")
    parser.add_argument(
        "--scale",
        choices=("sqrt", "log", "linear"),
        help="block sizes: square root (the default), logarithmic or linear (true scale); "
        "with --layer, the depth scale (default linear)",
    )
    parser.add_argument("--width", type=int, default=1600, metavar="PX", help="default: 1600")
    parser.add_argument("--height", type=int, metavar="PX", help="default: what the figure needs")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument(
        "--all-layers",
        action="store_true",
        help="draw every layer as its own block (no folding of activations, no collapsed units)",
    )
    return parser


def figure(argv: list[str]) -> int:
    """Run `convdesk figure`; returns the exit status."""
    from .cli import load_any
    from .engine import NetworkFileError, compute

    args = _parser().parse_args(argv)
    fmt = os.path.splitext(args.output)[1].lower().lstrip(".")
    if fmt not in ("svg", "png"):
        print("convdesk figure: the output must end in .svg or .png", file=sys.stderr)
        return 2
    if not 200 <= args.width <= 20000 or (
        args.height is not None and not 100 <= args.height <= 20000
    ):
        print(
            "convdesk figure: --width must be 200 to 20,000 pixels, --height 100 to 20,000",
            file=sys.stderr,
        )
        return 2
    try:
        network = load_any(args.network)
    except NetworkFileError as exc:
        print(f"convdesk: {exc}", file=sys.stderr)
        return 2
    report = compute(network)
    layer = None
    if args.layer is not None:
        names = [r.name for r in report.layers]
        if args.layer not in names:
            near = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
            print(
                f"convdesk figure: no layer named {args.layer!r} in {report.name} "
                f"(its layers: {near})",
                file=sys.stderr,
            )
            return 2
        layer = names.index(args.layer)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from .app.launch import quiet_offscreen
    from .canvas.figure import FigureOptions, write_figure

    qInstallMessageHandler(quiet_offscreen)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "convdesk"])
    scale = args.scale or ("linear" if layer is not None else "sqrt")
    options = FigureOptions(scale=scale, fold=not args.all_layers, collapse=not args.all_layers)
    ok = write_figure(
        report, args.output, fmt, args.width, options, args.theme == "dark", layer, args.height
    )
    del app
    if not ok:
        print(f"convdesk figure: {args.output} could not be written", file=sys.stderr)
        return 2
    return 0
