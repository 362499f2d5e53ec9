"""A pasted PyTorch printout: the text `print(model)` shows, read as a chain of layers.

The printout lists modules, not how forward() joins them, so the layers are taken to run one
after another (a chain): a residual Add or a branch does not show and is not made up here. The
arguments are read as Python literals (`ast.literal_eval`), never run.
"""

from __future__ import annotations

import ast
import re

from .builder import Builder
from .report import ImportReport, ModelFileError, Unmapped

MAX_TEXT = 2_000_000
_LINE = re.compile(r"^\s*\((?P<name>[^)]+)\):\s*(?P<type>[A-Za-z_][\w.]*)\((?P<rest>.*)$")
_TOP = re.compile(r"^\s*(?P<type>[A-Za-z_][\w.]*)\((?P<rest>.*)$")
_PLAIN = {
    "ReLU": "ReLU",
    "ReLU6": "ReLU6",
    "GELU": "GELU",
    "SiLU": "SiLU",
    "Sigmoid": "Sigmoid",
    "Tanh": "Tanh",
    "Hardswish": "Hardswish",
    "Hardsigmoid": "Hardsigmoid",
    "Identity": "Identity",
    "ChannelShuffle": "ChannelShuffle",
}
_DROPOUTS = ("Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout")
CHAIN_NOTE = (
    "convdesk assumed the layers run one after another (a chain): print(model) does not show "
    "how forward() joins them, so shortcuts and branches are not there"
)


def read_printout(text: str, input_shape: list[int], source: str = "pasted text") -> tuple:
    """(Network, ImportReport) from `print(model)` text and the shape of one sample."""
    if len(text) > MAX_TEXT:
        raise ModelFileError(f"the text is too long ({len(text):,} characters)", source=source)
    if not 1 <= len(input_shape) <= 4 or any(v < 1 for v in input_shape):
        raise ModelFileError(
            "the input shape needs 1 to 4 whole numbers of at least 1, such as 3, 224, 224",
            source=source,
        )
    leaves = list(_leaves(text, source))
    if not leaves:
        raise ModelFileError(
            "no layers found: paste what print(model) shows, lines like "
            "'(conv1): Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2))'",
            source=source,
        )
    report = ImportReport(source, "PyTorch printout")
    builder = Builder(input_shape, leaves[0][3] or "Pasted model", "Read from a pasted printout.")
    report.note(CHAIN_NOTE)
    previous = "input"
    for line, name, kind, _top, args in leaves:
        try:
            positional, keywords = _arguments(args)
            previous = _add(builder, report, name, kind, positional, keywords, previous)
        except (ValueError, SyntaxError, TypeError, KeyError, IndexError) as exc:
            raise ModelFileError(
                f"cannot read the arguments of {name} ({kind}): {exc}", f"line {line}", source
            ) from None
    return builder.network, report


def _leaves(text: str, source: str):
    """(line number, dotted name, type, model name, argument text) of each leaf module."""
    path: list[str] = []
    model = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.strip() == ")":
            if path:
                path.pop()
            continue
        match = _LINE.match(line)
        if match is None:
            top = _TOP.match(line)
            if top and not model and top["rest"] == "":
                model = top["type"]
                continue
            raise ModelFileError(
                f"not a line of a PyTorch printout: {line.strip()[:60]!r}", f"line {number}", source
            )
        name, kind, rest = match["name"], match["type"], match["rest"]
        if rest == "":  # a container: its children follow, then ")"
            path.append(name)
            continue
        if not rest.endswith(")"):
            raise ModelFileError(
                f"the line is cut short: {line.strip()[:60]!r}", f"line {number}", source
            )
        yield number, ".".join([*path, name]), kind.rsplit(".", 1)[-1], model, rest[:-1]


def _arguments(text: str) -> tuple[list, dict]:
    """The literal arguments of `Type(...)`; bare words (mode=bilinear) are read as text."""
    quoted = re.sub(r"=([A-Za-z_][\w]*)(?=[,)]|$)", _quote, text)
    call = ast.parse(f"f({quoted})", mode="eval").body
    assert isinstance(call, ast.Call)
    positional = [ast.literal_eval(arg) for arg in call.args]
    keywords = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}
    return positional, keywords


def _quote(match: re.Match) -> str:
    word = match.group(1)
    return f"={word}" if word in ("True", "False", "None") else f"={word!r}"


def _value(v):
    """A PyTorch size argument: (3, 3) -> [3, 3] or 3 when all equal, as convdesk writes them."""
    if isinstance(v, tuple | list):
        values = list(v)
        return values[0] if len(set(values)) == 1 else values
    return v


def _add(b: Builder, report: ImportReport, name, kind, args, kw, previous) -> str:
    shape = b.shapes.get(previous)
    config: dict[str, object] = {}
    ltype = kind
    get = kw.get
    if re.fullmatch(r"Conv(Transpose)?[123]d", kind):
        config = {
            "out_channels": args[1] if len(args) > 1 else kw["out_channels"],
            "kernel_size": _value(get("kernel_size", args[2] if len(args) > 2 else None)),
        }
        config["in_channels"] = args[0] if args else kw["in_channels"]
        for key, default in (("stride", 1), ("padding", 0), ("dilation", 1), ("groups", 1)):
            if key in kw and _value(kw[key]) != default:
                config[key] = _value(kw[key])
        if "Transpose" in kind and _value(get("output_padding", 0)) != 0:
            config["output_padding"] = _value(kw["output_padding"])
        if get("bias") is False:
            config["bias"] = False
    elif re.fullmatch(r"(Max|Avg)Pool[123]d", kind):
        config["kernel_size"] = _value(get("kernel_size", args[0] if args else None))
        stride = get("stride", args[1] if len(args) > 1 else None)
        if stride is not None and _value(stride) != config["kernel_size"]:
            config["stride"] = _value(stride)
        for key, default in (("padding", 0), ("dilation", 1), ("ceil_mode", False)):
            if kind.startswith("Avg") and key == "dilation":
                continue
            if key in kw and _value(kw[key]) != default:
                config[key] = _value(kw[key])
    elif re.fullmatch(r"Adaptive(Max|Avg)Pool[123]d", kind):
        config["output_size"] = _value(get("output_size", args[0] if args else 1))
    elif kind == "Linear":
        in_features = get("in_features", args[0] if args else None)
        config = {"out_features": get("out_features", args[1] if len(args) > 1 else None)}
        if get("bias") is False:
            config["bias"] = False
        if shape is not None and len(shape) > 1 and shape[-1] != in_features:
            if in_features == _size(shape):
                previous = b.add("Flatten", f"{name}_flatten", {}, [previous])
                report.note(
                    "A Flatten was put before these Linear layers, since their input is a map "
                    "(forward() flattens; the printout does not show it)",
                    name,
                )
            elif in_features == shape[0] and len(shape) > 1:
                pool = f"AdaptiveAvgPool{len(shape) - 1}d"
                pooled = b.add(pool, f"{name}_pool", {"output_size": 1}, [previous])
                previous = b.add("Flatten", f"{name}_flatten", {}, [pooled])
                report.note(
                    "An average pool to 1 and a Flatten were put before these Linear layers, "
                    "which read one number per channel (forward() pools and flattens, as "
                    "torchvision's MobileNet does; the printout does not show it)",
                    name,
                )
        config["in_features"] = in_features
    elif re.fullmatch(r"BatchNorm[123]d", kind):
        config["num_features"] = args[0] if args else kw["num_features"]
        for key, usual in (("eps", 1e-5), ("momentum", 0.1), ("affine", True)):
            if key in kw and kw[key] != usual and kw[key] is not None:
                config[key] = kw[key]
        if get("track_running_stats") is False:
            config["track_running_stats"] = False
    elif kind in _PLAIN:
        ltype = _PLAIN[kind]
    elif kind in _DROPOUTS:
        ltype, config = "Dropout", {"p": get("p", args[0] if args else 0.5)}
    elif kind == "Flatten":
        if get("start_dim", 1) != 1 or get("end_dim", -1) != -1:
            return _unknown(b, report, name, kind, previous)
    elif kind == "LeakyReLU":
        config = {"negative_slope": get("negative_slope", args[0] if args else 0.01)}
    elif kind == "ELU":
        config = {"alpha": get("alpha", args[0] if args else 1.0)}
    elif kind == "Softmax":
        dim = get("dim", args[0] if args else None)
        if shape is None or dim is None:
            return _unknown(b, report, name, kind, previous)
        config = {"dim": dim - 1 if dim >= 0 else dim + len(shape) + 1 - 1}
    elif kind == "PReLU":
        config = {"num_parameters": get("num_parameters", args[0] if args else 1)}
    elif kind == "LayerNorm":
        normalized = args[0] if args else kw["normalized_shape"]
        sizes = list(normalized) if isinstance(normalized, tuple | list) else [normalized]
        config = {"normalized_shape": sizes[0] if len(sizes) == 1 else sizes}
        for key, usual in (("eps", 1e-5), ("elementwise_affine", True)):
            if key in kw and kw[key] != usual:
                config[key] = kw[key]
    elif kind == "GroupNorm":
        config = {"num_groups": args[0] if args else kw["num_groups"]}
        config["num_channels"] = args[1] if len(args) > 1 else kw["num_channels"]
        if get("affine") is False:
            config["affine"] = False
    elif kind == "ZeroPad2d":
        padding = args[0] if args else kw["padding"]
        config = {"padding": list(padding) if isinstance(padding, tuple) else padding}
    elif kind == "Upsample":
        if get("size") is not None:
            config["size"] = _value(kw["size"])
        else:
            config["scale_factor"] = _value(kw.get("scale_factor", 2))
        if get("mode", "nearest") != "nearest":
            config["mode"] = kw["mode"]
    else:
        return _unknown(b, report, name, kind, previous)
    if kind == "ChannelShuffle":
        config = {"groups": args[0] if args else kw["groups"]}
    report.mapped += 1
    return b.add(ltype, name, config, [previous])


def _size(shape) -> int:
    n = 1
    for v in shape:
        n *= v
    return n


def _unknown(b: Builder, report: ImportReport, name: str, kind: str, previous: str) -> str:
    report.unmapped.append(
        Unmapped(name, kind, "kept as Identity (convdesk does not know what it does to the shape)")
    )
    return b.add("Identity", name, {}, [previous])
