"""Take a network out: readable PyTorch or Keras code that builds it. Plain Python, no Qt.

The code is text; nothing here imports torch or keras. Run with its framework, it gives the
shapes and trainable parameter counts that convdesk reports (the tests check this).
"""

from __future__ import annotations

import keyword
import re
import textwrap

from ..engine import Network, NetworkFileError, Report, compute

TARGETS = ("pytorch", "keras")


class ExportError(NetworkFileError):
    """A network that cannot be written as code; the message names the layer and why."""


def export_code(network: Network, target: str) -> str:
    """The source text of a module that builds `network` in `target` (one of TARGETS)."""
    report = checked_report(network)
    if target == "pytorch":
        from .pytorch import pytorch_code

        return pytorch_code(network, report)
    if target == "keras":
        from .keras import keras_code

        return keras_code(network, report)
    raise ExportError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")


def checked_report(network: Network) -> Report:
    """The network's report, or ExportError if a layer is in error (code would not run)."""
    report = compute(network)
    if report.errors:
        raise ExportError(
            f"cannot write code for a network with layers in error; first: {report.errors[0]}",
            source=network.name,
        )
    if not network.layers:
        raise ExportError("the network has no layers to write", source=network.name)
    return report


def identifier(name: str, taken: set[str]) -> str:
    """A Python identifier made from a layer name, unique among `taken` (which it joins)."""
    ident = re.sub(r"\W", "_", name).strip("_") or "layer"
    if ident[0].isdigit():
        ident = f"layer_{ident}"
    if keyword.iskeyword(ident) or ident in ("x", "inputs", "torch", "nn", "keras", "layers"):
        ident += "_"
    base, n = ident, 2
    while ident in taken:
        ident = f"{base}_{n}"
        n += 1
    taken.add(ident)
    return ident


def docstring_line(text: str) -> str:
    """The first line of a user's text, safe inside a generated triple-quoted docstring."""
    return text.replace('"', "'").replace("\\", "/").splitlines()[0] if text else "Network"


def is_chain(network: Network) -> bool:
    """Whether every layer reads the one before it (no branches, no merges)."""
    previous = "input"
    for layer in network.layers:
        if layer.inputs is not None and layer.inputs != [previous]:
            return False
        previous = layer.name
    return True


def header(network: Network, framework: str) -> str:
    """The module's docstring: what it builds and where it came from."""
    lines = [f'"""{network.name}: built in {framework}. Written by convdesk.', ""]
    if network.description:
        text = network.description.replace('"', "'").replace("\\", "/")
        lines += [*textwrap.wrap(text, 96), ""]
    lines.append('Run this file to build the network and print its output shape and parameters."""')
    return "\n".join(lines)
