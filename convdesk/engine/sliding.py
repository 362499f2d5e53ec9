"""Where a sliding window sits for one output element: the index arithmetic of conv and pools."""

from __future__ import annotations

from .report import Window


def input_span(window: Window, out_position: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """Per spatial dimension, the first and last input index the kernel covers.

    Indices are in unpadded input coordinates: below 0 or past the end means the tap falls in the
    padding. For a conv or pool, output index o starts at o·s − pad_before and its taps are d apart.
    """
    return tuple(
        (o * s - p, o * s - p + (k - 1) * d)
        for o, s, p, k, d in zip(
            out_position,
            window.stride,
            window.pad_before,
            window.kernel,
            window.dilation,
            strict=True,
        )
    )


def transposed_span(
    window: Window, out_position: tuple[int, ...], in_sizes: tuple[int, ...]
) -> tuple[tuple[int, int] | None, ...]:
    """For a transposed convolution: the range of input indices that feed one output element.

    Input i adds its kernel at outputs i·s − p + j·d for taps j = 0..k−1, so output o receives
    from every i with o + p − j·d = i·s for some tap j. None where no input reaches the element.
    """
    spans: list[tuple[int, int] | None] = []
    for o, s, p, k, d, n in zip(
        out_position,
        window.stride,
        window.pad_before,
        window.kernel,
        window.dilation,
        in_sizes,
        strict=True,
    ):
        hits = [
            (o + p - j * d) // s
            for j in range(k)
            if (o + p - j * d) % s == 0 and 0 <= (o + p - j * d) // s < n
        ]
        spans.append((min(hits), max(hits)) if hits else None)
    return tuple(spans)


def position_at(out_sizes: tuple[int, ...], step: int) -> tuple[int, ...]:
    """The output position of one step in reading order, without building the whole list."""
    position = []
    for n in reversed(out_sizes):
        step, rest = divmod(step, n)
        position.append(rest)
    return tuple(reversed(position))
