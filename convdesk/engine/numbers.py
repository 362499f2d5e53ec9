"""How convdesk writes its numbers, in one place: counts, shapes and bytes.

The worked steps, the report formats, the window and the canvas all write through here, so a
number reads the same everywhere and a value that cannot be known (an earlier layer is in error)
is always written MISSING.
"""

from __future__ import annotations

from collections.abc import Sequence

MISSING = "unknown"  # what cannot be known because an earlier layer is in error


def count(n: int | None) -> str:
    """34944 → '34,944'."""
    return MISSING if n is None else f"{n:,}"


def plain(x: float) -> str:
    """A limit or a typed value in a sentence: 1000000 → '1,000,000', 0.0 → '0', 0.5 → '0.5'."""
    if isinstance(x, float) and not x.is_integer():
        return f"{x:g}"
    return f"{int(x):,}"


def short(n: int | None) -> str:
    """105415200 → '105.4 M': for MACs where the exact figure is shown beside it."""
    if n is None:
        return MISSING
    for factor, unit in ((10**12, "T"), (10**9, "G"), (10**6, "M"), (10**3, "k")):
        if abs(n) >= factor:
            return f"{n / factor:.1f} {unit}"
    return str(n)


def size_bytes(n: int | None) -> str:
    """1161600 → '1.11 MiB' (binary units, two decimals), 512 → '512 bytes'."""
    if n is None:
        return MISSING
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.2f} {unit}"
    return f"{n} bytes"


def shape_list(dims: Sequence[int] | None) -> str:
    """(96, 55, 55) → '[96, 55, 55]': channels first, as the file and PyTorch write a shape."""
    return MISSING if dims is None else "[" + ", ".join(str(v) for v in dims) + "]"


def shape_by(dims: Sequence[int] | None) -> str:
    """(96, 55, 55) → '96 × 55 × 55': a shape read as a product, in the layer list and menus."""
    return MISSING if dims is None else " × ".join(str(d) for d in dims)
