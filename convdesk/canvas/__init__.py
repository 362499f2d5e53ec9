"""The canvas: input, kernel and output blocks drawn to scale with pyqtgraph.

`CanvasWidget`, its `VIEW_MODES` and `write_figure` (a figure written to a file) are the public
names the window uses. The geometry package (geometry/) is plain Python and computes every
position from the engine's Report; the other modules only draw it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what the names below are, for type checkers; loaded lazily at run time
    from .figure import write_figure
    from .widget import VIEW_MODES, CanvasWidget

__all__ = ["VIEW_MODES", "CanvasWidget", "write_figure"]


def __getattr__(name: str) -> object:
    # Loaded on first use, so `convdesk.canvas.geometry` can be imported without Qt. Plain
    # import statements, so the frozen build's analysis sees them.
    if name in ("VIEW_MODES", "CanvasWidget"):
        from . import widget

        return getattr(widget, name)
    if name == "write_figure":
        from . import figure

        return figure.write_figure
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
