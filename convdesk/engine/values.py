"""Reading a layer's values: type and sign checks that become clear layer errors."""

from __future__ import annotations

from .network import Layer
from .numbers import shape_list

DIM_NAMES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


class LayerError(Exception):
    """A layer cannot work as configured; the message says why and what would fit."""


def is_int(value: object) -> bool:
    # bool is an int in Python, but `"stride": true` is a mistake, not a 1.
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def get_int(layer: Layer, key: str, minimum: int | None = None) -> int:
    value = layer.get(key)
    if not is_int(value):
        raise LayerError(f"{key} must be a whole number, not {value!r}")
    if minimum is not None and value < minimum:
        raise LayerError(f"{key} must be at least {minimum}, not {value}")
    return value


def get_optional_int(layer: Layer, key: str) -> int | None:
    value = layer.get(key)
    return None if value is None else get_int(layer, key, 1)


def get_bool(layer: Layer, key: str) -> bool:
    value = layer.get(key)
    if not isinstance(value, bool):
        raise LayerError(f"{key} must be true or false, not {value!r}")
    return value


def get_number(
    layer: Layer, key: str, low: float | None = None, high: float | None = None
) -> float:
    value = layer.get(key)
    if not is_number(value):
        raise LayerError(f"{key} must be a number, not {value!r}")
    if low is not None and value < low:
        raise LayerError(f"{key} must be at least {low}, not {value}")
    if high is not None and value > high:
        raise LayerError(f"{key} must be at most {high}, not {value}")
    return float(value)


def spatial(value: object, key: str, dims: int, minimum: int) -> tuple[int, ...]:
    """An int-or-list value as one int per spatial dimension, checked."""
    if is_int(value):
        values: tuple = (value,) * dims
    elif isinstance(value, list | tuple):
        if len(value) != dims:
            raise LayerError(
                f"{key} has {len(value)} numbers, but this layer works on {dims} spatial "
                f"dimension{'s' if dims > 1 else ''} ({', '.join(DIM_NAMES[dims])}); "
                f"one number, or a list of {dims}, would fit"
            )
        if not all(is_int(v) for v in value):
            raise LayerError(f"{key} must hold whole numbers, not {list(value)!r}")
        values = tuple(value)
    else:
        raise LayerError(f"{key} must be a whole number or a list of {dims}, not {value!r}")
    for v in values:
        if v < minimum:
            raise LayerError(f"{key} must be at least {minimum}, not {v}")
    return values


def get_spatial(layer: Layer, key: str, dims: int, minimum: int) -> tuple[int, ...]:
    return spatial(layer.get(key), key, dims, minimum)


def shape_names(dims: int) -> str:
    """The shape a layer of that many spatial dimensions expects, e.g. [C, H, W]."""
    return {1: "[C, L]", 2: "[C, H, W]", 3: "[C, D, H, W]"}[dims]


def get_dim(layer: Layer, key: str, shape: tuple[int, ...]) -> int:
    """A dimension number, counted without the batch (negative counts from the end), as 0…rank-1."""
    dim = get_int(layer, key)
    rank = len(shape)
    if not -rank <= dim < rank:
        raise LayerError(
            f"{key} {dim} is out of range for the input {shape_list(shape)}; "
            f"a {key} from {-rank} to {rank - 1} would fit (0 is the channels)"
        )
    return dim % rank
