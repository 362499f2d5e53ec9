"""How the window writes the engine's numbers: exact counts with separators, and short forms."""

from __future__ import annotations

from collections.abc import Sequence

from convdesk.engine.steps import human_bytes

MISSING = "—"  # what cannot be known because an earlier layer is in error


def count(n: int | None) -> str:
    """34944 → '34,944'."""
    return MISSING if n is None else f"{n:,}"


def plain(x: float) -> str:
    """A limit or a typed value in a sentence: 1000000 → '1,000,000', 0.0 → '0', 0.5 → '0.5'."""
    if isinstance(x, float) and not x.is_integer():
        return f"{x:g}"
    return f"{int(x):,}"


def shape(dims: Sequence[int] | None) -> str:
    """(96, 55, 55) → '96 × 55 × 55'."""
    if dims is None:
        return "?"
    return " × ".join(str(d) for d in dims)


def short(n: int | None) -> str:
    """105415200 → '105.4 M': for MACs, where the exact figure is in the tooltip."""
    if n is None:
        return MISSING
    for factor, unit in ((10**12, "T"), (10**9, "G"), (10**6, "M"), (10**3, "k")):
        if abs(n) >= factor:
            return f"{n / factor:.1f} {unit}"
    return str(n)


def size_bytes(n: int | None) -> str:
    """1161600 → '1.11 MiB', written exactly as the engine's worked steps write it."""
    return MISSING if n is None else human_bytes(n)
