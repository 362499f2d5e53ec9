"""The worked steps the window shows for a layer: every number of the report, worked out.

Each family's rule (`rules`) writes the steps of its own layers; this module adds the heading,
the error or blocked note, the memory and the receptive field, and the index arithmetic of one
output element. Texts are plain Unicode so that the window, the clipboard and a terminal can all
show them.
"""

from __future__ import annotations

from math import prod

from .layertypes import LAYER_TYPES
from .network import Network
from .numbers import count, shape_list, size_bytes
from .report import Blocked, Failed, Known, ReceptiveField, Report
from .rules import RULES, Drawing, Step, drawing_of
from .sliding import input_span, transposed_span
from .values import DIM_NAMES


def explain(network: Network, report: Report, index: int) -> list[Step]:
    """The worked steps of one layer."""
    result = report.layers[index]
    layer = network.layers[index]
    head = Step(
        f"{result.name} ({result.type})",
        [
            "input: "
            + ", ".join(
                f"{name} {shape_list(shape)}"
                for name, shape in zip(result.inputs, result.input_shapes, strict=True)
            )
        ],
    )
    outcome = result.outcome
    if isinstance(outcome, Failed):
        return [head, Step("What is wrong", [outcome.error], error=True)]
    if isinstance(outcome, Blocked):
        return [
            head,
            Step(
                "Shape unknown",
                [
                    f"The layer {outcome.by} is in error, so this layer's input shape is "
                    "not known. Fix that layer first."
                ],
                error=True,
            ),
        ]
    known = result.known()
    assert known is not None  # a computed layer's inputs all have shapes
    body = RULES[LAYER_TYPES[result.type].family].explain(result, known, layer.config)
    return [head, *body, *_totals(known, outcome.receptive_field)]


def _totals(known: Known, receptive_field: ReceptiveField | None) -> list[Step]:
    activation = 4 * prod(known.output_shape)  # float32
    lines = [
        f"activation memory: {' × '.join(str(v) for v in known.output_shape)} × 4 bytes = "
        f"{count(activation)} bytes"
        + (f" ({size_bytes(activation)})" if activation >= 1024 else "")
    ]
    rf = receptive_field
    if rf is not None:
        dims = len(rf.size)
        names = DIM_NAMES[dims]
        lines.append(
            "receptive field: one output value sees "
            + " × ".join(str(v) for v in rf.size)
            + " input values ("
            + " × ".join(names)
            + "); the next output value along an axis moves it "
            + " × ".join(str(v) for v in rf.jump)
        )
    else:
        lines.append("receptive field: none (this output no longer maps to input positions)")
    return [Step("Memory and receptive field", lines)]


def explain_element(
    network: Network, report: Report, index: int, out_position: tuple[int, ...]
) -> list[Step]:
    """The index arithmetic of one output element of a conv, pool or transposed conv."""
    result = report.layers[index]
    w, in_shape = result.window, result.input_shapes[0] if result.input_shapes else None
    if w is None or result.output_shape is None or in_shape is None:
        return []
    dims = len(w.kernel)
    names = DIM_NAMES[dims]
    lines = []
    if drawing_of(result.type) == Drawing.TRANSPOSED_WINDOW:
        spans = transposed_span(w, out_position, in_shape[1:])
        for name, o, span in zip(names, out_position, spans, strict=True):
            if span is None:
                lines.append(f"{name}: output {o} receives no input value (only bias)")
            else:
                lines.append(
                    f"{name}: output {o} gets contributions from inputs {span[0]}…{span[1]} "
                    f"(input i lands at i·{w.stride[names.index(name)]} − pad + tap·dil)"
                )
        return [Step("This output element", lines)]
    sizes = in_shape[1:]
    for name, o, (first, last), s, p, d, size in zip(
        names,
        out_position,
        input_span(w, out_position),
        w.stride,
        w.pad_before,
        w.dilation,
        sizes,
        strict=True,
    ):
        text = (
            f"{name}: output {o} starts at input {o}·{s} − {p} = {first}, ends at "
            f"{first} + ({w.kernel[names.index(name)]} − 1)·{d} = {last}"
        )
        if first < 0 or last >= size:
            text += "  (part of it lies in the padding)"
        lines.append(text)
    return [Step("This output element", lines)]
