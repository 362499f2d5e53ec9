"""Tooltip texts, made from the engine's LayerResult only (plain Python, no Qt)."""

from __future__ import annotations

from convdesk.engine import WindowDetail, numbers

from .geometry.primitives import shape_text


def _shape(shape) -> str:
    if shape is None:
        return numbers.MISSING
    return f"{shape_text(shape)}  (engine order {list(shape)})"


def block_tooltip(result) -> str:
    """What hovering a block of the network view tells: shape, parameters and MACs."""
    lines = [
        f"{result.name} ({result.type})",
        f"output: {_shape(result.output_shape)}",
        f"params: {numbers.count(result.params)}",
        f"MACs: {numbers.count(result.macs)}",
    ]
    if result.error:
        lines.append(f"error: {result.error}")
    elif result.blocked_by:
        lines.append(f"no shape: blocked by {result.blocked_by}")
    return "\n".join(lines)


def input_tooltip(shape) -> str:
    return f"network input\nshape: {_shape(tuple(shape))}"


def layer_tooltip(result, part: str, position: tuple[int, ...]) -> str:
    """What hovering a part of the layer view tells."""
    detail = result.detail
    if part in ("input", "padding"):
        shapes = ", ".join(_shape(s) for s in result.input_shapes)
        extra = ""
        if part == "padding" and isinstance(detail, WindowDetail):
            extra = (
                f"\npadding before {list(detail.window.pad_before)}, "
                f"after {list(detail.window.pad_after)}"
            )
        return f"input of {result.name}: {shapes}{extra}"
    if part == "kernel" and isinstance(detail, WindowDetail):
        w, groups = detail.window, detail.channels.groups
        return (
            f"kernel {list(w.kernel)} over {detail.channels.in_channels} input channels"
            f" in {groups} group{'' if groups == 1 else 's'}"
            f"\nstride {list(w.stride)}, dilation {list(w.dilation)}"
            f"\nnow at output position {list(position)}"
        )
    if part == "element":
        return f"output element {list(position)} (channel 0)"
    return block_tooltip(result)
