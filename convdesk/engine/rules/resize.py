"""The families that resize the spatial dimensions without weights: adaptive pooling, zero
padding and upsampling."""

from __future__ import annotations

from math import isfinite

from ..layertypes import LayerType
from ..network import Layer
from ..numbers import shape_list
from ..report import Computed, Known, LayerResult
from ..values import MAX_INT, LayerError, is_int, is_number, key_minimum, spatial, too_big
from .base import Config, FamilyRule, Inputs, Step, need_rank


class AdaptivePool(FamilyRule):
    """AdaptiveAvgPool and AdaptiveMaxPool: the output size is set, the windows follow."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        need_rank(ltype, shape)
        value = layer.get("output_size")
        if isinstance(value, list) and len(value) == ltype.fixed_dims:
            # PyTorch lets None keep the input's size along that dimension.
            value = [n if v is None else v for v, n in zip(value, shape[1:], strict=True)]
        size = spatial(value, "output_size", ltype.fixed_dims, key_minimum(ltype, "output_size"))
        return Computed((shape[0], *size))

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        return [
            Step(
                "Shape",
                [
                    f"the output size is set, whatever the input: {shape_list(known.input_shape)}"
                    f" → {shape_list(known.output_shape)}",
                    "the windows are chosen to cover the input evenly; no trainable parameters",
                ],
            )
        ]


class ZeroPad(FamilyRule):
    """ZeroPad2d: rows and columns of zeros round the input (negative values crop)."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        need_rank(ltype, shape)
        value = layer.get("padding")
        if is_int(value):
            left = right = top = bottom = value
        elif isinstance(value, list) and len(value) == 4 and all(is_int(v) for v in value):
            left, right, top, bottom = value
        else:
            raise LayerError(
                f"padding must be a whole number or [left, right, top, bottom], not {value!r}"
            )
        h, w = shape[1] + top + bottom, shape[2] + left + right
        if h < 1 or w < 1:
            raise LayerError(f"negative padding crops the input {shape_list(shape)} to {h}×{w}")
        return Computed((shape[0], h, w), receptive_field=given.field)


_UPSAMPLE_DIMS = {"linear": 1, "bilinear": 2, "bicubic": 2, "trilinear": 3}


class Upsample(FamilyRule):
    """Upsample: a size or a scale factor per spatial dimension."""

    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        shape = given.shape
        dims = len(shape) - 1
        if dims < 1:
            raise LayerError(
                f"Upsample needs spatial dimensions, but its input is {shape_list(shape)}"
            )
        mode = layer.get("mode")
        if mode not in ("nearest", "nearest-exact", *_UPSAMPLE_DIMS):
            raise LayerError(
                f"mode {mode!r} is not one of nearest, linear, bilinear, bicubic, trilinear"
            )
        if mode in _UPSAMPLE_DIMS and _UPSAMPLE_DIMS[mode] != dims:
            raise LayerError(
                f"mode {mode!r} works on {_UPSAMPLE_DIMS[mode]}-D inputs, but the input "
                f"{shape_list(shape)} has {dims} spatial dimension{'s' if dims > 1 else ''}"
            )
        size, scale = layer.config.get("size"), layer.config.get("scale_factor")
        if (size is None) == (scale is None):
            raise LayerError("give exactly one of size and scale_factor")
        if size is not None:
            out = spatial(size, "size", dims, key_minimum(ltype, "size"))
        else:
            out = _scaled(shape, scale)
        return Computed((shape[0], *out))


def _scaled(shape: tuple[int, ...], scale: object) -> tuple[int, ...]:
    """The spatial sizes of `shape` times a scale factor, rounded down as PyTorch does."""
    dims = len(shape) - 1
    if is_number(scale):
        scales = (scale,) * dims
    elif isinstance(scale, list) and len(scale) == dims and all(is_number(v) for v in scale):
        scales = tuple(scale)
    else:
        raise LayerError(f"scale_factor must be a number or a list of {dims}, not {scale!r}")
    if not all(_finite(f) and f > 0 for f in scales):
        raise LayerError(f"scale_factor must be positive and finite, not {scale}")
    sizes = [n * f for n, f in zip(shape[1:], scales, strict=True)]
    if max(sizes) > MAX_INT:
        raise LayerError(
            f"scale_factor {scale} makes {shape_list(shape)} larger than 2^63 = {MAX_INT:,}, "
            "more than convdesk supports"
        )
    out = tuple(int(v) for v in sizes)
    if min(out) < 1:
        raise LayerError(f"scale_factor {scale} shrinks {shape_list(shape)} below 1")
    return out


def _finite(value: float) -> bool:
    return isfinite(value) if isinstance(value, float) else not too_big(value)
