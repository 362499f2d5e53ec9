"""What a family's rule is: it reads one layer and its inputs' shapes and receptive fields, and
fills the layer's result, or raises LayerError naming the rule and what would fit."""

from __future__ import annotations

from collections.abc import Callable

from .layertypes import LayerType
from .network import Layer
from .report import LayerResult, ReceptiveField, Shape

Rule = Callable[[Layer, LayerType, LayerResult, list[Shape], list[ReceptiveField | None]], None]
