"""Reading a typed answer and naming the mistake behind a wrong one.

A wrong answer is diagnosed by recomputing the asked number with each common mistake made on
purpose (forgetting the +1, padding one side only, leaving the bias out, ...) and seeing which of
those recomputed numbers the student gave. Nothing here looks at the words of an answer.

Shapes are read channels first when written as a list ("[96, 55, 55]" or "96, 55, 55") and
channels last when written with times signs ("55×55×96", "55x55x96"), as a blackboard writes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from math import ceil, floor, prod

from .compute import compute
from .exercises import Answer, Ask, Exercise, format_answer
from .layertypes import LAYER_TYPES, Family
from .report import Channels, LayerResult, Report, Window, WindowDetail

Number = int | float


@dataclass(frozen=True, slots=True)
class Mistake:
    """A named mistake: what the student did, and what to do instead."""

    key: str
    did: str
    instead: str


MISTAKES: dict[str, Mistake] = {
    m.key: m
    for m in (
        Mistake(
            "forgot_plus_one",
            "forgot the +1",
            "The first position counts too: ⌊(n + 2p − k) / s⌋ steps, plus 1.",
        ),
        Mistake(
            "wrong_rounding",
            "rounded the wrong way",
            "⌊(n + 2p − k) / s⌋ + 1 rounds down (up with ceil_mode); the article's "
            "[(n − k + 1) / s] rounds up.",
        ),
        Mistake(
            "no_rounding",
            "did not round",
            "A layer has a whole number of positions: round the division (down in the general "
            "formula) before adding 1.",
        ),
        Mistake(
            "one_side_padding",
            "padded one side only",
            "Padding p adds p zeros on each side, so the padded size is n + 2p.",
        ),
        Mistake(
            "ignored_padding",
            "left the padding out",
            "The window slides over the padded input, n + 2p.",
        ),
        Mistake(
            "ignored_stride",
            "left the stride out",
            "With stride s the window jumps s places at a time: divide the span by s.",
        ),
        Mistake(
            "ignored_dilation",
            "ignored the dilation",
            "A dilated kernel of size k spans d·(k − 1) + 1 input values.",
        ),
        Mistake(
            "ignored_output_padding",
            "left output_padding out",
            "A transposed convolution adds output_padding to one side of its output.",
        ),
        Mistake(
            "conv_formula_for_transposed",
            "used the convolution formula for a transposed convolution",
            "A transposed convolution grows its input: (n − 1)·s − 2p + d·(k − 1) + "
            "output_padding + 1.",
        ),
        Mistake(
            "forgot_bias",
            "forgot the bias",
            "Each kernel (or output) has one bias as well as its weights.",
        ),
        Mistake(
            "added_bias",
            "counted a bias the layer does not have",
            "bias is off here, so there are weights only.",
        ),
        Mistake(
            "left_out_depth",
            "left the input depth out of the kernel",
            "Each kernel reaches through every input channel it sees: m × l × d weights.",
        ),
        Mistake(
            "ignored_groups",
            "used in_channels instead of in_channels / groups",
            "With groups, each kernel sees only in_channels / groups input channels.",
        ),
        Mistake(
            "bn_running_trainable",
            "counted BatchNorm's running statistics as trainable",
            "The running mean and variance are kept, not learned: only γ and β are trainable.",
        ),
        Mistake(
            "channels_order",
            "mixed up channels first and channels last",
            "A list [C, H, W] puts the channels first, as PyTorch does; 55×55×96 puts them last.",
        ),
        Mistake(
            "flops_not_macs",
            "gave FLOPs, not MACs",
            "One multiply-accumulate is two floating-point operations: MACs = FLOPs / 2.",
        ),
        Mistake(
            "flatten_without_channels",
            "left the channels out of the flattened length",
            "Flatten puts every value of the sample in the vector: C × H × W.",
        ),
        Mistake(
            "ignored_jump",
            "added the kernels up without the strides before them",
            "Each layer widens the receptive field by (k − 1)·d times the product of the "
            "strides before it.",
        ),
    )
}


# --- reading answers ---------------------------------------------------------------------------


class AnswerError(ValueError):
    """An answer that cannot be read; str(error) is the message to show."""


@dataclass(frozen=True, slots=True)
class Reading:
    """An answer as read: its numbers as written, and whether a shape was written channels last."""

    values: tuple[Number, ...]
    channels_last: bool = False

    def channels_first(self) -> tuple[Number, ...]:
        if self.channels_last and len(self.values) > 1:
            return (self.values[-1], *self.values[:-1])
        return self.values


_SCALAR = re.compile(r"[+-]?(?:\d{1,3}(?:[, _\u202f\u00a0]\d{3})+|\d+)(?:\.\d+)?")
_PLAIN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_TIMES = re.compile(r"\s*[x×X*·]\s*")
_TORCH_SIZE = re.compile(r"^torch\.size\s*", re.IGNORECASE)


def _number(text: str) -> Number:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def _not_a_number(text: str) -> AnswerError:
    shown = text if len(text) <= 40 else text[:37] + "…"
    return AnswerError(f"{shown!r} is not a number: type it in digits, e.g. 55 or 34,944")


def parse_answer(text: str, quantity: str) -> Reading:
    """Read a typed answer for a quantity. Raises AnswerError with a message for a person."""
    text = text.strip().rstrip(".").strip()
    if not text:
        raise AnswerError("type an answer first")
    if quantity != "shape":
        if _SCALAR.fullmatch(text):
            return Reading((_number(re.sub(r"[, _\u202f\u00a0]", "", text)),))
        parts = [p for p in re.split(r"[\s,x×X*·\[\]()]+", text) if p]
        if parts and all(_PLAIN.fullmatch(p) for p in parts):
            if _TIMES.search(text) or "[" in text or "(" in text:
                raise AnswerError("one number is asked here, not a shape")
            raise AnswerError(
                f"{text!r} is not one number: commas may only separate thousands, "
                "in groups of three (34,944)"
            )
        raise _not_a_number(text)
    text, wrapped = _TORCH_SIZE.sub("", text), False
    while len(text) > 1 and text[0] in "[(" and text[-1] in "])":
        text, wrapped = text[1:-1].strip(), True
    if wrapped:
        parts, last = re.split(r"\s*,\s*|\s+", text), False
    elif _TIMES.search(text):
        parts, last = _TIMES.split(text), True
    else:
        parts, last = re.split(r"\s*,\s*|\s+", text), False
    parts = [p for p in parts if p]
    if not parts:
        raise AnswerError("type the shape's numbers, e.g. [96, 55, 55] or 55×55×96")
    for part in parts:
        if not _PLAIN.fullmatch(part):
            raise _not_a_number(part)
    return Reading(tuple(_number(p) for p in parts), last)


# --- checking ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of checking one answer box."""

    status: str  # "right", "wrong" or "unreadable"
    message: str
    mistakes: tuple[str, ...] = ()

    @property
    def right(self) -> bool:
        return self.status == "right"


def check_answer(exercise: Exercise, index: int, text: str) -> Verdict:
    """Check the answer typed for ask `index`; name the mistakes that explain a wrong one."""
    ask = exercise.asks[index]
    try:
        reading = parse_answer(text, ask.quantity)
    except AnswerError as exc:
        return Verdict("unreadable", str(exc))
    given = reading.channels_first()
    if _same(given, ask.answer):
        return Verdict("right", f"Right: {format_answer(ask)}.")
    if ask.quantity == "shape" and len(given) != len(ask.answer):  # type: ignore[arg-type]
        return Verdict(
            "wrong",
            f"The output has {len(ask.answer)} dimensions (no batch dimension), "  # type: ignore[arg-type]
            f"but your answer has {len(given)}.",
        )
    found = []
    for key, value in mistaken_answers(exercise, ask):
        if key not in found and _same(given, value, exact=False):
            found.append(key)
    if ask.quantity == "shape" and _channels_swapped(reading, ask.answer):  # type: ignore[arg-type]
        found.append("channels_order")
    if found:
        told = [MISTAKES[k] for k in found]
        lead = "Not quite: it looks as if you " + " or ".join(m.did for m in told) + "."
        return Verdict("wrong", " ".join([lead, *(m.instead for m in told)]), tuple(found))
    return Verdict("wrong", "Not right. " + _partial(ask, given) + "A hint shows the first step.")


def _same(
    given: tuple[Number, ...], answer: Answer | tuple[Number, ...], exact: bool = True
) -> bool:
    wanted = answer if isinstance(answer, tuple) else (answer,)
    if len(given) != len(wanted):
        return False
    if exact:
        return all(isinstance(g, int) and g == w for g, w in zip(given, wanted, strict=True))
    return all(abs(g - w) <= 0.01 for g, w in zip(given, wanted, strict=True))


def _channels_swapped(reading: Reading, answer: tuple[int, ...]) -> bool:
    if len(answer) < 2:
        return False
    other = Reading(reading.values, not reading.channels_last).channels_first()
    return other != reading.channels_first() and _same(other, answer)


def _partial(ask: Ask, given: tuple[Number, ...]) -> str:
    if ask.quantity != "shape" or len(given) < 2:
        return ""
    answer: tuple[int, ...] = ask.answer  # type: ignore[assignment]
    if given[0] == answer[0]:
        return "The number of channels is right; check the sizes. "
    if _same(given[1:], answer[1:]):
        return "The sizes are right; check the number of channels. "
    return ""


# --- recomputing with each mistake -------------------------------------------------------------

Candidate = tuple[str, Answer | tuple[Number, ...]]


def mistaken_answers(exercise: Exercise, ask: Ask) -> list[Candidate]:
    """(mistake, the number that mistake gives) for every mistake that changes this answer."""
    report = compute(exercise.network)
    result = report.by_name(ask.layer)
    makers: dict[str, Callable[[Report, LayerResult], Iterator[Candidate]]] = {
        "shape": _shape_mistakes,
        "length": _length_mistakes,
        "params": _param_mistakes,
        "non_trainable": _non_trainable_mistakes,
        "macs": _mac_mistakes,
        "receptive_field": _rf_mistakes,
        "padding_fix": _padding_mistakes,
    }
    right = ask.answer if isinstance(ask.answer, tuple) else (ask.answer,)
    out = []
    for key, value in makers[ask.quantity](report, result):
        values = value if isinstance(value, tuple) else (value,)
        if not _same(values, right, exact=False):
            out.append((key, value))
    return out


def _family(result: LayerResult) -> str:
    return LAYER_TYPES[result.type].family


@dataclass(frozen=True, slots=True)
class _Slip:
    """How one mistake changes the per-axis size rule."""

    one_side: bool = False
    no_padding: bool = False
    no_stride: bool = False
    no_dilation: bool = False
    no_output_padding: bool = False
    no_plus_one: bool = False
    rounding: str = ""  # "", "other" (the other way), "article-down", "none" (no rounding)
    conv_rule: bool = False


_SIZE_SLIPS = (
    ("forgot_plus_one", _Slip(no_plus_one=True)),
    ("wrong_rounding", _Slip(rounding="other")),
    ("wrong_rounding", _Slip(rounding="article-down")),
    ("no_rounding", _Slip(rounding="none")),
    ("no_rounding", _Slip(rounding="article-none")),
    ("one_side_padding", _Slip(one_side=True)),
    ("ignored_padding", _Slip(no_padding=True)),
    ("ignored_stride", _Slip(no_stride=True)),
    ("ignored_dilation", _Slip(no_dilation=True)),
    ("ignored_output_padding", _Slip(no_output_padding=True)),
    ("conv_formula_for_transposed", _Slip(conv_rule=True)),
)


def slipped_size(
    window: Window, axis: int, size: int, transposed: bool, slip: _Slip
) -> Number | None:
    """One axis's output size worked out with a slip; None where the slip cannot apply."""
    k, s, d = window.kernel[axis], window.stride[axis], window.dilation[axis]
    pb, pa = window.pad_before[axis], window.pad_after[axis]
    if slip.one_side:
        if pb != pa or pb == 0:
            return None
        pa = 0
    if slip.no_padding:
        pb = pa = 0
    if slip.no_stride:
        s = 1
    if slip.no_dilation:
        d = 1
    if transposed and not slip.conv_rule:
        op = 0 if slip.no_output_padding else window.output_padding[axis]
        return (size - 1) * s - pb - pa + d * (k - 1) + op + (0 if slip.no_plus_one else 1)
    if slip.no_output_padding:
        return None
    span = size + pb + pa - d * (k - 1) - 1
    up = window.ceil_mode != (slip.rounding == "other")
    if slip.rounding == "none":
        return span / s + 1
    if slip.rounding == "article-none":
        return (span + 1) / s
    if slip.rounding == "article-down":
        return (span + 1) // s
    steps = ceil(span / s) if up else floor(span / s)
    return steps + (0 if slip.no_plus_one else 1)


def _shape_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    window, shape = result.window, result.input_shapes[0]
    if window is None or shape is None or result.output_shape is None:
        return
    transposed = _family(result) == "conv_transpose"
    for key, slip in _SIZE_SLIPS:
        if slip.conv_rule and not transposed:
            continue
        sizes = [
            slipped_size(window, axis, n, transposed, slip) for axis, n in enumerate(shape[1:])
        ]
        known = [size for size in sizes if size is not None]
        if len(known) == len(sizes):
            yield key, (result.output_shape[0], *known)


def _length_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    shape = result.input_shapes[0]
    if shape is not None and len(shape) > 1:
        yield "flatten_without_channels", prod(shape[1:])


def _param_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    params, family = result.params, _family(result)
    if params is None:
        return
    if family == Family.BATCH_NORM:
        if result.non_trainable_params:
            yield "bn_running_trainable", params + result.non_trainable_params
        return
    detail = result.detail
    if family == Family.LINEAR and isinstance(detail, Channels):
        channels, kernel = detail, 1
        weights = detail.in_channels * detail.out_channels
    elif family in (Family.CONV, Family.CONV_TRANSPOSE) and isinstance(detail, WindowDetail):
        channels, kernel = detail.channels, prod(detail.window.kernel)
        c_in, out, groups = channels.in_channels, channels.out_channels, channels.groups
        if family == Family.CONV_TRANSPOSE:
            weights = c_in * (out // groups) * kernel
        else:
            weights = out * (c_in // groups) * kernel
    else:
        return
    out = channels.out_channels
    bias = params - weights
    if bias:
        yield "forgot_bias", weights
    else:
        yield "added_bias", weights + out
    if family != Family.LINEAR:
        yield "left_out_depth", out * kernel + bias
        if channels.groups > 1:
            yield "ignored_groups", out * channels.in_channels * kernel + bias


def _non_trainable_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    if result.non_trainable_params:
        yield "bn_running_trainable", 0


def _mac_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    if result.macs is None:
        return
    yield "flops_not_macs", 2 * result.macs
    detail = result.detail
    if _family(result) == Family.CONV and isinstance(detail, WindowDetail) and result.output_shape:
        kernel, outputs = prod(detail.window.kernel), prod(result.output_shape)
        yield "left_out_depth", outputs * kernel
        if detail.channels.groups > 1:
            yield "ignored_groups", outputs * detail.channels.in_channels * kernel


def _rf_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    windows = [r.window for r in report.layers[: result.index + 1] if r.window is not None]
    if not windows:
        return
    yield "ignored_jump", 1 + sum((w.kernel[0] - 1) * w.dilation[0] for w in windows)
    size, jump = 1, 1
    for w in windows:
        size, jump = size + (w.kernel[0] - 1) * jump, jump * w.stride[0]
    yield "ignored_dilation", size


def _padding_mistakes(report: Report, result: LayerResult) -> Iterator[Candidate]:
    window, shape = result.window, result.input_shapes[0]
    if window is None or shape is None:
        return
    need_one_side = [max(e - n, 0) for e, n in zip(window.extent, shape[1:], strict=True)]
    yield "one_side_padding", max(need_one_side)
    need_no_dilation = [max(k - n, 0) for k, n in zip(window.kernel, shape[1:], strict=True)]
    yield "ignored_dilation", max(-(-v // 2) for v in need_no_dilation)
