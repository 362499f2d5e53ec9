"""Reading a layer's values: type and sign checks that become clear layer errors."""

from __future__ import annotations

import math
import re
from typing import TypeGuard

from .layertypes import KeySpec, LayerType
from .network import Layer
from .numbers import shape_list

MAX_INT = 2**63
"""The largest whole number convdesk works with; files and forms refuse anything above it."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible characters and direction overrides: two names that look alike, or text shown reordered.
_HIDDEN = re.compile("[\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")

DIM_NAMES = {1: ("length",), 2: ("height", "width"), 3: ("depth", "height", "width")}


class LayerError(Exception):
    """A layer cannot work as configured; the message says why and what would fit."""


def is_int(value: object) -> TypeGuard[int]:
    # bool is an int in Python, but `"stride": true` is a mistake, not a 1.
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def has_surrogate(text: str) -> bool:
    """True if the text holds half of a character, which UTF-8 cannot write."""
    return _SURROGATE.search(text) is not None


def text_problem(text: str, allow_lines: bool = False) -> str | None:
    """Why a name (or, with allow_lines, a description) cannot be used, or None if it can.

    Control characters would hide or reorder what a person reads; a lone surrogate cannot be
    written as UTF-8, so a file holding one could never be saved.
    """
    if has_surrogate(text):
        return "it holds an unpaired surrogate (half of a character), which no file can hold"
    bad = _CONTROL.search(re.sub("[\n\r\t]", "", text) if allow_lines else text)
    if bad:
        return f"it holds the control character U+{ord(bad.group()):04X}, which cannot be shown"
    return None


MAX_NAME = 200
"""The longest layer or network name, in characters."""


def name_problem(name: str) -> str | None:
    """Why a layer or network name cannot be used (typed or read), or None if it can."""
    if len(name) > MAX_NAME:
        return f"it is {len(name):,} characters long; names may have up to {MAX_NAME}"
    hidden = _HIDDEN.search(name)
    if hidden:
        return (
            f"it holds U+{ord(hidden.group()):04X}, an invisible or direction-changing "
            "character that makes a name look like another"
        )
    return text_problem(name)


def too_big(value: int) -> str | None:
    """The refusal for a whole number beyond what convdesk supports, or None."""
    if -MAX_INT <= value <= MAX_INT:
        return None
    return f"more than convdesk supports (at most 2^63 = {MAX_INT:,})"


def get_int(layer: Layer, key: str, minimum: int | None = None) -> int:
    value = layer.get(key)
    if not is_int(value):
        raise LayerError(f"{key} must be a whole number, not {_short(value)}")
    if too_big(value):
        raise LayerError(f"{key} is {too_big(value)}")
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
        raise LayerError(f"{key} must be a number, not {_short(value)}")
    if isinstance(value, int) and too_big(value):
        raise LayerError(f"{key} is {too_big(value)}")
    if not math.isfinite(value):
        raise LayerError(f"{key} must be a finite number, not {value}")
    if low is not None and value < low:
        raise LayerError(f"{key} must be at least {low}, not {value}")
    if high is not None and value > high:
        raise LayerError(f"{key} must be at most {high}, not {value}")
    return float(value)


def _short(value: object) -> str:
    """A value for a message: its repr, cut short so that a huge value cannot flood a dialog."""
    try:
        text = repr(value)
    except ValueError:  # an integer past Python's digit limit
        return "a huge number"
    return text if len(text) <= 80 else text[:77] + "..."


def spatial(value: object, key: str, dims: int, minimum: int) -> tuple[int, ...]:
    """An int-or-list value as one int per spatial dimension, checked."""
    if is_int(value):
        values: tuple[int, ...] = (value,) * dims
    elif isinstance(value, list | tuple):
        if len(value) != dims:
            named = f" ({', '.join(DIM_NAMES[dims])})" if dims in DIM_NAMES else ""
            raise LayerError(
                f"{key} has {len(value)} numbers, but this layer works on {dims} spatial "
                f"dimension{'s' if dims > 1 else ''}{named}; "
                f"one number, or a list of {dims}, would fit"
            )
        values = tuple(v for v in value if is_int(v))
        if len(values) != len(value):
            raise LayerError(f"{key} must hold whole numbers, not {_short(list(value))}")
    else:
        raise LayerError(f"{key} must be a whole number or a list of {dims}, not {_short(value)}")
    for v in values:
        if too_big(v):
            raise LayerError(f"{key} is {too_big(v)}")
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


# --- keys read with the bounds their spec gives (the one place minimums are written) ---------


def key_spec(ltype: LayerType, key: str) -> KeySpec:
    spec = ltype.key(key)
    if spec is None:
        raise KeyError(f"{ltype.name} has no key {key!r}")
    return spec


def key_minimum(ltype: LayerType, key: str) -> int:
    """The smallest whole number key `key` of `ltype` takes."""
    low = key_spec(ltype, key).minimum
    if low is None:
        raise KeyError(f"{ltype.name}'s key {key!r} has no minimum")
    return int(low)


def key_int(layer: Layer, ltype: LayerType, key: str) -> int:
    low = key_spec(ltype, key).minimum
    return get_int(layer, key, None if low is None else int(low))


def key_spatial(layer: Layer, ltype: LayerType, key: str, dims: int) -> tuple[int, ...]:
    return get_spatial(layer, key, dims, key_minimum(ltype, key))


def key_number(layer: Layer, ltype: LayerType, key: str) -> float:
    spec = key_spec(ltype, key)
    return get_number(layer, key, spec.minimum, spec.maximum)
