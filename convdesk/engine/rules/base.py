"""What a family's rule is: one object that computes a layer, explains it in worked steps and
names what the canvas draws for it; and the small helpers the rules share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar, NamedTuple, TypeVar

from ..divisors import divisors
from ..layertypes import LAYER_TYPES, LayerType
from ..network import Layer
from ..numbers import count, shape_list
from ..report import Computed, Detail, Known, LayerResult, ReceptiveField, Shape
from ..values import LayerError, get_optional_int, shape_names

Config = dict[str, object]  # a layer's keys as written in the file


class Drawing(StrEnum):
    """What the canvas draws for a layer (the layer view's kind of picture)."""

    WINDOW = "window"  # input, kernel and output blocks; the kernel slides over the input
    TRANSPOSED_WINDOW = "transposed_window"  # each input value stamps the kernel onto the output
    DENSE = "dense"  # every input feature feeds every output
    FLATTEN = "flatten"  # the sample laid out as one vector
    FLOW = "flow"  # the input's blocks and the output's, side by side


@dataclass(frozen=True, slots=True)
class Step:
    """One block of the worked steps: a title and its lines (formulas with numbers put in)."""

    title: str
    lines: list[str] = field(default_factory=list)
    error: bool = False


class Inputs(NamedTuple):
    """What a rule reads besides its layer: its inputs' names, shapes and receptive fields (a
    named tuple: made for every layer, it is the quickest immutable record to make)."""

    names: list[str]
    shapes: list[Shape]
    fields: list[ReceptiveField | None]

    @property
    def shape(self) -> Shape:
        """The first input's shape (a layer that is not a merge has only that one)."""
        return self.shapes[0]

    @property
    def field(self) -> ReceptiveField | None:
        """The first input's receptive field."""
        return self.fields[0]


class FamilyRule(ABC):
    """The rule of one family of layer types. The registry holds one object per family (the two
    pools are two objects of one class); a rule keeps no state between layers."""

    drawing: ClassVar[Drawing] = Drawing.FLOW
    """What the canvas draws for a layer of this family."""

    @abstractmethod
    def compute(self, layer: Layer, ltype: LayerType, given: Inputs) -> Computed:
        """The layer's numbers, or LayerError naming the rule and what would fit."""

    def explain(self, result: LayerResult, known: Known, config: Config) -> list[Step]:
        """The worked steps of a working layer (the report's totals come after them)."""
        lines = [shape_change(known)]
        if known.params:
            lines.append(f"trainable parameters: {count(known.params)}")
        return [Step("Shape", lines)]


class FailedWith(LayerError):
    """A rule's error raised after it resolved its detail, so that the canvas still draws it."""

    def __init__(self, message: str, detail: Detail) -> None:
        super().__init__(message)
        self.detail = detail


@contextmanager
def failing_with(detail: Detail) -> Iterator[None]:
    """Errors raised inside keep `detail` (a conv whose kernel does not fit is drawn hanging over
    the edge)."""
    try:
        yield
    except LayerError as exc:
        raise FailedWith(str(exc), detail) from exc


D = TypeVar("D")


def detail_of(result: LayerResult, kind: type[D]) -> D:
    """The detail a rule's own compute stored, read back by its explain."""
    detail = result.detail
    if not isinstance(detail, kind):
        raise TypeError(f"{result.name} has no {kind.__name__}")
    return detail


def shape_change(known: Known) -> str:
    """'keeps the shape [..]' or '[..] → [..]'."""
    if known.input_shape == known.output_shape:
        return f"keeps the shape {shape_list(known.output_shape)}"
    return f"{shape_list(known.input_shape)} → {shape_list(known.output_shape)}"


def need_rank(ltype: LayerType, shape: Shape, dims: int | None = None) -> None:
    """LayerError unless `shape` has the channels and `dims` (the type's) spatial dimensions."""
    dims = ltype.fixed_dims if dims is None else dims
    if len(shape) != dims + 1:
        raise LayerError(
            f"{ltype.name} needs a {shape_names(dims)} input, but its input is {shape_list(shape)}"
        )


def check_in_channels(layer: Layer, key: str, actual: int) -> None:
    """LayerError if the layer writes `key` and it differs from the input's channels."""
    given = get_optional_int(layer, key)
    if given is not None and given != actual:
        raise LayerError(
            f"{key} is {given}, but the input has {actual} channels; set {key} to {actual} "
            "or remove it"
        )


def divisors_near(n: int, asked: int, number: int = 2) -> list[int]:
    """The `number` divisors of `n` closest to `asked`, smallest first (ties go to the smaller)."""
    return sorted(sorted(divisors(n), key=lambda d: (abs(d - asked), d))[:number])


def or_words(values: Sequence[object]) -> str:
    """[a, b, c] as "a, b or c"."""
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def channels_word(n: int) -> str:
    return f"{n} channel" if n == 1 else f"{n} channels"


def groups_fit(key: str, channels: int, groups: int) -> LayerError:
    """The error for groups that do not divide the channels, with the nearest that do."""
    return LayerError(
        f"{key} {groups} does not divide the {channels_word(channels)} into equal groups "
        f"({channels} / {groups} is not a whole number); {key} "
        f"{or_words(divisors_near(channels, groups))} would fit"
    )


def setting(result: LayerResult, config: Config, key: str) -> object:
    """A key's value as the engine used it: written in the file, else the type's default."""
    spec = LAYER_TYPES[result.type].key(key)
    return config.get(key, spec.default if spec is not None else None)


def times(values: Iterable[object]) -> str:
    return " × ".join(str(v) for v in values)
