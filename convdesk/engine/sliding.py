"""Where a sliding window sits for one output element: the index arithmetic of conv and pools."""

from __future__ import annotations

from math import gcd

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
    Solved by arithmetic, not by trying every tap, so a huge kernel costs no more than a small one.
    """
    return tuple(
        _tap_span(o + p, s, d, k, n)
        for o, s, p, k, d, n in zip(
            out_position,
            window.stride,
            window.pad_before,
            window.kernel,
            window.dilation,
            in_sizes,
            strict=True,
        )
    )


def _tap_span(t: int, s: int, d: int, k: int, n: int) -> tuple[int, int] | None:
    """The inputs i in [0, n) with t = i·s + j·d for some tap j in [0, k), as (lowest, highest)."""
    g = gcd(s, d)
    if t % g:
        return None
    # j·d ≡ t (mod s) holds exactly for j ≡ j0 (mod m).
    m = s // g
    j0 = (t // g) * pow(d // g, -1, m) % m if m > 1 else 0
    # 0 ≤ i = (t − j·d) / s < n bounds j on both sides, as does the kernel.
    low = max(0, -(-(t - (n - 1) * s) // d))
    high = min(k - 1, t // d)
    first = low + (j0 - low) % m
    last = high - (high - j0) % m
    if first > last:
        return None
    return (t - last * d) // s, (t - first * d) // s


def position_at(out_sizes: tuple[int, ...], step: int) -> tuple[int, ...]:
    """The output position of one step in reading order, without building the whole list."""
    position = []
    for n in reversed(out_sizes):
        step, rest = divmod(step, n)
        position.append(rest)
    return tuple(reversed(position))
