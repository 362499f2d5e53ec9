"""The computing engine: plain Python, no Qt, no numpy.

Everything the window, the canvas and `convdesk summary` show comes from here.
"""

from .compute import compute
from .fileio import (
    NetworkFileError,
    ReadOnlyFileError,
    dumps_network,
    load_network,
    loads_network,
    save_network,
)
from .layertypes import (
    GROUPS,
    LAYER_TYPES,
    Drawing,
    Family,
    KeySpec,
    Kind,
    LayerType,
    types_in_group,
)
from .modern import fitting_values
from .network import INPUT, Layer, Network
from .report import Channels, Known, LayerResult, Rearrangement, ReceptiveField, Report, Window
from .steps import Step, explain, explain_element

__all__ = [
    "GROUPS",
    "INPUT",
    "LAYER_TYPES",
    "Channels",
    "Drawing",
    "Family",
    "KeySpec",
    "Kind",
    "Known",
    "Layer",
    "LayerResult",
    "LayerType",
    "Network",
    "NetworkFileError",
    "ReadOnlyFileError",
    "Rearrangement",
    "ReceptiveField",
    "Report",
    "Step",
    "Window",
    "compute",
    "dumps_network",
    "explain",
    "explain_element",
    "fitting_values",
    "load_network",
    "loads_network",
    "save_network",
    "types_in_group",
]
