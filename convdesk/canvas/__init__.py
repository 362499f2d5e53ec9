"""The canvas: input, kernel and output blocks drawn to scale with pyqtgraph.

`CanvasWidget` and its `VIEW_MODES` are the public names the window uses. The geometry package
(geometry/) is plain Python and computes every position from the engine's Report; the other
modules only draw it.
"""

from __future__ import annotations

__all__ = ["VIEW_MODES", "CanvasWidget"]


def __getattr__(name: str):
    # Loaded on first use, so `convdesk.canvas.geometry` can be imported without Qt.
    if name in __all__:
        from . import widget

        return getattr(widget, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
