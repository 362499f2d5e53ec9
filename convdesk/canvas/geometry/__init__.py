"""Where the canvas puts things, in model units: plain Python, no Qt, no pyqtgraph.

- `primitives`: the oblique projection, 3-D boxes, labels, and how a shape maps onto a box.
- `layer_scene`: the layer view (one layer's input, kernel and output, and the kernel's frames).
- `network_layout`: the network view (every layer's output as a block, links and skips).
- `label_fit`: where label text lies, which labels fit side by side, and fitting a view.
- `network_fit`: fitting the network view (room for the ends' shapes, blocks 4 px at least).

The names most callers need are importable from this package directly.
"""

from .label_fit import Size, fit_view, label_extent, label_rect, place_labels
from .layer_scene import Frame, LayerScene, block_rects, layer_frame, layer_scene
from .network_fit import fit_network
from .network_layout import (
    LEGIBLE_BLOCKS,
    NEIGHBOURS,
    SELECTED_PRIORITY,
    Block,
    NetworkLayout,
    neighbourhood,
    network_layout,
    unit_title,
)
from .primitives import (
    DEPTH_SCALE_TEXT,
    DEPTH_SCALES,
    OBLIQUE_X,
    OBLIQUE_Y,
    AxisMap,
    Box,
    Label,
    Point,
    Segment,
    ShapeAxes,
    drawn_sizes,
    project,
    scale_depth,
    shape_axes,
    shape_box,
    shape_text,
    spatial_to_axes,
)

__all__ = [
    "DEPTH_SCALES",
    "DEPTH_SCALE_TEXT",
    "LEGIBLE_BLOCKS",
    "NEIGHBOURS",
    "OBLIQUE_X",
    "OBLIQUE_Y",
    "SELECTED_PRIORITY",
    "AxisMap",
    "Block",
    "Box",
    "Frame",
    "Label",
    "LayerScene",
    "NetworkLayout",
    "Point",
    "Segment",
    "ShapeAxes",
    "Size",
    "block_rects",
    "drawn_sizes",
    "fit_network",
    "fit_view",
    "label_extent",
    "label_rect",
    "layer_frame",
    "layer_scene",
    "neighbourhood",
    "network_layout",
    "place_labels",
    "project",
    "scale_depth",
    "shape_axes",
    "shape_box",
    "shape_text",
    "spatial_to_axes",
    "unit_title",
]
