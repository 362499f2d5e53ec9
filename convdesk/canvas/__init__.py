"""The canvas: input, kernel and output blocks drawn to scale with pyqtgraph.

`CanvasWidget` is the one public name the window uses. The geometry (geometry.py) is plain Python
and computes every position from the engine's Report; the other modules only draw it.
"""

from .widget import CanvasWidget

__all__ = ["CanvasWidget"]
