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
from .fitting import fitting_values
from .layertypes import (
    GROUPS,
    LAYER_TYPES,
    Family,
    KeySpec,
    Kind,
    LayerType,
    types_in_group,
)
from .network import INPUT, Layer, Network
from .report import (
    Blocked,
    Channels,
    Computed,
    Failed,
    Known,
    LayerResult,
    Outcome,
    Rearrangement,
    ReceptiveField,
    Report,
    Window,
    WindowDetail,
)
from .rules import RULES, Drawing, FamilyRule, Step, drawing_of
from .steps import explain, explain_element

__all__ = [
    "GROUPS",
    "INPUT",
    "LAYER_TYPES",
    "RULES",
    "Blocked",
    "Channels",
    "Computed",
    "Drawing",
    "Failed",
    "Family",
    "FamilyRule",
    "KeySpec",
    "Kind",
    "Known",
    "Layer",
    "LayerResult",
    "LayerType",
    "Network",
    "NetworkFileError",
    "Outcome",
    "ReadOnlyFileError",
    "Rearrangement",
    "ReceptiveField",
    "Report",
    "Step",
    "Window",
    "WindowDetail",
    "compute",
    "drawing_of",
    "dumps_network",
    "explain",
    "explain_element",
    "fitting_values",
    "load_network",
    "loads_network",
    "save_network",
    "types_in_group",
]
