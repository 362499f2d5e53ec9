"""What the engine computes: one LayerResult per layer and the totals of a Report."""

from __future__ import annotations

from dataclasses import dataclass, field

Shape = tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReceptiveField:
    """Per spatial dimension: the input region one output element sees, and its step."""

    size: tuple[int, ...]
    jump: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Window:
    """The resolved sliding window of a conv, transposed conv or pool, per spatial dimension.

    Padding is split into the part before (top/left/front) and after (bottom/right/back) because
    "same" padding may be uneven. For a transposed convolution `pad_before`/`pad_after` are its
    `padding` (taken off the output), and `output_padding` is set.
    """

    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    pad_before: tuple[int, ...]
    pad_after: tuple[int, ...]
    output_padding: tuple[int, ...] = ()
    ceil_mode: bool = False
    padding_mode: str = "explicit"  # "explicit", "same" or "valid", as written

    @property
    def extent(self) -> tuple[int, ...]:
        """The dilated kernel's span: d(k - 1) + 1."""
        return tuple(d * (k - 1) + 1 for k, d in zip(self.kernel, self.dilation, strict=True))


@dataclass(frozen=True, slots=True)
class Rearrangement:
    """How a Permute or a Narrow moves values without computing new ones.

    Output dimension i of a permute is input dimension `order[i]`; a narrow keeps indices
    `start … start + length − 1` of input dimension `dim` (and its `order` is unchanged).
    """

    order: tuple[int, ...]
    dim: int = 0
    start: int = 0
    length: int = 0


@dataclass(frozen=True, slots=True)
class Channels:
    """The channels (a linear layer's features) a layer maps, in how many groups, and whether
    it adds a bias after its weights (conv, transposed conv, linear)."""

    in_channels: int
    out_channels: int
    groups: int = 1
    bias: bool = False


@dataclass(frozen=True, slots=True)
class WindowDetail:
    """What a sliding-window layer (conv, transposed conv, pool) resolved: its window and the
    channels it maps, bias included."""

    window: Window
    channels: Channels


Detail = WindowDetail | Channels | Rearrangement | None
"""What a family's rule resolved beyond the numbers, for the worked steps and the canvas: a
window, the channels (a linear layer's features) a layer maps, a rearrangement, or nothing."""


@dataclass(frozen=True, slots=True)
class Computed:
    """A working layer: its output shape, its counts and what its rule resolved."""

    output_shape: Shape
    params: int = 0
    non_trainable_params: int = 0
    macs: int = 0
    receptive_field: ReceptiveField | None = None  # None: the output maps to no input region
    detail: Detail = None


@dataclass(frozen=True, slots=True)
class Failed:
    """A layer in error: the message names it, the rule and the numbers, and what would fit."""

    error: str
    detail: Detail = None  # what the rule resolved before it failed: a window is still drawn


@dataclass(frozen=True, slots=True)
class Blocked:
    """A layer left without an input shape by an earlier layer in error."""

    by: str  # the layer in error to blame ("input" when the network's input is wrong)


Outcome = Computed | Failed | Blocked


@dataclass(frozen=True, slots=True)
class Known:
    """A working layer's numbers, all known: what the worked steps explain."""

    input_shape: Shape  # the first input's
    output_shape: Shape
    params: int
    macs: int


@dataclass(frozen=True, slots=True)
class LayerResult:
    """Everything computed for one layer: where its inputs come from, and its outcome.

    The read-only properties below read the outcome for display code; None there means "not
    known" (the layer or one before it is in error).
    """

    index: int
    name: str
    type: str
    inputs: list[str]
    input_shapes: list[Shape | None]
    outcome: Outcome

    @property
    def computed(self) -> Computed | None:
        return self.outcome if isinstance(self.outcome, Computed) else None

    @property
    def output_shape(self) -> Shape | None:
        return self.outcome.output_shape if isinstance(self.outcome, Computed) else None

    @property
    def params(self) -> int | None:
        return self.outcome.params if isinstance(self.outcome, Computed) else None

    @property
    def non_trainable_params(self) -> int | None:
        return self.outcome.non_trainable_params if isinstance(self.outcome, Computed) else None

    @property
    def macs(self) -> int | None:
        return self.outcome.macs if isinstance(self.outcome, Computed) else None

    @property
    def receptive_field(self) -> ReceptiveField | None:
        return self.outcome.receptive_field if isinstance(self.outcome, Computed) else None

    @property
    def error(self) -> str | None:
        return self.outcome.error if isinstance(self.outcome, Failed) else None

    @property
    def blocked_by(self) -> str | None:
        return self.outcome.by if isinstance(self.outcome, Blocked) else None

    @property
    def detail(self) -> Detail:
        return None if isinstance(self.outcome, Blocked) else self.outcome.detail

    @property
    def window(self) -> Window | None:
        detail = self.detail
        return detail.window if isinstance(detail, WindowDetail) else None

    @property
    def channels(self) -> Channels | None:
        detail = self.detail
        if isinstance(detail, WindowDetail):
            return detail.channels
        return detail if isinstance(detail, Channels) else None

    @property
    def rearrangement(self) -> Rearrangement | None:
        detail = self.detail
        return detail if isinstance(detail, Rearrangement) else None

    @property
    def in_channels(self) -> int | None:
        return None if self.channels is None else self.channels.in_channels

    @property
    def out_channels(self) -> int | None:
        return None if self.channels is None else self.channels.out_channels

    @property
    def groups(self) -> int:
        return 1 if self.channels is None else self.channels.groups

    @property
    def bias(self) -> bool:
        return self.channels is not None and self.channels.bias

    def known(self) -> Known | None:
        """The layer's numbers when it and its inputs work, else None."""
        done = self.computed
        first = self.input_shapes[0] if self.input_shapes else None
        if done is None or first is None:
            return None
        return Known(first, done.output_shape, done.params, done.macs)

    @property
    def flops(self) -> int | None:
        return None if self.macs is None else 2 * self.macs

    @property
    def activation_bytes(self) -> int | None:
        if self.output_shape is None:
            return None
        n = 4  # float32
        for dim in self.output_shape:
            n *= dim
        return n

    @property
    def status(self) -> str:
        """'ok', 'error' (this layer is wrong) or 'unknown' (an earlier layer is wrong)."""
        if isinstance(self.outcome, Failed):
            return "error"
        return "ok" if isinstance(self.outcome, Computed) else "unknown"


@dataclass(slots=True)
class Report:
    """The report of a whole network: per-layer results and totals."""

    name: str
    input: Shape
    layers: list[LayerResult] = field(default_factory=list)

    @property
    def trainable_params(self) -> int:
        return sum(r.params or 0 for r in self.layers)

    @property
    def non_trainable_params(self) -> int:
        return sum(r.non_trainable_params or 0 for r in self.layers)

    @property
    def total_params(self) -> int:
        return self.trainable_params + self.non_trainable_params

    @property
    def macs(self) -> int:
        return sum(r.macs or 0 for r in self.layers)

    @property
    def flops(self) -> int:
        return 2 * self.macs

    @property
    def activation_bytes(self) -> int:
        return sum(r.activation_bytes or 0 for r in self.layers)

    @property
    def errors(self) -> list[str]:
        return [r.error for r in self.layers if r.error is not None]

    @property
    def output_shape(self) -> Shape | None:
        return self.layers[-1].output_shape if self.layers else self.input

    def by_name(self, name: str) -> LayerResult:
        for r in self.layers:
            if r.name == name:
                return r
        raise KeyError(name)
