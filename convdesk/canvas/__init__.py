"""The canvas: input, kernel and output blocks drawn to scale with pyqtgraph.

`CanvasWidget` is the one public name the window uses. The geometry package (geometry/) is plain
Python and computes every position from the engine's Report; the other modules only draw it.
"""

from __future__ import annotations

__all__ = ["CanvasWidget"]


def __getattr__(name: str):
    # Loaded on first use, so `convdesk.canvas.geometry` can be imported without Qt.
    if name == "CanvasWidget":
        from .widget import CanvasWidget

        return CanvasWidget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
